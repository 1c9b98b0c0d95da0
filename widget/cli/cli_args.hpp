// cli_args.hpp: parley-config's command line, read into a CliCommand (no I/O, no clock).
//
//   parley-config check FILE... [--json]
//   parley-config explain FILE [--at ISO-8601] [--fact NAME=VALUE]... [--zone NAME=+HH:MM]... [--json]
//   parley-config compile FILE | compile FILE... --out-dir DIR
//   parley-config --help | --version
//
// A --fact value reads as JSON when it is a number, true, false, null or a "quoted string", and
// as a plain string otherwise (so url=https://shop.example/kb/a needs no quotes).
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "parley/fact.hpp"

namespace parley::cli {

struct CliCommand {
  enum class Kind { help, version, check, explain, compile } kind = Kind::help;
  std::vector<std::string> files;
  bool json = false;
  std::optional<std::string> at;                          // explain: the instant; default now
  std::vector<std::pair<std::string, FactValue>> facts;   // explain: in the order given
  std::vector<std::pair<std::string, int>> zones;         // explain: IANA zone -> minutes east of UTC
  std::optional<std::string> out_dir;                     // compile: each FILE written there, same name
};

struct ParsedArgs {
  std::optional<CliCommand> command;
  std::string error;                                      // when there is no command: what is wrong
};

ParsedArgs parse_args(const std::vector<std::string>& args);

// "+01:00", "-0530", "+2", "0" -> minutes east of UTC (within 16 h); nullopt otherwise.
std::optional<int> parse_utc_offset(std::string_view text);

extern const char* const kUsage;

}  // namespace parley::cli
