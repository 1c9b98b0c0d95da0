// What Parley keeps in cookies: round trips, and tampered values read as a fresh start.
#include <gtest/gtest.h>

#include "parley/cookie.hpp"
#include "parley/persisted_state.hpp"

namespace parley {
namespace {

TEST(PersistedState, SessionRoundTrips) {
  SessionState state;
  state.started_ms = 1767600000000;
  state.last_activity_ms = 1767600005000;
  state.time_on_site_ms = 4200;
  state.page = "https://contoso.com/faq?x=1;y=2";
  state.do_not_disturb = true;
  state.caps["kb-dwell"] = CapRecord{2, 1767600001000};
  std::string encoded = encode_session(state);
  EXPECT_EQ(encoded.find_first_of(";, \""), std::string::npos) << encoded;  // cookie-safe
  auto decoded = decode_session(encoded);
  ASSERT_TRUE(decoded);
  EXPECT_EQ(decoded->started_ms, state.started_ms);
  EXPECT_EQ(decoded->time_on_site_ms, 4200);
  EXPECT_EQ(decoded->page, state.page);
  EXPECT_TRUE(decoded->do_not_disturb);
  EXPECT_EQ(decoded->caps["kb-dwell"].count, 2);
}

// Found by fuzz_persisted_state: a start time of 120 digits reads as a double near it; written
// back as dump() spells that double, it must read back as exactly that double (a reload changes
// nothing). The reader's exactness check looked at an exponent its scaling loops had consumed.
TEST(PersistedState, AHugeNumberIsAFixedPointAfterOneRoundTrip) {
  std::string stored = "%7B%22a%22%3A1767603620000.0%2C%22p%22%3A%22https%3A%2F%2Fwww.contoso.com%2Fboth%22%2C%22s%22%3A" +
                       std::string(110, '7') + "1767603600000.0%2C%22t%22%3A0.0%7D";
  auto first = decode_session(stored);
  ASSERT_TRUE(first);
  std::string written = encode_session(*first);
  auto second = decode_session(written);
  ASSERT_TRUE(second);
  EXPECT_EQ(second->started_ms, first->started_ms);
  EXPECT_EQ(encode_session(*second), written);
  for (const char* spelt : {"7.777777777777778e+119", "1.2345678901234567e-200", "9.007199254740993e+30"}) {
    std::string cookie = std::string("%7B%22s%22%3A") + spelt + "%7D";
    auto once = decode_session(cookie);
    ASSERT_TRUE(once) << spelt;
    EXPECT_EQ(decode_session(encode_session(*once))->started_ms, once->started_ms) << spelt;
  }
}

TEST(PersistedState, TamperedSessionReadsAsNone) {
  EXPECT_FALSE(decode_session(""));
  EXPECT_FALSE(decode_session("not%20json"));
  EXPECT_FALSE(decode_session("%5B1%2C2%5D"));  // [1,2]
  EXPECT_FALSE(decode_session(std::string(5000, 'a')));
}

TEST(PersistedState, WrongTypedFieldsFallBackToDefaults) {
  auto decoded = decode_session(uri_encode_component(R"({"s":"x","t":-5,"p":7,"c":{"a":[1],"b":[-1,0],"c":[2,3]}})"));
  ASSERT_TRUE(decoded);
  EXPECT_EQ(decoded->started_ms, 0);
  EXPECT_EQ(decoded->time_on_site_ms, 0);
  EXPECT_EQ(decoded->page, "");
  EXPECT_EQ(decoded->caps.size(), 1u);
  EXPECT_EQ(decoded->caps["c"].count, 2);
}

TEST(PersistedState, VisitorForeverDoNotDisturbRoundTrips) {
  VisitorState state;
  state.visits = 7;
  state.do_not_disturb_until_ms = kNever;
  auto decoded = decode_visitor(encode_visitor(state));
  ASSERT_TRUE(decoded);
  EXPECT_EQ(decoded->visits, 7);
  EXPECT_EQ(decoded->do_not_disturb_until_ms, kNever);
}

TEST(PersistedState, CounterReadsTheSeedsEscapedInteger) {
  EXPECT_EQ(decode_counter("3"), 3u);
  EXPECT_EQ(encode_counter(12), "12");
}

TEST(PersistedState, BadCounterValuesReadAsAFirstVisit) {
  for (std::string_view bad : {"", "abc", "-3", "1e3", "3abc", "99999999999999999999", "NaN", "%u002D3"})
    EXPECT_EQ(decode_counter(bad), 0u) << bad;
  EXPECT_EQ(decode_counter(std::nullopt), 0u);
  EXPECT_EQ(decode_counter(std::string(100, '1')), 0u);
}

// Found by fuzzing (tests/fuzz/regressions/persisted_state/): a value longer than the reader
// takes was written, so the next page lost the whole session or visitor, not only what overflowed.
TEST(PersistedState, ALongPageIsDroppedSoTheSessionStillFits) {
  SessionState state;
  state.last_activity_ms = 1767600005000;
  state.page = "https://contoso.com/" + std::string(950, '/');  // '/' escapes to three bytes
  state.caps["kb-dwell"] = CapRecord{1, 1767600001000};
  std::string encoded = encode_session(state);
  EXPECT_LE(encoded.size(), kMaxCookieValueBytes);
  auto decoded = decode_session(encoded);
  ASSERT_TRUE(decoded);
  EXPECT_EQ(decoded->page, "");
  EXPECT_EQ(decoded->last_activity_ms, 1767600005000);
  EXPECT_EQ(decoded->caps["kb-dwell"].count, 1);
}

TEST(PersistedState, TooManyCapRecordsKeepTheNewestThatFit) {
  VisitorState state;
  state.visits = 12;
  state.do_not_disturb_until_ms = kNever;
  for (int i = 0; i < 100; ++i)  // 64-byte rule ids: ~100 encoded bytes a record
    state.caps["campaign-" + std::to_string(1000 + i) + std::string(50, 'x')] = CapRecord{1, 1767600000000.0 + i};
  std::string encoded = encode_visitor(state);
  EXPECT_LE(encoded.size(), kMaxCookieValueBytes);
  auto decoded = decode_visitor(encoded);
  ASSERT_TRUE(decoded);
  EXPECT_EQ(decoded->visits, 12);
  EXPECT_EQ(decoded->do_not_disturb_until_ms, kNever);
  EXPECT_GT(decoded->caps.size(), 10u);
  EXPECT_LT(decoded->caps.size(), 100u);
  EXPECT_TRUE(decoded->caps.contains("campaign-1099" + std::string(50, 'x')));   // the newest
  EXPECT_FALSE(decoded->caps.contains("campaign-1000" + std::string(50, 'x')));  // the oldest
  EXPECT_EQ(encode_visitor(*decoded), encoded);  // and it stays as it is
}

TEST(PersistedState, AnEmptyPageIsNotWritten) {
  EXPECT_EQ(encode_session(SessionState{}).find("%22p%22"), std::string::npos);
}

}  // namespace
}  // namespace parley
