#include "console/page_snapshot.hpp"

#include "console/json_access.hpp"
#include "console/time_text.hpp"
#include "parley/civil_time.hpp"
#include "parley/cookie.hpp"

namespace parley::console {
namespace {

const Json kEmpty = Json::object();

const Json& object_at(const Json& object, std::string_view key) {
  const Json* value = member(object, key);
  return value && value->is_object() ? *value : kEmpty;
}

std::string frequency_text(const Json& frequency) {
  auto count = number_at(frequency, "count").value_or(0);
  auto times = number_at(frequency, "times").value_or(1);
  std::string per = string_at(frequency, "per", "session");
  std::string text = value_text(Json(count)) + " of " + value_text(Json(times)) + " per " + per;
  if (auto interval = number_at(frequency, "minInterval"); interval && *interval > 0)
    text += ", at least " + format_duration(*interval) + " apart";
  return text;
}

std::string after_decline_text(const Json* after) {
  if (after == nullptr) return {};
  if (after->is_string()) return after->get<std::string>();
  if (auto hours = number_at(*after, "hours")) return "for " + value_text(Json(*hours)) + " h";
  return value_text(*after);
}

RuleRow read_rule(const Json& rule) {
  RuleRow row;
  row.id = string_at(rule, "id");
  row.priority = static_cast<int>(number_at(rule, "priority").value_or(0));
  row.value = bool_at(rule, "value");
  row.armed = bool_at(rule, "armed");
  row.channel = string_at(rule, "channel");
  if (const Json* tree = member(rule, "tree")) row.tree = rule_tree_rows(*tree);
  row.next_change_ms = number_at(rule, "nextChange");
  const Json& frequency = object_at(rule, "frequency");
  row.frequency = frequency_text(frequency);
  row.cap_reached = bool_at(frequency, "capReached");
  row.next_allowed_ms = number_at(frequency, "nextAllowed");
  row.after_decline = after_decline_text(member(rule, "afterDecline"));
  row.held_back = string_at(rule, "heldBack");
  row.fired_this_page = static_cast<int>(number_at(rule, "firedThisPage").value_or(0));
  if (const Json* outcome = member(rule, "lastOutcome"); outcome && outcome->is_object())
    row.last_outcome = RuleOutcomeText{number_at(*outcome, "at").value_or(0), string_at(*outcome, "kind"),
                                       string_at(*outcome, "reason")};
  return row;
}

std::string do_not_disturb_text(const Json& dnd, double now_ms) {
  if (!bool_at(dnd, "active")) return {};
  std::string text = string_at(dnd, "reason", "active");
  const Json* until = member(dnd, "until");
  if (until && until->is_string()) text += " (until " + until->get<std::string>() + ")";
  else if (until && until->is_number()) text += " (lifts " + format_time_left(until->get<double>(), now_ms) + ")";
  return text;
}

}  // namespace

std::vector<StorageRow> storage_rows(std::string_view cookies, const Json& cookie_names, const Json& session) {
  std::vector<StorageRow> rows;
  if (cookie_names.is_array()) {
    for (const Json& name : cookie_names) {
      const auto* text = name.get_ptr<const std::string*>();
      if (text == nullptr) continue;
      if (auto value = find_cookie(cookies, *text)) rows.push_back({"cookie", *text, uri_decode_component(*value)});
    }
  }
  if (session.is_object())
    for (auto it = session.begin(); it != session.end(); ++it) rows.push_back({"sessionStorage", it.key(), value_text(*it)});
  return rows;
}

std::vector<ErrorRow> read_error_rows(const Json& errors) {
  std::vector<ErrorRow> rows;
  if (!errors.is_array()) return rows;
  for (const Json& error : errors)
    if (error.is_object()) rows.push_back({string_at(error, "code"), string_at(error, "message"), string_at(error, "path")});
  return rows;
}

PageSnapshot read_page_snapshot(const Json& snapshot) {
  PageSnapshot page;
  const Json& inspect = object_at(snapshot, "inspect");
  page.present = snapshot.is_object() && !inspect.empty();
  page.state = string_at(inspect, "state");
  page.now_ms = number_at(inspect, "now").value_or(0);
  page.clock_offset_ms = number_at(snapshot, "clockOffset").value_or(0);
  page.url = string_at(snapshot, "url");
  page.cookies = string_at(snapshot, "cookies");
  page.next_deadline_ms = number_at(inspect, "nextDeadline");
  page.rules_paused = string_at(inspect, "rulesPaused");
  page.do_not_disturb = do_not_disturb_text(object_at(inspect, "doNotDisturb"), page.now_ms);
  page.conversation_id = string_at(inspect, "conversationId");

  const Json& facts = object_at(inspect, "facts");
  const Json& sources = object_at(inspect, "factSources");
  for (auto it = facts.begin(); it != facts.end(); ++it) {
    const Json& source = object_at(sources, it.key());
    std::string value = value_text(*it);
    if (it.key() == "now" && it->is_number()) value = iso8601_utc(it->get<double>());  // rules write it so
    page.facts.push_back(FactRow{it.key(), std::move(value), string_at(source, "source"), string_at(source, "event"),
                                 number_at(source, "at")});
  }

  if (const Json* rules = member(inspect, "rules"); rules && rules->is_array())
    for (const Json& rule : *rules) page.rules.push_back(read_rule(rule));

  const Json& context = object_at(inspect, "context");
  for (auto it = context.begin(); it != context.end(); ++it) {
    const Json* value = member(*it, "value");
    page.context.push_back(ContextRow{it.key(), value ? value_text(*value) : value_text(*it), bool_at(*it, "isDisplayable", true)});
  }

  const Json* names = member(inspect, "cookieNames");
  page.storage = storage_rows(page.cookies, names ? *names : Json(), object_at(snapshot, "session"));

  if (const Json* errors = member(inspect, "configErrors")) page.config_errors = read_error_rows(*errors);

  page.config_text = string_at(snapshot, "config", "{}");
  Errors ignored;
  Json config = parse_json(page.config_text, "", ignored);
  std::string channel = string_at(object_at(config, "transport"), "channel");
  if (!channel.empty()) page.transport_channel = channel;
  if (const Json* view = member(snapshot, "view")) page.view = *view;
  return page;
}

}  // namespace parley::console
