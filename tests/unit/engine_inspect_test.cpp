// Engine::inspect, what the QA console shows: where facts come from, each rule's condition tree
// with values and deadlines, frequency caps, do-not-disturb and the last reason a rule fired or
// not. The referrer event the console injects is tested here too.
#include <gtest/gtest.h>

#include <algorithm>

#include "parley/engine.hpp"

namespace parley {
namespace {

constexpr double kStart = 1767603600000;  // 2026-01-05T09:00:00Z, a Monday

class EngineInspectTest : public ::testing::Test {
 protected:
  void load(std::string_view config, std::string_view url = "https://contoso.com/kb/a", std::string_view time_zone = {}) {
    ASSERT_TRUE(engine.configure(config).empty());
    Json page = {{"type", "pageLoad"}, {"url", url}, {"cookies", ""}};
    if (!time_zone.empty()) page["timeZone"] = time_zone;
    ASSERT_TRUE(engine.handle(page, kStart).empty());
    engine.take_actions();
  }
  Errors send(std::string_view json, double at_ms) { return engine.handle(Json::parse(json), kStart + at_ms); }
  Json inspect(double at_ms) { return engine.inspect(kStart + at_ms); }
  Json rule(double at_ms, std::size_t index = 0) { return inspect(at_ms)["rules"][index]; }
  Engine engine;
};

constexpr std::string_view kKbDwell = R"({"rules": [{"id": "kb-dwell",
  "when": {"all": [{"fact": "url", "matches": "/kb/*"}, {"fact": "timeOnPage", "gte": 20000}]},
  "invite": {"message": "Need a hand?"}, "frequency": {"per": "session", "times": 1}}]})";

TEST_F(EngineInspectTest, FactSourcesSayWhereAFactComesFromAndWhichEventLastSetIt) {
  load(R"({"rules": [{"id": "cart", "when": {"fact": "custom.cart", "gte": 100}, "invite": {"message": "x"}}]})");
  ASSERT_TRUE(send(R"({"type": "setFact", "name": "cart", "value": 50})", 1000).empty());
  ASSERT_TRUE(send(R"({"type": "setFact", "name": "plan", "value": "pro"})", 2000).empty());
  ASSERT_TRUE(send(R"({"type": "navigate", "url": "https://contoso.com/kb/b"})", 3000).empty());
  Json sources = inspect(4000)["factSources"];

  EXPECT_EQ(sources["url"]["source"], "location (page load, route change)");
  EXPECT_EQ(sources["url"]["event"], "navigate");
  EXPECT_EQ(sources["url"]["at"], kStart + 3000);
  EXPECT_EQ(sources["custom.cart"]["source"], "Parley.setFact");
  EXPECT_EQ(sources["custom.cart"]["event"], "setFact");
  EXPECT_EQ(sources["custom.cart"]["at"], kStart + 1000);
  EXPECT_EQ(sources["custom.plan"]["source"], "Parley.setFact (no rule reads it)");
  EXPECT_EQ(sources["custom.plan"]["event"], "setFact");
  EXPECT_EQ(sources["pageViews"]["source"], "page loads counted in the parley_visits cookie");
  EXPECT_TRUE(sources["timeOnPage"]["event"].is_null()) << "a clock fact is computed, never set by an event";
  EXPECT_TRUE(sources["referrer"]["event"].is_null()) << "no referrer was ever given";
}

TEST_F(EngineInspectTest, CountrySourceIsTheOriginThatWon) {
  load("{}");
  ASSERT_TRUE(send(R"({"type": "country", "country": "fr", "source": "geolocation"})", 10).empty());
  Json inspected = inspect(20);
  EXPECT_EQ(inspected["facts"]["country"], "FR");
  EXPECT_EQ(inspected["factSources"]["country"]["source"], "country from geolocation");
  EXPECT_EQ(inspected["factSources"]["country"]["event"], "country");
}

// The time zone's country is looked up when first needed (Engine::settle_country): without a
// rule that reads it, when the inspector shows it, as if at the page load.
class TimeZoneCountryTest : public EngineInspectTest {
 protected:
  void load_in_paris(std::string_view config) { load(config, "https://contoso.com/", "Europe/Paris"); }
  static bool invited(const std::vector<Json>& actions) {
    return std::any_of(actions.begin(), actions.end(), [](const Json& a) { return a.value("name", "") == "lcw:proactiveInvite"; });
  }
};

constexpr std::string_view kGermany = R"({"rules": [{"id": "de", "when": {"fact": "country", "eq": "DE"},
  "invite": {"message": "Hallo"}}]})";
constexpr std::string_view kFrance = R"({"rules": [{"id": "fr", "when": {"fact": "country", "eq": "FR"},
  "invite": {"message": "Bonjour"}}]})";

TEST_F(TimeZoneCountryTest, WithoutARuleOnTheCountryTheInspectorShowsItAsOfThePageLoad) {
  load_in_paris(kKbDwell);
  EXPECT_FALSE(engine.rules_read_country());
  ASSERT_TRUE(send(R"({"type": "scroll", "depth": 40})", 5000).empty());
  Json inspected = inspect(6000);
  EXPECT_EQ(inspected["facts"]["country"], "FR");
  EXPECT_EQ(inspected["facts"]["country.source"], "timezone");
  EXPECT_EQ(inspected["factSources"]["country"]["source"], "country from timezone");
  EXPECT_EQ(inspected["factSources"]["country"]["event"], "pageLoad");
  EXPECT_EQ(inspected["factSources"]["country"]["at"], kStart);
}

TEST_F(TimeZoneCountryTest, ACountryEventBeforeTheLookUpStillWins) {
  load_in_paris("{}");
  ASSERT_TRUE(send(R"({"type": "country", "country": "be", "source": "host"})", 10).empty());
  Json inspected = inspect(20);
  EXPECT_EQ(inspected["facts"]["country"], "BE");
  EXPECT_EQ(inspected["factSources"]["country"]["source"], "country from host");
}

TEST_F(TimeZoneCountryTest, ARuleOnTheCountryHasItFromThePageLoad) {
  ASSERT_TRUE(engine.configure(kFrance).empty());
  EXPECT_TRUE(engine.rules_read_country());
  Json page = {{"type", "pageLoad"}, {"url", "https://contoso.com/"}, {"cookies", ""}, {"timeZone", "Europe/Paris"}};
  ASSERT_TRUE(engine.handle(page, kStart).empty());
  EXPECT_TRUE(invited(engine.take_actions())) << "invited in the page load's own actions";
}

TEST_F(TimeZoneCountryTest, TheCountryALookUpGaveStaysThroughANewConfig) {
  load_in_paris(kGermany);
  ASSERT_TRUE(engine.configure(kFrance).empty());
  ASSERT_TRUE(send(R"({"type": "tick"})", 100).empty());
  EXPECT_TRUE(invited(engine.take_actions()));
}

TEST_F(TimeZoneCountryTest, ANewConfigReadingTheCountryLooksItUpThen) {
  load_in_paris(kKbDwell);
  ASSERT_TRUE(engine.configure(kFrance).empty());
  ASSERT_TRUE(send(R"({"type": "tick"})", 100).empty());
  EXPECT_TRUE(invited(engine.take_actions()));
  EXPECT_EQ(inspect(200)["factSources"]["country"]["event"], "pageLoad");
}

TEST_F(EngineInspectTest, ConditionTreeShowsEveryNodeWithItsValueAndWhenItMayFlip) {
  load(kKbDwell);
  Json tree = rule(5000)["tree"];
  ASSERT_EQ(tree.size(), 3u);
  EXPECT_EQ(tree[0]["kind"], "all");
  EXPECT_EQ(tree[0]["children"], Json::array({1, 2}));
  EXPECT_EQ(tree[0]["value"], false);
  EXPECT_EQ(tree[0]["nextChange"], kStart + 20000);
  EXPECT_EQ(tree[1]["kind"], "test");
  EXPECT_EQ(tree[1]["fact"], "url");
  EXPECT_EQ(tree[1]["op"], "matches");
  EXPECT_EQ(tree[1]["operands"], Json::array({"/kb/*"}));
  EXPECT_EQ(tree[1]["value"], true);
  EXPECT_TRUE(tree[1]["nextChange"].is_null()) << "a URL does not change by itself";
  EXPECT_EQ(tree[2]["fact"], "timeOnPage");
  EXPECT_EQ(tree[2]["op"], "gte");
  EXPECT_EQ(tree[2]["value"], false);
  EXPECT_EQ(tree[2]["nextChange"], kStart + 20000);
  EXPECT_EQ(rule(5000)["nodes"], Json::array({false, true, false})) << "the older per-node values stay";
}

TEST_F(EngineInspectTest, OperandsReadAsTheConfigWroteThem) {
  load(R"({"rules": [{"id": "sale", "when": {"all": [
    {"fact": "now", "between": ["2026-01-01", "2026-01-31T23:59:59Z"]},
    {"fact": "weekday", "in": ["mon", "fri"], "zone": "UTC"},
    {"fact": "timeOnPage", "gte": 1000, "clock": "wall"}]}, "invite": {"message": "x"}}]})");
  Json tree = rule(10)["tree"];
  EXPECT_EQ(tree[1]["operands"], Json::array({"2026-01-01T00:00:00Z", "2026-01-31T23:59:59Z"}));
  EXPECT_EQ(tree[2]["operands"], Json::array({"mon", "fri"}));
  EXPECT_EQ(tree[2]["zone"], "UTC");
  EXPECT_EQ(tree[2]["value"], true);
  EXPECT_EQ(tree[3]["clock"], "wall");
}

TEST_F(EngineInspectTest, FrequencyShowsTheCountAgainstTheCap) {
  load(kKbDwell);
  Json before = rule(5000)["frequency"];
  EXPECT_EQ(before["per"], "session");
  EXPECT_EQ(before["times"], 1);
  EXPECT_EQ(before["count"], 0);
  EXPECT_EQ(before["capReached"], false);
  EXPECT_TRUE(before["lastFired"].is_null());

  ASSERT_TRUE(send(R"({"type": "tick"})", 20000).empty());
  Json after = rule(21000)["frequency"];
  EXPECT_EQ(after["count"], 1);
  EXPECT_EQ(after["capReached"], true);
  EXPECT_EQ(after["lastFired"], kStart + 20000);
}

TEST_F(EngineInspectTest, MinimumIntervalShowsWhenTheRuleMayFireAgain) {
  load(R"({"rules": [{"id": "leave", "when": {"fact": "exitIntent"}, "invite": {"message": "x"},
    "frequency": {"per": "session", "times": 5, "minInterval": 60000}, "afterDecline": "none"}]})");
  ASSERT_TRUE(send(R"({"type": "pointerLeave", "top": true})", 3000).empty());
  ASSERT_TRUE(send(R"({"type": "decline"})", 4000).empty());
  EXPECT_EQ(rule(5000)["frequency"]["nextAllowed"], kStart + 63000);
  EXPECT_TRUE(rule(64000)["frequency"]["nextAllowed"].is_null()) << "the interval is over";
}

TEST_F(EngineInspectTest, LastOutcomeSaysTheRuleFired) {
  load(kKbDwell);
  EXPECT_TRUE(rule(1000)["lastOutcome"].is_null()) << "nothing happened yet";
  ASSERT_TRUE(send(R"({"type": "tick"})", 20000).empty());
  Json outcome = rule(20000)["lastOutcome"];
  EXPECT_EQ(outcome["kind"], "fired");
  EXPECT_EQ(outcome["reason"], "invited on chat");
  EXPECT_EQ(outcome["at"], kStart + 20000);
}

TEST_F(EngineInspectTest, LastOutcomeSaysWhyTheRuleIsHeldBackAndSinceWhen) {
  load(R"({"rules": [{"id": "leave", "when": {"fact": "exitIntent"}, "invite": {"message": "x"},
    "frequency": {"per": "pageview", "times": 3}, "afterDecline": "session"}]})");
  ASSERT_TRUE(send(R"({"type": "pointerLeave", "top": true})", 3000).empty());
  ASSERT_TRUE(send(R"({"type": "decline"})", 4000).empty());
  ASSERT_TRUE(send(R"({"type": "pointerEnter"})", 5000).empty());
  ASSERT_TRUE(send(R"({"type": "pointerLeave", "top": true})", 6000).empty());
  ASSERT_TRUE(send(R"({"type": "activity"})", 7000).empty());
  Json inspected = inspect(8000);
  Json outcome = inspected["rules"][0]["lastOutcome"];
  EXPECT_EQ(outcome["kind"], "held back");
  EXPECT_EQ(outcome["reason"], "do not disturb (declined this session)");
  EXPECT_EQ(outcome["at"], kStart + 6000) << "since it was first held back, not the last evaluation";
  EXPECT_EQ(inspected["rules"][0]["heldBack"], "do not disturb (declined this session)");
  EXPECT_EQ(inspected["doNotDisturb"]["active"], true);
  EXPECT_EQ(inspected["doNotDisturb"]["reason"], "declined this session");
}

TEST_F(EngineInspectTest, LastOutcomeSaysTheRuleWasSkippedWhileAnInvitationShowed) {
  load(R"({"rules": [
    {"id": "first", "when": {"fact": "url", "matches": "/kb/*"}, "invite": {"message": "a"}},
    {"id": "cart", "when": {"fact": "custom.cart", "gte": 100}, "invite": {"message": "b"}}]})");
  ASSERT_EQ(engine.state(), ConversationState::ProactiveChat);
  EXPECT_EQ(inspect(10)["rulesPaused"], "an invitation or a conversation is on screen");
  ASSERT_TRUE(send(R"({"type": "setFact", "name": "cart", "value": 150})", 1000).empty());
  Json outcome = rule(1000, 1)["lastOutcome"];
  EXPECT_EQ(outcome["kind"], "skipped");
  EXPECT_EQ(outcome["reason"], "an invitation or a conversation is on screen");
}

TEST_F(EngineInspectTest, LowerPriorityRuleIsSkippedWhenAHigherOneFires) {
  load(R"({"rules": [
    {"id": "low", "priority": 1, "when": {"fact": "url", "matches": "/kb/*"}, "invite": {"message": "a"}},
    {"id": "high", "priority": 9, "when": {"fact": "url", "matches": "/kb/*"}, "invite": {"message": "b"}}]})");
  Json rules = inspect(10)["rules"];
  EXPECT_EQ(rules[0]["id"], "high");
  EXPECT_EQ(rules[0]["lastOutcome"]["kind"], "fired");
  EXPECT_EQ(rules[1]["lastOutcome"]["kind"], "skipped");
  EXPECT_EQ(rules[1]["lastOutcome"]["reason"], "\"high\" fired first (higher priority)");
}

TEST_F(EngineInspectTest, NoDoNotDisturbAndNoPauseOnAFreshPage) {
  load(kKbDwell);
  Json inspected = inspect(10);
  EXPECT_EQ(inspected["doNotDisturb"]["active"], false);
  EXPECT_TRUE(inspected["rulesPaused"].is_null());
  EXPECT_EQ(inspected["now"], kStart + 10);
  EXPECT_EQ(inspected["rules"][0]["channel"], "chat");
  EXPECT_EQ(inspected["rules"][0]["afterDecline"], "session");
}

TEST_F(EngineInspectTest, CookieNamesAreTheCookiesParleyOwns) {
  load(R"({"visits": {"cookie": "timesPageVisited"}})");
  EXPECT_EQ(inspect(10)["cookieNames"],
            Json::array({"timesPageVisited", "parley_session", "parley_visitor", "parley_consent"}));
}

TEST_F(EngineInspectTest, ReferrerEventSetsTheReferrerFact) {
  load(R"({"rules": [{"id": "faq", "when": {"fact": "referrer", "matches": "/faq*"}, "invite": {"message": "x"}}]})");
  EXPECT_EQ(engine.state(), ConversationState::Closed);
  ASSERT_TRUE(send(R"({"type": "referrer", "referrer": "https://contoso.com/faq"})", 10).empty());
  EXPECT_EQ(engine.state(), ConversationState::ProactiveChat);
  Json inspected = inspect(20);
  EXPECT_EQ(inspected["facts"]["referrer"], "https://contoso.com/faq");
  EXPECT_EQ(inspected["factSources"]["referrer"]["event"], "referrer");
}

TEST_F(EngineInspectTest, ReferrerEventWithoutAReferrerIsAnErrorAndChangesNothing) {
  load("{}");
  Errors errors = send(R"({"type": "referrer", "referer": "https://x"})", 10);
  ASSERT_FALSE(errors.empty());
  EXPECT_EQ(errors[0].code, ErrorCode::missing_field);
  EXPECT_EQ(errors[0].path, "/referrer");
  EXPECT_TRUE(inspect(20)["facts"]["referrer"].is_null());
}

TEST_F(EngineInspectTest, EmptyReferrerMakesItUnknown) {
  load("{}");
  ASSERT_TRUE(send(R"({"type": "referrer", "referrer": "https://a.example/"})", 10).empty());
  ASSERT_TRUE(send(R"({"type": "referrer", "referrer": ""})", 20).empty());
  EXPECT_TRUE(inspect(30)["facts"]["referrer"].is_null());
}

}  // namespace
}  // namespace parley
