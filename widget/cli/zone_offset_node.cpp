// The node lookup: Intl, through the browser runtime's time_zones.js (zone_offset_node.js).
#include <cmath>
#include <string>

#include "zone_offset.hpp"

extern "C" {
// Minutes east of UTC, or a value outside +-24 h when the zone is unknown. `zone` is borrowed.
double parley_cli_zone_offset(const char* zone, double at_ms);
}

namespace parley::cli {

std::optional<int> zone_offset_minutes(std::string_view zone, double at_ms) {
  if (zone.empty() || !std::isfinite(at_ms)) return std::nullopt;
  double minutes = parley_cli_zone_offset(std::string(zone).c_str(), at_ms);
  if (!(std::fabs(minutes) <= 24 * 60)) return std::nullopt;
  return static_cast<int>(minutes);
}

}  // namespace parley::cli
