// What Parley keeps in cookies: round trips, and tampered values read as a fresh start.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

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

// Found by fuzz_persisted_state: a start time of 120 digits. Times are kept in whole ms below 1e15
// (the year 33658): a tampered one beyond is written as 0, and a second round changes nothing.
TEST(PersistedState, AHugeTimeIsWrittenAsZeroThenStaysAsItIs) {
  std::string stored = "%7B%22a%22%3A1767603620000.0%2C%22p%22%3A%22https%3A%2F%2Fwww.contoso.com%2Fboth%22%2C%22s%22%3A" +
                       std::string(110, '7') + "1767603600000.0%2C%22t%22%3A0.0%7D";
  auto first = decode_session(stored);
  ASSERT_TRUE(first);
  EXPECT_GT(first->started_ms, 1e100);
  EXPECT_EQ(first->last_activity_ms, 1767603620000.0);
  std::string written = encode_session(*first);
  auto second = decode_session(written);
  ASSERT_TRUE(second);
  EXPECT_EQ(second->started_ms, 0);
  EXPECT_EQ(second->last_activity_ms, 1767603620000.0);
  EXPECT_EQ(encode_session(*second), written);
  for (const char* spelt : {"7.777777777777778e+119", "1.2345678901234567e-200", "9.007199254740993e+30", "-1e15", "4200.75",
                            "1767603600000.5", "0.1e1", "-0"}) {
    std::string cookie = std::string("%7B%22s%22%3A") + spelt + "%7D";
    auto once = decode_session(cookie);
    ASSERT_TRUE(once) << spelt;
    std::string again = encode_session(*once);
    EXPECT_EQ(encode_session(*decode_session(again)), again) << spelt;
  }
  EXPECT_EQ(decode_session(encode_session(*decode_session("%7B%22s%22%3A4200.75%7D")))->started_ms, 4200);
  EXPECT_FALSE(decode_session("%7B%22s%22%3A1e400%7D"));  // not a double: as nlohmann, the text is refused
}

// The text is nlohmann's dump(), byte for byte, for what Parley writes (whole ms below 1e15), as
// when the cookies were written with it: a cookie from an earlier version reads and writes the same.
TEST(PersistedState, TheTextIsWhatDumpWrote) {
  std::mt19937 random(11);
  const std::vector<std::string> pieces = {"a", "Z", "/", "?", "=", "&", " ", "\"", "\\", "\n", "\t", "\x01", "\x1f",
                                           "\x7f", "é", "€", "😀", "%", ";", "{", "[1]"};
  auto pick = [&](std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(random); };
  auto text = [&](std::size_t length) {
    std::string out;
    for (std::size_t i = 0; i < length; ++i) out += pieces[pick(pieces.size())];
    return out;
  };
  auto time = [&] { return static_cast<double>(std::uniform_int_distribution<long long>(0, 999999999999999)(random)); };
  for (int round = 0; round < 300; ++round) {
    SessionState session;
    VisitorState visitor;
    session.started_ms = time();
    session.last_activity_ms = time();
    session.time_on_site_ms = pick(3) == 0 ? 0 : time();
    session.page = pick(4) == 0 ? "" : text(pick(40) + 1);
    session.do_not_disturb = pick(2) == 0;
    visitor.visits = static_cast<int>(pick(100000));
    visitor.do_not_disturb_until_ms = pick(3) == 0 ? kNever : pick(2) == 0 ? 0 : time();
    nlohmann::json caps = nlohmann::json::object();
    for (std::size_t i = pick(4); i > 0; --i) {
      std::string id = text(pick(8) + 1);
      CapRecord record{static_cast<int>(pick(1000)), time()};
      session.caps[id] = visitor.caps[id] = record;
      caps[id] = {record.count, record.last_ms};
    }
    nlohmann::json expected_session = {{"a", session.last_activity_ms}, {"s", session.started_ms}, {"t", session.time_on_site_ms}};
    if (!caps.empty()) expected_session["c"] = caps;
    if (session.do_not_disturb) expected_session["d"] = 1;
    if (!session.page.empty()) expected_session["p"] = session.page;
    EXPECT_EQ(uri_decode_component(encode_session(session)), expected_session.dump());
    nlohmann::json expected_visitor = {{"v", visitor.visits}};
    if (!caps.empty()) expected_visitor["c"] = caps;
    if (visitor.do_not_disturb_until_ms == kNever) expected_visitor["d"] = -1;
    else if (visitor.do_not_disturb_until_ms > 0) expected_visitor["d"] = visitor.do_not_disturb_until_ms;
    EXPECT_EQ(uri_decode_component(encode_visitor(visitor)), expected_visitor.dump());
    // And what dump() wrote reads back as the state it came from.
    auto decoded = decode_session(uri_encode_component(expected_session.dump()));
    ASSERT_TRUE(decoded);
    EXPECT_EQ(decoded->page, session.page);
    EXPECT_EQ(decoded->started_ms, session.started_ms);
    EXPECT_EQ(decoded->caps.size(), session.caps.size());
  }
}

// JSON as JSON.parse reads it, and nothing else: a tampered cookie is a fresh start.
TEST(PersistedState, OnlyWellFormedJsonIsRead) {
  auto session = [](std::string_view json) { return decode_session(uri_encode_component(json)); };
  for (const char* good : {R"({"s":1,"x":[true,false,null,{"y":[]}],"z":"\u00e9\ud83d\ude00\/"})", " {\n\t\"s\" : -0.5e+1 } ",
                           R"({"p":"a\ud800b"})"}) {
    EXPECT_TRUE(session(good)) << good;
  }
  EXPECT_EQ(session(R"({"p":"a\ud800b"})")->page, "a\xEF\xBF\xBD" "b");  // a lone surrogate: U+FFFD
  EXPECT_EQ(session(R"({"p":"\u00e9\ud83d\ude00\/"})")->page, "é😀/");
  for (const char* bad : {"{", R"({"s":01})", R"({"s":1.})", R"({"s":-})", R"({"s":1,})", R"({"s" 1})", R"({"s":tru})",
                          R"({"p":"\x"})", "{\"p\":\"a\nb\"}", R"({"s":1} x)", R"([{"s":1}])", R"({'s':1})", R"({"s":.5})"}) {
    EXPECT_FALSE(session(bad)) << bad;
  }
  std::string deep = std::string(40, '[') + std::string(40, ']');
  EXPECT_FALSE(session("{\"x\":" + deep + "}"));
  std::string shallow = std::string(20, '[') + std::string(20, ']');
  EXPECT_TRUE(session("{\"x\":" + shallow + "}"));
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

// The fuzzer found it: a do-not-disturb time written as 0 ("d":0.0) read back as none, and the
// next write left "d" out; a time written as 0 is now not written at all.
TEST(PersistedState, AVisitorTimeWrittenAsZeroIsLeftOutAtOnce) {
  for (const char* spelt : {"17676072060090071992547409931", "0.5", "1e15"}) {
    auto once = decode_visitor(std::string("%7B%22d%22%3A") + spelt + "%7D");
    ASSERT_TRUE(once) << spelt;
    std::string written = encode_visitor(*once);
    EXPECT_EQ(written.find("%22d%22"), std::string::npos) << spelt << ": " << written;
    EXPECT_EQ(encode_visitor(*decode_visitor(written)), written) << spelt;
  }
  auto kept = decode_visitor("%7B%22d%22%3A1767603600000.0%7D");
  ASSERT_TRUE(kept);
  EXPECT_NE(encode_visitor(*kept).find("%22d%22%3A1767603600000.0"), std::string::npos);
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
