// parley/civil_time.hpp: calendar arithmetic for the `now`, `hour` and `weekday` facts.
//
// The engine has no clock and must not call libc time functions (they read the process time
// zone and locale, and differ between glibc and Emscripten): time enters as epoch milliseconds
// (a double, as JavaScript's Date.now()) and an offset from UTC in minutes that the runtime or
// the time zone tables supply. Dates use Howard Hinnant's days_from_civil / civil_from_days, in
// the proleptic Gregorian calendar. All functions are total: NaN, infinities and absurd values
// give a defined answer, never undefined behaviour.
//
//   parse_iso8601          date windows in the config ("between": ["2019-01-01", "2019-01-31"])
//   CivilTime, civil_from_epoch_ms   the local wall-clock fields of an instant
//   next_hour_boundary_ms  when an `hour` or `weekday` condition can next change (deadlines)
//   weekday_from_name, weekday_name  "mon".."sun"
//   iso8601_utc            an instant as "2026-01-05T09:00:00Z" (for agents and the console)
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace parley {

// Epoch milliseconds of an ISO 8601 date or date-time, or nullopt when the text is anything else.
// Accepted: "YYYY-MM-DD", then optionally 'T' (or 't' or a space) and "hh:mm", ":ss", ".fraction"
// (1 or more digits; milliseconds are kept, finer digits truncated), then optionally 'Z' or an
// offset "+hh:mm", "+hhmm" or "+hh" ('-' too). Fields are range-checked: month 1-12, day within
// its month (leap years included), hour 0-23 (no "24:00"), minute 0-59, second 0-60 (a leap
// second is read as the first second of the next minute).
// Unlike JavaScript's Date.parse, a date-time WITHOUT an offset is UTC, not the visitor's local
// time: a config must mean the same instant for every visitor. A date alone is midnight UTC.
std::optional<double> parse_iso8601(std::string_view text) noexcept;

struct CivilTime {
  int year = 1970;
  int month = 1;    // 1-12
  int day = 1;      // 1-31
  int hour = 0;     // 0-23
  int minute = 0;   // 0-59
  int second = 0;   // 0-59
  int weekday = 3;  // 0 = Monday ... 6 = Sunday (1970-01-01 was a Thursday)
};

// The wall-clock fields at `epoch_ms` in a zone `utc_offset_minutes` east of UTC (Paris in
// winter +60, New York in winter -300, India +330). Milliseconds are floored, so 1.5 s before
// the epoch reads 23:59:58. A non-finite epoch_ms reads as the epoch; values beyond JavaScript's
// Date range (+-8.64e15 ms) are clamped to it; the offset is clamped to +-24 h.
CivilTime civil_from_epoch_ms(double epoch_ms, int utc_offset_minutes) noexcept;

// The first instant strictly after `epoch_ms` at which the local hour changes, for a zone
// `utc_offset_minutes` east of UTC (for +330 that is hh:30 UTC). +infinity when epoch_ms is not
// finite or outside the Date range: there is no deadline to arm.
double next_hour_boundary_ms(double epoch_ms, int utc_offset_minutes) noexcept;

// "mon".."sun" or "monday".."sunday", ASCII case-insensitive -> 0 (Monday) .. 6 (Sunday).
std::optional<int> weekday_from_name(std::string_view name) noexcept;
// 0..6 -> "mon".."sun"; anything else -> "".
std::string_view weekday_name(int weekday) noexcept;

// "YYYY-MM-DDThh:mm:ssZ" in UTC (seconds floored), what people read where the engine has epoch ms.
std::string iso8601_utc(double epoch_ms);

}  // namespace parley
