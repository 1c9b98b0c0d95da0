// parley/decimal.hpp: an integer in decimal, as std::to_string writes it. The engine's own, so
// that the browser's module carries no libc++ number formatting (its two-digit table and its
// per-type writers) for the few integers it writes: counters, byte counts, cookie times.
#pragma once

#include <string>

namespace parley {

std::string decimal(long long value);

}  // namespace parley
