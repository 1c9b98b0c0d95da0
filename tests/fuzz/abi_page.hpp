// The browser runtime's side of the C ABI, as the config and event targets drive it: one clock,
// one timer armed at the engine's next deadline (a tick when it fires). Checks what the runtime
// relies on: answers are JSON objects (parsed in full for configure and inspect; per event, where
// parsing would halve the speed, only their first byte), and a deadline moves forward once its
// tick ran (else the page would spin on a zero-delay timer).
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

#include "fuzz_support.hpp"
#include "parley_abi.h"

namespace parley::fuzz {

class AbiPage {
 public:
  static constexpr int kMaxTicksPerWait = 200;       // bounds a long wait over a busy schedule

  explicit AbiPage(std::string_view config_json) {
    parley_reset();
    parsed_answer(parley_configure(std::string(config_json).c_str()));
  }

  double now_ms() const { return now_ms_; }

  // One event (JSON text, NUL-terminated for the ABI) at the current instant.
  void handle(std::string_view event_json) { answer(parley_handle(std::string(event_json).c_str(), now_ms_)); }

  // Moves the clock by delay_ms, firing the timer at each deadline on the way. A negative delay
  // sets the wall clock back (the runtime's now is Date.now()): no timer fires.
  void wait(double delay_ms) {
    double target_ms = now_ms_ + delay_ms;
    if (delay_ms < 0) {
      now_ms_ = target_ms;
      return;
    }
    for (int ticks = 0; ticks < kMaxTicksPerWait; ++ticks) {
      double deadline = parley_next_deadline();
      if (deadline < 0 || deadline > target_ms) break;
      if (deadline > now_ms_) now_ms_ = deadline;
      answer(parley_handle(R"({"type":"tick"})", now_ms_));
      double next = parley_next_deadline();
      check(next < 0 || next > now_ms_, "the next deadline does not move forward after its tick");
    }
    if (target_ms > now_ms_) now_ms_ = target_ms;
  }

  // What the renderer and the QA console read.
  void render() { answer(parley_view()); }
  void inspect() { parsed_answer(parley_inspect(now_ms_)); }

 private:
  static void answer(const char* json_text) {
    check(json_text != nullptr && json_text[0] == '{', "the ABI returned something that is not a JSON object");
  }
  static void parsed_answer(const char* json_text) {
    answer(json_text);
    auto parsed = nlohmann::json::parse(json_text, nullptr, /*allow_exceptions=*/false);
    check(parsed.is_object(), "the ABI returned something that is not a JSON object");
  }

  double now_ms_ = kStartMs;
};

}  // namespace parley::fuzz
