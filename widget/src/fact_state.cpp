#include "parley/fact_state.hpp"

#include <algorithm>

namespace parley {
namespace {
const FactValue kUnknown{};
}

const FactValue& FactState::value(FactId id) const { return id < values.size() ? values[id] : kUnknown; }

void FactState::set(FactId id, FactValue value) {
  if (id >= values.size()) values.resize(id + 1u);
  values[id] = std::move(value);
}

double FactState::visible_time_ms(double now_ms) const {
  return visible_before_ms + (visible ? std::max(0.0, now_ms - visible_since_ms) : 0.0);
}

ClockReading FactState::read_clock(FactId id, Clock clock, double now_ms) const {
  switch (static_cast<BuiltinFact>(id)) {
    case BuiltinFact::time_on_page:
      if (clock == Clock::wall) return {std::max(0.0, now_ms - page_start_ms), true};
      return {visible_time_ms(now_ms), visible};
    case BuiltinFact::time_on_site:
      return {site_before_page_ms + visible_time_ms(now_ms), visible};
    case BuiltinFact::idle:
      return {std::max(0.0, now_ms - last_activity_ms), true};
    case BuiltinFact::now:
      return {now_ms, true};
    case BuiltinFact::hour:     // civil time in a zone: read by the condition evaluator
    case BuiltinFact::weekday:
    case BuiltinFact::visits:   // stored, not clock-driven
    case BuiltinFact::page_views:
    case BuiltinFact::url:
    case BuiltinFact::referrer:
    case BuiltinFact::previous_page:
    case BuiltinFact::exit_intent:
    case BuiltinFact::scroll_depth:
    case BuiltinFact::country:
    case BuiltinFact::available_chat:
    case BuiltinFact::available_video:
    case BuiltinFact::count_: break;  // no default: a new clock fact must say how it reads here
  }
  return {};
}

std::optional<int> FactState::utc_offset_minutes(std::string_view zone) const {
  if (zone.empty() || zone == "visitor") return visitor_utc_offset_minutes;
  if (zone == "UTC" || zone == "Etc/UTC") return 0;
  if (auto it = zone_offsets_minutes.find(zone); it != zone_offsets_minutes.end()) return it->second;
  return std::nullopt;
}

}  // namespace parley
