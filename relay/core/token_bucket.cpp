// The per-connection rate limit (token_bucket.hpp).
#include "token_bucket.hpp"

#include <algorithm>

namespace parley::relay {

bool TokenBucket::take(const RateLimit& limit, double now_ms) noexcept {
  // A clock that steps back must not mint tokens, so only forward time refills.
  if (now_ms > refilled_ms_) {
    tokens_ = std::min(limit.burst, tokens_ + (now_ms - refilled_ms_) * limit.per_second / 1000.0);
    refilled_ms_ = now_ms;
  }
  if (tokens_ < 1.0) return false;
  tokens_ -= 1.0;
  return true;
}

}  // namespace parley::relay
