// Cost of one event as the number of configured rules grows, when exactly ONE rule reads what
// the event changes. The rule scheduler promises incremental evaluation (a fact change
// re-evaluates only the rules that read it; clock-driven rules sit in a deadline heap), so the
// goal is: 1000 unrelated rules cost within 1.5x of 10. Every benchmark here is registered for
// rules = 10, 100, 1000 with the same event, so the three rows of one benchmark are directly
// comparable (time per event, items/s = events/s).
//
//   BM_SetFactOneReader_Typed   {"type":"setFact","name":"cart",...} via Engine::handle(const Json&)
//   BM_SetFactOneReader_Text    the same event as JSON text via Engine::handle_json (the ABI path)
//   BM_TickOneDue_Typed         {"type":"tick"} when exactly one rule's deadline has come
//   BM_TickOneDue_Text          the same through handle_json
//
// setFact configs: N-1 rules `custom.other_<i> eq "on"` (never set, so false and never touched
// again) and one rule `custom.cart gte 1e6` in the middle of the list. The measured events
// alternate cart = 10 / 20: the fact really changes on every event (so the cart rule is
// re-evaluated), the rule stays false (no invitation, no state drift).
//
// tick configs: N-1 rules `timeOnPage gte ~1e15` (a deadline each, far in the future, all in the
// heap) and one rule `not (hour between [0, 23])` (always false, but an hour test's deadline is
// the next hour boundary). Ticks land exactly on successive hour boundaries, so each tick makes
// that one rule due and no other: one heap pop, one evaluation, one push.
//
// Like the runtime, every iteration drains take_actions() and reads next_deadline_ms().
#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "parley/engine.hpp"

namespace {

using parley::Engine;
using parley::Json;

constexpr double kStartMs = 1'700'000'000'000.0;  // 2023-11-14T22:13:20Z, an ordinary epoch time
constexpr double kHourMs = 3'600'000.0;
const char* const kPageLoad = R"({"type":"pageLoad","url":"https://example.com/"})";

Json invite(const std::string& text) { return Json{{"message", Json{{"en", text}, {"fr", text}}}}; }

// N rules, exactly one of which reads custom.cart; that one sits in the middle of the list.
std::string set_fact_config(int rule_count) {
  Json rules = Json::array();
  for (int i = 0; i < rule_count; ++i) {
    if (i == rule_count / 2) {
      rules.push_back(Json{{"id", "cart"},
                           {"when", Json{{"fact", "custom.cart"}, {"gte", 1'000'000}}},
                           {"invite", invite("Big basket?")}});
    } else {
      std::string id = "other-" + std::to_string(i);
      rules.push_back(Json{{"id", id},
                           {"when", Json{{"fact", "custom.other_" + std::to_string(i)}, {"eq", "on"}}},
                           {"invite", invite("Hello " + id)}});
    }
  }
  return Json{{"rules", std::move(rules)}}.dump();
}

// N rules: N-1 timeOnPage thresholds far in the future, one hour test that is always false
// and due at every hour boundary.
std::string tick_config(int rule_count) {
  Json rules = Json::array();
  for (int i = 0; i < rule_count; ++i) {
    if (i == rule_count / 2) {
      rules.push_back(Json{{"id", "hourly"},
                           {"when", Json{{"not", Json{{"fact", "hour"}, {"between", Json::array({0, 23})}}}}},
                           {"invite", invite("Never")}});
    } else {
      std::string id = "dwell-" + std::to_string(i);
      // Distinct thresholds near the 1e15 ms maximum: ~31,000 years away.
      rules.push_back(Json{{"id", id},
                           {"when", Json{{"fact", "timeOnPage"}, {"gte", 1e15 - 1000.0 * i}}},
                           {"invite", invite("Hello " + id)}});
    }
  }
  return Json{{"rules", std::move(rules)}}.dump();
}

std::string describe(const parley::Errors& errors) {
  std::string text;
  for (const auto& error : errors) text += error.path + ": " + error.message + "; ";
  return text;
}

// Configures and loads the page; checks the config is whole. Returns false (and skips) on trouble.
bool set_up(benchmark::State& state, Engine& engine, const std::string& config, int rule_count, double now_ms) {
  parley::Errors errors = engine.configure(config);
  if (!errors.empty()) {
    state.SkipWithError(("config errors: " + describe(errors)).c_str());
    return false;
  }
  if (static_cast<int>(engine.config().rules.size()) != rule_count) {
    state.SkipWithError("the config did not yield the expected number of rules");
    return false;
  }
  errors = engine.handle_json(kPageLoad, now_ms);
  if (!errors.empty()) {
    state.SkipWithError(("pageLoad errors: " + describe(errors)).c_str());
    return false;
  }
  engine.take_actions();
  return true;
}

// After one measured-kind event: no errors, exactly the one expected rule evaluated, and no
// invitation (the conversation is still Closed).
bool check_one_evaluated(benchmark::State& state, const Engine& engine, const parley::Errors& errors,
                         const std::string& rule_id) {
  if (!errors.empty()) {
    state.SkipWithError(("event errors: " + describe(errors)).c_str());
    return false;
  }
  const auto& evaluated = engine.rules().last_evaluated();
  if (evaluated.size() != 1 || engine.config().rules[evaluated[0]].id != rule_id) {
    state.SkipWithError(("expected exactly rule \"" + rule_id + "\" to be re-evaluated, got " +
                         std::to_string(evaluated.size()) + " rules")
                            .c_str());
    return false;
  }
  if (engine.state() != parley::ConversationState::Closed) {
    state.SkipWithError("an invitation fired: the measured events must keep every rule false");
    return false;
  }
  return true;
}

void report(benchmark::State& state, int rule_count, std::int64_t failures) {
  if (failures != 0) {
    state.SkipWithError("an event in the timed loop returned errors");
    return;
  }
  state.SetItemsProcessed(state.iterations());
  state.SetComplexityN(rule_count);
  state.counters["rules"] = rule_count;
}

// ---- setFact ----------------------------------------------------------------------------------

template <bool kText>
void set_fact_bench(benchmark::State& state) {
  const int rule_count = static_cast<int>(state.range(0));
  Engine engine;
  double now = kStartMs;
  if (!set_up(state, engine, set_fact_config(rule_count), rule_count, now)) return;

  const std::string texts[2] = {R"({"type":"setFact","name":"cart","value":10})",
                                R"({"type":"setFact","name":"cart","value":20})"};
  const Json events[2] = {Json::parse(texts[0]), Json::parse(texts[1])};

  // One event of each kind outside the timing, to check the path and leave cart = 20.
  for (int k = 0; k < 2; ++k) {
    now += 100;
    parley::Errors errors = kText ? engine.handle_json(texts[k], now) : engine.handle(events[k], now);
    engine.take_actions();
    if (!check_one_evaluated(state, engine, errors, "cart")) return;
  }

  std::int64_t failures = 0;
  std::size_t next = 0;  // cart is 20: the next value is 10, so every event changes the fact
  for (auto _ : state) {
    now += 100;
    parley::Errors errors = kText ? engine.handle_json(texts[next], now) : engine.handle(events[next], now);
    failures += static_cast<std::int64_t>(!errors.empty());
    std::vector<Json> actions = engine.take_actions();
    double deadline = engine.next_deadline_ms();
    benchmark::DoNotOptimize(actions);
    benchmark::DoNotOptimize(deadline);
    next ^= 1;
  }
  if (engine.state() != parley::ConversationState::Closed) {
    state.SkipWithError("the engine state drifted: an invitation fired during the loop");
    return;
  }
  report(state, rule_count, failures);
}

void BM_SetFactOneReader_Typed(benchmark::State& state) { set_fact_bench<false>(state); }
void BM_SetFactOneReader_Text(benchmark::State& state) { set_fact_bench<true>(state); }

// ---- tick -------------------------------------------------------------------------------------

template <bool kText>
void tick_bench(benchmark::State& state) {
  const int rule_count = static_cast<int>(state.range(0));
  Engine engine;
  // The page loads on an hour boundary; every tick then falls on the next one.
  double now = kStartMs - std::fmod(kStartMs, kHourMs);
  if (!set_up(state, engine, tick_config(rule_count), rule_count, now)) return;

  const std::string text = R"({"type":"tick"})";
  const Json event = Json::parse(text);

  for (int k = 0; k < 2; ++k) {
    if (engine.next_deadline_ms() != now + kHourMs) {
      state.SkipWithError("the next deadline is not the hour rule's next hour boundary");
      return;
    }
    now += kHourMs;
    parley::Errors errors = kText ? engine.handle_json(text, now) : engine.handle(event, now);
    engine.take_actions();
    if (!check_one_evaluated(state, engine, errors, "hourly")) return;
  }

  std::int64_t failures = 0;
  for (auto _ : state) {
    now += kHourMs;
    parley::Errors errors = kText ? engine.handle_json(text, now) : engine.handle(event, now);
    failures += static_cast<std::int64_t>(!errors.empty());
    std::vector<Json> actions = engine.take_actions();
    double deadline = engine.next_deadline_ms();
    benchmark::DoNotOptimize(actions);
    benchmark::DoNotOptimize(deadline);
  }
  // The far thresholds must still be far: the run may not have reached any of them.
  if (engine.state() != parley::ConversationState::Closed || engine.next_deadline_ms() != now + kHourMs ||
      engine.rules().last_evaluated().size() != 1) {
    state.SkipWithError("the engine state drifted during the loop");
    return;
  }
  report(state, rule_count, failures);
}

void BM_TickOneDue_Typed(benchmark::State& state) { tick_bench<false>(state); }
void BM_TickOneDue_Text(benchmark::State& state) { tick_bench<true>(state); }

void rule_counts(benchmark::internal::Benchmark* bench) {
  bench->ArgName("rules")->Arg(10)->Arg(100)->Arg(1000)->Complexity(benchmark::oAuto);
}

}  // namespace

BENCHMARK(BM_SetFactOneReader_Typed)->Apply(rule_counts);
BENCHMARK(BM_SetFactOneReader_Text)->Apply(rule_counts);
BENCHMARK(BM_TickOneDue_Typed)->Apply(rule_counts);
BENCHMARK(BM_TickOneDue_Text)->Apply(rule_counts);
