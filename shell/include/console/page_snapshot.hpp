// console/page_snapshot.hpp: the page's engine as the panels show it.
//
// The console polls the page's hook a few times a second for one JSON snapshot:
//
//   {inspect: Engine::inspect(), view: the view model, config: the config text in force,
//    clockOffset: ms the console advanced the clock by, url, cookies: document.cookie,
//    session: {key: value} of sessionStorage, timeline: [new entries]}
//
// read_page_snapshot() turns it into rows the panels draw as they are (facts with their
// sources, rules with their tree rows, context, Parley's cookies and session entries). Every
// field is optional: a missing or mistyped one reads as empty, never as an error.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "console/rule_tree_rows.hpp"
#include "parley/json_reader.hpp"

namespace parley::console {

struct FactRow {
  std::string name;
  std::string value;          // value_text(): "unknown" when not known
  std::string source;         // where it comes from ("document.referrer")
  std::string last_event;     // the event type that last changed it; empty when none did
  std::optional<double> changed_at_ms;
};

struct RuleOutcomeText {
  double at_ms = 0;
  std::string kind;           // "fired", "held back", "skipped"
  std::string reason;
};

struct RuleRow {
  std::string id;
  int priority = 0;
  bool value = false;
  bool armed = false;
  std::string channel;
  std::vector<RuleTreeRow> tree;
  std::optional<double> next_change_ms;
  std::string frequency;      // "2 of 3 per session, at least 60.0 s apart"
  bool cap_reached = false;
  std::optional<double> next_allowed_ms;
  std::string after_decline;  // "session", "forever", "for 24 h", "none"
  std::string held_back;      // why an armed rule does not fire now; empty when it is not held
  int fired_this_page = 0;
  std::optional<RuleOutcomeText> last_outcome;
};

struct ContextRow {
  std::string key;
  std::string value;
  bool displayable = true;
};

struct StorageRow {
  std::string where;          // "cookie" or "sessionStorage"
  std::string name;
  std::string value;          // as stored (cookies decoded with decodeURIComponent for reading)
};

struct ErrorRow {
  std::string code;
  std::string message;
  std::string path;
};

struct PageSnapshot {
  bool present = false;       // false until the first snapshot (or in desk-only mode)
  std::string state;          // the conversation state: "Closed", "ProactiveChat", ...
  double now_ms = 0;          // the engine's now (clock offset included)
  double clock_offset_ms = 0;
  std::string url;
  std::string cookies;        // document.cookie, for injected route changes
  std::optional<double> next_deadline_ms;
  std::string rules_paused;   // why no rule can fire now; empty when they can
  std::string do_not_disturb; // "declined this session (until end of session)"; empty when off
  std::vector<FactRow> facts;
  std::vector<RuleRow> rules;
  std::vector<ContextRow> context;
  std::vector<StorageRow> storage;
  std::vector<ErrorRow> config_errors;
  std::string config_text;
  std::string transport_channel = "parley";  // from the config: where the desk should listen
  Json view;                  // the view model, drawn as a tree
  std::string conversation_id;
};

PageSnapshot read_page_snapshot(const Json& snapshot);

// [{code, message, path}] as the engine reports errors; anything else reads as no errors.
std::vector<ErrorRow> read_error_rows(const Json& errors);

// Parley's own cookies (those named in `cookie_names`) out of a document.cookie string, then the
// sessionStorage entries (keys as stored, "parley." included).
std::vector<StorageRow> storage_rows(std::string_view cookies, const Json& cookie_names, const Json& session);

}  // namespace parley::console
