// cli.hpp: parley-config as a function: the arguments and a way to read files in, the text to
// print and the exit status out. main.cpp gives it the process's files, clock and zones; the
// unit tests give it their own.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "visit.hpp"

namespace parley::cli {

inline constexpr int kExitValid = 0;     // every config is valid (explain: it ran on a valid config)
inline constexpr int kExitProblems = 1;  // a config has problems (they are printed, with their paths)
inline constexpr int kExitUsage = 2;     // bad arguments, an unreadable file, a fact that cannot be

struct CliIo {
  std::function<std::optional<std::string>(const std::string& path)> read_file;  // nullopt: unreadable
  double now_ms = 0;                    // explain without --at
  ZoneLookup zone_offset;               // zones --zone does not give
};

struct CliResult {
  int exit_code = kExitValid;
  std::string out;                      // for stdout
  std::string err;                      // for stderr
  std::vector<std::pair<std::string, std::string>> files;  // to write: path, content (compile --out-dir)
};

CliResult run_cli(const std::vector<std::string>& args, const CliIo& io);

}  // namespace parley::cli
