// parley/zone_country.hpp: the visitor's country guessed from their IANA time zone.
//
// Second link of the `country` fact's chain (after a host-provided value, before opt-in
// geolocation): the browser tells its time zone without any prompt, and most zones belong to one
// country. The table is generated at build time from the installed tzdata by
// cmake/generate_zone_country_table.cmake (zone.tab, plus tzdata.zi links for aliases). This file
// does no I/O and holds no state beyond that constant table.
#pragma once

#include <optional>
#include <string_view>

namespace parley {

// ISO 3166 alpha-2 code of the country of `iana_zone`, or nullopt when the zone is unknown or
// belongs to no country. Names are compared exactly, case-sensitive, as Intl reports them:
// "Europe/Paris" -> "FR", "America/New_York" -> "US", aliases too ("Asia/Calcutta" -> "IN",
// "US/Eastern" -> "US"); "UTC", "Etc/GMT+5", "" -> nullopt. The view points into static storage.
std::optional<std::string_view> country_for_zone(std::string_view iana_zone) noexcept;

}  // namespace parley
