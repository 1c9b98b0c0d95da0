// The console's time texts: durations, time left to a deadline, time since, timeline offsets.
#include <gtest/gtest.h>

#include <cmath>

#include "console/time_text.hpp"

namespace parley::console {
namespace {

TEST(ConsoleTimeText, ShortDurationsInSecondsWithOneDecimal) {
  EXPECT_EQ(format_duration(0), "0.0 s");
  EXPECT_EQ(format_duration(850), "0.8 s");
  EXPECT_EQ(format_duration(12500), "12.5 s");
  EXPECT_EQ(format_duration(59940), "59.9 s");
}

TEST(ConsoleTimeText, LongerDurationsInMinutesHoursAndDays) {
  EXPECT_EQ(format_duration(59960), "1 min 00 s") << "never 60.0 s";
  EXPECT_EQ(format_duration(185000), "3 min 05 s");
  EXPECT_EQ(format_duration(3599000), "59 min 59 s");
  EXPECT_EQ(format_duration(3600000), "1 h 00 min");
  EXPECT_EQ(format_duration(7800000), "2 h 10 min");
  EXPECT_EQ(format_duration(2 * 86400000.0 + 3 * 3600000.0), "2 d 3 h");
}

TEST(ConsoleTimeText, NegativeNanAndInfiniteDurations) {
  EXPECT_EQ(format_duration(-5), "0.0 s");
  EXPECT_EQ(format_duration(std::nan("")), "0.0 s");
  EXPECT_EQ(format_duration(HUGE_VAL), "forever");
}

TEST(ConsoleTimeText, TimeLeftToADeadline) {
  EXPECT_EQ(format_time_left(20000.0, 7500), "in 12.5 s");
  EXPECT_EQ(format_time_left(1050.0, 1000), "in < 0.1 s") << "never \"in 0.0 s\"";
  EXPECT_EQ(format_time_left(1000.0, 1000), "due");
  EXPECT_EQ(format_time_left(900.0, 1000), "due");
  EXPECT_EQ(format_time_left(std::nullopt, 1000), "never");
  EXPECT_EQ(format_time_left(HUGE_VAL, 1000), "never");
}

TEST(ConsoleTimeText, TimeSinceAnInstant) {
  EXPECT_EQ(format_time_ago(1000, 13500), "12.5 s ago");
  EXPECT_EQ(format_time_ago(1000, 1050), "just now");
  EXPECT_EQ(format_time_ago(-HUGE_VAL, 1000), "never");
}

TEST(ConsoleTimeText, TimelineOffsetsKeepMilliseconds) {
  EXPECT_EQ(format_offset(1012345, 1000000), "+12.345 s");
  EXPECT_EQ(format_offset(1000000, 1000000), "+0.000 s");
}

}  // namespace
}  // namespace parley::console
