// Cost of reading a realistic 100-rule site config (design.md section 3.1), in bytes of config
// text per second.
//
//   BM_ConfigParse_ParseConfig     parley::parse_config(text): JSON parse + validation + compile
//   BM_ConfigParse_ReadConfig      parley::read_config(json) on an already parsed document:
//                                  validation + condition compile alone (bytes: the same text)
//   BM_ConfigParse_EngineConfigure Engine::configure(text): parse_config plus the engine's
//                                  install (fact table resize, rule scheduler reset: the reader
//                                  index and the first evaluation marking)
//
// Each runs on the config pretty-printed (minified:0, as site owners write it) and minified
// (minified:1); read_config's work is the same for both, only its bytes differ.
//
// The config: a prechat survey, theme, visits, session, transport, and 100 rules with all/any
// (sometimes not) trees of 2 to 4 tests over url globs, timeOnPage, visits, country in [...],
// hour between (visitor zone or a named zone), weekday, scrollDepth, exitIntent, referrer and
// custom facts; invite messages in {en, fr}, channels, frequency, afterDecline and displayable
// context. It must configure with no error at all.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "parley/config.hpp"
#include "parley/engine.hpp"

namespace {

using parley::Json;

constexpr int kRuleCount = 100;

Json test_for(int rule, int slot) {
  switch ((rule * 3 + slot * 5) % 12) {
    case 0: return Json{{"fact", "url"}, {"matches", "/kb/*"}};
    case 1: return Json{{"fact", "timeOnPage"}, {"gte", 15000 + 1000 * (rule % 30)}};
    case 2: return Json{{"fact", "visits"}, {"gte", 2 + rule % 3}};
    case 3: return Json{{"fact", "country"}, {"in", Json::array({"FR", "BE", "CH", "CA", "LU"})}};
    case 4: return Json{{"fact", "hour"}, {"between", Json::array({9, 18})}};
    case 5: return Json{{"fact", "hour"}, {"between", Json::array({22, 6})}, {"zone", "Europe/Paris"}};
    case 6: return Json{{"fact", "custom.cart"}, {"gte", 50 + 10 * (rule % 20)}};
    case 7: return Json{{"fact", "custom.loggedIn"}, {"eq", true}};
    case 8: return Json{{"fact", "url"}, {"matches", "/products/*/reviews"}};
    case 9: return Json{{"fact", "scrollDepth"}, {"gte", 60}};
    case 10:
      return Json{{"all", Json::array({Json{{"fact", "exitIntent"}},
                                       Json{{"fact", "timeOnPage"}, {"gte", 15000}, {"clock", "wall"}}})}};
    default: return Json{{"not", Json{{"fact", "referrer"}, {"contains", "google."}}}};
  }
}

Json rule_for(int i) {
  static const char* const kChannels[] = {"chat", "chat", "video", "chat+video"};
  static const char* const kPer[] = {"pageview", "session", "visitor"};
  Json tests = Json::array();
  int test_count = 2 + i % 3;  // 2 to 4
  for (int slot = 0; slot < test_count; ++slot) tests.push_back(test_for(i, slot));
  if (i % 7 == 3) tests.push_back(Json{{"fact", "weekday"}, {"between", Json::array({"mon", "fri"})}});
  Json when = Json{{i % 4 == 1 ? "any" : "all", std::move(tests)}};

  Json after_decline = i % 5 == 0   ? Json("forever")
                       : i % 5 == 1 ? Json{{"hours", 24}}
                                    : Json("session");
  std::string id = "rule-" + std::to_string(i);
  return Json{
      {"id", id},
      {"priority", (i * 37) % 50},
      {"when", std::move(when)},
      {"invite",
       Json{{"message", Json{{"en", "Hi! Need a hand with your order? (" + id + ")"},
                             {"fr", "Bonjour ! Besoin d'aide avec votre commande ? (" + id + ")"}}},
            {"channel", kChannels[i % 4]},
            {"prechat", i % 2 == 0},
            {"expiresAfter", 60000}}},
      {"context", Json{{"Forum", Json{{"value", "Surface Devices"}, {"isDisplayable", true}}},
                       {"Campaign", Json{{"value", "spring-" + std::to_string(i % 9)}, {"isDisplayable", i % 2 == 0}}}}},
      {"frequency", Json{{"per", kPer[i % 3]}, {"times", 1 + i % 3}, {"minInterval", (i % 4) * 60000}}},
      {"afterDecline", std::move(after_decline)},
  };
}

// pretty: indented by 2 as site owners keep it; otherwise minified as a build step may ship it.
std::string realistic_config(bool pretty) {
  Json rules = Json::array();
  for (int i = 0; i < kRuleCount; ++i) rules.push_back(rule_for(i));
  Json config = {
      {"locale", "auto"},
      {"consent", "not_required"},
      {"theme", Json{{"color", "#0b6e4f"}, {"font", "system-ui"}}},
      {"visits", Json{{"cookie", "timesPageVisited"}, {"scope", "site"}, {"days", 365}}},
      {"session", Json{{"idleMinutes", 30}}},
      {"transport", Json{{"kind", "broadcast"}, {"channel", "parley"}}},
      {"video", Json{{"camera", "classic"}}},
      {"satisfaction", true},
      {"prechat",
       Json{{"questions",
             Json::array({Json{{"id", "name"}, {"type", "text"}, {"label", Json{{"en", "Your name"}, {"fr", "Votre nom"}}}, {"required", true}},
                          Json{{"id", "email"}, {"type", "email"}, {"label", "Email"}},
                          Json{{"id", "topic"}, {"type", "choice"}, {"label", "Topic"}, {"options", Json::array({"Billing", "Technical"})}},
                          Json{{"id", "gdpr"}, {"type", "consent"}, {"label", "I agree to be contacted"}, {"required", true}}})}}},
      {"rules", std::move(rules)},
  };
  return pretty ? config.dump(2) : config.dump();
}

std::string describe(const parley::Errors& errors) {
  std::string text = std::to_string(errors.size()) + " error(s): ";
  for (std::size_t i = 0; i < errors.size() && i < 5; ++i) text += errors[i].path + ": " + errors[i].message + "; ";
  return text;
}

// Checked once outside the timing: the text must yield every rule with no error.
bool check(benchmark::State& state, const parley::ConfigResult& result) {
  if (!result.errors.empty()) {
    state.SkipWithError(("config errors: " + describe(result.errors)).c_str());
    return false;
  }
  if (result.config.rules.size() != kRuleCount) {
    state.SkipWithError("the config did not yield 100 rules");
    return false;
  }
  return true;
}

void finish(benchmark::State& state, std::size_t bytes) {
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes));
  state.counters["rules"] = kRuleCount;
  state.counters["config_bytes"] = static_cast<double>(bytes);
}

void BM_ConfigParse_ParseConfig(benchmark::State& state) {
  const std::string text = realistic_config(state.range(0) == 0);
  if (!check(state, parley::parse_config(text))) return;
  for (auto _ : state) {
    parley::ConfigResult result = parley::parse_config(text);
    benchmark::DoNotOptimize(result);
  }
  finish(state, text.size());
}

void BM_ConfigParse_ReadConfig(benchmark::State& state) {
  const std::string text = realistic_config(state.range(0) == 0);
  const Json document = Json::parse(text);
  if (!check(state, parley::read_config(document))) return;
  for (auto _ : state) {
    parley::ConfigResult result = parley::read_config(document);
    benchmark::DoNotOptimize(result);
  }
  finish(state, text.size());
}

void BM_ConfigParse_EngineConfigure(benchmark::State& state) {
  const std::string text = realistic_config(state.range(0) == 0);
  parley::Engine engine;
  parley::Errors errors = engine.configure(std::string_view(text));
  if (!errors.empty() || engine.config().rules.size() != kRuleCount) {
    state.SkipWithError(("Engine::configure: " + describe(errors)).c_str());
    return;
  }
  for (auto _ : state) {
    errors = engine.configure(std::string_view(text));
    benchmark::DoNotOptimize(errors);
    benchmark::ClobberMemory();
  }
  if (!engine.config_errors().empty() || engine.config().rules.size() != kRuleCount) {
    state.SkipWithError("the last configure in the loop did not install the 100 rules cleanly");
    return;
  }
  finish(state, text.size());
}

}  // namespace

// minified:0 is the pretty-printed text, minified:1 the same config without whitespace.
BENCHMARK(BM_ConfigParse_ParseConfig)->ArgName("minified")->Arg(0)->Arg(1);
BENCHMARK(BM_ConfigParse_ReadConfig)->ArgName("minified")->Arg(0)->Arg(1);
BENCHMARK(BM_ConfigParse_EngineConfigure)->ArgName("minified")->Arg(0)->Arg(1);
