// parley/cookie_json.hpp: the JSON text inside Parley's session and visitor cookies
// (persisted_state.hpp), read and written without a JSON value type. Every page view reads and
// writes these cookies, so this is on the start path: a JSON text parser and a double formatter
// there would cost the page their bytes (README, "Size and speed").
//
// The writer spells what it writes as nlohmann's dump() does, so a cookie reads the same to
// every version: integers as digits, times as whole milliseconds with ".0" (dump()'s integral
// double; below 1e15 it never switches to an exponent), strings with dump()'s escapes. The
// caller writes keys in sorted order, as dump() does.
//
// The reader accepts exactly the texts JSON.parse accepts (nested at most kMaxDepth deep), except
// that a lone surrogate escape becomes U+FFFD, and builds nothing: object() hands the caller
// each member's key, and the caller reads the value or skips it (skipped values are checked all
// the same). A number is read as the nearest double give or take an ulp past 2^53 or with a
// fraction: every value Parley keeps is a count or whole milliseconds. A number too large for a
// double makes the text unreadable, as it does for nlohmann.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace parley {

class CookieJsonWriter {
 public:
  void begin_object() { separate(); out_.push_back('{'); first_ = true; }
  void end_object() { out_.push_back('}'); first_ = false; }
  void begin_array() { separate(); out_.push_back('['); first_ = true; }
  void end_array() { out_.push_back(']'); first_ = false; }
  void key(std::string_view name);
  void integer(long long value);
  // Whole milliseconds (towards zero); a time outside ±1e15 ms (year 33658) or not finite as 0.
  void time(double ms);
  static long long whole_ms(double ms) noexcept;  // what time() writes
  void text(std::string_view utf8);

  const std::string& text() const noexcept { return out_; }

 private:
  void separate();
  std::string out_;
  bool first_ = true;
  bool after_key_ = false;
};

class CookieJsonReader {
 public:
  static constexpr int kMaxDepth = 32;

  explicit CookieJsonReader(std::string_view text) noexcept : s_(text) {}

  // The kind of the next value ('{', '[', '"', '-' or a digit for a number, 't', 'f', 'n'), or
  // 0 at the end of the text.
  char peek() noexcept;
  // Each member's value must be read by `member(std::string key)`, which returns false to stop.
  template <typename Member>
  bool object(Member&& member) {
    if (!consume('{')) return false;
    if (consume('}')) return true;
    do {
      std::string key;
      if (peek() != '"' || !text(key) || !consume(':') || !member(std::move(key))) return false;
    } while (consume(','));
    return consume('}');
  }
  // Each element must be read by `element()`, which returns false to stop.
  template <typename Element>
  bool array(Element&& element) {
    if (!consume('[')) return false;
    if (consume(']')) return true;
    do {
      if (!element()) return false;
    } while (consume(','));
    return consume(']');
  }
  bool number(double& out) noexcept;
  bool text(std::string& out);
  bool skip(int depth = 0);
  bool at_end() noexcept {
    space();
    return at_ == s_.size();
  }

 private:
  void space() noexcept;
  bool consume(char c) noexcept;
  bool word(std::string_view word) noexcept;

  std::string_view s_;
  std::size_t at_ = 0;
};

}  // namespace parley
