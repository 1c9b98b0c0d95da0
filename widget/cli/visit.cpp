#include "visit.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "parley/persisted_state.hpp"

namespace parley::cli {
namespace {

constexpr std::string_view kDefaultUrl = "https://www.example.com/";

// What --fact NAME=VALUE takes for each built-in fact (names, units and ranges: kFacts).
enum class Takes { text, ms, count, in_range, flag, flag_or_unknown, nothing };

// No default: a new built-in fact must say here how a visit is given it.
Takes takes(BuiltinFact fact) {
  switch (fact) {
    case BuiltinFact::url:              // pageLoad.url
    case BuiltinFact::referrer:         // pageLoad.referrer
    case BuiltinFact::previous_page:    // the session cookie's page
    case BuiltinFact::country: return Takes::text;  // country, from the host
    case BuiltinFact::time_on_page:     // pageLoad that long before `at`
    case BuiltinFact::time_on_site:     // the session cookie's time on site
    case BuiltinFact::idle: return Takes::ms;       // the last activity that long before `at`
    case BuiltinFact::visits:           // the visitor cookie
    case BuiltinFact::page_views: return Takes::count;  // the counter cookie
    case BuiltinFact::exit_intent: return Takes::flag;  // pointerLeave through the top at `at`
    case BuiltinFact::scroll_depth: return Takes::in_range;  // scroll
    case BuiltinFact::available_chat:
    case BuiltinFact::available_video: return Takes::flag_or_unknown;  // availability
    case BuiltinFact::now:
    case BuiltinFact::hour:
    case BuiltinFact::weekday:
    case BuiltinFact::count_: break;
  }
  return Takes::nothing;
}

const FactInfo* builtin_named(std::string_view name) {
  for (const FactInfo& info : kFacts)
    if (info.name == name) return &info;
  return nullptr;
}

// Why `value` does not suit `fact` ("takes a text"); empty when it does.
std::string unsuitable(const FactInfo& fact, const FactValue& value) {
  const auto* number = std::get_if<double>(&value);
  switch (takes(fact.fact)) {
    case Takes::text: return std::holds_alternative<std::string>(value) ? "" : "takes a text";
    case Takes::ms: return number && *number >= 0 && *number <= 1e12 ? "" : "takes milliseconds (a number from 0)";
    case Takes::count: return number && *number >= 1 && *number < 1e9 && std::floor(*number) == *number ? "" : "takes a whole number from 1";
    case Takes::in_range:
      return number && *number >= fact.min && *number <= fact.max
                 ? ""
                 : "takes a number from " + to_display_string(fact.min) + " to " + to_display_string(fact.max);
    case Takes::flag: return std::holds_alternative<bool>(value) ? "" : "takes true or false";
    case Takes::flag_or_unknown:
      return std::holds_alternative<bool>(value) || std::holds_alternative<std::monostate>(value) ? "" : "takes true, false or null";
    case Takes::nothing: return "is set by --at (and --zone), not by --fact";
  }
  return "";
}

class VisitPlayer {
 public:
  VisitPlayer(const Visit& visit, VisitOutcome& out) : visit_(visit), out_(out) {}

  // Checks every fact and keeps it by name; false (with out_.refused) at the first bad one.
  bool take_facts() {
    for (const auto& [name, value] : visit_.facts) {
      const FactInfo* builtin = builtin_named(name);
      bool custom = name.starts_with(kCustomPrefix) && name.size() > kCustomPrefix.size();
      if (builtin == nullptr && !custom) return refuse(name, "is not a fact (built-in, or custom.NAME)");
      if (builtin != nullptr)
        if (std::string why = unsuitable(*builtin, value); !why.empty()) return refuse(name, why);
      given_[name] = value;
    }
    if (ms("idle") > ms("timeOnPage")) return refuse("idle", "counts from the page load at most: no more than timeOnPage");
    if (given_.contains("timeOnSite") && ms("timeOnSite") < ms("timeOnPage"))
      return refuse("timeOnSite", "counts this page too: at least timeOnPage");
    return true;
  }

  void play(std::string_view config_text) {
    // The settings first, without the rules: nothing may fire before every fact is in.
    Errors ignored;
    Json config = parse_json(config_text, "", ignored);
    if (config.is_object()) {
      Json settings = config;
      settings.erase("rules");
      engine_.configure_value(settings);
    }
    ConfigResult full = parse_config(config_text);
    double start_ms = visit_.at_ms - ms("timeOnPage");
    if (!send(page_load(full.config.zones()), start_ms)) return;
    for (const auto& [name, value] : given_) {
      if (name.starts_with(kCustomPrefix))
        send(Json{{"type", "setFact"}, {"name", name.substr(kCustomPrefix.size())}, {"value", to_json(value)}}, start_ms, name);
    }
    if (auto country = text("country")) send(Json{{"type", "country"}, {"country", *country}, {"source", "host"}}, start_ms, "country");
    Json availability = {{"type", "availability"}};
    for (std::string_view channel : {"chat", "video"})
      if (auto it = given_.find("available." + std::string(channel)); it != given_.end()) availability[channel] = to_json(it->second);
    if (availability.size() > 1) send(availability, start_ms, "available");
    if (given_.contains("scrollDepth")) send(Json{{"type", "scroll"}, {"depth", ms("scrollDepth")}}, start_ms, "scrollDepth");
    if (given_.contains("idle")) send(Json{{"type", "activity"}}, visit_.at_ms - ms("idle"), "idle");
    if (auto it = given_.find("exitIntent"); it != given_.end() && it->second == FactValue{true}) send(Json{{"type", "pointerLeave"}, {"top", true}}, visit_.at_ms, "exitIntent");
    if (!out_.refused.empty()) return;

    out_.config_errors = engine_.configure(config_text);
    engine_.handle(Json{{"type", "tick"}}, visit_.at_ms);
    out_.inspect = engine_.inspect(visit_.at_ms);
    note_read_facts();
  }

 private:
  bool refuse(std::string_view name, std::string why) {
    out_.refused = "--fact " + std::string(name) + " " + why;
    return false;
  }

  double ms(const std::string& name) const {
    auto it = given_.find(name);
    const double* number = it == given_.end() ? nullptr : std::get_if<double>(&it->second);
    return number ? *number : 0;
  }

  std::optional<std::string> text(const std::string& name) const {
    auto it = given_.find(name);
    const auto* value = it == given_.end() ? nullptr : std::get_if<std::string>(&it->second);
    return value ? std::optional(*value) : std::nullopt;
  }

  // pageLoad, with the cookies a returning visitor would bring (the engine's own encodings).
  Json page_load(const std::vector<std::string>& zones) {
    double start_ms = visit_.at_ms - ms("timeOnPage");
    std::string cookies = engine_.config().visits.cookie + "=" +
                          encode_counter(static_cast<std::uint32_t>(std::max(1.0, ms("pageViews")) - 1));
    bool same_session = given_.contains("timeOnSite") || given_.contains("previousPage");
    if (same_session) {
      SessionState session;
      session.time_on_site_ms = ms("timeOnSite") - ms("timeOnPage");
      session.started_ms = std::max(0.0, start_ms - session.time_on_site_ms);
      session.last_activity_ms = std::max(session.started_ms, start_ms - 1);
      session.page = text("previousPage").value_or("");
      cookies += "; " + std::string(kSessionCookie) + "=" + encode_session(session);
    }
    if (given_.contains("visits")) {
      VisitorState visitor;
      visitor.visits = static_cast<int>(ms("visits")) - (same_session ? 0 : 1);  // a new session counts itself
      cookies += "; " + std::string(kVisitorCookie) + "=" + encode_visitor(visitor);
    }
    Json offsets = Json::object();
    for (const std::string& zone : zones) {
      auto minutes = visit_.zone_offset ? visit_.zone_offset(zone, visit_.at_ms) : std::nullopt;
      if (minutes) offsets[zone] = *minutes;
      else out_.notes.push_back("zone \"" + zone + "\" is not known here: its hour and weekday tests read as false (give --zone " +
                                zone + "=+HH:MM)");
    }
    Json event = {{"type", "pageLoad"}, {"url", text("url").value_or(std::string(kDefaultUrl))}, {"cookies", cookies},
                  {"visible", true}, {"utcOffset", visit_.visitor_offset_minutes}, {"zoneOffsets", offsets}};
    if (auto referrer = text("referrer")) event["referrer"] = *referrer;
    return event;
  }

  // Sends one event; an error means a fact the engine refuses (a country that is no code...).
  bool send(const Json& event, double at_ms, std::string_view fact = "url") {
    Errors errors = engine_.handle(event, at_ms);
    if (errors.empty() || !out_.refused.empty()) return out_.refused.empty();
    std::string what = fact == "available" ? "available.chat/available.video" : std::string(fact);
    return refuse(what, "is refused by the engine: " + errors.front().message);
  }

  // The facts the rules read, and any given one the engine reads otherwise (exitIntent before
  // exitIntent.minDwell, say).
  void note_read_facts() {
    const Config& config = engine_.config();
    std::vector<FactId> read;
    for (const Rule& rule : config.rules) read.insert(read.end(), rule.when.reads.begin(), rule.when.reads.end());
    std::sort(read.begin(), read.end());
    read.erase(std::unique(read.begin(), read.end()), read.end());
    for (FactId id : read) out_.read_facts.push_back(config.facts.name(id));
    auto facts = out_.inspect.find("facts");
    for (const auto& [name, value] : given_) {
      if (facts == out_.inspect.end() || !facts->contains(name)) continue;
      const Json& actual = *facts->find(name);
      if (actual != to_json(value))
        out_.notes.push_back("--fact " + name + "=" + to_json(value).dump() + " reads as " + actual.dump() + " in the engine" +
                             (name == "exitIntent" ? " (exit intent counts after exitIntent.minDwell on the page)" : ""));
    }
  }

  const Visit& visit_;
  VisitOutcome& out_;
  Engine engine_;
  std::map<std::string, FactValue, std::less<>> given_;
};

}  // namespace

VisitOutcome play_visit(std::string_view config_text, const Visit& visit) {
  VisitOutcome out;
  VisitPlayer player(visit, out);
  if (player.take_facts()) player.play(config_text);
  return out;
}

}  // namespace parley::cli
