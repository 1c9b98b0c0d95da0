// document.cookie lookup and the browser's encodings (parley/cookie.hpp), with the properties the
// header promises: total, text out always valid UTF-8, encodings that round-trip, strict counters.
// Input: a cookie name on the first line, a document.cookie string after it (the whole input is
// also fed to the encoders).
#include "parley/cookie.hpp"

#include <string>

#include "fuzz_support.hpp"

namespace {

using parley::fuzz::check;
using parley::fuzz::is_utf8;

void check_lookup(std::string_view name, std::string_view header) {
  auto value = parley::find_cookie(header, name);
  if (!value) return;
  // A view into the header, trimmed of spaces and tabs.
  check(value->data() >= header.data() && value->data() + value->size() <= header.data() + header.size(),
        "find_cookie returned a view outside the header");
  check(value->empty() || (value->front() != ' ' && value->front() != '\t' && value->back() != ' ' && value->back() != '\t'),
        "find_cookie returned an untrimmed value");
}

void check_encodings(std::string_view text) {
  std::string unescaped = parley::js_unescape(text);
  check(is_utf8(unescaped), "js_unescape returned invalid UTF-8");
  std::string decoded = parley::uri_decode_component(text);
  check(!is_utf8(text) || is_utf8(decoded), "uri_decode_component turned valid UTF-8 into invalid UTF-8");

  // Encoders: ASCII out; valid UTF-8 in comes back unchanged through the matching decoder.
  std::string escaped = parley::js_escape(text);
  std::string encoded = parley::uri_encode_component(text);
  for (char c : escaped + encoded) check(static_cast<unsigned char>(c) < 0x80, "an encoder returned a non-ASCII byte");
  if (is_utf8(text)) {
    check(parley::js_unescape(escaped) == text, "js_unescape(js_escape(text)) != text");
    check(parley::uri_decode_component(encoded) == text, "uri_decode_component(uri_encode_component(text)) != text");
  }
}

void check_count(std::string_view text) {
  auto count = parley::parse_count(text);
  if (!count) return;
  check(*count < 1000000000u, "parse_count accepted a count of 1e9 or more");
  check(text.find(std::to_string(*count)) != std::string_view::npos,
        "parse_count returned a number its text does not hold");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text = parley::fuzz::as_text(data, size);
  auto [name, header] = parley::fuzz::split_first_line(text);
  check_lookup(name, header);
  check_encodings(text);
  check_count(header);
  return 0;
}
