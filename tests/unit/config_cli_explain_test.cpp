// parley-config explain: a page view played on the engine, its rules explained as the QA console's
// Why tab does (widget/cli/visit.hpp, explain_report.hpp), on tests/cli/configs/valid-shop.json.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "cli.hpp"
#include "zone_offset.hpp"

namespace parley::cli {
namespace {

// Named zones from this machine's tzdata (tzdata is a dependency of ./dev setup), as main.cpp does.
CliResult explain(std::vector<std::string> options, std::string file = "valid-shop.json",
                  ZoneLookup zones = zone_offset_minutes) {
  CliIo io;
  io.read_file = [](const std::string& path) -> std::optional<std::string> {
    std::ifstream in(std::string(PARLEY_CLI_CONFIG_DIR) + "/" + path);
    if (!in) return std::nullopt;
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  };
  io.zone_offset = zones;
  std::vector<std::string> args = {"explain", file};
  args.insert(args.end(), options.begin(), options.end());
  return run_cli(args, io);
}

bool has(const CliResult& result, std::string_view text) { return result.out.find(text) != std::string::npos; }

// A row of a rule's tree: `label`, then spaces, then `rest` ("true", "false  may change in 5.0 s").
bool has_row(const CliResult& result, std::string_view label, std::string_view rest) {
  std::size_t at = 0;
  while ((at = result.out.find(label, at)) != std::string::npos) {
    std::size_t end = result.out.find('\n', at);
    std::string_view after = std::string_view(result.out).substr(at + label.size(), end - at - label.size());
    std::size_t value = after.find_first_not_of(' ');
    if (value != std::string_view::npos && value >= 2 && after.substr(value) == rest) return true;
    at += label.size();
  }
  return false;
}

TEST(ConfigCliExplain, HolidaySaleFiresOnTheThirdPageViewAndSaysWhy) {
  CliResult result = explain({"--at", "2026-12-24T10:00:00+01:00", "--fact", "pageViews=3"});
  EXPECT_EQ(result.exit_code, kExitValid) << result.err;
  EXPECT_TRUE(has(result, "At 2026-12-24T09:00:00Z (the visitor's clock: UTC+01:00), 0.0 s into the page view.")) << result.out;
  EXPECT_TRUE(has(result, "  holiday-sale (priority 10, chat): fires: invited on chat\n")) << result.out;
  EXPECT_TRUE(has_row(result, "      now between \"2026-12-01T00:00:00Z\" and \"2026-12-31T23:59:59Z\"", "true   may change in 7 d 14 h"))
      << result.out;
  EXPECT_TRUE(has_row(result, "      pageViews gte 3", "true")) << result.out;
  EXPECT_TRUE(has(result, "  pageViews         3\n")) << result.out;
  EXPECT_TRUE(has(result, "Result: \"holiday-sale\" fires: invited on chat.\n")) << result.out;
}

TEST(ConfigCliExplain, TheSecondPageViewFiresNothingAndTellsWhatIsMissing) {
  CliResult result = explain({"--at", "2026-12-24T10:00:00+01:00", "--fact", "pageViews=2"});
  EXPECT_EQ(result.exit_code, kExitValid);
  EXPECT_TRUE(has(result, "  holiday-sale (priority 10, chat): false\n")) << result.out;
  EXPECT_TRUE(has_row(result, "      pageViews gte 3", "false")) << result.out;
  EXPECT_TRUE(has(result, "Result: no rule fires at this instant")) << result.out;
}

TEST(ConfigCliExplain, TimeOnPageStartsThePageViewThatLongBeforeAndTheClockSaysWhenItChanges) {
  CliResult fires = explain({"--at", "2026-06-01T12:00:00Z", "--fact", "url=https://shop.example/kb/a", "--fact", "timeOnPage=20000"});
  EXPECT_TRUE(has(fires, "20.0 s into the page view")) << fires.out;
  EXPECT_TRUE(has(fires, "Result: \"kb-dwell\" fires: invited on chat.")) << fires.out;

  CliResult waits = explain({"--at", "2026-06-01T12:00:00Z", "--fact", "url=https://shop.example/kb/a", "--fact", "timeOnPage=15000"});
  EXPECT_TRUE(has_row(waits, "      timeOnPage gte 20000", "false  may change in 5.0 s")) << waits.out;
  EXPECT_TRUE(has(waits, "the next change may come in 5.0 s (2026-06-01T12:00:05Z)")) << waits.out;
}

TEST(ConfigCliExplain, OneInvitationAtATimeTheLowerPriorityRuleIsSkipped) {
  CliResult result = explain({"--at", "2026-12-24T10:00:00+01:00", "--fact", "pageViews=5", "--fact", "url=https://shop.example/kb/a",
                              "--fact", "timeOnPage=30000"});
  EXPECT_TRUE(has(result, "holiday-sale (priority 10, chat): fires")) << result.out;
  EXPECT_TRUE(has(result, "kb-dwell (priority 5, chat): true, skipped: \"holiday-sale\" fired first (higher priority)")) << result.out;
}

TEST(ConfigCliExplain, VideoFallsBackToChatAndNobodyAvailableHoldsTheRuleBack) {
  CliResult chat = explain({"--at", "2026-06-01T12:00:00Z", "--fact", "custom.cartValue=150"});
  EXPECT_TRUE(has(chat, "big-cart (priority 1, video): fires: invited on chat")) << chat.out;
  CliResult held = explain({"--at", "2026-06-01T12:00:00Z", "--fact", "custom.cartValue=150", "--fact", "available.chat=false"});
  EXPECT_TRUE(has(held, "big-cart (priority 1, video): true, held back: nobody available on its channel")) << held.out;
}

TEST(ConfigCliExplain, NamedZonesComeFromTheMachineOrFromZone) {
  // 21:30 UTC in June is 23:30 in Paris: night there, whatever the visitor's own clock says.
  EXPECT_TRUE(has(explain({"--at", "2026-06-01T21:30:00Z"}), "night-owl (priority 0, chat): fires"));
  ZoneLookup none = [](std::string_view, double) { return std::nullopt; };
  CliResult unknown = explain({"--at", "2026-06-01T21:30:00Z"}, "valid-shop.json", none);
  EXPECT_TRUE(has(unknown, "note: zone \"Europe/Paris\" is not known here: its hour and weekday tests read as false")) << unknown.out;
  EXPECT_TRUE(has(unknown, "night-owl (priority 0, chat): false")) << unknown.out;
  CliResult given = explain({"--at", "2026-06-01T21:30:00Z", "--zone", "Europe/Paris=+02:00"}, "valid-shop.json", none);
  EXPECT_TRUE(has(given, "night-owl (priority 0, chat): fires")) << given.out;
}

TEST(ConfigCliExplain, AFactTheEngineReadsOtherwiseIsNoted) {
  CliResult result = explain({"--at", "2026-06-01T12:00:00Z", "--fact", "exitIntent=true", "--fact", "country=fr"});
  EXPECT_TRUE(has(result, "note: --fact exitIntent=true reads as false in the engine (exit intent counts after exitIntent.minDwell")) << result.out;
  EXPECT_TRUE(has(result, "note: --fact country=\"fr\" reads as \"FR\" in the engine")) << result.out;
}

TEST(ConfigCliExplain, FactsThatCannotBeAreUsageErrors) {
  EXPECT_EQ(explain({"--fact", "now=2026-01-01"}).err, "parley-config: --fact now is set by --at (and --zone), not by --fact\n");
  EXPECT_EQ(explain({"--fact", "pageViews=0"}).err, "parley-config: --fact pageViews takes a whole number from 1\n");
  EXPECT_EQ(explain({"--fact", "mood=sad"}).err, "parley-config: --fact mood is not a fact (built-in, or custom.NAME)\n");
  EXPECT_EQ(explain({"--fact", "country=France"}).err,
            "parley-config: --fact country is refused by the engine: a country is an ISO 3166 alpha-2 code such as \"FR\"\n");
  EXPECT_EQ(explain({"--fact", "idle=5000"}).exit_code, kExitUsage);
  EXPECT_EQ(explain({"--at", "next tuesday"}).exit_code, kExitUsage);
}

TEST(ConfigCliExplain, AConfigWithProblemsIsExplainedAfterThemAndExitsOne) {
  CliResult result = explain({"--at", "2026-06-01T12:00:00Z"}, "invalid-rules.json");
  EXPECT_EQ(result.exit_code, kExitProblems);
  EXPECT_TRUE(has(result, "invalid-rules.json: /rules/0/when/fact: unknown fact \"timeOnPagee\" [unknown_fact]")) << result.out;
  EXPECT_TRUE(has(result, "Rules, highest priority first:")) << result.out;
}

TEST(ConfigCliExplain, JsonGivesTheRulesAsTheConsoleReadsThem) {
  CliResult result = explain({"--at", "2026-12-24T10:00:00+01:00", "--fact", "pageViews=3", "--json"});
  Errors ignored;
  Json report = parse_json(result.out, "", ignored);
  EXPECT_EQ(report["fires"], "holiday-sale") << result.out;
  EXPECT_EQ(report["facts"]["pageViews"], 3);
  EXPECT_EQ(report["rules"][0]["id"], "holiday-sale");
  EXPECT_TRUE(report["rules"][0]["tree"].is_array());
}

}  // namespace
}  // namespace parley::cli
