// parley-config check: every problem with its JSON path, and the exit status (widget/cli/cli.hpp).
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>

#include "cli.hpp"

namespace parley::cli {
namespace {

std::optional<std::string> fixture(const std::string& name) {
  std::ifstream in(std::string(PARLEY_CLI_CONFIG_DIR) + "/" + name);
  if (!in) return std::nullopt;
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

CliResult run(std::vector<std::string> args, std::map<std::string, std::string> files = {}) {
  CliIo io;
  io.read_file = [files](const std::string& path) -> std::optional<std::string> {
    if (auto it = files.find(path); it != files.end()) return it->second;
    return fixture(path);
  };
  return run_cli(args, io);
}

TEST(ConfigCliCheck, ValidConfigSaysSoAndExitsZero) {
  CliResult result = run({"check", "valid-shop.json", "valid-empty.json"});
  EXPECT_EQ(result.exit_code, kExitValid) << result.err;
  EXPECT_EQ(result.out, "valid-shop.json: valid\nvalid-empty.json: valid\n");
}

TEST(ConfigCliCheck, EveryProblemIsALineWithItsPath) {
  CliResult result = run({"check", "invalid-rules.json"});
  EXPECT_EQ(result.exit_code, kExitProblems);
  for (std::string line : {"invalid-rules.json: /rules/0/when/fact: unknown fact \"timeOnPagee\" [unknown_fact]",
                           "invalid-rules.json: /rules/1/when/gtx: unknown operator \"gtx\" is ignored [unknown_operator]",
                           "invalid-rules.json: /rules/2/when: \"pageViews\" needs an operator [missing_field]",
                           "invalid-rules.json: /rules/3/when: a test has one operator [invalid]",
                           "invalid-rules.json: /rules/7/invite: \"invite\" is required [missing_field]",
                           "invalid-rules.json: /rules/8/id: rule id \"typo-fact\" is used twice [duplicate_id]",
                           "invalid-rules.json: /rules/9/afterDecline/days: unknown key \"days\" is ignored [unknown_key]"})
    EXPECT_NE(result.out.find(line + "\n"), std::string::npos) << line << "\nin:\n" << result.out;
  EXPECT_NE(result.out.find("invalid-rules.json: 14 problems (the widget runs the rest)\n"), std::string::npos) << result.out;
}

TEST(ConfigCliCheck, WrongTypesValuesAndRangesAreTold) {
  CliResult result = run({"check", "invalid-values.json"});
  EXPECT_EQ(result.exit_code, kExitProblems);
  for (std::string part : {"/locale: \"tlh\" is not one of auto, en, fr, de, es, it, pt, nl, ar [unknown_value]", "/satisfaction: \"satisfaction\" must be true or false, got a string [wrong_type]",
                           "/visits/days: \"days\" must be between 1 and 3650 [out_of_range]", "/colour: unknown key \"colour\" is ignored [unknown_key]"})
    EXPECT_NE(result.out.find(part), std::string::npos) << part << "\nin:\n" << result.out;
}

TEST(ConfigCliCheck, TextThatIsNotJsonIsOneProblemAtTheRoot) {
  CliResult result = run({"check", "malformed.json"});
  EXPECT_EQ(result.exit_code, kExitProblems);
  EXPECT_EQ(result.out, "malformed.json: (the whole config): the text is not valid JSON [malformed_json]\n"
                        "malformed.json: 1 problem (nothing of it runs)\n");
}

TEST(ConfigCliCheck, SchemaLinkIsNoProblem) {
  CliResult result = run({"check", "linked.json"}, {{"linked.json", R"({"$schema": "https://example.com/parley.schema.json"})"}});
  EXPECT_EQ(result.exit_code, kExitValid) << result.out;
}

TEST(ConfigCliCheck, UnreadableFileIsAUsageError) {
  CliResult result = run({"check", "valid-empty.json", "no-such-file.json"});
  EXPECT_EQ(result.exit_code, kExitUsage);
  EXPECT_EQ(result.err, "parley-config: cannot read no-such-file.json\n");
}

TEST(ConfigCliCheck, JsonListsEachFileWithItsErrors) {
  CliResult result = run({"check", "--json", "valid-empty.json", "invalid-transport.json"});
  EXPECT_EQ(result.exit_code, kExitProblems);
  Errors ignored;
  Json reports = parse_json(result.out, "", ignored);
  ASSERT_TRUE(reports.is_array() && reports.size() == 2) << result.out;
  EXPECT_EQ(reports[0], (Json{{"file", "valid-empty.json"}, {"valid", true}, {"errors", Json::array()}}));
  EXPECT_EQ(reports[1]["valid"], false);
  Json paths = Json::array();
  for (const Json& error : reports[1]["errors"]) paths.push_back(error["path"]);
  EXPECT_EQ(paths, (Json{"/transport/urls/1", "/transport/urls/2"}));
}

TEST(ConfigCliCheck, BadArgumentsPrintTheUsage) {
  CliResult result = run({"chek", "a.json"});
  EXPECT_EQ(result.exit_code, kExitUsage);
  EXPECT_EQ(result.err.rfind("parley-config: unknown command \"chek\"\nusage: parley-config check", 0), 0u) << result.err;
  EXPECT_EQ(run({"--help"}).exit_code, kExitValid);
}

}  // namespace
}  // namespace parley::cli
