// glob_test.cpp: glob_match, split_url and url_matches (parley/glob.hpp).
#include "parley/glob.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

namespace parley {
namespace {

// ---- glob_match ----

TEST(GlobMatch, LiteralPatternMatchesOnlyItself) {
  EXPECT_TRUE(glob_match("/kb/intro", "/kb/intro"));
  EXPECT_FALSE(glob_match("/kb/intro", "/kb/intro2"));
  EXPECT_FALSE(glob_match("/kb/intro", "/kb/intr"));
}

TEST(GlobMatch, IsCaseSensitive) {
  EXPECT_TRUE(glob_match("/FAQ", "/FAQ"));
  EXPECT_FALSE(glob_match("/FAQ", "/faq"));
}

TEST(GlobMatch, StarMatchesAnyRunIncludingEmptyAndSlashes) {
  EXPECT_TRUE(glob_match("/kb/*", "/kb/"));
  EXPECT_TRUE(glob_match("/kb/*", "/kb/a/b/c.html"));
  EXPECT_TRUE(glob_match("*", ""));
  EXPECT_TRUE(glob_match("*.pdf", "/docs/2019/report.pdf"));
  EXPECT_TRUE(glob_match("/a*b*c", "/abc"));
  EXPECT_TRUE(glob_match("**", "anything"));
}

TEST(GlobMatch, StarDoesNotMatchWhatIsMissing) {
  EXPECT_FALSE(glob_match("/kb/*", "/kb"));
  EXPECT_FALSE(glob_match("*.pdf", "/docs/report.pdf.html"));
  EXPECT_FALSE(glob_match("/a*b*c", "/acb"));
}

TEST(GlobMatch, QuestionMarkMatchesExactlyOneByte) {
  EXPECT_TRUE(glob_match("/page?", "/page1"));
  EXPECT_TRUE(glob_match("/page?", "/page?"));
  EXPECT_FALSE(glob_match("/page?", "/page"));
  EXPECT_FALSE(glob_match("/page?", "/page12"));
}

TEST(GlobMatch, StarInTextIsLiteralDataNotAWildcard) {
  EXPECT_TRUE(glob_match("*", "*"));
  EXPECT_TRUE(glob_match("a*", "a*b"));
  EXPECT_FALSE(glob_match("a", "*"));
}

TEST(GlobMatch, EmptyPatternMatchesOnlyEmptyText) {
  EXPECT_TRUE(glob_match("", ""));
  EXPECT_FALSE(glob_match("", "/"));
  EXPECT_FALSE(glob_match("?", ""));
}

TEST(GlobMatch, BacktracksToTheLastStar) {
  EXPECT_TRUE(glob_match("*ab", "aab"));
  EXPECT_TRUE(glob_match("*a?c*", "xxabxabc"));
  EXPECT_FALSE(glob_match("*a?c*", "xxabxab"));
  EXPECT_TRUE(glob_match("/*/edit", "/users/42/edit"));
}

TEST(GlobMatch, PathologicalPatternsFinishFast) {
  const std::string text(20000, 'a');
  auto start = std::chrono::steady_clock::now();
  EXPECT_FALSE(glob_match("*a*a*a*a*a*b", text));
  EXPECT_FALSE(glob_match("*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b", text));
  EXPECT_TRUE(glob_match("*a*a*a*a*a*a", text));
  EXPECT_FALSE(glob_match(std::string(5000, '*') + "b", text));
  auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_LT(std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count(), 2000);
}

TEST(GlobMatch, HandlesBytesOutsideAscii) {
  EXPECT_TRUE(glob_match("/caf\xC3\xA9/*", "/caf\xC3\xA9/menu"));
  EXPECT_TRUE(glob_match("/caf??", "/caf\xC3\xA9"));  // '?' is one byte, not one character
  EXPECT_FALSE(glob_match("/caf?", "/caf\xC3\xA9"));
  EXPECT_TRUE(glob_match(std::string_view("a\0b", 3), std::string_view("a\0b", 3)));
}

// ---- split_url ----

TEST(SplitUrl, SplitsAnAbsoluteUrlIntoEveryComponent) {
  UrlParts parts = split_url("https://h.example:8080/p/q.html?x=1&y=2#top");
  EXPECT_EQ(parts.scheme, "https");
  EXPECT_EQ(parts.host, "h.example");
  EXPECT_EQ(parts.port, "8080");
  EXPECT_EQ(parts.path, "/p/q.html");
  EXPECT_EQ(parts.query, "x=1&y=2");
  EXPECT_EQ(parts.fragment, "top");
}

TEST(SplitUrl, DefaultsThePathToSlashWhenThereIsAHost) {
  EXPECT_EQ(split_url("https://h").path, "/");
  EXPECT_EQ(split_url("https://h?q=1").path, "/");
  EXPECT_EQ(split_url("https://h?q=1").query, "q=1");
  EXPECT_EQ(split_url("//h#f").path, "/");
}

TEST(SplitUrl, DefaultedPathOutlivesTheInput) {
  std::string_view path;
  {
    std::string url = "https://h";
    path = split_url(url).path;
  }
  EXPECT_EQ(path, "/");  // a view of a static literal, not of the destroyed string
}

TEST(SplitUrl, SplitsASchemeRelativeUrl) {
  UrlParts parts = split_url("//www.contoso.com/FAQ");
  EXPECT_EQ(parts.scheme, "");
  EXPECT_EQ(parts.host, "www.contoso.com");
  EXPECT_EQ(parts.path, "/FAQ");
}

TEST(SplitUrl, APlainPathHasNoSchemeNorHost) {
  UrlParts parts = split_url("/kb/a?b=c#d");
  EXPECT_EQ(parts.scheme, "");
  EXPECT_EQ(parts.host, "");
  EXPECT_EQ(parts.port, "");
  EXPECT_EQ(parts.path, "/kb/a");
  EXPECT_EQ(parts.query, "b=c");
  EXPECT_EQ(parts.fragment, "d");
}

TEST(SplitUrl, EmptyUrlGivesEmptyParts) {
  UrlParts parts = split_url("");
  EXPECT_EQ(parts.path, "");
  EXPECT_EQ(parts.host, "");
}

TEST(SplitUrl, DropsUserInfoAndKeepsIpv6Brackets) {
  UrlParts parts = split_url("http://user:pass@[::1]:3000/x");
  EXPECT_EQ(parts.host, "[::1]");
  EXPECT_EQ(parts.port, "3000");
  EXPECT_EQ(parts.path, "/x");
  EXPECT_EQ(split_url("http://[::1/x").host, "[::1");  // unclosed bracket: no crash
}

TEST(SplitUrl, QuestionMarkBeforeHashStartsTheQueryButNotAfter) {
  UrlParts parts = split_url("/p#frag?not-a-query");
  EXPECT_EQ(parts.path, "/p");
  EXPECT_EQ(parts.query, "");
  EXPECT_EQ(parts.fragment, "frag?not-a-query");
}

TEST(SplitUrl, OpaqueUrlKeepsItsSchemeAndPath) {
  UrlParts parts = split_url("about:blank");
  EXPECT_EQ(parts.scheme, "about");
  EXPECT_EQ(parts.host, "");
  EXPECT_EQ(parts.path, "blank");
}

TEST(SplitUrl, SomethingThatIsNotASchemeIsAPath) {
  EXPECT_EQ(split_url("1http://h/").scheme, "");
  EXPECT_EQ(split_url("/a:b").path, "/a:b");
  EXPECT_EQ(split_url(":::").path, ":::");
}

// ---- url_matches ----

TEST(UrlMatches, PathPatternIgnoresSchemeHostQueryAndFragment) {
  EXPECT_TRUE(url_matches("/kb/*", "https://www.contoso.com/kb/surface?lang=fr#s2"));
  EXPECT_TRUE(url_matches("/kb/*", "/kb/surface"));
  EXPECT_FALSE(url_matches("/kb/*", "https://www.contoso.com/support/kb/surface"));
  EXPECT_FALSE(url_matches("/kb/*", "https://www.contoso.com/?next=/kb/x"));
}

TEST(UrlMatches, QuestionMarkInPatternIsAWildcardNotAQuery) {
  EXPECT_TRUE(url_matches("/search?", "https://h/search2?q=1"));
  EXPECT_FALSE(url_matches("/search?q=*", "https://h/search?q=1"));  // the query never takes part
}

TEST(UrlMatches, PatternWithSchemeMatchesComponentByComponent) {
  EXPECT_TRUE(url_matches("https://www.contoso.com/kb/*", "https://www.contoso.com/kb/a"));
  EXPECT_FALSE(url_matches("https://www.contoso.com/kb/*", "http://www.contoso.com/kb/a"));
  EXPECT_FALSE(url_matches("https://www.contoso.com/kb/*", "https://contoso.com/kb/a"));
  EXPECT_FALSE(url_matches("https://www.contoso.com/kb/*", "https://www.contoso.com/faq"));
}

TEST(UrlMatches, SchemeAndHostAreCaseInsensitivePathIsNot) {
  EXPECT_TRUE(url_matches("HTTPS://WWW.Contoso.COM/FAQ", "https://www.contoso.com/FAQ"));
  EXPECT_FALSE(url_matches("https://www.contoso.com/FAQ", "https://www.contoso.com/faq"));
}

TEST(UrlMatches, HostIsAGlob) {
  EXPECT_TRUE(url_matches("//*.contoso.com/*", "https://shop.contoso.com/cart"));
  EXPECT_FALSE(url_matches("//*.contoso.com/*", "https://contoso.com.evil.example/cart"));
  EXPECT_TRUE(url_matches("*://*/kb/*", "http://anything/kb/1"));
}

TEST(UrlMatches, PatternWithoutPathMatchesAnyPath) {
  EXPECT_TRUE(url_matches("https://www.contoso.com", "https://www.contoso.com/deep/page?x"));
  EXPECT_TRUE(url_matches("//www.contoso.com", "http://www.contoso.com"));
  EXPECT_FALSE(url_matches("//www.contoso.com", "http://www.contoso.org/"));
}

TEST(UrlMatches, PortIsCheckedOnlyWhenThePatternNamesOne) {
  EXPECT_TRUE(url_matches("//localhost/*", "http://localhost:8080/x"));
  EXPECT_TRUE(url_matches("//localhost:8080/*", "http://localhost:8080/x"));
  EXPECT_FALSE(url_matches("//localhost:8080/*", "http://localhost:9090/x"));
  EXPECT_FALSE(url_matches("//localhost:8080/*", "http://localhost/x"));
}

TEST(UrlMatches, UrlWithoutPortHasItsSchemesDefaultPort) {
  EXPECT_TRUE(url_matches("//h:443/", "https://h/"));
  EXPECT_TRUE(url_matches("//h:80/", "http://h/"));
  EXPECT_FALSE(url_matches("//h:443/", "http://h/"));
}

TEST(UrlMatches, SeedScenario5HostLikePatternMatchesTheReferrer) {
  EXPECT_TRUE(url_matches("www.contoso.com/FAQ", "https://www.contoso.com/FAQ"));
  EXPECT_TRUE(url_matches("www.contoso.com/FAQ", "http://www.contoso.com/FAQ?from=mail#top"));
  EXPECT_FALSE(url_matches("www.contoso.com/FAQ", "https://www.contoso.com/FAQ/more"));
  EXPECT_FALSE(url_matches("www.contoso.com/FAQ", "https://www.fabrikam.com/FAQ"));
  EXPECT_FALSE(url_matches("www.contoso.com/FAQ", "/FAQ"));  // a path alone has no host
}

TEST(UrlMatches, HostLikePatternWithoutSlashMatchesAnyPathOnThatHost) {
  EXPECT_TRUE(url_matches("www.contoso.com", "https://www.contoso.com/anything"));
  EXPECT_TRUE(url_matches("*.contoso.com/*", "https://kb.contoso.com/x"));
}

TEST(UrlMatches, WildcardExtensionPatternStaysAPathGlob) {
  EXPECT_TRUE(url_matches("*.pdf", "https://h/docs/a.pdf"));
  EXPECT_FALSE(url_matches("*.pdf", "https://files.pdf/"));
}

TEST(UrlMatches, GarbageNeverCrashes) {
  const char* inputs[] = {"", ":", "//", "///", "://", "*", "?", "[", "//[", "//@", "//:", "h:", "a.b", "%%%"};
  for (const char* pattern : inputs)
    for (const char* url : inputs) (void)url_matches(pattern, url);
  EXPECT_TRUE(url_matches("*", ""));
  EXPECT_FALSE(url_matches("//h", ""));
}

}  // namespace
}  // namespace parley
