// parley/persisted_state.hpp: what Parley keeps in first-party cookies, and its encoding.
//
// Three cookies (names fixed except the counter's, which the config names):
//   counter  (visits.cookie)  the page-view count as a bare escape()d integer, the exact format
//                             of the seed script's `timesPageVisited`, so either can read it;
//   parley_session            session cookie: start, last activity, time on site, current page,
//                             session frequency caps and do-not-disturb;
//   parley_visitor            visitor cookie (visits.days): visit count, visitor caps, DND until.
// Session and visitor values are compact JSON, URI-encoded (read and written by cookie_json.hpp). A cookie that is missing, tampered
// with or too large decodes as a fresh state: never an error, never a crash.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "parley/fact_state.hpp"

namespace parley {

inline constexpr std::string_view kSessionCookie = "parley_session";
inline constexpr std::string_view kVisitorCookie = "parley_visitor";
inline constexpr std::string_view kConsentCookie = "parley_consent";
inline constexpr std::size_t kMaxCookieValueBytes = 3000;

struct CapRecord {
  int count = 0;
  double last_ms = -kNever;
};
using CapRecords = std::map<std::string, CapRecord, std::less<>>;  // by rule id

struct SessionState {
  double started_ms = 0;
  double last_activity_ms = 0;
  double time_on_site_ms = 0;       // visible time, pages before the current one included
  std::string page;                 // the current page's URL: the next page's previousPage
  bool do_not_disturb = false;
  CapRecords caps;
};

struct VisitorState {
  int visits = 0;
  double do_not_disturb_until_ms = 0;  // kNever: forever
  CapRecords caps;
};

std::string encode_session(const SessionState& state);
std::optional<SessionState> decode_session(std::string_view cookie_value);
std::string encode_visitor(const VisitorState& state);
std::optional<VisitorState> decode_visitor(std::string_view cookie_value);

// The counter cookie: bare decimal, escape()d (digits escape to themselves). A missing,
// non-numeric, negative, huge or oversized value reads as 0 (first visit).
std::uint32_t decode_counter(std::optional<std::string_view> cookie_value);
std::string encode_counter(std::uint32_t count);

}  // namespace parley
