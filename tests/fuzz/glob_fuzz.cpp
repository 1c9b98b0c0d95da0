// The URL glob (parley/glob.hpp): glob_match, split_url and url_matches, total and
// allocation-free on any pattern and URL; libFuzzer's -timeout catches a super-linear match.
// Input: a pattern on the first line, a URL after it.
#include "parley/glob.hpp"

#include "fuzz_support.hpp"

namespace {

using parley::fuzz::check;

bool inside(std::string_view part, std::string_view whole) {
  return part.empty() || (part.data() >= whole.data() && part.data() + part.size() <= whole.data() + whole.size());
}

void check_split(std::string_view url) {
  parley::UrlParts parts = parley::split_url(url);
  for (std::string_view part : {parts.scheme, parts.host, parts.port, parts.query, parts.fragment})
    check(inside(part, url), "split_url returned a view outside the URL");
  check(inside(parts.path, url) || parts.path == "/", "split_url returned a path outside the URL");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto [pattern, url] = parley::fuzz::split_first_line(parley::fuzz::as_text(data, size));
  parley::glob_match(pattern, url);
  // Every byte matches itself ('*' and '?' included), and '*' matches anything.
  check(parley::glob_match(pattern, pattern), "a pattern does not match its own text");
  check(parley::glob_match("*", url), "\"*\" does not match a URL");
  check_split(url);
  parley::url_matches(pattern, url);
  return 0;
}
