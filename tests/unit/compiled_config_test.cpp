// A compiled config (parley/compiled_config.hpp): read back exactly as it was written, refused
// (with the JSON read instead, and said) when stale, from another version or malformed.
// tests/unit/scenario_test.cpp plays every fixture from its compiled config as well.
#include <gtest/gtest.h>

#include <functional>

#include "parley/compiled_config.hpp"
#include "parley/engine.hpp"

namespace parley {
namespace {

// Every section, optional texts, custom facts, zones and every kind of condition node.
constexpr const char* kRich = R"({
  "locale": "fr",
  "strings": {"launcher": {"en": "Talk to us", "fr": "Parlons"}},
  "consent": "required",
  "theme": {"mode": "dark", "position": "left", "color": "#123456", "offset": {"x": 8, "y": 40},
            "title": {"en": "Help", "fr": "Aide"}, "agentName": "Ana", "logo": "/logo.png"},
  "visits": {"cookie": "v", "scope": "page", "days": 30},
  "session": {"idleMinutes": 10},
  "transport": {"kind": "websocket", "urls": ["wss://a.example/visitor", "wss://b.example/visitor"]},
  "launcher": {"chat": "fallback", "video": ["/pro/*"]},
  "video": {"camera": "one_way", "promptTimeout": 20, "iceServers": [{"urls": "stun:stun.example"}]},
  "satisfaction": true,
  "prechat": {"questions": [
    {"id": "name", "label": "Name", "required": true},
    {"id": "topic", "type": "choice", "label": {"en": "Topic", "fr": "Sujet"}, "options": ["Billing", "Other"]}]},
  "exitIntent": {"minDwell": 1000, "touchWindow": 3000},
  "rules": [
    {"id": "low", "priority": -1, "invite": {"message": "Hi", "channel": "chat+video", "prechat": true, "expiresAfter": 0},
     "when": {"all": [{"fact": "custom.cart", "between": [10, 500]},
                      {"not": {"fact": "country", "in": ["FR", "BE"]}},
                      {"any": [{"fact": "hour", "zone": "Europe/Paris", "gte": 9}, {"fact": "url", "matches": "/kb/*"}]},
                      {"fact": "custom.vip"}]},
     "context": {"source": {"value": "kb", "isDisplayable": true}},
     "frequency": {"per": "visitor", "times": 3, "minInterval": 60000},
     "afterDecline": {"hours": 12}},
    {"id": "high", "priority": 5, "invite": {"message": {"en": "Hello", "fr": "Bonjour"}}, "afterDecline": "forever",
     "when": {"fact": "weekday", "in": ["sat", "sun"]}}
  ]
})";

Json rich_source() { return Json::parse(kRich); }

Json compiled_file(Json source) {
  ConfigResult read = read_config(source);
  EXPECT_TRUE(read.errors.empty()) << (read.errors.empty() ? "" : read.errors[0].path + ": " + read.errors[0].message);
  source[kCompiledKey] = compile_config(read.config, source);
  return source;
}

// The compiled file with its field list changed by `edit` and its check made right again: what
// only a malformed (or hand-forged) file can hold.
Json forged(const std::function<void(Json& fields)>& edit) {
  Json file = compiled_file(rich_source());
  Json& fields = file[kCompiledKey]["config"];
  edit(fields);
  file[kCompiledKey]["check"] = compiled_config_check(file, fields);
  return file;
}

TEST(CompiledConfig, ReadsBackTheConfigItWasCompiledFrom) {
  Json file = compiled_file(rich_source());
  Errors errors;
  std::optional<Config> config = read_compiled_config(file, errors);
  ASSERT_TRUE(config.has_value()) << (errors.empty() ? "" : errors[0].message);
  EXPECT_TRUE(errors.empty());
  // Compiled again, the same fields: nothing was lost or changed on the way.
  EXPECT_EQ(compile_config(*config, file)["config"], file[kCompiledKey]["config"]);
  EXPECT_EQ(config->rules.front().id, "high");  // still sorted by priority
  EXPECT_EQ(config->facts.find("custom.vip"), read_config(rich_source()).config.facts.find("custom.vip"));
  EXPECT_EQ(config->zones(), std::vector<std::string>{"Europe/Paris"});
  EXPECT_EQ(config->transport.urls.size(), 2u);
  EXPECT_EQ(config->prechat.questions[1].options[0].fr, "Billing");
}

TEST(CompiledConfig, AConfigWithoutOneIsLeftToTheReader) {
  Errors errors;
  EXPECT_FALSE(read_compiled_config(rich_source(), errors).has_value());
  EXPECT_TRUE(errors.empty());
}

TEST(CompiledConfig, TheRuntimesTwoChangesKeepItUsableAndTraceComesFromTheJson) {
  Json file = compiled_file(rich_source());
  file["video"].erase("iceServers");  // the runtime takes them out
  file["trace"] = true;               // data-lcw-version="test"
  Errors errors;
  std::optional<Config> config = read_compiled_config(file, errors);
  ASSERT_TRUE(config.has_value()) << (errors.empty() ? "" : errors[0].message);
  EXPECT_TRUE(config->trace);
}

TEST(CompiledConfig, AnEditAfterCompilingIsNoticedAndTheJsonIsRead) {
  Json file = compiled_file(rich_source());
  file["rules"][1]["invite"]["message"] = "Edited";
  Errors errors;
  EXPECT_FALSE(read_compiled_config(file, errors).has_value());
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].path, "/$compiled");
  EXPECT_NE(errors[0].message.find("the config changed after it was compiled"), std::string::npos) << errors[0].message;

  Engine engine;
  Errors configured = engine.configure_value(file);
  ASSERT_EQ(configured.size(), 1u);  // only that: the JSON itself is valid
  EXPECT_EQ(configured[0].path, "/$compiled");
  EXPECT_EQ(engine.config().rules.front().invite.message.en, "Edited");
}

TEST(CompiledConfig, AnotherVersionsIsNotRead) {
  Json file = compiled_file(rich_source());
  file[kCompiledKey]["parley"] = "0.0.9";
  Errors errors;
  EXPECT_FALSE(read_compiled_config(file, errors).has_value());
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].message.find("compiled for Parley \"0.0.9\""), std::string::npos) << errors[0].message;
}

TEST(CompiledConfig, NotAnObjectIsNotRead) {
  Json file = rich_source();
  file[kCompiledKey] = Json::array({1, 2});
  Errors errors;
  EXPECT_FALSE(read_compiled_config(file, errors).has_value());
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].code, ErrorCode::invalid);
}

// Field list positions (compiled_config.cpp's fields(Config)): 11 the custom facts, 12 the rules
// ("high" then "low"); a rule: 1 priority, 2 its condition tree (0 nodes, 1 reads), 3 its invite
// (1 channel); a node: 1 children, 2 fact, 6 operands. "low"'s nodes: 0 all, 1 between, 2 not.
TEST(CompiledConfig, MalformedFieldsAreRefusedNeverMisread) {
  const std::vector<std::pair<const char*, std::function<void(Json&)>>> cases = {
      {"one field short", [](Json& f) { f.erase(f.size() - 1); }},
      {"one field more", [](Json& f) { f.push_back(1); }},
      {"a number where a text is", [](Json& f) { f[0] = 3; }},
      {"an enum out of range", [](Json& f) { f[12][0][3][1] = 3; }},
      {"a fraction where a whole number is", [](Json& f) { f[12][0][1] = 1.5; }},
      {"a child before its parent", [](Json& f) { f[12][1][2][0][2][1] = Json::array({1}); }},
      {"a child out of the tree", [](Json& f) { f[12][1][2][0][0][1] = Json::array({99}); }},
      {"not with two children", [](Json& f) { f[12][1][2][0][2][1] = Json::array({3, 4}); }},
      {"an unknown fact id", [](Json& f) { f[12][0][2][0][0][2] = 9999; }},
      {"a fact read that does not exist", [](Json& f) { f[12][0][2][1] = Json::array({9999}); }},
      {"between with one bound", [](Json& f) { f[12][1][2][0][1][6] = Json::array({10}); }},
      {"a value that is no fact value", [](Json& f) { f[12][1][2][0][1][6][0] = Json::array(); }},
      {"a custom fact without its prefix", [](Json& f) { f[11][0] = "cart"; }},
  };
  for (const auto& [name, edit] : cases) {
    SCOPED_TRACE(name);
    Json file = forged(edit);
    Errors errors;
    EXPECT_FALSE(read_compiled_config(file, errors).has_value());
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_NE(errors[0].message.find("malformed"), std::string::npos) << errors[0].message;
    Engine engine;  // the JSON is read instead: the site's rules run
    engine.configure_value(file);
    EXPECT_EQ(engine.config().rules.size(), 2u);
  }
}

}  // namespace
}  // namespace parley
