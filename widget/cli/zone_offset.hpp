// zone_offset.hpp: a named time zone's offset from UTC at an instant, for the rules' "zone".
//
// The engine has no tz database: the browser runtime gives it the offsets (Intl), and so does
// parley-config: natively from the system's tzdata (/usr/share/zoneinfo), under node through Intl,
// with the runtime's own time_zones.js (zone_offset_node.cpp). --zone NAME=+HH:MM overrides both.
#pragma once

#include <optional>
#include <string_view>

namespace parley::cli {

// Minutes east of UTC of `zone` (an IANA name) at `at_ms`; nullopt when this machine does not know it.
std::optional<int> zone_offset_minutes(std::string_view zone, double at_ms);

}  // namespace parley::cli
