// civil_time.cpp: ISO 8601 parsing and epoch <-> civil fields, without libc time functions
// (see parley/civil_time.hpp).
#include "parley/civil_time.hpp"

#include <cmath>
#include <algorithm>
#include <cstdint>

namespace parley {
namespace {

constexpr std::int64_t kMsPerMinute = 60'000;
constexpr std::int64_t kMsPerHour = 3'600'000;
constexpr std::int64_t kMsPerDay = 86'400'000;
constexpr double kMaxEpochMs = 8.64e15;  // JavaScript's Date range: +-100,000,000 days
constexpr int kMaxOffsetMinutes = 24 * 60;

constexpr std::string_view kWeekdayNames[] = {"monday", "tuesday", "wednesday", "thursday",
                                              "friday", "saturday", "sunday"};

std::int64_t floor_div(std::int64_t a, std::int64_t b) noexcept {
  std::int64_t q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

int clamp_offset(int minutes) noexcept {
  return minutes < -kMaxOffsetMinutes ? -kMaxOffsetMinutes : minutes > kMaxOffsetMinutes ? kMaxOffsetMinutes : minutes;
}

// Howard Hinnant, "chrono-Compatible Low-Level Date Algorithms": days since 1970-01-01.
std::int64_t days_from_civil(std::int64_t year, unsigned month, unsigned day) noexcept {
  year -= month <= 2;
  const std::int64_t era = (year >= 0 ? year : year - 399) / 400;
  const auto year_of_era = static_cast<unsigned>(year - era * 400);                    // [0, 399]
  const unsigned day_of_year = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;  // [0, 365]
  const unsigned day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + static_cast<std::int64_t>(day_of_era) - 719468;
}

struct YearMonthDay {
  std::int64_t year;
  unsigned month;
  unsigned day;
};

YearMonthDay civil_from_days(std::int64_t days) noexcept {
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const auto day_of_era = static_cast<unsigned>(days - era * 146097);                             // [0, 146096]
  const unsigned year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const unsigned day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const unsigned shifted_month = (5 * day_of_year + 2) / 153;  // [0, 11], March first
  const unsigned day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
  const unsigned month = shifted_month < 10 ? shifted_month + 3 : shifted_month - 9;
  return {static_cast<std::int64_t>(year_of_era) + era * 400 + (month <= 2), month, day};
}

bool is_leap_year(int year) noexcept { return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0); }

int days_in_month(int year, int month) noexcept {
  constexpr unsigned char kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap_year(year) ? 29 : kDays[month - 1];
}

// Reads fixed-width fields left to right; every read fails softly at the end of the text.
class Cursor {
 public:
  explicit Cursor(std::string_view text) : text_(text) {}

  bool at_end() const noexcept { return at_ == text_.size(); }
  char peek() const noexcept { return at_end() ? '\0' : text_[at_]; }
  bool eat(char c) noexcept {
    if (peek() != c || at_end()) return false;
    ++at_;
    return true;
  }
  // Exactly `count` decimal digits.
  bool digits(int count, int& value) noexcept {
    value = 0;
    for (int i = 0; i < count; ++i) {
      char c = peek();
      if (c < '0' || c > '9') return false;
      value = value * 10 + (c - '0');
      ++at_;
    }
    return true;
  }

 private:
  std::string_view text_;
  std::size_t at_ = 0;
};

// "Z", "+hh:mm", "+hhmm" or "+hh" at the cursor, in minutes east of UTC; nullopt when invalid.
std::optional<int> read_offset(Cursor& cursor) noexcept {
  if (cursor.eat('Z') || cursor.eat('z')) return 0;
  int sign = cursor.eat('+') ? 1 : cursor.eat('-') ? -1 : 0;
  if (sign == 0) return std::nullopt;
  int hours = 0, minutes = 0;
  if (!cursor.digits(2, hours) || hours > 23) return std::nullopt;
  if (!cursor.at_end()) {
    cursor.eat(':');
    if (!cursor.digits(2, minutes) || minutes > 59) return std::nullopt;
  }
  return sign * (hours * 60 + minutes);
}

}  // namespace

std::optional<double> parse_iso8601(std::string_view text) noexcept {
  Cursor cursor(text);
  int year = 0, month = 0, day = 0;
  if (!cursor.digits(4, year) || !cursor.eat('-') || !cursor.digits(2, month) || !cursor.eat('-') ||
      !cursor.digits(2, day))
    return std::nullopt;
  if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month)) return std::nullopt;

  int hour = 0, minute = 0, second = 0, millisecond = 0, offset_minutes = 0;
  if (!cursor.at_end()) {
    if (!(cursor.eat('T') || cursor.eat('t') || cursor.eat(' '))) return std::nullopt;
    if (!cursor.digits(2, hour) || !cursor.eat(':') || !cursor.digits(2, minute)) return std::nullopt;
    if (cursor.eat(':')) {
      if (!cursor.digits(2, second)) return std::nullopt;
      if (cursor.eat('.')) {
        int digit = 0, count = 0;
        while (cursor.digits(1, digit)) {
          if (count < 3) millisecond = millisecond * 10 + digit;
          ++count;
        }
        if (count == 0) return std::nullopt;
        for (int i = count; i < 3; ++i) millisecond *= 10;
      }
    }
    if (hour > 23 || minute > 59 || second > 60) return std::nullopt;
    if (!cursor.at_end()) {
      std::optional<int> offset = read_offset(cursor);
      if (!offset || !cursor.at_end()) return std::nullopt;
      offset_minutes = *offset;
    }
  }

  std::int64_t days = days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  std::int64_t ms = days * kMsPerDay + hour * kMsPerHour + minute * kMsPerMinute + second * 1000 + millisecond -
                    offset_minutes * kMsPerMinute;
  return static_cast<double>(ms);
}

CivilTime civil_from_epoch_ms(double epoch_ms, int utc_offset_minutes) noexcept {
  if (std::isnan(epoch_ms)) epoch_ms = 0;
  if (epoch_ms > kMaxEpochMs) epoch_ms = kMaxEpochMs;
  if (epoch_ms < -kMaxEpochMs) epoch_ms = -kMaxEpochMs;
  double local = epoch_ms + static_cast<double>(clamp_offset(utc_offset_minutes) * kMsPerMinute);
  auto local_ms = static_cast<std::int64_t>(std::floor(local));
  std::int64_t days = floor_div(local_ms, kMsPerDay);
  std::int64_t ms_of_day = local_ms - days * kMsPerDay;
  YearMonthDay date = civil_from_days(days);

  CivilTime out;
  out.year = static_cast<int>(date.year);
  out.month = static_cast<int>(date.month);
  out.day = static_cast<int>(date.day);
  out.hour = static_cast<int>(ms_of_day / kMsPerHour);
  out.minute = static_cast<int>(ms_of_day / kMsPerMinute % 60);
  out.second = static_cast<int>(ms_of_day / 1000 % 60);
  out.weekday = static_cast<int>(days + 3 - floor_div(days + 3, 7) * 7);  // 1970-01-01 was a Thursday (3)
  return out;
}

double next_hour_boundary_ms(double epoch_ms, int utc_offset_minutes) noexcept {
  if (!std::isfinite(epoch_ms) || std::fabs(epoch_ms) > kMaxEpochMs) return HUGE_VAL;
  std::int64_t offset_ms = clamp_offset(utc_offset_minutes) * kMsPerMinute;
  // Boundaries are whole milliseconds, so flooring the local instant keeps "strictly after":
  // a local time of exactly hh:00:00.000 already belongs to hour hh and moves on to hh+1.
  auto local_ms = static_cast<std::int64_t>(std::floor(epoch_ms + static_cast<double>(offset_ms)));
  std::int64_t next_local = (floor_div(local_ms, kMsPerHour) + 1) * kMsPerHour;
  return static_cast<double>(next_local - offset_ms);
}

std::optional<int> weekday_from_name(std::string_view name) noexcept {
  if (name.size() < 3 || name.size() > 9) return std::nullopt;
  for (int weekday = 0; weekday < 7; ++weekday) {
    std::string_view full = kWeekdayNames[weekday];
    if (name.size() != 3 && name.size() != full.size()) continue;
    bool same = true;
    for (std::size_t i = 0; i < name.size() && same; ++i) {
      char c = name[i];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      same = c == full[i];
    }
    if (same) return weekday;
  }
  return std::nullopt;
}

std::string_view weekday_name(int weekday) noexcept {
  if (weekday < 0 || weekday > 6) return {};
  return kWeekdayNames[weekday].substr(0, 3);
}

std::string iso8601_utc(double epoch_ms) {
  CivilTime t = civil_from_epoch_ms(epoch_ms, 0);
  // Written by hand: snprintf would bring printf's whole formatter into parley.wasm.
  std::string text = "0000-00-00T00:00:00Z";
  auto put = [&text](std::size_t at, int value, int width) {
    for (int k = width - 1; k >= 0; --k, value /= 10) text[at + k] = static_cast<char>('0' + value % 10);
  };
  put(0, std::clamp(t.year, 0, 9999), 4);  // Date.now() times: always within
  put(5, t.month, 2);
  put(8, t.day, 2);
  put(11, t.hour, 2);
  put(14, t.minute, 2);
  put(17, t.second, 2);
  return text;
}

}  // namespace parley
