// zone_country_test.cpp: the generated time zone -> country table (parley/zone_country.hpp).
#include "parley/zone_country.hpp"

#include <gtest/gtest.h>

#include <string>

namespace parley {
namespace {

TEST(CountryForZone, MapsCanonicalZones) {
  EXPECT_EQ(country_for_zone("Europe/Paris"), "FR");
  EXPECT_EQ(country_for_zone("America/New_York"), "US");
  EXPECT_EQ(country_for_zone("Asia/Kolkata"), "IN");
  EXPECT_EQ(country_for_zone("Australia/Sydney"), "AU");
  EXPECT_EQ(country_for_zone("America/Argentina/Buenos_Aires"), "AR");
  EXPECT_EQ(country_for_zone("America/Port-au-Prince"), "HT");
}

TEST(CountryForZone, FindsTheFirstAndLastEntries) {
  EXPECT_EQ(country_for_zone("Africa/Abidjan"), "CI");
  EXPECT_EQ(country_for_zone("US/Samoa"), "AS");  // last in byte order with this tzdata
}

TEST(CountryForZone, MapsAliasesThroughTheirTargets) {
  EXPECT_EQ(country_for_zone("Asia/Calcutta"), "IN");
  EXPECT_EQ(country_for_zone("US/Eastern"), "US");
  EXPECT_EQ(country_for_zone("Japan"), "JP");
  EXPECT_EQ(country_for_zone("GB"), "GB");
}

TEST(CountryForZone, AZoneListedInZoneTabKeepsItsOwnCountry) {
  // Vaduz shares Zurich's rules but is Liechtenstein.
  EXPECT_EQ(country_for_zone("Europe/Vaduz"), "LI");
  EXPECT_EQ(country_for_zone("Europe/Zurich"), "CH");
}

TEST(CountryForZone, ZonesOfNoCountryAreNullopt) {
  EXPECT_FALSE(country_for_zone("UTC").has_value());
  EXPECT_FALSE(country_for_zone("Etc/UTC").has_value());
  EXPECT_FALSE(country_for_zone("Etc/GMT+5").has_value());
  EXPECT_FALSE(country_for_zone("GMT").has_value());
}

TEST(CountryForZone, UnknownOrMisspelledZonesAreNullopt) {
  EXPECT_FALSE(country_for_zone("").has_value());
  EXPECT_FALSE(country_for_zone("Europe/Pari").has_value());
  EXPECT_FALSE(country_for_zone("Europe/Parisx").has_value());
  EXPECT_FALSE(country_for_zone("europe/paris").has_value());  // IANA names are case-sensitive
  EXPECT_FALSE(country_for_zone("Europe/ParisFR").has_value());
  EXPECT_FALSE(country_for_zone("Mars/Olympus_Mons").has_value());
  EXPECT_FALSE(country_for_zone(std::string(100000, 'A')).has_value());
  EXPECT_FALSE(country_for_zone(std::string_view("Europe/Paris\0", 13)).has_value());
}

TEST(CountryForZone, AnswerIsAlwaysTwoUppercaseLetters) {
  for (const char* zone : {"Europe/Paris", "Asia/Tokyo", "Africa/Lagos", "America/Sao_Paulo", "Pacific/Auckland"}) {
    auto country = country_for_zone(zone);
    ASSERT_TRUE(country.has_value()) << zone;
    ASSERT_EQ(country->size(), 2u);
    EXPECT_TRUE((*country)[0] >= 'A' && (*country)[0] <= 'Z');
    EXPECT_TRUE((*country)[1] >= 'A' && (*country)[1] <= 'Z');
  }
}

}  // namespace
}  // namespace parley
