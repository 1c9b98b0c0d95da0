#include "console/time_text.hpp"

#include <cmath>
#include <cstdio>

namespace parley::console {
namespace {

constexpr double kSecond = 1000;
constexpr double kMinute = 60 * kSecond;

std::string printed(const char* format, double a, double b) {
  char text[64];
  std::snprintf(text, sizeof text, format, a, b);
  return text;
}

}  // namespace

std::string format_duration(double ms) {
  if (std::isnan(ms) || ms < 0) ms = 0;
  if (std::isinf(ms)) return "forever";
  if (ms < kMinute - 50) return printed("%.1f s", ms / kSecond, 0);  // below what "%.1f" shows as 60.0
  double seconds = std::floor((ms + 50) / kSecond);
  if (seconds < 3600) return printed("%.0f min %02.0f s", std::floor(seconds / 60), std::fmod(seconds, 60));
  double minutes = std::floor(seconds / 60);
  if (minutes < 24 * 60) return printed("%.0f h %02.0f min", std::floor(minutes / 60), std::fmod(minutes, 60));
  return printed("%.0f d %.0f h", std::floor(minutes / (24 * 60)), std::floor(std::fmod(minutes, 24 * 60) / 60));
}

std::string format_time_left(std::optional<double> deadline_ms, double now_ms) {
  if (!deadline_ms || !std::isfinite(*deadline_ms)) return "never";
  double left = *deadline_ms - now_ms;
  if (left <= 0) return "due";
  if (left < 100) return "in < 0.1 s";
  return "in " + format_duration(left);
}

std::string format_time_ago(double at_ms, double now_ms) {
  double ago = now_ms - at_ms;
  if (!std::isfinite(ago)) return "never";
  if (ago < 100) return "just now";
  return format_duration(ago) + " ago";
}

std::string format_offset(double at_ms, double origin_ms) {
  double offset = at_ms - origin_ms;
  if (!std::isfinite(offset)) offset = 0;
  return printed("%+.3f s", offset / kSecond, 0);
}

}  // namespace parley::console
