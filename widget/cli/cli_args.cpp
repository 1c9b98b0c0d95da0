#include "cli_args.hpp"

#include <cctype>

namespace parley::cli {

const char* const kUsage =
    "usage: parley-config check FILE... [--json]\n"
    "       parley-config explain FILE [--at 2026-12-24T10:00:00+01:00] [--fact NAME=VALUE]...\n"
    "                                  [--zone Europe/Paris=+01:00]... [--json]\n"
    "       parley-config compile FILE > COMPILED.json | compile FILE... --out-dir DIR\n"
    "\n"
    "check    prints every problem of a Parley config with its JSON path, as the widget reports it\n"
    "         (exit 0: valid, 1: problems, 2: unreadable file or bad arguments)\n"
    "explain  plays a page view at --at (default: now; its offset is the visitor's) with the facts\n"
    "         given, and prints which rule fires and why, condition by condition, as the QA\n"
    "         console's Why tab does. Facts: url, referrer, previousPage, timeOnPage, timeOnSite,\n"
    "         idle (ms), visits, pageViews, scrollDepth, exitIntent, country, available.chat,\n"
    "         available.video, custom.NAME. --zone gives a zone's offset where this machine has none.\n"
    "compile  writes a valid config with its compiled form (\"$compiled\"), which the widget reads\n"
    "         without its config reader: a lighter start. Publish it in place of the config; compile\n"
    "         again after every change and every Parley upgrade (else the widget reads the JSON and\n"
    "         reports it). A config with problems is not written (exit 1, problems as check prints)\n";

namespace {

// A --fact value: JSON scalars as JSON, anything else as the text itself.
FactValue fact_value(const std::string& text) {
  Errors ignored;
  if (!text.empty() && (std::isdigit(static_cast<unsigned char>(text[0])) || text[0] == '-' || text[0] == '"' ||
                        text == "true" || text == "false" || text == "null")) {
    Json value = parse_json(text, "", ignored);
    if (!value.is_discarded())
      if (auto fact = fact_value_from_json(value)) return *fact;
  }
  return text;
}

// NAME=VALUE -> (NAME, VALUE); nullopt without '=' or without a name.
std::optional<std::pair<std::string, std::string>> split_pair(const std::string& text) {
  std::size_t equals = text.find('=');
  if (equals == std::string::npos || equals == 0) return std::nullopt;
  return std::pair{text.substr(0, equals), text.substr(equals + 1)};
}

}  // namespace

std::optional<int> parse_utc_offset(std::string_view text) {
  if (text == "0" || text == "Z") return 0;
  if (text.size() < 2 || (text[0] != '+' && text[0] != '-')) return std::nullopt;
  int sign = text[0] == '-' ? -1 : 1;
  std::string digits;
  for (char c : text.substr(1)) {
    if (c == ':') continue;
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    digits += c;
  }
  if (digits.empty() || digits.size() > 4 || digits.size() == 3) return std::nullopt;
  auto number = [&](std::size_t from, std::size_t count) {
    int value = 0;
    for (std::size_t i = from; i < from + count && i < digits.size(); ++i) value = value * 10 + (digits[i] - '0');
    return value;
  };
  int hours = number(0, digits.size() == 1 ? 1 : 2);
  int minutes = digits.size() == 4 ? number(2, 2) : 0;
  if (hours > 16 || minutes > 59 || hours * 60 + minutes > 16 * 60) return std::nullopt;
  return sign * (hours * 60 + minutes);
}

ParsedArgs parse_args(const std::vector<std::string>& args) {
  ParsedArgs out;
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    out.command = CliCommand{};
    return out;
  }
  CliCommand command;
  if (args[0] == "--version") command.kind = CliCommand::Kind::version;
  else if (args[0] == "check") command.kind = CliCommand::Kind::check;
  else if (args[0] == "explain") command.kind = CliCommand::Kind::explain;
  else if (args[0] == "compile") command.kind = CliCommand::Kind::compile;
  else return {std::nullopt, "unknown command \"" + args[0] + "\""};
  bool explain = command.kind == CliCommand::Kind::explain;
  bool compile = command.kind == CliCommand::Kind::compile;

  for (std::size_t i = 1; i < args.size(); ++i) {
    const std::string& arg = args[i];
    bool takes_value = arg == "--at" || arg == "--fact" || arg == "--zone";
    if (takes_value && (!explain || i + 1 == args.size()))
      return {std::nullopt, explain ? arg + " needs a value" : arg + " is for explain only"};
    if (arg == "--out-dir") {
      if (!compile || i + 1 == args.size()) return {std::nullopt, compile ? "--out-dir needs a folder" : "--out-dir is for compile only"};
      command.out_dir = args[++i];
    } else if (arg == "--json" && !compile) {
      command.json = true;
    } else if (arg == "--at") {
      command.at = args[++i];
    } else if (arg == "--fact") {
      auto pair = split_pair(args[++i]);
      if (!pair) return {std::nullopt, "--fact takes NAME=VALUE, got \"" + args[i] + "\""};
      command.facts.emplace_back(pair->first, fact_value(pair->second));
    } else if (arg == "--zone") {
      auto pair = split_pair(args[++i]);
      auto minutes = pair ? parse_utc_offset(pair->second) : std::nullopt;
      if (!minutes) return {std::nullopt, "--zone takes NAME=+HH:MM (minutes east of UTC), got \"" + args[i] + "\""};
      command.zones.emplace_back(pair->first, *minutes);
    } else if (arg.starts_with("-") && arg.size() > 1) {
      return {std::nullopt, "unknown option \"" + arg + "\""};
    } else {
      command.files.push_back(arg);
    }
  }
  if (command.kind == CliCommand::Kind::version) return {command, {}};
  if (command.files.empty()) return {std::nullopt, "no config file given"};
  if (explain && command.files.size() > 1) return {std::nullopt, "explain takes one config file"};
  if (compile && !command.out_dir && command.files.size() > 1)
    return {std::nullopt, "compile writes one config to stdout; several need --out-dir"};
  out.command = std::move(command);
  return out;
}

}  // namespace parley::cli
