// parse_cli_args: the one thing a process test once tripped on by chance (a random visitor id
// that began with '-' read as an unknown option), pinned here.
#include <gtest/gtest.h>

#include "server/cli_args.hpp"

namespace parley::relay::server {
namespace {

TEST(CliArgs, AVisitorIdThatBeginsWithADashIsAnIdNotAnOption) {
  CliParse parse = parse_cli_args({"forget", "-bv6nL_5diIoUYurBr", "--config", "relay.json"});
  ASSERT_EQ(parse.error, "");
  EXPECT_EQ(parse.args.command, CliCommand::forget);
  EXPECT_EQ(parse.args.visitor_id, "-bv6nL_5diIoUYurBr");
  EXPECT_EQ(parse.args.config_file, "relay.json");
}

TEST(CliArgs, AnUnknownOptionElsewhereIsStillAnError) {
  CliParse parse = parse_cli_args({"--config", "relay.json", "-bv6nL"});
  EXPECT_NE(parse.error.find("unknown option -bv6nL"), std::string::npos) << parse.error;
  EXPECT_NE(parse_cli_args({"forget"}).error, "");
}

}  // namespace
}  // namespace parley::relay::server
