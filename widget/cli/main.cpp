// parley-config: checks and explains Parley configs with the engine's own reader (cli.hpp).
// This file only gives it the process: arguments, files, the clock, stdout and stderr.
#include <chrono>
#include <cstdio>
#include <fstream>

#include "cli.hpp"
#include "zone_offset.hpp"

namespace {

constexpr std::size_t kMaxFileBytes = 16 << 20;  // the engine refuses past 1 MiB; this only bounds the read

std::optional<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::string text;
  char chunk[1 << 16];
  while (text.size() <= kMaxFileBytes && in.read(chunk, sizeof chunk).gcount() > 0)
    text.append(chunk, static_cast<std::size_t>(in.gcount()));
  if (in.bad()) return std::nullopt;
  return text;
}

}  // namespace

int main(int argc, char** argv) {
  parley::cli::CliIo io;
  io.read_file = read_file;
  io.now_ms = static_cast<double>(std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::system_clock::now().time_since_epoch()).count());
  io.zone_offset = parley::cli::zone_offset_minutes;
  parley::cli::CliResult result = parley::cli::run_cli(std::vector<std::string>(argv + 1, argv + argc), io);
  for (const auto& [path, content] : result.files) {
    std::ofstream out(path, std::ios::binary);
    if (!(out << content)) {
      std::fprintf(stderr, "parley-config: cannot write %s\n", path.c_str());
      result.exit_code = parley::cli::kExitUsage;
    }
  }
  std::fwrite(result.out.data(), 1, result.out.size(), stdout);
  std::fwrite(result.err.data(), 1, result.err.size(), stderr);
  std::fflush(stdout);
  return result.exit_code;
}
