// zone_country.cpp: binary search in the generated zone -> country table
// (see parley/zone_country.hpp and cmake/generate_zone_country_table.cmake).
#include "parley/zone_country.hpp"

#include <cstddef>
#include <cstdint>

namespace parley {
namespace {

// Defines kZoneCountryText (records "ZoneCC", back to back) and kZoneCountryEnds (the end
// offset of each record), sorted by zone name in byte order.
#include "zone_country_table.inc"

constexpr std::size_t kZoneCount = sizeof(kZoneCountryEnds) / sizeof(kZoneCountryEnds[0]);

constexpr std::string_view record(std::size_t index) noexcept {
  std::size_t begin = index == 0 ? 0 : kZoneCountryEnds[index - 1];
  return std::string_view(kZoneCountryText + begin, kZoneCountryEnds[index] - begin);
}
constexpr std::string_view zone_of(std::string_view record) noexcept { return record.substr(0, record.size() - 2); }

// The search is only correct on a well-formed table; check it once, at compile time.
constexpr bool table_is_well_formed() noexcept {
  if (kZoneCountryEnds[kZoneCount - 1] != sizeof(kZoneCountryText) - 1) return false;
  for (std::size_t i = 0; i < kZoneCount; ++i) {
    if (record(i).size() < 3) return false;
    if (i > 0 && !(zone_of(record(i - 1)) < zone_of(record(i)))) return false;
  }
  return true;
}
static_assert(table_is_well_formed(), "zone_country_table.inc must be sorted records \"ZoneCC\"");

}  // namespace

std::optional<std::string_view> country_for_zone(std::string_view iana_zone) noexcept {
  std::size_t low = 0, high = kZoneCount;  // search in [low, high)
  while (low < high) {
    std::size_t middle = low + (high - low) / 2;
    std::string_view entry = record(middle);
    int order = zone_of(entry).compare(iana_zone);
    if (order == 0) return entry.substr(entry.size() - 2);
    if (order < 0) low = middle + 1;
    else high = middle;
  }
  return std::nullopt;
}

}  // namespace parley
