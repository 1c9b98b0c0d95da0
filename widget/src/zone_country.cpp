// zone_country.cpp: a scan of the generated, front-coded zone -> country table
// (see parley/zone_country.hpp and cmake/generate_zone_country_table.cmake).
#include "parley/zone_country.hpp"

#include <cstddef>

namespace parley {
namespace {

// Defines kZoneCountryText: records sorted by zone name in byte order, each the length of the
// prefix its zone shares with the previous zone (one byte below '+'), the rest of the zone, and
// its two-letter country. A scan of the ~550 records once per page view costs microseconds; the
// front coding saves 1.5 KB of gzip on the critical path over a binary-searchable layout.
#include "zone_country_table.inc"

constexpr char kLastMark = '+' - 1;  // a shared-prefix byte: every zone character is above it
constexpr std::size_t kLongestZone = 63;

// Calls visit(zone, country) for each record in order until it returns true.
template <typename Visit>
constexpr void for_each_zone(Visit visit) noexcept {
  char zone[kLongestZone + 1] = {};
  std::size_t at = 0;
  const std::size_t size = sizeof(kZoneCountryText) - 1;
  while (at < size) {
    std::size_t length = static_cast<unsigned char>(kZoneCountryText[at++]);
    std::size_t end = at;
    while (end < size && kZoneCountryText[end] > kLastMark) ++end;
    for (; at + 2 < end; ++at) zone[length++] = kZoneCountryText[at];
    if (visit(std::string_view(zone, length), std::string_view(kZoneCountryText + at, 2))) return;
    at = end;
  }
}

// The scan is only correct on a well-formed table; check it once, at compile time.
constexpr bool table_is_well_formed() noexcept {
  bool sorted = true;
  std::size_t count = 0;
  char previous[kLongestZone + 1] = {};
  std::size_t previous_length = 0;
  for_each_zone([&](std::string_view zone, std::string_view country) {
    std::string_view before(previous, previous_length);
    if (zone.empty() || (count > 0 && !(before < zone)) || country[0] < 'A' || country[0] > 'Z' ||
        country[1] < 'A' || country[1] > 'Z')
      sorted = false;
    for (std::size_t i = 0; i < zone.size(); ++i) previous[i] = zone[i];
    previous_length = zone.size();
    ++count;
    return !sorted;
  });
  return sorted && count > 400;
}
static_assert(table_is_well_formed(), "zone_country_table.inc must be front-coded records, sorted");

}  // namespace

std::optional<std::string_view> country_for_zone(std::string_view iana_zone) noexcept {
  std::optional<std::string_view> found;
  if (iana_zone.empty() || iana_zone.size() > kLongestZone) return found;
  for_each_zone([&](std::string_view zone, std::string_view country) {
    if (zone == iana_zone) found = country;  // points into kZoneCountryText: static storage
    return zone >= iana_zone;               // sorted: past it, it is not there
  });
  return found;
}

}  // namespace parley
