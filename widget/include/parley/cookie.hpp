// parley/cookie.hpp: reading document.cookie and the encodings cookie values use.
//
// The visit counter must read and write the seed's own `timesPageVisited` cookie, which the
// seed's script writes with JavaScript's legacy escape() and reads with unescape(); Parley's own
// cookies use encodeURIComponent. This file reproduces those four browser functions exactly, so
// a value round-trips with the page's scripts. It does not write cookies (the runtime does, from
// a set_cookie action) and knows no cookie attributes.
//
// Every function is total: any bytes in, no abort. Text out is always valid UTF-8 (invalid input
// bytes become U+FFFD, as the browser's TextDecoder does), so it can go into JSON safely.
//
//   find_cookie           one value out of a document.cookie string
//   js_escape / js_unescape                    JavaScript's global escape() / unescape()
//   uri_encode_component / uri_decode_component  encodeURIComponent / decodeURIComponent
//   parse_count           a visit or page-view counter value, strictly
//   append_utf8, Utf16ToUtf8                   UTF-8 out of code points and UTF-16 code units
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace parley {

// document.cookie is "a=b; c=d". Pieces are split on ';' and trimmed of spaces and tabs; a
// piece without '=' is a cookie with an empty name (as browsers show `document.cookie = "x"`);
// empty pieces are skipped. Returns the FIRST value whose name equals `name` exactly (browsers
// list the cookie with the most specific path first), as a raw, still-encoded view into
// `cookie_header`, trimmed.
std::optional<std::string_view> find_cookie(std::string_view cookie_header, std::string_view name) noexcept;

// escape(): A-Z a-z 0-9 @*_+-./ unchanged, other UTF-16 code units below 256 as %XX, others as
// %uXXXX (uppercase hex; an astral character is two %uXXXX, its surrogates).
std::string js_escape(std::string_view utf8);
// unescape(): %XX and %uXXXX (hex in either case) become that UTF-16 code unit; a '%' not
// followed by a full sequence stays as it is. Surrogate pairs from %uD83D%uDE00 are joined;
// a lone surrogate becomes U+FFFD.
std::string js_unescape(std::string_view text);

// encodeURIComponent(): A-Z a-z 0-9 -_.!~*'() unchanged, everything else as its UTF-8 bytes in
// %XX (uppercase). JavaScript throws on a lone surrogate; here invalid UTF-8 input is encoded as
// U+FFFD (%EF%BF%BD) instead.
std::string uri_encode_component(std::string_view utf8);
// decodeURIComponent(), except that it never fails: a %XX run that does not form valid UTF-8
// (or a '%' without two hex digits) is left in the output as written.
std::string uri_decode_component(std::string_view text);

// A counter value read from a cookie (after unescaping): ASCII whitespace around it is ignored,
// then 1 to 9 decimal digits and nothing else (so the value is below 1e9). Empty, signed,
// exponent, trailing junk or longer values give nullopt, which callers treat as a first visit:
// a tampered cookie must never be an error nor a huge count.
std::optional<std::uint32_t> parse_count(std::string_view text) noexcept;

// A code point as UTF-8 (no checks: callers pass scalar values or U+FFFD).
void append_utf8(std::string& out, char32_t code_point);

// UTF-16 code units (unescape()'s %uXXXX, a JSON \uXXXX) appended to `out` as UTF-8: surrogate
// pairs joined, a lone surrogate replaced by U+FFFD (UTF-8 cannot carry it). Call flush() at the
// end and before appending anything to `out` directly.
class Utf16ToUtf8 {
 public:
  explicit Utf16ToUtf8(std::string& out) : out_(out) {}
  void code_unit(char32_t unit);
  // A code point from literal text: never a surrogate, so it ends any pending pair.
  void code_point(char32_t code_point);
  void flush();

 private:
  std::string& out_;
  char32_t high_ = 0;
};

}  // namespace parley
