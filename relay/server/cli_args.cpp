// parse_cli_args (cli_args.hpp).
#include "cli_args.hpp"

#include <charconv>

namespace parley::relay::server {

const char* const kCliUsage =
    "usage:\n"
    "  parley-relay [serve] --config FILE [--listen ADDR:PORT] [--threads N]\n"
    "      serve visitors and agents (WebSocket; see relay/RELAY.md)\n"
    "  parley-relay forget VISITOR_ID --config FILE\n"
    "      delete a visitor's conversations, messages and pending deliveries\n"
    "  parley-relay prune --config FILE\n"
    "      delete ended conversations older than retentionDays\n"
    "  parley-relay hash-token TOKEN\n"
    "      print the SHA-256 of an agent token, for the config's agents[].tokenSha256\n"
    "  parley-relay --help\n"
    "exit codes: 0 done, 1 failed while running, 2 bad command line or config\n";

namespace {

template <class Number>
bool parse_number(const std::string& text, Number& out) {
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out);
  return error == std::errc() && end == text.data() + text.size();
}

// "127.0.0.1:8090", "[::1]:8090", ":8090" (all interfaces: 0.0.0.0).
std::string parse_listen(const std::string& text, CliArgs& args) {
  auto colon = text.rfind(':');
  if (colon == std::string::npos) return "--listen wants ADDR:PORT, got '" + text + "'";
  std::string address = text.substr(0, colon);
  if (address.size() >= 2 && address.front() == '[' && address.back() == ']') address = address.substr(1, address.size() - 2);
  if (address.empty()) address = "0.0.0.0";
  std::uint16_t port = 0;
  if (!parse_number(text.substr(colon + 1), port)) return "--listen: bad port in '" + text + "'";
  args.listen_address = address;
  args.listen_port = port;
  return "";
}

}  // namespace

CliParse parse_cli_args(const std::vector<std::string>& arguments) {
  CliParse parse;
  CliArgs& args = parse.args;
  std::vector<std::string> positional;
  for (std::size_t i = 0; i < arguments.size(); ++i) {
    std::string argument = arguments[i];
    std::string value;
    bool has_inline_value = false;
    if (argument.rfind("--", 0) == 0) {
      auto equals = argument.find('=');
      if (equals != std::string::npos) {
        value = argument.substr(equals + 1);
        argument = argument.substr(0, equals);
        has_inline_value = true;
      }
    }
    auto take_value = [&](std::string& out) {
      if (has_inline_value) {
        out = value;
        return true;
      }
      if (i + 1 >= arguments.size()) {
        parse.error = argument + " wants a value";
        return false;
      }
      out = arguments[++i];
      return true;
    };
    // A visitor id is random base64url and may begin with '-': the word after `forget` is the
    // id whatever it looks like.
    if (positional.size() == 1 && positional[0] == "forget") {
      positional.push_back(argument);
      continue;
    }
    if (argument == "--help" || argument == "-h") {
      args.command = CliCommand::help;
      return parse;
    } else if (argument == "--config") {
      if (!take_value(args.config_file)) return parse;
    } else if (argument == "--listen") {
      std::string listen;
      if (!take_value(listen)) return parse;
      parse.error = parse_listen(listen, args);
      if (!parse.error.empty()) return parse;
    } else if (argument == "--threads") {
      std::string threads;
      if (!take_value(threads)) return parse;
      int count = 0;
      if (!parse_number(threads, count) || count < 1 || count > 64) {
        parse.error = "--threads wants a number from 1 to 64, got '" + threads + "'";
        return parse;
      }
      args.threads = count;
    } else if (argument.rfind("-", 0) == 0 && argument.size() > 1) {
      parse.error = "unknown option " + argument;
      return parse;
    } else {
      positional.push_back(argument);
    }
  }

  std::size_t expected_positional = 1;
  if (positional.empty() || positional[0] == "serve") {
    args.command = CliCommand::serve;
  } else if (positional[0] == "forget") {
    args.command = CliCommand::forget;
    if (positional.size() < 2) {
      parse.error = "forget wants a VISITOR_ID";
      return parse;
    }
    args.visitor_id = positional[1];
    expected_positional = 2;
  } else if (positional[0] == "prune") {
    args.command = CliCommand::prune;
  } else if (positional[0] == "hash-token") {
    args.command = CliCommand::hash_token;
    if (positional.size() < 2) {
      parse.error = "hash-token wants a TOKEN";
      return parse;
    }
    args.token = positional[1];
    expected_positional = 2;
  } else if (positional[0] == "help") {
    args.command = CliCommand::help;
    return parse;
  } else {
    parse.error = "unknown command '" + positional[0] + "'";
    return parse;
  }
  if (positional.size() > expected_positional) {
    parse.error = "unexpected argument '" + positional[expected_positional] + "'";
    return parse;
  }
  bool needs_config = args.command == CliCommand::serve || args.command == CliCommand::forget ||
                      args.command == CliCommand::prune;
  if (needs_config && args.config_file.empty()) {
    parse.error = "--config FILE is required";
    return parse;
  }
  if (args.command != CliCommand::serve && (args.listen_port || args.threads)) {
    parse.error = "--listen and --threads only apply to serve";
    return parse;
  }
  return parse;
}

}  // namespace parley::relay::server
