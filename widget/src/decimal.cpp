#include "parley/decimal.hpp"

namespace parley {

std::string decimal(long long value) {
  char digits[20];  // 19 digits and a sign: every long long
  char* start = digits + sizeof digits;
  // Negated as unsigned: -LLONG_MIN does not fit a long long.
  auto rest = static_cast<unsigned long long>(value);
  if (value < 0) rest = 0ULL - rest;
  do {
    *--start = static_cast<char>('0' + rest % 10);
    rest /= 10;
  } while (rest != 0);
  if (value < 0) *--start = '-';
  return std::string(start, digits + sizeof digits);
}

}  // namespace parley
