// console/time_text.hpp: times and durations as the console prints them.
//
// The engine speaks epoch milliseconds; people read "in 12.5 s", "3 min 05 s ago", "+1.250 s".
// Pure functions of their arguments: no clock (the caller passes `now_ms`), no locale.
#pragma once

#include <optional>
#include <string>

namespace parley::console {

// 12500 -> "12.5 s", 185000 -> "3 min 05 s", 7800000 -> "2 h 10 min", 2 days 3 h -> "2 d 3 h".
// Negative durations read as 0; infinite as "forever".
std::string format_duration(double ms);

// Until `deadline_ms`: "in 12.5 s" (never "in 0.0 s": under 0.1 s is "in < 0.1 s"), "due" when it
// has come, "never" when there is none (absent or infinite).
std::string format_time_left(std::optional<double> deadline_ms, double now_ms);

// Since `at_ms`: "12.5 s ago", "just now" under 0.1 s.
std::string format_time_ago(double at_ms, double now_ms);

// For the timeline, relative to the first entry: "+12.345 s" (milliseconds shown).
std::string format_offset(double at_ms, double origin_ms);

}  // namespace parley::console
