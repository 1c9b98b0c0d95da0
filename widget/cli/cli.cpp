#include "cli.hpp"

#include <map>

#include "check_report.hpp"
#include "cli_args.hpp"
#include "explain_report.hpp"
#include "parley/civil_time.hpp"
#include "parley/compiled_config.hpp"
#include "parley/constants.hpp"
#include "parley/config.hpp"

namespace parley::cli {
namespace {

CliResult said(int exit_code, std::string out, std::string err) {
  CliResult result;
  result.exit_code = exit_code;
  result.out = std::move(out);
  result.err = std::move(err);
  return result;
}

CliResult usage_error(const std::string& message) {
  return said(kExitUsage, "", "parley-config: " + message + "\n" + kUsage);
}

CliResult unreadable(const std::string& file) {
  return said(kExitUsage, "", "parley-config: cannot read " + file + "\n");
}

CliResult check(const CliCommand& command, const CliIo& io) {
  CliResult result;
  Json reports = Json::array();
  for (const std::string& file : command.files) {
    auto text = io.read_file(file);
    if (!text) return unreadable(file);
    Errors errors = parse_config(*text).errors;
    Errors ignored;
    read_compiled_config(parse_json(*text, "", ignored), errors);  // a stale "$compiled" is a problem too
    if (!errors.empty()) result.exit_code = kExitProblems;
    if (command.json) reports.push_back(check_json(file, errors));
    else result.out += check_text(file, errors);
  }
  if (command.json) result.out = reports.dump(2) + "\n";
  return result;
}

// Each valid config with its "$compiled" member (parley/compiled_config.hpp), one line of JSON: to
// stdout, or with --out-dir to a file of the same name there. A config with problems is not
// written; its problems are printed as check prints them.
CliResult compile(const CliCommand& command, const CliIo& io) {
  CliResult result;
  for (const std::string& file : command.files) {
    auto text = io.read_file(file);
    if (!text) return unreadable(file);
    ConfigResult read = parse_config(*text);
    if (!read.errors.empty()) {
      result.exit_code = kExitProblems;
      result.err += check_text(file, read.errors);
      continue;
    }
    Errors ignored;
    Json source = parse_json(*text, "", ignored);
    source.erase(kCompiledKey);
    source[kCompiledKey] = compile_config(read.config, source);
    std::string compiled = source.dump() + "\n";
    if (!command.out_dir) {
      result.out = std::move(compiled);
      continue;
    }
    std::size_t slash = file.find_last_of('/');
    result.files.emplace_back(*command.out_dir + "/" + (slash == std::string::npos ? file : file.substr(slash + 1)),
                              std::move(compiled));
  }
  return result;
}

// The minutes east of UTC written in an ISO 8601 date-time: what it reads as in UTC against what
// it reads as without its offset (the engine's own parser does both).
std::optional<int> written_offset(const std::string& at) {
  auto instant = parse_iso8601(at);
  if (!instant) return std::nullopt;
  std::size_t suffix = at.size() > 10 ? at.find_first_of("Zz+-", 11) : std::string::npos;
  if (suffix == std::string::npos) return 0;
  auto local = parse_iso8601(at.substr(0, suffix));
  if (!local) return std::nullopt;
  return static_cast<int>((*local - *instant) / 60000);
}

CliResult explain(const CliCommand& command, const CliIo& io) {
  const std::string& file = command.files.front();
  auto text = io.read_file(file);
  if (!text) return unreadable(file);
  Visit visit;
  visit.at_ms = io.now_ms;
  if (command.at) {
    auto at = parse_iso8601(*command.at);
    auto offset = written_offset(*command.at);
    if (!at || !offset) return usage_error("--at takes an ISO 8601 date-time such as 2026-12-24T10:00:00+01:00");
    visit.at_ms = *at;
    visit.visitor_offset_minutes = *offset;
  }
  visit.facts = command.facts;
  std::map<std::string, int, std::less<>> given(command.zones.begin(), command.zones.end());
  visit.zone_offset = [&given, &io](std::string_view zone, double at_ms) -> std::optional<int> {
    if (auto it = given.find(zone); it != given.end()) return it->second;
    return io.zone_offset ? io.zone_offset(zone, at_ms) : std::nullopt;
  };
  VisitOutcome outcome = play_visit(*text, visit);
  if (!outcome.refused.empty()) return said(kExitUsage, "", "parley-config: " + outcome.refused + "\n");
  CliResult result;
  result.exit_code = outcome.config_errors.empty() ? kExitValid : kExitProblems;
  result.out = command.json ? explain_json(file, visit, outcome).dump(2) + "\n" : explain_text(file, visit, outcome);
  return result;
}

}  // namespace

CliResult run_cli(const std::vector<std::string>& args, const CliIo& io) {
  ParsedArgs parsed = parse_args(args);
  if (!parsed.command) return usage_error(parsed.error);
  const CliCommand& command = *parsed.command;
  switch (command.kind) {
    case CliCommand::Kind::help: return said(kExitValid, kUsage, "");
    case CliCommand::Kind::version: return said(kExitValid, "parley-config " + std::string(kVersion) + "\n", "");
    case CliCommand::Kind::check: return check(command, io);
    case CliCommand::Kind::explain: return explain(command, io);
    case CliCommand::Kind::compile: return compile(command, io);
  }
  return usage_error("no command");
}

}  // namespace parley::cli
