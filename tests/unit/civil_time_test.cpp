// civil_time_test.cpp: ISO 8601 parsing, civil fields, hour boundaries and weekday names
// (parley/civil_time.hpp). Expected epoch values come from node's Date.parse.
#include "parley/civil_time.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <limits>

namespace parley {
namespace {

constexpr double kNov14_2023_221320Z = 1700000000000;  // 2023-11-14T22:13:20Z, a Tuesday

// ---- parse_iso8601 ----

TEST(ParseIso8601, ReadsADateAsMidnightUtc) { EXPECT_EQ(parse_iso8601("2019-01-01"), 1546300800000.0); }

TEST(ParseIso8601, ReadsDateTimesWithAndWithoutSeconds) {
  EXPECT_EQ(parse_iso8601("2019-01-01T00:00"), 1546300800000.0);
  EXPECT_EQ(parse_iso8601("2019-01-01T00:00:00"), 1546300800000.0);
  EXPECT_EQ(parse_iso8601("2019-01-01T00:00Z"), 1546300800000.0);
  EXPECT_EQ(parse_iso8601("2020-02-29T23:59:59Z"), 1583020799000.0);
}

TEST(ParseIso8601, DateTimeWithoutOffsetIsUtcNotLocalTime) {
  EXPECT_EQ(parse_iso8601("2019-01-01T12:30:15"), parse_iso8601("2019-01-01T12:30:15Z"));
}

TEST(ParseIso8601, AcceptsASpaceOrLowercaseTAsSeparator) {
  EXPECT_EQ(parse_iso8601("2019-01-01 00:00:00"), 1546300800000.0);
  EXPECT_EQ(parse_iso8601("2019-01-01t00:00:00z"), 1546300800000.0);
}

TEST(ParseIso8601, AppliesOffsetsInEveryForm) {
  EXPECT_EQ(parse_iso8601("2019-01-01T12:30:15.250+01:00"), 1546342215250.0);
  EXPECT_EQ(parse_iso8601("2019-01-01T00:00:00-05:30"), 1546320600000.0);
  EXPECT_EQ(parse_iso8601("2019-01-01T00:00:00-0530"), 1546320600000.0);
  EXPECT_EQ(parse_iso8601("2019-01-01T01:00:00+01"), 1546300800000.0);
}

TEST(ParseIso8601, KeepsMillisecondsAndTruncatesFinerFractions) {
  EXPECT_EQ(parse_iso8601("2019-06-15T08:00:00.5Z"), 1560585600500.0);
  EXPECT_EQ(parse_iso8601("2019-06-15T08:00:00.123456Z"), 1560585600123.0);
  EXPECT_EQ(parse_iso8601("1969-12-31T23:59:59.999Z"), -1.0);
}

TEST(ParseIso8601, CoversTheFourDigitYearRange) {
  EXPECT_EQ(parse_iso8601("0000-01-01T00:00:00Z"), -62167219200000.0);
  EXPECT_EQ(parse_iso8601("9999-12-31T23:59:59.999Z"), 253402300799999.0);
  EXPECT_EQ(parse_iso8601("1600-02-29"), -11670998400000.0);
}

TEST(ParseIso8601, AcceptsLeapDaysOfLeapYears) {
  EXPECT_TRUE(parse_iso8601("2020-02-29").has_value());
  EXPECT_TRUE(parse_iso8601("2000-02-29").has_value());
}

TEST(ParseIso8601, RejectsLeapDaysOfOtherYears) {
  EXPECT_FALSE(parse_iso8601("2019-02-29").has_value());
  EXPECT_FALSE(parse_iso8601("1900-02-29").has_value());
  EXPECT_FALSE(parse_iso8601("2100-02-29").has_value());
}

TEST(ParseIso8601, AcceptsALeapSecond) {
  EXPECT_EQ(parse_iso8601("2016-12-31T23:59:60Z"), 1483228799000.0 + 1000);
}

TEST(ParseIso8601, RejectsOutOfRangeFields) {
  EXPECT_FALSE(parse_iso8601("2019-00-01").has_value());
  EXPECT_FALSE(parse_iso8601("2019-13-01").has_value());
  EXPECT_FALSE(parse_iso8601("2019-01-00").has_value());
  EXPECT_FALSE(parse_iso8601("2019-04-31").has_value());
  EXPECT_FALSE(parse_iso8601("2019-01-01T24:00:00").has_value());
  EXPECT_FALSE(parse_iso8601("2019-01-01T23:60").has_value());
  EXPECT_FALSE(parse_iso8601("2019-01-01T23:59:61").has_value());
  EXPECT_FALSE(parse_iso8601("2019-01-01T00:00+24:00").has_value());
  EXPECT_FALSE(parse_iso8601("2019-01-01T00:00+01:60").has_value());
}

TEST(ParseIso8601, RejectsMalformedText) {
  const char* bad[] = {"",
                       "2019",
                       "2019-1-1",
                       "19-01-01",
                       "2019/01/01",
                       "20190101",
                       "+2019-01-01",
                       "2019-01-01T",
                       "2019-01-01T1:00",
                       "2019-01-01T10",
                       "2019-01-01T10:00:",
                       "2019-01-01T10:00:00.",
                       "2019-01-01T10:00.5",
                       "2019-01-01Z",
                       "2019-01-01T10:00:00ZZ",
                       "2019-01-01T10:00:00+",
                       "2019-01-01T10:00:00+1",
                       "2019-01-01T10:00:00+01:",
                       "2019-01-01T10:00:00+01:0",
                       "2019-01-01T10:00:00 UTC",
                       " 2019-01-01",
                       "2019-01-01 ",
                       "2019-01-01T10:00:00+01:00x",
                       "next tuesday"};
  for (const char* text : bad) EXPECT_FALSE(parse_iso8601(text).has_value()) << text;
}

// ---- civil_from_epoch_ms ----

TEST(CivilFromEpochMs, ReadsUtcFields) {
  CivilTime t = civil_from_epoch_ms(kNov14_2023_221320Z, 0);
  EXPECT_EQ(t.year, 2023);
  EXPECT_EQ(t.month, 11);
  EXPECT_EQ(t.day, 14);
  EXPECT_EQ(t.hour, 22);
  EXPECT_EQ(t.minute, 13);
  EXPECT_EQ(t.second, 20);
  EXPECT_EQ(t.weekday, 1);  // Tuesday
}

TEST(CivilFromEpochMs, AppliesOffsetsEastAndWestOfUtc) {
  CivilTime paris_summer = civil_from_epoch_ms(kNov14_2023_221320Z, 120);
  EXPECT_EQ(paris_summer.day, 15);
  EXPECT_EQ(paris_summer.hour, 0);
  EXPECT_EQ(paris_summer.weekday, 2);  // Wednesday: the offset moved the date
  CivilTime india = civil_from_epoch_ms(kNov14_2023_221320Z, 330);
  EXPECT_EQ(india.day, 15);
  EXPECT_EQ(india.hour, 3);
  EXPECT_EQ(india.minute, 43);
  CivilTime new_york = civil_from_epoch_ms(kNov14_2023_221320Z, -300);
  EXPECT_EQ(new_york.day, 14);
  EXPECT_EQ(new_york.hour, 17);
}

TEST(CivilFromEpochMs, FloorsBeforeTheEpoch) {
  CivilTime t = civil_from_epoch_ms(-1500, 0);
  EXPECT_EQ(t.year, 1969);
  EXPECT_EQ(t.month, 12);
  EXPECT_EQ(t.day, 31);
  EXPECT_EQ(t.hour, 23);
  EXPECT_EQ(t.minute, 59);
  EXPECT_EQ(t.second, 58);
  EXPECT_EQ(t.weekday, 2);  // Wednesday
}

TEST(CivilFromEpochMs, KnowsWeekdaysOfKnownDates) {
  EXPECT_EQ(civil_from_epoch_ms(*parse_iso8601("2000-01-01"), 0).weekday, 5);  // Saturday
  EXPECT_EQ(civil_from_epoch_ms(*parse_iso8601("2024-02-29"), 0).weekday, 3);  // Thursday
  EXPECT_EQ(civil_from_epoch_ms(*parse_iso8601("2024-03-03"), 0).weekday, 6);  // Sunday
  EXPECT_EQ(civil_from_epoch_ms(*parse_iso8601("1900-01-01"), 0).weekday, 0);  // Monday
}

TEST(CivilFromEpochMs, RoundTripsWithParseIso8601OverCenturies) {
  // Every 13th day from 1600 to 2400 crosses every month length and leap rule.
  const double start = *parse_iso8601("1600-01-01");
  const double end = *parse_iso8601("2400-12-31");
  int previous_weekday = civil_from_epoch_ms(start, 0).weekday;
  for (double ms = start + 13 * 86400000.0; ms <= end; ms += 13 * 86400000.0) {
    CivilTime t = civil_from_epoch_ms(ms + 12345678, 0);
    char text[32];
    std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d", t.year, t.month, t.day, t.hour, t.minute,
                  t.second);
    ASSERT_EQ(parse_iso8601(text), ms + 12345000) << text;
    ASSERT_EQ(t.weekday, (previous_weekday + 13) % 7) << text;
    previous_weekday = t.weekday;
  }
}

TEST(CivilFromEpochMs, NonFiniteAndHugeInputsGiveDefinedFields) {
  CivilTime nan = civil_from_epoch_ms(std::numeric_limits<double>::quiet_NaN(), 0);
  EXPECT_EQ(nan.year, 1970);
  EXPECT_EQ(nan.weekday, 3);
  CivilTime far = civil_from_epoch_ms(std::numeric_limits<double>::infinity(), 1 << 30);
  EXPECT_EQ(far.year, 275760);  // the end of JavaScript's Date range, +24 h of clamped offset
  CivilTime past = civil_from_epoch_ms(-1e300, -(1 << 30));
  EXPECT_LT(past.year, -271000);
  EXPECT_GE(past.month, 1);
  EXPECT_LE(past.month, 12);
}

// ---- next_hour_boundary_ms ----

TEST(NextHourBoundaryMs, IsTheNextLocalHourInUtc) {
  EXPECT_EQ(next_hour_boundary_ms(kNov14_2023_221320Z, 0), 1700002800000.0);  // 23:00Z
  EXPECT_EQ(next_hour_boundary_ms(kNov14_2023_221320Z, -300), 1700002800000.0);
}

TEST(NextHourBoundaryMs, HandlesHalfHourOffsets) {
  // India is +05:30: local 03:43:20 -> local 04:00 = 22:30Z.
  EXPECT_EQ(next_hour_boundary_ms(kNov14_2023_221320Z, 330), 1700001000000.0);
  // Nepal is +05:45: local 03:58:20 -> local 04:00 = 22:15Z.
  EXPECT_EQ(next_hour_boundary_ms(kNov14_2023_221320Z, 345), 1700000100000.0);
}

TEST(NextHourBoundaryMs, IsStrictlyAfterAnInstantOnABoundary) {
  EXPECT_EQ(next_hour_boundary_ms(1700002800000.0, 0), 1700006400000.0);
  EXPECT_EQ(next_hour_boundary_ms(1700002799999.5, 0), 1700002800000.0);
  EXPECT_EQ(next_hour_boundary_ms(0, 0), 3600000.0);
  EXPECT_EQ(next_hour_boundary_ms(-0.5, 0), 0.0);
  EXPECT_EQ(next_hour_boundary_ms(-3600000.0, 0), 0.0);
}

TEST(NextHourBoundaryMs, ChangesTheLocalHour) {
  for (int offset : {-720, -570, -300, 0, 60, 330, 345, 525, 840}) {
    double next = next_hour_boundary_ms(kNov14_2023_221320Z, offset);
    EXPECT_GT(next, kNov14_2023_221320Z);
    EXPECT_LE(next - kNov14_2023_221320Z, 3600000.0);
    CivilTime at = civil_from_epoch_ms(next, offset);
    CivilTime before = civil_from_epoch_ms(next - 1, offset);
    EXPECT_EQ(at.minute, 0) << offset;
    EXPECT_EQ(at.second, 0) << offset;
    EXPECT_NE(at.hour, before.hour) << offset;
  }
}

TEST(NextHourBoundaryMs, NonFiniteOrOutOfRangeHasNoBoundary) {
  EXPECT_EQ(next_hour_boundary_ms(std::numeric_limits<double>::quiet_NaN(), 0), HUGE_VAL);
  EXPECT_EQ(next_hour_boundary_ms(std::numeric_limits<double>::infinity(), 0), HUGE_VAL);
  EXPECT_EQ(next_hour_boundary_ms(1e300, 0), HUGE_VAL);
  EXPECT_TRUE(std::isfinite(next_hour_boundary_ms(8.64e15, 1 << 30)));
}

// ---- weekday names ----

TEST(WeekdayFromName, ReadsShortAndLongNamesInAnyCase) {
  EXPECT_EQ(weekday_from_name("mon"), 0);
  EXPECT_EQ(weekday_from_name("sun"), 6);
  EXPECT_EQ(weekday_from_name("Wednesday"), 2);
  EXPECT_EQ(weekday_from_name("THU"), 3);
  EXPECT_EQ(weekday_from_name("saturday"), 5);
}

TEST(WeekdayFromName, RejectsOtherSpellings) {
  const char* bad[] = {"", "m", "mo", "mond", "monda", "tues", "thurs", "mondays", "lun", "dimanche",
                       " mon", "mon ", "0", "wednesdayy", "sundayxxxx"};
  for (const char* name : bad) EXPECT_FALSE(weekday_from_name(name).has_value()) << name;
}

TEST(WeekdayName, RoundTripsWithWeekdayFromName) {
  for (int weekday = 0; weekday < 7; ++weekday) EXPECT_EQ(weekday_from_name(weekday_name(weekday)), weekday);
  EXPECT_EQ(weekday_name(0), "mon");
  EXPECT_EQ(weekday_name(6), "sun");
}

TEST(WeekdayName, OutOfRangeIsEmpty) {
  EXPECT_EQ(weekday_name(-1), "");
  EXPECT_EQ(weekday_name(7), "");
}

// ---- iso8601_utc ----

TEST(Iso8601Utc, WritesSecondsInUtcWithZeroPadding) {
  EXPECT_EQ(iso8601_utc(1546300800000.0), "2019-01-01T00:00:00Z");
  EXPECT_EQ(iso8601_utc(1767603600000.0 + 3 * 60000 + 7000 + 999), "2026-01-05T09:03:07Z");  // ms floored
}

TEST(Iso8601Utc, ReadsBackAsTheSameSecond) {
  for (double ms : {0.0, 951782400000.0, 1709164800000.0, 4102444799000.0})
    EXPECT_EQ(parse_iso8601(iso8601_utc(ms)), ms) << iso8601_utc(ms);
}

}  // namespace
}  // namespace parley
