// parley/glob.hpp: glob patterns on URLs, for the `matches` operator of url, referrer and
// previousPage conditions.
//
// The engine has no regular expressions (size, and no catastrophic backtracking on patterns a
// site owner typed): patterns are globs, '*' for any run of bytes and '?' for one byte. Every
// function here is total and allocation-free: any pattern, any URL, time O(pattern * text) at
// worst, no recursion. Nothing here decodes percent-escapes or normalises URLs: the browser's
// location.href and document.referrer already come normalised.
//
//   glob_match   one glob against one string
//   UrlParts     the components of a URL, as views into it
//   split_url    absolute, scheme-relative and path-only URLs into UrlParts
//   url_matches  a site owner's pattern against a URL (the rules are written above it)
#pragma once

#include <string_view>

namespace parley {

// '*' matches any run of bytes, possibly empty, across '/' too; '?' matches exactly one byte;
// every other byte is literal (no escapes, no classes). Case-sensitive.
bool glob_match(std::string_view pattern, std::string_view text) noexcept;

// Views into the URL given to split_url (or into a static "/"), without their delimiters:
// "https://h:8080/p?q#f" -> scheme "https", host "h", port "8080", path "/p", query "q",
// fragment "f". An absent component is empty. User info ("user:pass@") is dropped from host.
struct UrlParts {
  std::string_view scheme;
  std::string_view host;  // as written (case kept); IPv6 keeps its brackets: "[::1]"
  std::string_view port;
  std::string_view path;
  std::string_view query;
  std::string_view fragment;
};

// Accepts "scheme://authority/path?query#fragment", scheme-relative "//authority/path...",
// plain paths "/p?q#f", and opaque URLs "about:blank" (scheme "about", path "blank"), as the
// WHATWG parser splits them. When there is an authority but no path, path is "/" (as
// location.pathname says). Total: any string gives some UrlParts.
UrlParts split_url(std::string_view url) noexcept;

// Whether `url` matches a site owner's `pattern`. The URL's query and fragment never take part,
// and in a pattern '?' is always the one-byte wildcard, never a query separator.
//
// 1. A pattern that starts with "scheme://" or "//" is matched component by component:
//    - scheme: only when the pattern names one; compared ASCII case-insensitively;
//    - host: a glob, ASCII case-insensitive ("//*.contoso.com" matches "https://WWW.Contoso.com");
//    - port: only when the pattern names one; a glob on the port, where a URL without a port
//      has its scheme's default (80 for http/ws, 443 for https/wss);
//    - path: a glob (case-sensitive); a pattern without a path matches any path.
// 2. A pattern without a scheme whose first segment looks like a host is matched as
//    "//" + pattern. It looks like a host when the part before the first '/' contains a '.',
//    and either the pattern has a '/' or does not start with a wildcard. So the seed's scenario 5
//    "www.contoso.com/FAQ" matches "https://www.contoso.com/FAQ" and "http://www.contoso.com/FAQ",
//    "*.contoso.com/*" is a host pattern, but "*.pdf" stays a path glob.
//    Consequence: a bare file name "index.html" is read as a host; write "/index.html" or
//    "*/index.html" for a path.
// 3. Any other pattern is a glob on the URL's path only ("/kb/*", "*.pdf"). Paths begin with '/',
//    so a path pattern should begin with '/' or a wildcard.
bool url_matches(std::string_view pattern, std::string_view url) noexcept;

}  // namespace parley
