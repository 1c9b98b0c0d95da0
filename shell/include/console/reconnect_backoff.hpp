// console/reconnect_backoff.hpp: how long the desk waits before it reconnects to the relay.
//
// Exponential with jitter ("equal jitter": half the step fixed, half random), so a relay that
// restarts is not hit by every desk at the same instant, yet no desk waits longer than the cap.
// The random number comes in (Math.random() in the browser, fixed values in tests): no clock, no
// randomness of its own.
#pragma once

namespace parley::console {

class ReconnectBackoff {
 public:
  static constexpr double kFirstDelayMs = 500;    // the first retry comes quickly: a restart is short
  static constexpr double kMaxDelayMs = 30000;    // and never more than this apart

  // The delay before the next attempt; `random01` in [0, 1) (clamped). Each call is one attempt.
  double next_delay_ms(double random01);
  // A connection was accepted (`welcome`): the next failure starts from the first step again.
  void reset() noexcept { attempts_ = 0; }
  int attempts() const noexcept { return attempts_; }

 private:
  int attempts_ = 0;
};

}  // namespace parley::console
