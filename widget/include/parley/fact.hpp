// parley/fact.hpp: the facts rules read, their names and their values.
//
// Built-in facts have fixed ids (FactId values below kFirstCustomFact); custom facts
// ("custom.cart") get ids from a FactRegistry when a config names them. Facts that follow the
// clock (timeOnPage, idle, hour...) are not stored: the engine computes them from `now_ms`.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "parley/json_reader.hpp"

namespace parley {

using FactId = std::uint16_t;

// Spelled as in JSON; the order is the FactId.
enum class BuiltinFact : FactId {
  time_on_page,     // "timeOnPage"   ms of visible (or wall) time on this page view
  time_on_site,     // "timeOnSite"   ms of visible time in this session, this page included
  visits,           // "visits"       sessions, this one included
  page_views,       // "pageViews"    page loads counted in the visits cookie
  url,              // "url"
  referrer,         // "referrer"     document.referrer (origin only when cross-origin)
  previous_page,    // "previousPage" the previous page of this session, from Parley's own history
  exit_intent,      // "exitIntent"
  idle,             // "idle"         ms since the last input
  scroll_depth,     // "scrollDepth"  0 to 100
  country,          // "country"      ISO 3166 alpha-2
  now,              // "now"          epoch ms
  hour,             // "hour"         0 to 23 in a zone
  weekday,          // "weekday"      "mon" ... "sun" in a zone
  available_chat,   // "available.chat"
  available_video,  // "available.video"
  count_
};
inline constexpr FactId kFirstCustomFact = static_cast<FactId>(BuiltinFact::count_);
inline constexpr std::string_view kCustomPrefix = "custom.";

constexpr FactId fact_id(BuiltinFact fact) noexcept { return static_cast<FactId>(fact); }

// Facts whose value moves with the clock: evaluated at deadlines rather than on change.
constexpr bool is_clock_fact(FactId id) noexcept {
  return id == fact_id(BuiltinFact::time_on_page) || id == fact_id(BuiltinFact::time_on_site) ||
         id == fact_id(BuiltinFact::idle) || id == fact_id(BuiltinFact::now) ||
         id == fact_id(BuiltinFact::hour) || id == fact_id(BuiltinFact::weekday);
}

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
