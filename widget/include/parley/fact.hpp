// parley/fact.hpp: the facts rules read, their names and their values.
//
// Built-in facts have fixed ids (FactId values below kFirstCustomFact); custom facts
// ("custom.cart") get ids from a FactRegistry when a config names them. Facts that follow the
// clock (timeOnPage, idle, hour...) are not stored: the engine computes them from `now_ms`.
#pragma once

#include <array>
#include <cstdint>
#include <iterator>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

#include "parley/json_reader.hpp"

namespace parley {

using FactId = std::uint16_t;

// The built-in facts; the order is the FactId and the order of kFacts below.
enum class BuiltinFact : FactId {
  time_on_page,
  time_on_site,
  visits,
  page_views,
  url,
  referrer,
  previous_page,
  exit_intent,
  idle,
  scroll_depth,
  country,
  now,
  hour,
  weekday,
  available_chat,
  available_video,
  count_
};
inline constexpr FactId kFirstCustomFact = static_cast<FactId>(BuiltinFact::count_);
inline constexpr std::string_view kCustomPrefix = "custom.";

constexpr FactId fact_id(BuiltinFact fact) noexcept { return static_cast<FactId>(fact); }

// What a fact holds: decides the operators and operands a test on it may use.
enum class FactType : std::uint8_t { number, url, text, date, weekday, boolean };

// One built-in fact: everything the config reader, the condition evaluator, the explainer, the
// console and parley-config know about it. A new fact is a row here (plus the event that sets
// it); the static_asserts below keep the rows in the enum's order, one per fact.
struct FactInfo {
  BuiltinFact fact;
  std::string_view name;    // as in the config and the inspect snapshot
  FactType type;
  std::string_view unit;    // "ms", "%", "count", "epoch ms", "hour", "" (none)
  double min = 0;           // numbers only: the operands a test accepts
  double max = 1e15;
  bool clock = false;       // moves with the clock: evaluated at deadlines rather than on change
  std::string_view source;  // where the value comes from ("{counter}": the counter cookie's name)
};

inline constexpr FactInfo kFacts[] = {
    {BuiltinFact::time_on_page, "timeOnPage", FactType::number, "ms", 0, 1e15, true,
     "clock: visible time since the page view began"},
    {BuiltinFact::time_on_site, "timeOnSite", FactType::number, "ms", 0, 1e15, true,
     "clock: visible time this session (parley_session cookie)"},
    {BuiltinFact::visits, "visits", FactType::number, "count", 0, 1e15, false,
     "sessions counted in the parley_visitor cookie"},
    {BuiltinFact::page_views, "pageViews", FactType::number, "count", 0, 1e15, false,
     "page loads counted in the {counter} cookie"},
    {BuiltinFact::url, "url", FactType::url, "", 0, 0, false, "location (page load, route change)"},
    {BuiltinFact::referrer, "referrer", FactType::url, "", 0, 0, false, "document.referrer"},
    {BuiltinFact::previous_page, "previousPage", FactType::url, "", 0, 0, false,
     "Parley's own history (parley_session cookie)"},
    {BuiltinFact::exit_intent, "exitIntent", FactType::boolean, "", 0, 0, false,
     "pointer leaving through the top edge (touch: return to a hidden page)"},
    {BuiltinFact::idle, "idle", FactType::number, "ms", 0, 1e15, true, "clock: time since the last input"},
    {BuiltinFact::scroll_depth, "scrollDepth", FactType::number, "%", 0, 100, false,
     "deepest scroll point of this page view"},
    {BuiltinFact::country, "country", FactType::text, "", 0, 0, false,
     "host, geolocation or time zone (see country.source)"},
    {BuiltinFact::now, "now", FactType::date, "epoch ms", 0, 0, true, "clock: wall time"},
    {BuiltinFact::hour, "hour", FactType::number, "hour", 0, 23, true, "clock: wall time in the rule's zone"},
    {BuiltinFact::weekday, "weekday", FactType::weekday, "", 0, 0, true, "clock: wall time in the rule's zone"},
    {BuiltinFact::available_chat, "available.chat", FactType::boolean, "", 0, 0, false,
     "agent availability (transport or host)"},
    {BuiltinFact::available_video, "available.video", FactType::boolean, "", 0, 0, false,
     "agent availability (transport or host)"},
};
static_assert(std::size(kFacts) == kFirstCustomFact, "one kFacts row per BuiltinFact");

constexpr bool facts_in_enum_order() {
  for (std::size_t i = 0; i < std::size(kFacts); ++i)
    if (fact_id(kFacts[i].fact) != i) return false;
  return true;
}
static_assert(facts_in_enum_order(), "kFacts rows are in BuiltinFact order");

constexpr const FactInfo& fact_info(BuiltinFact fact) noexcept { return kFacts[fact_id(fact)]; }
// nullptr for custom facts.
constexpr const FactInfo* builtin_fact_info(FactId id) noexcept {
  return id < kFirstCustomFact ? &kFacts[id] : nullptr;
}

// One column of kFacts as its own array. The engine reads the table by column at run time (a
// name, a type, a range, the clock flag), so the module keeps only the columns it reads: the
// explainer's texts (`source`, `unit`), which only the inspector and the tools read, stay off the
// visitor's start path with them.
template <auto Member>
inline constexpr auto kFactColumn = [] {
  std::array<std::decay_t<decltype(kFacts[0].*Member)>, std::size(kFacts)> column{};
  for (std::size_t i = 0; i < column.size(); ++i) column[i] = kFacts[i].*Member;
  return column;
}();

// Facts whose value moves with the clock: evaluated at deadlines rather than on change.
constexpr bool is_clock_fact(FactId id) noexcept { return id < kFirstCustomFact && kFactColumn<&FactInfo::clock>[id]; }

// A fact value: unknown, a boolean, a number or a string.
using FactValue = std::variant<std::monostate, bool, double, std::string>;

Json to_json(const FactValue& value);
// null, booleans, numbers and strings; anything else is not a fact value.
std::optional<FactValue> fact_value_from_json(const Json& value);
// For display in the agent's context and the console: "20000", "true", "FR", "" for unknown.
std::string to_display_string(const FactValue& value);

// Names <-> ids. Built-ins are always present; custom names are added on demand.
class FactRegistry {
 public:
  FactRegistry();
  // "timeOnPage" or "custom.cart" (added if new). nullopt for unknown non-custom names.
  std::optional<FactId> find_or_add(std::string_view name);
  std::optional<FactId> find(std::string_view name) const;
  const std::string& name(FactId id) const { return names_[id]; }
  std::size_t size() const noexcept { return names_.size(); }

 private:
  std::vector<std::string> names_;                         // by id
  std::map<std::string, FactId, std::less<>> custom_ids_;  // custom names only
};

}  // namespace parley
