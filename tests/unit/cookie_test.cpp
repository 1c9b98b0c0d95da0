// cookie_test.cpp: find_cookie, the escape()/encodeURIComponent families and parse_count
// (parley/cookie.hpp). Expected strings were produced by node 20 (escape, unescape,
// encodeURIComponent, decodeURIComponent, TextDecoder for invalid UTF-8).
#include "parley/cookie.hpp"

#include <gtest/gtest.h>

#include <string>

namespace parley {
namespace {

// ---- find_cookie ----

TEST(FindCookie, FindsAValueAmongOthers) {
  auto value = find_cookie("a=1; timesPageVisited=3; b=2", "timesPageVisited");
  ASSERT_TRUE(value.has_value());
  EXPECT_EQ(*value, "3");
}

TEST(FindCookie, MissingNameIsNullopt) {
  EXPECT_FALSE(find_cookie("a=1; b=2", "timesPageVisited").has_value());
  EXPECT_FALSE(find_cookie("", "a").has_value());
}

TEST(FindCookie, NameMustMatchExactlyNotAsPrefixOrSuffix) {
  EXPECT_FALSE(find_cookie("xtimesPageVisited=9; timesPageVisitedx=8", "timesPageVisited").has_value());
  EXPECT_FALSE(find_cookie("A=1", "a").has_value());
  EXPECT_EQ(*find_cookie("xa=1; a=2", "a"), "2");
}

TEST(FindCookie, ReturnsTheFirstOfSeveralSameNamedCookies) {
  // Browsers list the cookie with the most specific path first.
  EXPECT_EQ(*find_cookie("v=page; v=site", "v"), "page");
}

TEST(FindCookie, ToleratesMissingSpacesEmptyPiecesAndPiecesWithoutEquals) {
  EXPECT_EQ(*find_cookie("a=1;b=2", "b"), "2");
  EXPECT_EQ(*find_cookie(";; ; a=1 ;;b=2;", "b"), "2");
  EXPECT_EQ(*find_cookie("flag; b=2", "b"), "2");
  EXPECT_EQ(*find_cookie("  b = 2  ", "b"), "2");
}

TEST(FindCookie, PieceWithoutEqualsIsANamelessCookie) {
  EXPECT_FALSE(find_cookie("flag", "flag").has_value());
  EXPECT_EQ(*find_cookie("flag", ""), "flag");
}

TEST(FindCookie, ValueMayBeEmptyOrContainEquals) {
  EXPECT_EQ(*find_cookie("a=; b=x=y", "a"), "");
  EXPECT_EQ(*find_cookie("a=; b=x=y", "b"), "x=y");
}

TEST(FindCookie, ReturnsTheRawEncodedValue) {
  EXPECT_EQ(*find_cookie("name=caf%E9", "name"), "caf%E9");
}

// ---- js_escape ----

TEST(JsEscape, LeavesItsSafeSetUnchanged) {
  EXPECT_EQ(js_escape("AZaz09@*_+-./"), "AZaz09@*_+-./");
  EXPECT_EQ(js_escape(""), "");
}

TEST(JsEscape, EscapesAsciiOutsideItsSafeSetAsUppercasePercentHex) {
  EXPECT_EQ(js_escape("Hello World!"), "Hello%20World%21");
  EXPECT_EQ(js_escape("~'()!"), "%7E%27%28%29%21");
  EXPECT_EQ(js_escape("a b&c=d;e"), "a%20b%26c%3Dd%3Be");
}

TEST(JsEscape, MatchesJavaScriptForAccentsEuroAndEmoji) {
  // node -e 'console.log(escape("é€😀"))'
  EXPECT_EQ(js_escape("\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80"), "%E9%u20AC%uD83D%uDE00");
}

TEST(JsEscape, MatchesJavaScriptAtTheLatin1Boundary) {
  EXPECT_EQ(js_escape("\xC3\xBF\xC4\x80"), "%FF%u0100");  // "ÿĀ"
  EXPECT_EQ(js_escape("\xC2\xA0"), "%A0");                // no-break space
}

TEST(JsEscape, MatchesJavaScriptForTheSeedsVisitCounter) {
  // The seed writes "timesPageVisited=" + escape(visits) with a number.
  EXPECT_EQ(js_escape("3"), "3");
  EXPECT_EQ(js_escape("123456789"), "123456789");
}

TEST(JsEscape, InvalidUtf8BecomesReplacementCharactersLikeTextDecoder) {
  EXPECT_EQ(js_escape("\xE2\x82" "A"), "%uFFFDA");  // truncated sequence: one U+FFFD
  EXPECT_EQ(js_escape("\xFF" "A"), "%uFFFDA");
  EXPECT_EQ(js_escape("\xED\xA0\x80"), "%uFFFD%uFFFD%uFFFD");  // encoded surrogate
  EXPECT_EQ(js_escape("\xF0\x9F\x98"), "%uFFFD");
  EXPECT_EQ(js_escape("\xC0\xAF"), "%uFFFD%uFFFD");  // overlong
  EXPECT_EQ(js_escape("\xF4\x90\x80\x80"), "%uFFFD%uFFFD%uFFFD%uFFFD");  // above U+10FFFF
  EXPECT_EQ(js_escape("A\xC3"), "A%uFFFD");
}

TEST(JsEscape, EscapesNulAsPercent00) {
  EXPECT_EQ(js_escape(std::string_view("a\0b", 3)), "a%00b");
}

// ---- js_unescape ----

TEST(JsUnescape, DecodesPercentHexAsLatin1CodeUnits) {
  EXPECT_EQ(js_unescape("%E9"), "\xC3\xA9");
  EXPECT_EQ(js_unescape("%e9"), "\xC3\xA9");
  EXPECT_EQ(js_unescape("%41%u0042"), "AB");
}

TEST(JsUnescape, DecodesPercentUAndJoinsSurrogatePairs) {
  EXPECT_EQ(js_unescape("%u20AC"), "\xE2\x82\xAC");
  EXPECT_EQ(js_unescape("%uabcd"), "\xEA\xAF\x8D");
  EXPECT_EQ(js_unescape("%uD83D%uDE00"), "\xF0\x9F\x98\x80");
}

TEST(JsUnescape, LoneSurrogatesBecomeReplacementCharacters) {
  EXPECT_EQ(js_unescape("%uD83D"), "\xEF\xBF\xBD");
  EXPECT_EQ(js_unescape("%uDE00x"), "\xEF\xBF\xBDx");
  EXPECT_EQ(js_unescape("%uD83Dx%uDE00"), "\xEF\xBF\xBDx\xEF\xBF\xBD");
  EXPECT_EQ(js_unescape("%uD83D%uD83D%uDE00"), "\xEF\xBF\xBD\xF0\x9F\x98\x80");
}

TEST(JsUnescape, LeavesMalformedSequencesAsTheyAre) {
  EXPECT_EQ(js_unescape("%"), "%");
  EXPECT_EQ(js_unescape("%4"), "%4");
  EXPECT_EQ(js_unescape("%zz"), "%zz");
  EXPECT_EQ(js_unescape("%u12"), "%u12");
  EXPECT_EQ(js_unescape("%u12G4"), "%u12G4");
  EXPECT_EQ(js_unescape("a%2"), "a%2");
  EXPECT_EQ(js_unescape("%U20AC"), "%U20AC");  // only a lowercase 'u' introduces %uXXXX
}

TEST(JsUnescape, RoundTripsWithJsEscape) {
  const std::string text = "caf\xC3\xA9 \xE2\x82\xAC 100% \xF0\x9F\x98\x80 ~/a+b";
  EXPECT_EQ(js_unescape(js_escape(text)), text);
}

TEST(JsUnescape, ReplacesInvalidUtf8InLiteralText) {
  EXPECT_EQ(js_unescape("a\xFF" "b"), "a\xEF\xBF\xBD" "b");
}

// ---- uri_encode_component / uri_decode_component ----

TEST(UriEncodeComponent, MatchesEncodeUriComponent) {
  EXPECT_EQ(uri_encode_component("\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80"), "%C3%A9%E2%82%AC%F0%9F%98%80");
  EXPECT_EQ(uri_encode_component("Hello World!"), "Hello%20World!");
  EXPECT_EQ(uri_encode_component("@*_+-./"), "%40*_%2B-.%2F");
  EXPECT_EQ(uri_encode_component("~'()!"), "~'()!");
  EXPECT_EQ(uri_encode_component("a b&c=d;e"), "a%20b%26c%3Dd%3Be");
}

TEST(UriEncodeComponent, EncodesInvalidUtf8AsReplacementCharacter) {
  EXPECT_EQ(uri_encode_component("\xE2\x82" "A"), "%EF%BF%BDA");
  EXPECT_EQ(uri_encode_component("A\xC3"), "A%EF%BF%BD");
}

TEST(UriDecodeComponent, MatchesDecodeUriComponent) {
  EXPECT_EQ(uri_decode_component("%C3%A9"), "\xC3\xA9");
  EXPECT_EQ(uri_decode_component("%c3%a9"), "\xC3\xA9");
  EXPECT_EQ(uri_decode_component("%E2%82%AC"), "\xE2\x82\xAC");
  EXPECT_EQ(uri_decode_component("%F0%9F%98%80"), "\xF0\x9F\x98\x80");
  EXPECT_EQ(uri_decode_component("caf%C3%A9%20ok"), "caf\xC3\xA9 ok");
  EXPECT_EQ(uri_decode_component("a+b"), "a+b");  // '+' is not a space here
}

TEST(UriDecodeComponent, LeavesWhatDecodeUriComponentWouldThrowOnAsWritten) {
  EXPECT_EQ(uri_decode_component("%C3"), "%C3");
  EXPECT_EQ(uri_decode_component("%C3%41"), "%C3A");
  EXPECT_EQ(uri_decode_component("%E9"), "%E9");  // Latin-1, not UTF-8
  EXPECT_EQ(uri_decode_component("%"), "%");
  EXPECT_EQ(uri_decode_component("%ZZ"), "%ZZ");
  EXPECT_EQ(uri_decode_component("%ED%A0%80"), "%ED%A0%80");  // surrogate
  EXPECT_EQ(uri_decode_component("%C0%80"), "%C0%80");        // overlong
  EXPECT_EQ(uri_decode_component("%F4%90%80%80"), "%F4%90%80%80");  // above U+10FFFF
  EXPECT_EQ(uri_decode_component("%F0%9F%98"), "%F0%9F%98");
}

TEST(UriDecodeComponent, RoundTripsWithUriEncodeComponent) {
  const std::string text = "caf\xC3\xA9 & \xF0\x9F\x98\x80=100%";
  EXPECT_EQ(uri_decode_component(uri_encode_component(text)), text);
}

// ---- parse_count ----

TEST(ParseCount, AcceptsDecimalDigits) {
  EXPECT_EQ(parse_count("0"), 0u);
  EXPECT_EQ(parse_count("3"), 3u);
  EXPECT_EQ(parse_count("007"), 7u);
  EXPECT_EQ(parse_count("999999999"), 999999999u);
}

TEST(ParseCount, IgnoresSurroundingWhitespace) {
  EXPECT_EQ(parse_count("  42 "), 42u);
  EXPECT_EQ(parse_count("\t42\n"), 42u);
}

TEST(ParseCount, RejectsEmpty) {
  EXPECT_FALSE(parse_count("").has_value());
  EXPECT_FALSE(parse_count("   ").has_value());
}

TEST(ParseCount, RejectsNonDigits) { EXPECT_FALSE(parse_count("abc").has_value()); }

TEST(ParseCount, RejectsNegative) { EXPECT_FALSE(parse_count("-3").has_value()); }

TEST(ParseCount, RejectsPlusSign) { EXPECT_FALSE(parse_count("+3").has_value()); }

TEST(ParseCount, RejectsExponentAndFraction) {
  EXPECT_FALSE(parse_count("1e3").has_value());
  EXPECT_FALSE(parse_count("3.0").has_value());
}

TEST(ParseCount, RejectsTrailingJunkThatParseIntWouldAccept) {
  EXPECT_FALSE(parse_count("3abc").has_value());
  EXPECT_FALSE(parse_count("3 4").has_value());
}

TEST(ParseCount, RejectsMoreThanNineDigits) {
  EXPECT_FALSE(parse_count("1000000000").has_value());
  EXPECT_FALSE(parse_count("99999999999999999999999").has_value());
}

TEST(ParseCount, ReadsTheSeedsCookieAfterUnescape) {
  // The seed's script: setCookie("timesPageVisited", visits) writes escape(visits).
  const std::string header = "_ga=GA1.2.3; timesPageVisited=" + js_escape("3") + "; theme=dark";
  auto raw = find_cookie(header, "timesPageVisited");
  ASSERT_TRUE(raw.has_value());
  EXPECT_EQ(parse_count(js_unescape(*raw)), 3u);
}

TEST(ParseCount, TamperedSeedCookieReadsAsFirstVisit) {
  auto raw = find_cookie("timesPageVisited=%u0033x", "timesPageVisited");
  ASSERT_TRUE(raw.has_value());
  EXPECT_FALSE(parse_count(js_unescape(*raw)).has_value());
}

}  // namespace
}  // namespace parley
