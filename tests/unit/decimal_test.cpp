// parley::decimal writes an integer as std::to_string does, over the whole range of long long.
#include "parley/decimal.hpp"

#include <gtest/gtest.h>

#include <climits>
#include <string>

namespace {

TEST(Decimal, WritesWhatToStringWrites) {
  for (long long value : {0LL, 1LL, -1LL, 9LL, 10LL, -10LL, 99LL, 100LL, 4000LL, 1700000000000LL, -1700000000000LL,
                          999999999999999999LL, LLONG_MAX, LLONG_MIN, LLONG_MIN + 1})
    EXPECT_EQ(parley::decimal(value), std::to_string(value)) << value;
}

TEST(Decimal, EveryPowerOfTenAndItsNeighbours) {
  long long power = 1;
  for (int digits = 1; digits <= 18; ++digits, power *= 10)
    for (long long value : {power - 1, power, power + 1, -power})
      EXPECT_EQ(parley::decimal(value), std::to_string(value)) << value;
}

}  // namespace
