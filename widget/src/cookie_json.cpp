// cookie_json.cpp: the JSON text inside Parley's cookies (see parley/cookie_json.hpp).
#include "parley/cookie_json.hpp"

#include <algorithm>
#include <cmath>

#include "parley/cookie.hpp"
#include "parley/decimal.hpp"

namespace parley {
namespace {

constexpr char kHexDigits[] = "0123456789abcdef";  // dump()'s \u00XX is lowercase
constexpr double kMaxTimeMs = 1e15;

bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

int hex_value(char c) noexcept {
  if (is_digit(c)) return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

// ---- CookieJsonWriter --------------------------------------------------------------------------

void CookieJsonWriter::separate() {
  if (after_key_) after_key_ = false;
  else if (!first_) out_.push_back(',');
  first_ = false;
}

void CookieJsonWriter::key(std::string_view name) {
  text(name);
  out_.push_back(':');
  after_key_ = true;
}

void CookieJsonWriter::integer(long long value) {
  separate();
  out_ += decimal(value);
}

long long CookieJsonWriter::whole_ms(double ms) noexcept {
  return std::isfinite(ms) && std::fabs(ms) < kMaxTimeMs ? static_cast<long long>(ms) : 0;
}

void CookieJsonWriter::time(double ms) {
  separate();
  out_ += decimal(whole_ms(ms));
  out_ += ".0";
}

void CookieJsonWriter::text(std::string_view utf8) {
  separate();
  out_.push_back('"');
  for (char c : utf8) {
    switch (c) {
      case '"': out_ += "\\\""; break;
      case '\\': out_ += "\\\\"; break;
      case '\b': out_ += "\\b"; break;
      case '\f': out_ += "\\f"; break;
      case '\n': out_ += "\\n"; break;
      case '\r': out_ += "\\r"; break;
      case '\t': out_ += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out_ += "\\u00";
          out_.push_back(kHexDigits[c >> 4]);
          out_.push_back(kHexDigits[c & 0xF]);
        } else {
          out_.push_back(c);  // UTF-8 as it is: uri_encode_component() replaces what is not valid
        }
    }
  }
  out_.push_back('"');
}

// ---- CookieJsonReader --------------------------------------------------------------------------

void CookieJsonReader::space() noexcept {
  while (at_ < s_.size() && (s_[at_] == ' ' || s_[at_] == '\t' || s_[at_] == '\n' || s_[at_] == '\r')) ++at_;
}

char CookieJsonReader::peek() noexcept {
  space();
  return at_ < s_.size() ? s_[at_] : '\0';
}

bool CookieJsonReader::consume(char c) noexcept {
  if (peek() != c || at_ == s_.size()) return false;
  ++at_;
  return true;
}

bool CookieJsonReader::word(std::string_view expected) noexcept {
  if (s_.substr(at_, expected.size()) != expected) return false;
  at_ += expected.size();
  return true;
}

bool CookieJsonReader::number(double& out) noexcept {
  space();
  auto digit_here = [&] { return at_ < s_.size() && is_digit(s_[at_]); };
  bool negative = at_ < s_.size() && s_[at_] == '-';
  if (negative) ++at_;
  if (!digit_here()) return false;
  double value = 0;
  long exponent = 0;
  if (s_[at_] == '0') {
    ++at_;
  } else {
    while (digit_here()) value = value * 10 + (s_[at_++] - '0');
  }
  if (at_ < s_.size() && s_[at_] == '.') {
    ++at_;
    if (!digit_here()) return false;
    while (digit_here()) {
      value = value * 10 + (s_[at_++] - '0');
      --exponent;
    }
  }
  if (at_ < s_.size() && (s_[at_] == 'e' || s_[at_] == 'E')) {
    ++at_;
    bool below = at_ < s_.size() && s_[at_] == '-';
    if (at_ < s_.size() && (s_[at_] == '-' || s_[at_] == '+')) ++at_;
    if (!digit_here()) return false;
    long written = 0;
    while (digit_here()) written = std::min(written * 10 + (s_[at_++] - '0'), 100000L);
    exponent += below ? -written : written;
  }
  // Bounded: past 10^309 the value is infinite, below 10^-324 zero.
  for (; exponent > 0 && std::isfinite(value) && value != 0; --exponent) value *= 10;
  for (; exponent < 0 && value != 0; ++exponent) value /= 10;
  if (!std::isfinite(value)) return false;
  out = negative ? -value : value;
  return true;
}

bool CookieJsonReader::text(std::string& out) {
  if (!consume('"')) return false;
  Utf16ToUtf8 sink(out);
  while (at_ < s_.size()) {
    char c = s_[at_++];
    if (c == '"') {
      sink.flush();
      return true;
    }
    if (static_cast<unsigned char>(c) < 0x20) return false;
    if (c != '\\') {
      sink.flush();
      out.push_back(c);
      continue;
    }
    if (at_ == s_.size()) return false;
    char escaped = s_[at_++];
    if (escaped == 'u') {
      if (s_.size() - at_ < 4) return false;
      char32_t unit = 0;
      for (int i = 0; i < 4; ++i) {
        int digit = hex_value(s_[at_++]);
        if (digit < 0) return false;
        unit = unit * 16 + static_cast<char32_t>(digit);
      }
      sink.code_unit(unit);
      continue;
    }
    constexpr std::string_view kEscapes = "\"\"\\\\//b\bf\fn\nr\rt\t";  // pairs: written, meant
    std::size_t pair = kEscapes.find(escaped);
    if (pair == std::string_view::npos || pair % 2 != 0) return false;
    sink.code_point(static_cast<unsigned char>(kEscapes[pair + 1]));
  }
  return false;
}

bool CookieJsonReader::skip(int depth) {
  if (depth > kMaxDepth) return false;
  switch (peek()) {
    case '{':
      return object([&](std::string) { return skip(depth + 1); });
    case '[':
      return array([&] { return skip(depth + 1); });
    case '"': {
      std::string ignored;
      return text(ignored);
    }
    case 't': return word("true");
    case 'f': return word("false");
    case 'n': return word("null");
    default: {
      double ignored;
      return number(ignored);
    }
  }
}

}  // namespace parley
