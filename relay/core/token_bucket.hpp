// One connection's frame budget (RELAY.md §6): a token bucket refilled at per_second up to burst.
// Two numbers per connection, no allocation.
//
// Must not: read a clock (time comes in as now_ms).
#pragma once

#include "relay/router.hpp"

namespace parley::relay {

class TokenBucket {
 public:
  TokenBucket() = default;
  TokenBucket(const RateLimit& limit, double now_ms) : tokens_(limit.burst), refilled_ms_(now_ms) {}

  // Takes one token for a frame; false when the budget is spent (the frame is refused).
  bool take(const RateLimit& limit, double now_ms) noexcept;

 private:
  double tokens_ = 0;
  double refilled_ms_ = 0;
};

}  // namespace parley::relay
