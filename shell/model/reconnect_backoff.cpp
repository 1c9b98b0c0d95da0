#include "console/reconnect_backoff.hpp"

#include <algorithm>
#include <cmath>

namespace parley::console {

double ReconnectBackoff::next_delay_ms(double random01) {
  double step = std::min(kFirstDelayMs * std::pow(2.0, std::min(attempts_, 20)), kMaxDelayMs);
  attempts_ += 1;
  double random = std::isfinite(random01) ? std::clamp(random01, 0.0, 1.0) : 0.5;
  return step / 2 + step / 2 * random;
}

}  // namespace parley::console
