// The native lookup: the C library reads the zone's tzdata file when TZ names it.
#include <unistd.h>

#include <cmath>
#include <cstdlib>
#include <ctime>
#include <string>

#include "zone_offset.hpp"

namespace parley::cli {

std::optional<int> zone_offset_minutes(std::string_view zone, double at_ms) {
  std::string name(zone);
  // Only names that are files of the tz database: glibc reads anything else as a POSIX TZ rule
  // ("Foo" would be UTC under another name) and a path could leave the folder.
  if (name.empty() || name.front() == '/' || name.find("..") != std::string::npos || !std::isfinite(at_ms)) return std::nullopt;
  if (access(("/usr/share/zoneinfo/" + name).c_str(), R_OK) != 0) return std::nullopt;

  const char* previous = std::getenv("TZ");
  std::string saved = previous ? previous : "";
  setenv("TZ", (":" + name).c_str(), 1);
  tzset();
  std::time_t seconds = static_cast<std::time_t>(std::floor(at_ms / 1000));
  std::tm local{};
  bool ok = localtime_r(&seconds, &local) != nullptr;
  if (previous) setenv("TZ", saved.c_str(), 1);
  else unsetenv("TZ");
  tzset();
  if (!ok) return std::nullopt;
  return static_cast<int>(local.tm_gmtoff / 60);
}

}  // namespace parley::cli
