// The desk's conversation titles (console/desk_titles.hpp): the visitor's name from the survey,
// then the host's context, cleaned as untrusted text; else "Visitor N", never the raw id.
#include <gtest/gtest.h>

#include "console/desk_titles.hpp"

namespace parley::console {
namespace {

DeskConversation conversation(std::string id, TextPairs prechat = {}, TextPairs context = {}) {
  DeskConversation c;
  c.id = std::move(id);
  c.prechat = std::move(prechat);
  c.context = std::move(context);
  return c;
}

TEST(DeskTitles, TheSurveysNameComesFirst) {
  DeskConversation c = conversation("p1-2", {{"Topic", "Billing"}, {"Your name", "Amélie Durand"}}, {{"fullName", "A. D. (CRM)"}});
  EXPECT_EQ(visitor_name(c), "Amélie Durand");
}

TEST(DeskTitles, TheHostsContextWhenTheSurveyHasNoName) {
  EXPECT_EQ(visitor_name(conversation("a", {{"Topic", "Billing"}}, {{"CaseNumber", "CAS-1"}, {"first_name", "Jo"}})), "Jo");
  EXPECT_EQ(visitor_name(conversation("a", {}, {{"Full-Name", "Jo Bloggs"}})), "Jo Bloggs");
  EXPECT_EQ(visitor_name(conversation("a", {{"prénom", "Zoé"}})), "Zoé");
}

TEST(DeskTitles, AFullNameBeatsAFirstNameWhateverTheOrder) {
  EXPECT_EQ(visitor_name(conversation("a", {}, {{"firstName", "Jo"}, {"fullName", "Jo Bloggs"}})), "Jo Bloggs");
}

TEST(DeskTitles, KeysThatOnlyContainNameDoNotCount) {
  EXPECT_EQ(visitor_name(conversation("a", {}, {{"companyName", "Contoso"}, {"username", "jb42"}, {"lastName", "Bloggs"}})),
            std::nullopt);
}

TEST(DeskTitles, ABlankNameFallsThroughToTheNextSource) {
  EXPECT_EQ(visitor_name(conversation("a", {{"Name", " \t\x01 "}}, {{"name", "Jo"}})), "Jo");
}

TEST(DeskTitles, WithoutANameAConversationIsNumberedInArrivalOrderAndKeepsItsNumber) {
  DeskTitles titles;
  DeskConversation first = conversation("f3a9c2d1-7b1e-4c55");
  DeskConversation second = conversation("0b7d");
  EXPECT_EQ(titles.title(first), "Visitor 1");
  EXPECT_EQ(titles.title(second), "Visitor 2");
  EXPECT_EQ(titles.title(first), "Visitor 1");
  second.prechat = {{"name", "Sam"}};
  EXPECT_EQ(titles.title(second), "Sam");
  EXPECT_EQ(titles.title(conversation("c")), "Visitor 3");
}

TEST(DeskTitles, ControlAndBidiCharactersGoAndSpacesFold) {
  EXPECT_EQ(clean_visitor_text("  Jo\n\n  Bloggs\x07\x7f  "), "Jo Bloggs");
  EXPECT_EQ(clean_visitor_text("\xE2\x80\xAE" "evil" "\xE2\x80\xAC" " \xE2\x81\xA6" "x" "\xE2\x81\xA9"), "evil x");  // RLO, PDF, LRI, PDI
  EXPECT_EQ(clean_visitor_text("a\xC2\x85" "b"), "ab");                                               // NEL (C1)
  EXPECT_EQ(clean_visitor_text("ok\xFF\xC3(bad"), "ok(bad");                                        // invalid UTF-8
}

TEST(DeskTitles, LongNamesAreClampedOnACodePoint) {
  std::string name;
  for (int i = 0; i < 50; ++i) name += "é";
  std::string cleaned = clean_visitor_text(name, 10);
  EXPECT_EQ(cleaned, "éééééééééé\xE2\x80\xA6");
  EXPECT_EQ(clean_visitor_text("exactly ten", 11), "exactly ten");
  EXPECT_EQ(visitor_name(conversation("a", {{"name", std::string(300, 'x')}}))->size(), kMaxTitleChars + 3);
}

TEST(DeskTitles, NamesAreTextNotMarkup) {
  EXPECT_EQ(visitor_name(conversation("a", {{"name", "<b>Jo</b> %s ##x"}})), "<b>Jo</b> %s ##x");
}

}  // namespace
}  // namespace parley::console
