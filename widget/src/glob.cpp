// glob.cpp: globs and URL patterns (see parley/glob.hpp for the matching rules).
#include "parley/glob.hpp"

namespace parley {
namespace {

constexpr std::string_view kRootPath = "/";  // static, so a defaulted path is still a valid view

char ascii_lower(char c) noexcept { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool is_ascii_alpha(char c) noexcept { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_ascii_digit(char c) noexcept { return c >= '0' && c <= '9'; }

// The classic iterative matcher: on a mismatch, go back to the last '*' and let it swallow one
// more byte. Only the last star matters (an earlier star can never help more than the later one
// already does), so there is one backtrack point and the time is O(pattern * text), whatever the
// pattern: "*a*a*a*a*b" against "aaaa...a" is quadratic at worst, never exponential.
bool glob_match_impl(std::string_view pattern, std::string_view text, bool fold_case) noexcept {
  constexpr std::size_t kNoStar = std::string_view::npos;
  std::size_t p = 0, t = 0;
  std::size_t star = kNoStar;  // position of the last '*' seen in pattern
  std::size_t star_text = 0;   // where in text that star's run currently ends
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '*') {  // test '*' first: a literal '*' in text is data
      star = p++;
      star_text = t;
    } else if (p < pattern.size() &&
               (pattern[p] == '?' || pattern[p] == text[t] ||
                (fold_case && ascii_lower(pattern[p]) == ascii_lower(text[t])))) {
      ++p;
      ++t;
    } else if (star != kNoStar) {
      p = star + 1;
      t = ++star_text;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

// Length of a "scheme" before ':' ([A-Za-z][A-Za-z0-9+.-]*), or npos when text does not start
// with one. `allow_wildcards` lets a pattern say "*://" or "http?://".
std::size_t scheme_length(std::string_view text, bool allow_wildcards) noexcept {
  auto is_wild = [&](char c) { return allow_wildcards && (c == '*' || c == '?'); };
  if (text.empty() || !(is_ascii_alpha(text[0]) || is_wild(text[0]))) return std::string_view::npos;
  for (std::size_t i = 1; i < text.size(); ++i) {
    char c = text[i];
    if (c == ':') return i;
    if (!(is_ascii_alpha(c) || is_ascii_digit(c) || c == '+' || c == '-' || c == '.' || is_wild(c)))
      return std::string_view::npos;
  }
  return std::string_view::npos;
}

bool starts_with_slashes(std::string_view text) noexcept { return text.size() >= 2 && text[0] == '/' && text[1] == '/'; }

// "user:pass@host:port" -> host, port (brackets kept around an IPv6 host).
void split_authority(std::string_view authority, UrlParts& parts) noexcept {
  std::size_t at = authority.rfind('@');
  if (at != std::string_view::npos) authority.remove_prefix(at + 1);
  std::size_t host_end = 0;
  if (!authority.empty() && authority[0] == '[') {
    std::size_t close = authority.find(']');
    host_end = close == std::string_view::npos ? authority.size() : close + 1;
  } else {
    host_end = authority.find(':');
    if (host_end == std::string_view::npos) host_end = authority.size();
  }
  parts.host = authority.substr(0, host_end);
  std::string_view after = authority.substr(host_end);
  if (!after.empty() && after[0] == ':') parts.port = after.substr(1);
}

// A pattern that already starts at its authority ("h:8080/p*" after "scheme://" or "//"):
// everything from the first '/' on is the path glob, '?' and '#' included.
void split_pattern_authority(std::string_view rest, UrlParts& parts) noexcept {
  std::size_t slash = rest.find('/');
  if (slash == std::string_view::npos) slash = rest.size();
  split_authority(rest.substr(0, slash), parts);
  parts.path = rest.substr(slash);  // empty = any path
}

// See rule 2 in the header.
bool looks_like_host(std::string_view pattern) noexcept {
  if (pattern.empty() || pattern[0] == '/') return false;
  std::size_t slash = pattern.find('/');
  std::string_view first_segment = pattern.substr(0, slash);
  if (first_segment.find('.') == std::string_view::npos) return false;
  return slash != std::string_view::npos || (pattern[0] != '*' && pattern[0] != '?');
}

std::string_view default_port(std::string_view scheme) noexcept {
  auto is = [&](std::string_view name) { return glob_match_impl(name, scheme, true); };
  if (is("http") || is("ws")) return "80";
  if (is("https") || is("wss")) return "443";
  return {};
}

}  // namespace

bool glob_match(std::string_view pattern, std::string_view text) noexcept {
  return glob_match_impl(pattern, text, false);
}

UrlParts split_url(std::string_view url) noexcept {
  UrlParts parts;
  std::string_view rest = url;
  std::size_t scheme_end = scheme_length(rest, false);
  if (scheme_end != std::string_view::npos) {
    parts.scheme = rest.substr(0, scheme_end);
    rest.remove_prefix(scheme_end + 1);
  }
  bool has_authority = starts_with_slashes(rest);
  if (has_authority) {
    rest.remove_prefix(2);
    std::size_t end = rest.find_first_of("/?#");
    if (end == std::string_view::npos) end = rest.size();
    split_authority(rest.substr(0, end), parts);
    rest.remove_prefix(end);
  }
  std::size_t hash = rest.find('#');
  if (hash != std::string_view::npos) {
    parts.fragment = rest.substr(hash + 1);
    rest = rest.substr(0, hash);
  }
  std::size_t question = rest.find('?');
  if (question != std::string_view::npos) {
    parts.query = rest.substr(question + 1);
    rest = rest.substr(0, question);
  }
  parts.path = (has_authority && rest.empty()) ? kRootPath : rest;
  return parts;
}

bool url_matches(std::string_view pattern, std::string_view url) noexcept {
  UrlParts want;
  std::size_t scheme_end = scheme_length(pattern, true);
  if (scheme_end != std::string_view::npos && starts_with_slashes(pattern.substr(scheme_end + 1))) {
    want.scheme = pattern.substr(0, scheme_end);
    split_pattern_authority(pattern.substr(scheme_end + 3), want);
  } else if (starts_with_slashes(pattern)) {
    split_pattern_authority(pattern.substr(2), want);
  } else if (looks_like_host(pattern)) {
    split_pattern_authority(pattern, want);
  } else {
    return glob_match_impl(pattern, split_url(url).path, false);
  }

  UrlParts got = split_url(url);
  if (!want.scheme.empty() && !glob_match_impl(want.scheme, got.scheme, true)) return false;
  if (!glob_match_impl(want.host, got.host, true)) return false;
  if (!want.port.empty()) {
    std::string_view port = got.port.empty() ? default_port(got.scheme) : got.port;
    if (!glob_match_impl(want.port, port, false)) return false;
  }
  return want.path.empty() || glob_match_impl(want.path, got.path, false);
}

}  // namespace parley
