// parley-relay's entry point: the command line (cli_args.hpp) to the command that carries it out.
#include <cstdio>
#include <string>
#include <vector>

#include "cli_args.hpp"
#include "relay/credentials.hpp"
#include "serve.hpp"
#include "store_commands.hpp"

int main(int argc, char** argv) {
  using namespace parley::relay;
  using namespace parley::relay::server;
  std::vector<std::string> arguments(argv + 1, argv + argc);
  CliParse parse = parse_cli_args(arguments);
  if (!parse.error.empty()) {
    std::fprintf(stderr, "parley-relay: %s\n%s", parse.error.c_str(), kCliUsage);
    return 2;
  }
  switch (parse.args.command) {
    case CliCommand::help:
      std::fputs(kCliUsage, stdout);
      return 0;
    case CliCommand::hash_token:
      std::printf("%s\n", sha256_hex(parse.args.token).c_str());
      return 0;
    case CliCommand::forget: return run_forget(parse.args);
    case CliCommand::prune: return run_prune(parse.args);
    case CliCommand::serve: return run_serve(parse.args);
  }
  return 2;
}
