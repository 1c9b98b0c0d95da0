// parley/fact_state.hpp: what the engine currently knows, and the clock-driven facts.
//
// Stored facts (url, country, custom.*) are values indexed by FactId. Clock facts are derived
// from a few instants (page start, visible-since, last input) so no timer has to tick them.
#pragma once

#include <cmath>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "parley/fact.hpp"

namespace parley {

inline constexpr double kNever = std::numeric_limits<double>::infinity();

enum class Clock { visible, wall };

// A clock fact's value now, and whether it grows with time (1 ms per ms) from here on.
struct ClockReading {
  double value = 0;
  bool growing = false;
};

struct FactState {
  std::vector<FactValue> values = std::vector<FactValue>(kFirstCustomFact);  // by FactId

  double page_start_ms = 0;          // this page view began
  double visible_before_ms = 0;      // visible time accumulated before visible_since_ms
  double visible_since_ms = 0;       // meaningful while `visible`
  bool visible = true;
  double site_before_page_ms = 0;    // visible time on earlier pages of this session
  double last_activity_ms = 0;       // last input (idle) event
  int visitor_utc_offset_minutes = 0;
  std::map<std::string, int, std::less<>> zone_offsets_minutes;  // named IANA zones, from the runtime

  const FactValue& value(FactId id) const;
  void set(FactId id, FactValue value);

  double visible_time_ms(double now_ms) const;
  ClockReading read_clock(FactId id, Clock clock, double now_ms) const;
  // "visitor" (or empty), "UTC", or an IANA name the runtime gave an offset for.
  std::optional<int> utc_offset_minutes(std::string_view zone) const;
};

}  // namespace parley
