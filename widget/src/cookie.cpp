// cookie.cpp: document.cookie lookup and the browser's escape/encodeURIComponent families
// (see parley/cookie.hpp).
#include "parley/cookie.hpp"

namespace parley {
namespace {

constexpr char32_t kReplacement = 0xFFFD;
constexpr char kHexDigits[] = "0123456789ABCDEF";

// One step of UTF-8 decoding as the WHATWG decoder (and so TextDecoder) does it: an invalid
// sequence is replaced by one U+FFFD per "maximal subpart", so the count of replacement
// characters matches what the browser would show for the same bytes.
struct Decoded {
  char32_t code_point;
  std::size_t length;  // bytes consumed, at least 1
  bool valid;
};

Decoded decode_utf8(std::string_view text, std::size_t at) noexcept {
  auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  unsigned lead = byte(at);
  if (lead < 0x80) return {lead, 1, true};
  std::size_t needed = 0;
  char32_t code_point = 0;
  unsigned lower = 0x80, upper = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    needed = 1;
    code_point = lead & 0x1F;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    needed = 2;
    code_point = lead & 0x0F;
    if (lead == 0xE0) lower = 0xA0;  // overlong
    if (lead == 0xED) upper = 0x9F;  // surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    needed = 3;
    code_point = lead & 0x07;
    if (lead == 0xF0) lower = 0x90;  // overlong
    if (lead == 0xF4) upper = 0x8F;  // above U+10FFFF
  } else {
    return {kReplacement, 1, false};
  }
  for (std::size_t k = 1; k <= needed; ++k) {
    if (at + k >= text.size() || byte(at + k) < lower || byte(at + k) > upper) return {kReplacement, k, false};
    lower = 0x80;
    upper = 0xBF;
    code_point = (code_point << 6) | (byte(at + k) & 0x3F);
  }
  return {code_point, needed + 1, true};
}

int hex_value(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The value of `digits` hex digits at text[at], or -1 when they are not all there.
long hex_at(std::string_view text, std::size_t at, std::size_t digits) noexcept {
  if (at > text.size() || text.size() - at < digits) return -1;
  long value = 0;
  for (std::size_t i = 0; i < digits; ++i) {
    int digit = hex_value(text[at + i]);
    if (digit < 0) return -1;
    value = value * 16 + digit;
  }
  return value;
}

void append_percent_byte(std::string& out, unsigned byte) {
  out.push_back('%');
  out.push_back(kHexDigits[(byte >> 4) & 0xF]);
  out.push_back(kHexDigits[byte & 0xF]);
}

bool is_cookie_space(char c) noexcept { return c == ' ' || c == '\t'; }

std::string_view trim(std::string_view text, bool (*is_space)(char) noexcept) noexcept {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

bool is_ascii_alnum(char c) noexcept {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

}  // namespace

void append_utf8(std::string& out, char32_t code_point) {
  auto put = [&](unsigned value) { out.push_back(static_cast<char>(value)); };
  if (code_point < 0x80) {
    put(code_point);
  } else if (code_point < 0x800) {
    put(0xC0 | (code_point >> 6));
    put(0x80 | (code_point & 0x3F));
  } else if (code_point < 0x10000) {
    put(0xE0 | (code_point >> 12));
    put(0x80 | ((code_point >> 6) & 0x3F));
    put(0x80 | (code_point & 0x3F));
  } else {
    put(0xF0 | (code_point >> 18));
    put(0x80 | ((code_point >> 12) & 0x3F));
    put(0x80 | ((code_point >> 6) & 0x3F));
    put(0x80 | (code_point & 0x3F));
  }
}

void Utf16ToUtf8::code_unit(char32_t unit) {
  if (unit >= 0xDC00 && unit <= 0xDFFF && high_ != 0) {
    append_utf8(out_, 0x10000 + ((high_ - 0xD800) << 10) + (unit - 0xDC00));
    high_ = 0;
    return;
  }
  flush();
  if (unit >= 0xD800 && unit <= 0xDBFF) high_ = unit;
  else append_utf8(out_, (unit >= 0xDC00 && unit <= 0xDFFF) ? kReplacement : unit);
}

void Utf16ToUtf8::code_point(char32_t code_point) {
  flush();
  append_utf8(out_, code_point);
}

void Utf16ToUtf8::flush() {
  if (high_ != 0) append_utf8(out_, kReplacement);
  high_ = 0;
}

std::optional<std::string_view> find_cookie(std::string_view cookie_header, std::string_view name) noexcept {
  while (!cookie_header.empty()) {
    std::size_t end = cookie_header.find(';');
    if (end == std::string_view::npos) end = cookie_header.size();
    std::string_view piece = trim(cookie_header.substr(0, end), is_cookie_space);
    cookie_header.remove_prefix(end == cookie_header.size() ? end : end + 1);
    if (piece.empty()) continue;
    std::size_t equals = piece.find('=');
    std::string_view piece_name = equals == std::string_view::npos ? std::string_view{} : piece.substr(0, equals);
    std::string_view value = equals == std::string_view::npos ? piece : piece.substr(equals + 1);
    if (trim(piece_name, is_cookie_space) == name) return trim(value, is_cookie_space);
  }
  return std::nullopt;
}

std::string js_escape(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  for (std::size_t i = 0; i < utf8.size();) {
    Decoded decoded = decode_utf8(utf8, i);
    i += decoded.length;
    char32_t c = decoded.code_point;
    if (c < 0x80 && (is_ascii_alnum(static_cast<char>(c)) || std::string_view("@*_+-./").find(static_cast<char>(c)) != std::string_view::npos)) {
      out.push_back(static_cast<char>(c));
    } else if (c < 0x100) {
      append_percent_byte(out, c);
    } else {
      auto append_unit = [&](char32_t unit) {
        out.append("%u");
        for (int shift = 12; shift >= 0; shift -= 4) out.push_back(kHexDigits[(unit >> shift) & 0xF]);
      };
      if (c < 0x10000) {
        append_unit(c);
      } else {
        append_unit(0xD800 + ((c - 0x10000) >> 10));
        append_unit(0xDC00 + ((c - 0x10000) & 0x3FF));
      }
    }
  }
  return out;
}

std::string js_unescape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  Utf16ToUtf8 sink(out);
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] == '%') {
      long unit = -1;
      if (i + 1 < text.size() && text[i + 1] == 'u' && (unit = hex_at(text, i + 2, 4)) >= 0) {
        sink.code_unit(static_cast<char32_t>(unit));
        i += 6;
        continue;
      }
      if ((unit = hex_at(text, i + 1, 2)) >= 0) {
        sink.code_unit(static_cast<char32_t>(unit));
        i += 3;
        continue;
      }
    }
    Decoded decoded = decode_utf8(text, i);
    sink.code_point(decoded.code_point);
    i += decoded.length;
  }
  sink.flush();
  return out;
}

std::string uri_encode_component(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  std::string bytes;
  for (std::size_t i = 0; i < utf8.size();) {
    Decoded decoded = decode_utf8(utf8, i);
    i += decoded.length;
    char32_t c = decoded.code_point;
    if (c < 0x80 && (is_ascii_alnum(static_cast<char>(c)) || std::string_view("-_.!~*'()").find(static_cast<char>(c)) != std::string_view::npos)) {
      out.push_back(static_cast<char>(c));
      continue;
    }
    bytes.clear();
    append_utf8(bytes, c);
    for (char byte : bytes) append_percent_byte(out, static_cast<unsigned char>(byte));
  }
  return out;
}

std::string uri_decode_component(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    long lead = text[i] == '%' ? hex_at(text, i + 1, 2) : -1;
    if (lead < 0) {  // literal text: copied, with invalid UTF-8 replaced
      Decoded decoded = decode_utf8(text, i);
      append_utf8(out, decoded.code_point);
      i += decoded.length;
      continue;
    }
    // Gather the lead byte and as many %XX as its UTF-8 sequence needs, then validate them all
    // at once with the same decoder; on failure only the lead "%XX" is kept literally and the
    // scan resumes right after it, as decodeURIComponent would have thrown there.
    std::size_t needed = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
    char bytes[4];
    std::size_t count = 0;
    for (std::size_t at = i; count < needed && at < text.size() && text[at] == '%'; at += 3) {
      long byte = hex_at(text, at + 1, 2);
      if (byte < 0) break;
      bytes[count++] = static_cast<char>(byte);
    }
    Decoded decoded = decode_utf8(std::string_view(bytes, count), 0);
    if (decoded.valid && decoded.length == needed) {
      out.append(bytes, count);
      i += 3 * needed;
    } else {
      out.append(text.substr(i, 3));
      i += 3;
    }
  }
  return out;
}

std::optional<std::uint32_t> parse_count(std::string_view text) noexcept {
  text = trim(text, [](char c) noexcept { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; });
  if (text.empty() || text.size() > 9) return std::nullopt;
  std::uint32_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + static_cast<std::uint32_t>(c - '0');
  }
  return value;
}

}  // namespace parley
