// Cost of reading Parley's state out of a realistic 4 KB `document.cookie`, in bytes per second.
//
// The header is what a busy site shows: analytics and consent-manager cookies (Google
// Analytics, Meta, Hotjar, OneTrust, Adobe, Matomo, Stripe...) with Parley's three cookies
// (parley_session, parley_visitor and the seed's timesPageVisited counter) either in the
// middle of it (placement:0) or at its very end (placement:1). parley_consent is absent, as it
// is on most sites, so its lookup always scans the whole header.
//
//   BM_CookieParse_FindCookies/placement:*  find_cookie for the 4 names a pageLoad reads
//                                           (bytes: the header once per iteration)
//   BM_CookieParse_FindMissing              find_cookie of an absent name: one full scan
//   BM_CookieParse_DecodeSession            decode_session on a real parley_session value
//   BM_CookieParse_DecodeVisitor            decode_visitor on a real parley_visitor value
//   BM_CookieParse_DecodeCounter            decode_counter on a timesPageVisited value
//   BM_CookieParse_PageLoad_*/placement:*   a whole pageLoad event carrying that header, on an
//                                           engine configured with visits.cookie =
//                                           timesPageVisited and a few rules; Typed = handle()
//                                           with a pre-built Json, Text = handle_json() as the
//                                           ABI does (bytes: the cookie header)
//
// A pageLoad may happen once per Engine, so the PageLoad benchmarks take fresh engines from a
// pool of copies of one configured engine; the pool is refilled (and spent engines destroyed)
// with the timer paused, once per 256 iterations.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "parley/cookie.hpp"
#include "parley/engine.hpp"
#include "parley/persisted_state.hpp"

namespace {

using parley::Engine;
using parley::Json;

constexpr std::size_t kHeaderBytes = 4096;
constexpr double kNowMs = 1'700'000'000'000.0;
constexpr std::uint32_t kPageViews = 42;
constexpr int kVisits = 7;
const std::string_view kCounterCookie = "timesPageVisited";

std::string session_value() {
  parley::SessionState session;
  session.started_ms = kNowMs - 20 * 60000.0;
  session.last_activity_ms = kNowMs - 45000.0;  // recent: the pageLoad resumes this session
  session.time_on_site_ms = 312000;
  session.page = "https://shop.example.com/products/42-inch-monitor/reviews?sort=recent#top";
  session.caps["kb-dwell"] = {1, kNowMs - 15 * 60000.0};
  session.caps["cart-rescue"] = {2, kNowMs - 5 * 60000.0};
  session.caps["exit-offer"] = {1, kNowMs - 60000.0};
  return parley::encode_session(session);
}

std::string visitor_value() {
  parley::VisitorState visitor;
  visitor.visits = kVisits;
  visitor.caps["welcome-back"] = {1, kNowMs - 3 * 86400000.0};
  visitor.caps["video-demo"] = {2, kNowMs - 86400000.0};
  return parley::encode_visitor(visitor);
}

// Unrelated cookies, as analytics and consent tools leave them.
std::vector<std::string> unrelated_cookies() {
  std::vector<std::string> cookies = {
      "_ga=GA1.2.1234567890.1699990000",
      "_gid=GA1.2.987654321.1699990000",
      "_gcl_au=1.1.1357924680.1699990000",
      "_fbp=fb.1.1699990000123.1234567890",
      "_hjSessionUser_3141592=eyJpZCI6ImQ3YjRmZDZhLTNlZTUtNTk4Zi1hMmM4LTU0YjZkNzFlMGI2NiIsImNyZWF0ZWQiOjE2OTk5OTAwMDAwMDAsImV4aXN0aW5nIjp0cnVlfQ==",
      "_hjSession_3141592=eyJpZCI6IjQ1NmQ3ZjAwLTk5YzQtNDM4Ni1iZjYyLTc0NmE2YjFmYjE0YyIsImMiOjE3MDAwMDAwMDAwMDAsInMiOjAsInIiOjAsInNiIjowfQ==",
      "OptanonAlertBoxClosed=2023-11-14T21:50:12.345Z",
      "OptanonConsent=isGpcEnabled=0&datestamp=Tue+Nov+14+2023+22%3A50%3A12+GMT%2B0100+(heure+normale+d%E2%80%99Europe+centrale)"
      "&version=202310.1.0&browserGpcFlag=0&isIABGlobal=false&hosts=&consentId=0f9c5d6e-7a8b-4c3d-9e2f-1a2b3c4d5e6f"
      "&interactionCount=1&landingPath=NotLandingPage&groups=C0001%3A1%2CC0002%3A1%2CC0003%3A1%2CC0004%3A0%2CC0005%3A1"
      "&geolocation=FR%3BIDF&AwaitingReconsent=false",
      "ajs_anonymous_id=%22a1b2c3d4-e5f6-4711-8899-aabbccddeeff%22",
      "ajs_user_id=%22customer-1029384756%22",
      "intercom-id-x1y2z3=0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d",
      "intercom-device-id-x1y2z3=5d4c3b2a-1f0e-9d8c-7b6a-5f4e3d2c1b0a",
      "__stripe_mid=8f7e6d5c-4b3a-2918-0706-f5e4d3c2b1a0b1c2d3",
      "__stripe_sid=1a2b3c4d-5e6f-7081-92a3-b4c5d6e7f8091a2b3c",
      "_clck=1xyzab%7C2%7Cfgq%7C0%7C1414",
      "_clsk=abc123%7C1700000000000%7C3%7C1%7Cq.clarity.ms%2Fcollect",
      "AMCV_0123456789ABCDEF%40AdobeOrg=-1124106680%7CMCIDTS%7C19676%7CMCMID%7C01234567890123456789012345678901234567"
      "%7CMCAAMLH-1700604812%7C6%7CMCAAMB-1700604812%7CRKhpRz8krg2tLO6pguXWp5olkAcUniQYPHaMWWgdJ3xzPWQmdj0y%7CvVersion%7C5.5.0",
      "s_cc=true",
      "s_sq=%5B%5BB%5D%5D",
      "lang=fr",
      "currency=EUR",
      "cookie_test=1",
      "_pin_unauth=dWlkPU5qRTVZV1F5TVRVdE1tUmxaaTAwTkRVM0xXRXhNVFl0WmpFeVpUZzROamszT1dGaA",
      "_uetsid=a1b2c3d0838b11eeb7e1f9a8e7d6c5b4",
      "_uetvid=a1b2c3d0838b11eeb7e1f9a8e7d6c5b4",
      "_tt_enable_cookie=1",
      "_ttp=2YbQx9ZkL3mN4pR5sT6uV7wX8yZ",
      "cto_bundle=Xy1Z_l9uZkRZSm9IYmVQSEFwNXhUSzhXVVBrUzNtVXZIc2VBN3V0aXNHcEl3RjhWWFF3aU9VZnpYZ2JZR3hVdjhCbTJMTk5tMTZ0",
      "__hstc=123456789.0123456789abcdef0123456789abcdef.1699990000000.1699995000000.1700000000000.3",
      "hubspotutk=0123456789abcdef0123456789abcdef",
      "__hssrc=1",
      "__hssc=123456789.2.1700000000000",
  };
  for (int i = 0; cookies.size() < 200; ++i)  // Matomo ids and A/B test flags fill the rest
    cookies.push_back((i % 2 ? "ab_test_" : "_pk_id.") + std::to_string(i) + ".a1b2=" + std::to_string(1000000007ull * (i + 3)) +
                      "." + std::to_string(1699990000 + i));
  return cookies;
}

// A `document.cookie` of exactly kHeaderBytes with Parley's cookies in the middle or at the end.
std::string cookie_header(bool at_end) {
  const std::string parley[] = {"parley_session=" + session_value(), "timesPageVisited=" + parley::encode_counter(kPageViews),
                                "parley_visitor=" + visitor_value()};
  std::size_t parley_bytes = 0;
  for (const std::string& cookie : parley) parley_bytes += cookie.size() + 2;
  std::vector<std::string> others = unrelated_cookies();
  std::vector<std::string> chosen;
  std::size_t bytes = parley_bytes;
  for (const std::string& cookie : others) {
    if (bytes + cookie.size() + 2 > kHeaderBytes - 16) break;  // room for the filler
    chosen.push_back(cookie);
    bytes += cookie.size() + 2;
  }
  std::vector<std::string> pieces = chosen;
  if (at_end) {
    pieces.insert(pieces.end(), std::begin(parley), std::end(parley));
  } else {  // spread around the middle
    std::size_t mid = pieces.size() / 2;
    pieces.insert(pieces.begin() + static_cast<std::ptrdiff_t>(mid) + 4, parley[2]);
    pieces.insert(pieces.begin() + static_cast<std::ptrdiff_t>(mid), parley[1]);
    pieces.insert(pieces.begin() + static_cast<std::ptrdiff_t>(mid) - 4, parley[0]);
  }
  std::string header;
  for (const std::string& piece : pieces) {
    if (!header.empty()) header += "; ";
    header += piece;
  }
  // A filler cookie (away from Parley's) brings the header to exactly 4 KB.
  if (header.size() + 2 + 6 <= kHeaderBytes) {
    std::string filler = "_fill=" + std::string(kHeaderBytes - header.size() - 2 - 6, 'x');
    if (at_end) header = filler + "; " + header;
    else header += "; " + filler;
  }
  return header;
}

// The four lookups a pageLoad does, and the values they must find.
bool check_header(benchmark::State& state, std::string_view header) {
  if (header.size() != kHeaderBytes) {
    state.SkipWithError(("the cookie header is " + std::to_string(header.size()) + " bytes, not 4096").c_str());
    return false;
  }
  if (parley::find_cookie(header, parley::kSessionCookie) != std::optional<std::string_view>(session_value()) ||
      parley::find_cookie(header, parley::kVisitorCookie) != std::optional<std::string_view>(visitor_value()) ||
      parley::decode_counter(parley::find_cookie(header, kCounterCookie)) != kPageViews ||
      parley::find_cookie(header, parley::kConsentCookie).has_value()) {
    state.SkipWithError("find_cookie does not find Parley's cookies in the header");
    return false;
  }
  return true;
}

void BM_CookieParse_FindCookies(benchmark::State& state) {
  const std::string header = cookie_header(state.range(0) != 0);
  if (!check_header(state, header)) return;
  const std::string_view names[] = {parley::kConsentCookie, parley::kSessionCookie, parley::kVisitorCookie, kCounterCookie};
  for (auto _ : state) {
    for (std::string_view name : names) {
      auto value = parley::find_cookie(header, name);
      benchmark::DoNotOptimize(value);
    }
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * header.size()));
  state.counters["lookups"] = 4;
}

void BM_CookieParse_FindMissing(benchmark::State& state) {
  const std::string header = cookie_header(false);
  if (!check_header(state, header)) return;
  for (auto _ : state) {
    auto value = parley::find_cookie(header, parley::kConsentCookie);
    benchmark::DoNotOptimize(value);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * header.size()));
}

void BM_CookieParse_DecodeSession(benchmark::State& state) {
  const std::string value = session_value();
  auto once = parley::decode_session(value);
  if (!once || once->caps.size() != 3 || once->page.empty()) {
    state.SkipWithError("decode_session did not read back the encoded session");
    return;
  }
  for (auto _ : state) {
    auto session = parley::decode_session(value);
    benchmark::DoNotOptimize(session);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * value.size()));
  state.counters["value_bytes"] = static_cast<double>(value.size());
}

void BM_CookieParse_DecodeVisitor(benchmark::State& state) {
  const std::string value = visitor_value();
  auto once = parley::decode_visitor(value);
  if (!once || once->visits != kVisits || once->caps.size() != 2) {
    state.SkipWithError("decode_visitor did not read back the encoded visitor");
    return;
  }
  for (auto _ : state) {
    auto visitor = parley::decode_visitor(value);
    benchmark::DoNotOptimize(visitor);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * value.size()));
  state.counters["value_bytes"] = static_cast<double>(value.size());
}

void BM_CookieParse_DecodeCounter(benchmark::State& state) {
  const std::string value = parley::encode_counter(kPageViews);
  if (parley::decode_counter(std::string_view(value)) != kPageViews) {
    state.SkipWithError("decode_counter did not read back the counter");
    return;
  }
  for (auto _ : state) {
    std::uint32_t count = parley::decode_counter(std::string_view(value));
    benchmark::DoNotOptimize(count);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * value.size()));
}

// ---- A whole pageLoad -------------------------------------------------------------------------

const char* const kEngineConfig = R"({
  "visits": { "cookie": "timesPageVisited", "scope": "site", "days": 365 },
  "rules": [
    { "id": "kb-dwell", "priority": 10,
      "when": { "all": [ { "fact": "url", "matches": "/kb/*" }, { "fact": "timeOnPage", "gte": 20000 } ] },
      "invite": { "message": { "en": "Hi! Need a hand?", "fr": "Bonjour ! Besoin d'aide ?" } } },
    { "id": "cart-rescue",
      "when": { "all": [ { "fact": "custom.cart", "gte": 100 }, { "fact": "exitIntent" } ] },
      "invite": { "message": "Before you go...", "channel": "chat+video" },
      "frequency": { "per": "session", "times": 2 } },
    { "id": "welcome-back",
      "when": { "all": [ { "fact": "visits", "gte": 3 }, { "fact": "hour", "between": [9, 18] } ] },
      "invite": { "message": "Welcome back!" }, "frequency": { "per": "visitor" } }
  ]
})";

Json page_load_event(const std::string& header) {
  return Json{{"type", "pageLoad"},
              {"url", "https://shop.example.com/products/42-inch-monitor"},
              {"referrer", "https://www.google.com/"},
              {"cookies", header},
              {"visible", true},
              {"timeZone", "Europe/Paris"},
              {"utcOffset", 60},
              {"language", "fr-FR"},
              {"pageId", "p7f3a"}};
}

// The pageLoad read the cookies: the session was resumed (visits not bumped), the counter was
// read and bumped, and the counter cookie is written back.
bool check_page_load(benchmark::State& state, const Engine& prototype, const Json& event) {
  Engine engine = prototype;
  parley::Errors errors = engine.handle(event, kNowMs);
  std::vector<Json> actions = engine.take_actions();
  if (!errors.empty()) {
    state.SkipWithError(("pageLoad errors: " + errors.front().path + ": " + errors.front().message).c_str());
    return false;
  }
  const auto& facts = engine.facts();
  bool counter_written = false;
  for (const Json& action : actions)
    if (action.value("type", "") == "setCookie" && action.value("name", "") == kCounterCookie &&
        action.value("value", "") == std::to_string(kPageViews + 1))
      counter_written = true;
  if (facts.value(parley::fact_id(parley::BuiltinFact::visits)) != parley::FactValue{double(kVisits)} ||
      facts.value(parley::fact_id(parley::BuiltinFact::page_views)) != parley::FactValue{double(kPageViews + 1)} ||
      !counter_written) {
    state.SkipWithError("the pageLoad did not read the visit counters from the cookie header");
    return false;
  }
  return true;
}

template <bool kText>
void page_load_bench(benchmark::State& state) {
  const std::string header = cookie_header(state.range(0) != 0);
  if (!check_header(state, header)) return;
  Engine prototype;
  parley::Errors errors = prototype.configure(std::string_view(kEngineConfig));
  if (!errors.empty() || prototype.config().rules.size() != 3) {
    state.SkipWithError("the engine config has errors");
    return;
  }
  const Json event = page_load_event(header);
  const std::string text = event.dump();
  if (!check_page_load(state, prototype, event)) return;

  constexpr std::size_t kPool = 256;
  std::vector<Engine> pool;
  std::size_t next = kPool;
  std::int64_t failures = 0;
  for (auto _ : state) {
    if (next == kPool) {
      state.PauseTiming();
      pool.assign(kPool, prototype);
      next = 0;
      state.ResumeTiming();
    }
    Engine& engine = pool[next++];
    parley::Errors result = kText ? engine.handle_json(text, kNowMs) : engine.handle(event, kNowMs);
    failures += static_cast<std::int64_t>(!result.empty());
    std::vector<Json> actions = engine.take_actions();
    double deadline = engine.next_deadline_ms();
    benchmark::DoNotOptimize(actions);
    benchmark::DoNotOptimize(deadline);
  }
  if (failures != 0) {
    state.SkipWithError("a pageLoad in the timed loop returned errors");
    return;
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * header.size()));
  state.SetItemsProcessed(state.iterations());
}

void BM_CookieParse_PageLoad_Typed(benchmark::State& state) { page_load_bench<false>(state); }
void BM_CookieParse_PageLoad_Text(benchmark::State& state) { page_load_bench<true>(state); }

}  // namespace

BENCHMARK(BM_CookieParse_FindCookies)->ArgName("placement")->Arg(0)->Arg(1);
BENCHMARK(BM_CookieParse_FindMissing);
BENCHMARK(BM_CookieParse_DecodeSession);
BENCHMARK(BM_CookieParse_DecodeVisitor);
BENCHMARK(BM_CookieParse_DecodeCounter);
BENCHMARK(BM_CookieParse_PageLoad_Typed)->ArgName("placement")->Arg(0)->Arg(1);
BENCHMARK(BM_CookieParse_PageLoad_Text)->ArgName("placement")->Arg(0)->Arg(1);
