// The command line of parley-relay, parsed into what to do; main.cpp carries it out.
//
//   parley-relay [serve] --config FILE [--listen ADDR:PORT] [--threads N]
//   parley-relay forget VISITOR_ID --config FILE
//   parley-relay prune --config FILE
//   parley-relay hash-token TOKEN
//   parley-relay --help
//
// Must not: open files, print (the error text is returned).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace parley::relay::server {

enum class CliCommand { serve, forget, prune, hash_token, help };

struct CliArgs {
  CliCommand command = CliCommand::serve;
  std::string config_file;
  std::optional<std::string> listen_address;     // --listen's address part
  std::optional<std::uint16_t> listen_port;      // --listen's port (0: any free port)
  std::optional<int> threads;                    // --threads, 1..64
  std::string visitor_id;                        // forget
  std::string token;                             // hash-token
};

struct CliParse {
  CliArgs args;
  std::string error;   // "": usable
};

CliParse parse_cli_args(const std::vector<std::string>& arguments);   // without argv[0]

extern const char* const kCliUsage;

}  // namespace parley::relay::server
