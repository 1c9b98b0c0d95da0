// The browser runtime's side of the C ABI, as the config and event targets drive it: one clock,
// one timer armed at the engine's next deadline (a tick when it fires), every answer parsed as
// the runtime parses it. Checks what the runtime relies on: answers are JSON objects, and a
// deadline moves forward once its tick ran (else the page would spin on a zero-delay timer).
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

#include "fuzz_support.hpp"
#include "parley_abi.h"

namespace parley::fuzz {

class AbiPage {
 public:
  static constexpr double kStartMs = 1767603600000;  // 2026-01-05T09:00:00Z, the fixtures' default start
  static constexpr int kMaxTicksPerWait = 200;       // bounds a long wait over a busy schedule

  explicit AbiPage(std::string_view config_json) {
    parley_reset();
    answer(parley_configure(std::string(config_json).c_str()));
  }

  double now_ms() const { return now_ms_; }

  // One event (JSON text, NUL-terminated for the ABI) at the current instant.
  void handle(std::string_view event_json) { answer(parley_handle(std::string(event_json).c_str(), now_ms_)); }

  // Moves the clock by delay_ms, firing the timer at each deadline on the way.
  void wait(double delay_ms) {
    double target_ms = now_ms_ + delay_ms;
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
  void inspect() { answer(parley_inspect(now_ms_)); }

 private:
  static void answer(const char* json_text) {
    check(json_text != nullptr, "the ABI returned a null string");
    auto parsed = nlohmann::json::parse(json_text, nullptr, /*allow_exceptions=*/false);
    check(parsed.is_object(), "the ABI returned something that is not a JSON object");
  }

  double now_ms_ = kStartMs;
};

}  // namespace parley::fuzz
