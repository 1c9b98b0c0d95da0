// parley-config's command line (widget/cli/cli_args.hpp).
#include <gtest/gtest.h>

#include "cli_args.hpp"

namespace parley::cli {
namespace {

CliCommand parsed(std::vector<std::string> args) {
  ParsedArgs result = parse_args(args);
  EXPECT_TRUE(result.command.has_value()) << result.error;
  return result.command.value_or(CliCommand{});
}

std::string refused(std::vector<std::string> args) {
  ParsedArgs result = parse_args(args);
  EXPECT_FALSE(result.command.has_value());
  return result.error;
}

TEST(ConfigCliArgs, CheckTakesSeveralFilesAndJson) {
  CliCommand command = parsed({"check", "a.json", "--json", "b.json"});
  EXPECT_EQ(command.kind, CliCommand::Kind::check);
  EXPECT_EQ(command.files, (std::vector<std::string>{"a.json", "b.json"}));
  EXPECT_TRUE(command.json);
}

TEST(ConfigCliArgs, FactValuesReadAsJsonScalarsElseAsText) {
  CliCommand command = parsed({"explain", "site.json", "--fact", "pageViews=3", "--fact", "exitIntent=true",
                               "--fact", "url=https://shop.example/kb/a?x=1", "--fact", "custom.code=\"007\"",
                               "--fact", "available.video=null", "--fact", "custom.note=", "--at", "2026-12-24"});
  ASSERT_EQ(command.facts.size(), 6u);
  EXPECT_EQ(command.facts[0].second, FactValue{3.0});
  EXPECT_EQ(command.facts[1].second, FactValue{true});
  EXPECT_EQ(command.facts[2].second, FactValue{std::string("https://shop.example/kb/a?x=1")});
  EXPECT_EQ(command.facts[3].second, FactValue{std::string("007")});
  EXPECT_EQ(command.facts[4].second, FactValue{});
  EXPECT_EQ(command.facts[5].second, FactValue{std::string()});
  EXPECT_EQ(command.at, "2026-12-24");
}

TEST(ConfigCliArgs, ZonesTakeAnOffsetFromUtc) {
  CliCommand command = parsed({"explain", "s.json", "--zone", "Europe/Paris=+01:00", "--zone", "Asia/Kolkata=+0530",
                               "--zone", "America/New_York=-5", "--zone", "Etc/UTC=0"});
  ASSERT_EQ(command.zones.size(), 4u);
  EXPECT_EQ(command.zones[0].second, 60);
  EXPECT_EQ(command.zones[1].second, 330);
  EXPECT_EQ(command.zones[2].second, -300);
  EXPECT_EQ(command.zones[3].second, 0);
  EXPECT_NE(refused({"explain", "s.json", "--zone", "Europe/Paris=+25:00"}).find("--zone"), std::string::npos);
  EXPECT_NE(refused({"explain", "s.json", "--zone", "Europe/Paris"}).find("--zone"), std::string::npos);
}

TEST(ConfigCliArgs, MistakesAreNamed) {
  EXPECT_EQ(refused({"chek", "a.json"}), "unknown command \"chek\"");
  EXPECT_EQ(refused({"check"}), "no config file given");
  EXPECT_EQ(refused({"check", "a.json", "--at", "2026-12-24"}), "--at is for explain only");
  EXPECT_EQ(refused({"explain", "a.json", "--fact"}), "--fact needs a value");
  EXPECT_EQ(refused({"explain", "a.json", "--fact", "pageViews"}), "--fact takes NAME=VALUE, got \"pageViews\"");
  EXPECT_EQ(refused({"explain", "a.json", "b.json"}), "explain takes one config file");
  EXPECT_EQ(refused({"check", "a.json", "--strict"}), "unknown option \"--strict\"");
}

TEST(ConfigCliArgs, NoArgumentsIsHelp) {
  EXPECT_EQ(parsed({}).kind, CliCommand::Kind::help);
  EXPECT_EQ(parsed({"--help"}).kind, CliCommand::Kind::help);
  EXPECT_EQ(parsed({"--version"}).kind, CliCommand::Kind::version);
}

}  // namespace
}  // namespace parley::cli
