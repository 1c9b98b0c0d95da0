#include "explain_report.hpp"

#include <algorithm>
#include <cstdlib>

#include "check_report.hpp"
#include "console/json_access.hpp"
#include "console/page_snapshot.hpp"
#include "console/time_text.hpp"
#include "parley/civil_time.hpp"

namespace parley::cli {
namespace {

using console::RuleRow;

std::string utc_offset_text(int minutes) {
  std::string sign = minutes < 0 ? "-" : "+";
  int magnitude = std::abs(minutes);
  auto two = [](int n) { return std::string(n < 10 ? "0" : "") + std::to_string(n); };
  return "UTC" + sign + two(magnitude / 60) + ":" + two(magnitude % 60);
}

std::string padded(std::string text, std::size_t width) {
  if (text.size() < width) text.append(width - text.size(), ' ');
  return text;
}

// "fires: invited on chat", "true, held back: nobody available on its channel", "false".
std::string verdict(const RuleRow& rule) {
  if (rule.last_outcome) {
    if (rule.last_outcome->kind == "fired") return "fires: " + rule.last_outcome->reason;
    return "true, " + rule.last_outcome->kind + ": " + rule.last_outcome->reason;
  }
  return rule.value ? "true" : "false";
}

std::string fact_text(const std::string& name, const Json& value) {
  if (name == "now" && value.is_number()) return iso8601_utc(value.get<double>());
  return console::value_text(value);
}

void append_rule(std::string& out, const RuleRow& rule, double now_ms) {
  out += "  " + rule.id + " (priority " + std::to_string(rule.priority) + ", " + rule.channel + "): " + verdict(rule) + "\n";
  if (rule.tree.empty()) {
    out += "    no condition: always true\n";
    return;
  }
  std::size_t width = 0;
  for (const auto& row : rule.tree) width = std::max(width, row.label.size() + 2 * static_cast<std::size_t>(row.depth));
  width = std::min<std::size_t>(width, 72);
  for (const auto& row : rule.tree) {
    std::string label = std::string(2 * static_cast<std::size_t>(row.depth), ' ') + row.label;
    std::string line = "    " + padded(label, width) + "  " + (row.value ? "true" : "false");
    if (row.next_change_ms)
      line = padded(line, 4 + width + 2 + 5) + "  may change " + console::format_time_left(row.next_change_ms, now_ms);
    out += line + "\n";
  }
}

}  // namespace

std::string explain_text(std::string_view file, const Visit& visit, const VisitOutcome& outcome) {
  std::string out = check_text(file, outcome.config_errors);
  const Json& inspect = outcome.inspect;
  const Json* facts = console::member(inspect, "facts");
  console::PageSnapshot page = console::read_page_snapshot(Json{{"inspect", inspect}});

  double time_on_page = facts ? console::number_at(*facts, "timeOnPage").value_or(0) : 0;
  out += "\nAt " + iso8601_utc(visit.at_ms) + " (the visitor's clock: " + utc_offset_text(visit.visitor_offset_minutes) + "), " +
         console::format_duration(time_on_page) + " into the page view.\n";
  for (const std::string& note : outcome.notes) out += "note: " + note + "\n";

  if (!outcome.read_facts.empty() && facts != nullptr) {
    out += "\nFacts the rules read:\n";
    std::size_t width = 0;
    for (const std::string& name : outcome.read_facts) width = std::max(width, name.size());
    for (const std::string& name : outcome.read_facts) {
      const Json* value = console::member(*facts, name);
      if (value != nullptr) out += "  " + padded(name, width) + "  " + fact_text(name, *value) + "\n";
    }
  }

  if (page.rules.empty()) return out + "\nNo rule in the config: only the host's startProactiveChat invites.\n";
  out += "\nRules, highest priority first:\n";
  const RuleRow* fired = nullptr;
  for (const RuleRow& rule : page.rules) {
    append_rule(out, rule, visit.at_ms);
    if (rule.last_outcome && rule.last_outcome->kind == "fired") fired = &rule;
  }
  if (fired != nullptr) return out + "\nResult: \"" + fired->id + "\" fires: " + fired->last_outcome->reason + ".\n";
  out += "\nResult: no rule fires at this instant";
  if (page.next_deadline_ms)
    out += "; the next change may come " + console::format_time_left(page.next_deadline_ms, visit.at_ms) + " (" +
           iso8601_utc(*page.next_deadline_ms) + ")";
  return out + ".\n";
}

Json explain_json(std::string_view file, const Visit& visit, const VisitOutcome& outcome) {
  Json out = check_json(file, outcome.config_errors);
  out["at"] = iso8601_utc(visit.at_ms);
  out["notes"] = outcome.notes;
  Json facts = Json::object();
  if (const Json* all = console::member(outcome.inspect, "facts"))
    for (const std::string& name : outcome.read_facts)
      if (const Json* value = console::member(*all, name)) facts[name] = *value;
  out["facts"] = std::move(facts);
  Json fires;
  const Json* rules = console::member(outcome.inspect, "rules");
  for (const Json& rule : rules && rules->is_array() ? *rules : Json::array()) {
    const Json* last = console::member(rule, "lastOutcome");
    if (last && console::string_at(*last, "kind") == "fired") fires = console::string_at(rule, "id");
  }
  out["fires"] = std::move(fires);
  out["rules"] = rules ? *rules : Json::array();
  return out;
}

}  // namespace parley::cli
