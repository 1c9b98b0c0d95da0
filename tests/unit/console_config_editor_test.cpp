// The config panel's model: the page's config taken in, edits checked live with the engine's own
// reader (errors with JSON paths), apply, revert.
#include <gtest/gtest.h>

#include "console/config_editor.hpp"

namespace parley::console {
namespace {

constexpr std::string_view kPageConfig =
    R"({"rules":[{"id":"dwell","when":{"fact":"timeOnPage","gte":20000},"invite":{"message":"Hi"}}]})";

bool has_error(const std::vector<ErrorRow>& errors, std::string_view code, std::string_view path) {
  for (const ErrorRow& error : errors)
    if (error.code == code && error.path == path) return true;
  return false;
}

TEST(ConsoleConfigEditor, PageConfigIsPrettyPrintedForEditing) {
  ConfigEditor editor;
  editor.load(kPageConfig);
  EXPECT_NE(editor.text().find("\n  \"rules\": ["), std::string::npos);
  EXPECT_TRUE(editor.errors().empty());
  EXPECT_FALSE(editor.edited());
  EXPECT_EQ(editor.rule_count(), 1u);
}

TEST(ConsoleConfigEditor, EditsAreCheckedWithTheEnginesReaderAndItsPaths) {
  ConfigEditor editor;
  editor.load(kPageConfig);
  editor.edit(R"({"rules": [{"id": "a", "when": {"fact": "timeOnPage", "gtee": 5}, "invite": {"message": "x"}},
                            {"id": "b", "when": {"fact": "url", "matches": "/kb/*"}},
                            {"id": "c", "when": {"fact": "url", "matches": "/kb/*"}, "invite": {"message": "y"}}],
                  "theme": {"colour": "red"}})");
  EXPECT_TRUE(editor.edited());
  EXPECT_FALSE(editor.malformed());
  EXPECT_TRUE(has_error(editor.errors(), "unknown_operator", "/rules/0/when/gtee")) << "the misspelt operator, at its path";
  EXPECT_TRUE(has_error(editor.errors(), "unknown_key", "/theme/colour"));
  EXPECT_TRUE(has_error(editor.errors(), "missing_field", "/rules/1/invite"));
  EXPECT_EQ(editor.rule_count(), 2u) << "a rule without invite is dropped; a bad condition only never fires";
}

TEST(ConsoleConfigEditor, TextThatIsNotJsonIsMalformed) {
  ConfigEditor editor;
  editor.edit(R"({"rules": [)");
  EXPECT_TRUE(editor.malformed());
  ASSERT_FALSE(editor.errors().empty());
  EXPECT_EQ(editor.errors()[0].code, "malformed_json");
}

TEST(ConsoleConfigEditor, APageChangeDoesNotOverwriteAPendingEdit) {
  ConfigEditor editor;
  editor.load(kPageConfig);
  editor.edit("{\"locale\": \"fr\"}");
  editor.load(R"({"locale":"en"})");
  EXPECT_EQ(editor.text(), "{\"locale\": \"fr\"}");
  editor.revert();
  EXPECT_FALSE(editor.edited());
  EXPECT_EQ(editor.text(), "{\n  \"locale\": \"en\"\n}") << "revert takes the page's latest config";
}

TEST(ConsoleConfigEditor, AppliedEditBecomesTheBaselineAndKeepsThePagesAnswer) {
  ConfigEditor editor;
  editor.load(kPageConfig);
  editor.edit(R"({"locale": "fr", "colour": 1})");
  editor.applied({{"unknown_key", "unknown key \"colour\"", "/colour"}});
  EXPECT_FALSE(editor.edited());
  EXPECT_TRUE(editor.has_applied());
  ASSERT_EQ(editor.last_apply_errors().size(), 1u);
  EXPECT_EQ(editor.last_apply_errors()[0].path, "/colour");
  editor.load(R"({"locale":"fr","colour":1})");
  EXPECT_EQ(editor.text(), "{\n  \"colour\": 1,\n  \"locale\": \"fr\"\n}") << "the page's config is taken in again";
}

TEST(ConsoleConfigEditor, PrettyJsonLeavesNonJsonAlone) {
  EXPECT_EQ(pretty_json("{\"a\":[1,2]}"), "{\n  \"a\": [\n    1,\n    2\n  ]\n}");
  EXPECT_EQ(pretty_json("{oops"), "{oops");
}

}  // namespace
}  // namespace parley::console
