// The events the console injects, as the engine takes them (and the engine does take them).
#include <gtest/gtest.h>

#include "console/injection.hpp"
#include "parley/engine.hpp"

namespace parley::console {
namespace {

constexpr double kStart = 1767603600000;

TEST(ConsoleInjection, EventShapesFollowTheProtocol) {
  EXPECT_EQ(exit_intent_event(), Json::parse(R"({"type": "pointerLeave", "top": true})"));
  EXPECT_EQ(pointer_back_event(), Json::parse(R"({"type": "pointerEnter"})"));
  EXPECT_EQ(visibility_event(false), Json::parse(R"({"type": "visibility", "visible": false})"));
  EXPECT_EQ(referrer_event(" https://a.example/faq "), Json::parse(R"({"type": "referrer", "referrer": "https://a.example/faq"})"));
  EXPECT_EQ(country_event("fr"), Json::parse(R"({"type": "country", "country": "fr", "source": "host"})"));
  EXPECT_EQ(availability_event(Availability::yes, Availability::unknown),
            Json::parse(R"({"type": "availability", "chat": true, "video": null})"));
  EXPECT_EQ(navigate_event("/kb/b", "https://c.com/kb/a?x=1", "a=1"),
            Json::parse(R"({"type": "navigate", "url": "https://c.com/kb/b", "cookies": "a=1"})"));
}

TEST(ConsoleInjection, FactValuesAsPeopleTypeThem) {
  EXPECT_EQ(fact_value_from_text("true"), Json(true));
  EXPECT_EQ(fact_value_from_text(" false "), Json(false));
  EXPECT_EQ(fact_value_from_text("null"), Json(nullptr));
  EXPECT_EQ(fact_value_from_text("150"), Json(150.0));
  EXPECT_EQ(fact_value_from_text("-2.5"), Json(-2.5));
  EXPECT_EQ(fact_value_from_text("\"42\""), Json("42")) << "quotes make it a string";
  EXPECT_EQ(fact_value_from_text("CAS-01003"), Json("CAS-01003"));
  EXPECT_EQ(fact_value_from_text("12abc"), Json("12abc"));
  EXPECT_EQ(fact_value_from_text("inf"), Json("inf"));
  EXPECT_EQ(fact_value_from_text(""), Json(""));
}

TEST(ConsoleInjection, RelativeUrlsResolveAgainstThePage) {
  const std::string_view page = "https://c.com/seeds/4-exit.html?parley-console#top";
  EXPECT_EQ(absolute_url("/kb/b", page), "https://c.com/kb/b");
  EXPECT_EQ(absolute_url("faq.html", page), "https://c.com/seeds/faq.html");
  EXPECT_EQ(absolute_url("?q=1", page), "https://c.com/seeds/4-exit.html?q=1");
  EXPECT_EQ(absolute_url("https://other.example/x", page), "https://other.example/x");
  EXPECT_EQ(absolute_url("faq", "https://c.com"), "https://c.com/faq");
  EXPECT_EQ(absolute_url("", page), page);
}

TEST(ConsoleInjection, TheEngineTakesEveryInjectedEvent) {
  Engine engine;
  ASSERT_TRUE(engine.configure(R"({"rules": [{"id": "cart", "when": {"all": [{"fact": "custom.cart", "gte": 100},
    {"fact": "country", "eq": "FR"}, {"fact": "referrer", "matches": "/faq"}]}, "invite": {"message": "x"}}]})").empty());
  ASSERT_TRUE(engine.handle(Json{{"type", "pageLoad"}, {"url", "https://c.com/a"}}, kStart).empty());
  for (const Json& event : {exit_intent_event(), pointer_back_event(), visibility_event(false), visibility_event(true),
                            navigate_event("/b", "https://c.com/a", ""), referrer_event("https://c.com/faq"),
                            country_event("fr"), custom_fact_event("cart", "150"),
                            availability_event(Availability::no, Availability::yes), tick_event()})
    EXPECT_TRUE(engine.handle(event, kStart + 5000).empty()) << event.dump();
  Json facts = engine.inspect(kStart + 5000)["facts"];
  EXPECT_EQ(facts["custom.cart"], 150.0);
  EXPECT_EQ(facts["country"], "FR");
  EXPECT_EQ(facts["url"], "https://c.com/b");
  EXPECT_EQ(facts["available.chat"], false);
}

}  // namespace
}  // namespace parley::console
