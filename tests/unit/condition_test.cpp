// Condition trees: compile errors with their paths, evaluation, and the next instant of change.
#include <gtest/gtest.h>

#include "parley/civil_time.hpp"
#include "parley/agent_context.hpp"
#include "parley/condition.hpp"

namespace parley {
namespace {

struct Compiled {
  FactRegistry facts;
  Errors errors;
  ConditionTree tree;
};

Compiled compile(std::string_view json) {
  Compiled out;
  Json value = Json::parse(json, nullptr, false);
  out.tree = compile_condition(value, "/when", out.facts, out.errors);
  return out;
}

bool has_error(const Errors& errors, ErrorCode code, std::string_view path) {
  for (const Error& error : errors)
    if (error.code == code && error.path == path) return true;
  return false;
}

FactState page_at(double start_ms) {
  FactState state;
  state.page_start_ms = start_ms;
  state.visible_since_ms = start_ms;
  state.last_activity_ms = start_ms;
  return state;
}

TEST(Condition, TimeOnPageThresholdGivesItsDeadline) {
  Compiled c = compile(R"({"fact": "timeOnPage", "gte": 20000})");
  ASSERT_TRUE(c.errors.empty());
  FactState state = page_at(1000);
  Evaluation before = evaluate(c.tree, state, 1000);
  EXPECT_FALSE(before.value);
  EXPECT_EQ(before.next_change_ms, 21000);
  EXPECT_TRUE(evaluate(c.tree, state, 21000).value);
}

TEST(Condition, HiddenTimeDoesNotCountAndHasNoDeadline) {
  Compiled c = compile(R"({"fact": "timeOnPage", "gte": 20000})");
  FactState state = page_at(0);
  state.visible = false;
  state.visible_before_ms = 5000;
  Evaluation result = evaluate(c.tree, state, 60000);
  EXPECT_FALSE(result.value);
  EXPECT_EQ(result.next_change_ms, kNever);  // no timer while hidden
}

TEST(Condition, WallClockCountsHiddenTime) {
  Compiled c = compile(R"({"fact": "timeOnPage", "gte": 20000, "clock": "wall"})");
  ASSERT_TRUE(c.errors.empty());
  FactState state = page_at(0);
  state.visible = false;
  EXPECT_TRUE(evaluate(c.tree, state, 20000).value);
}

TEST(Condition, ClockOnAnotherFactIsAnError) {
  Compiled c = compile(R"({"fact": "idle", "gte": 1, "clock": "wall"})");
  EXPECT_TRUE(has_error(c.errors, ErrorCode::invalid, "/when/clock"));
  EXPECT_FALSE(evaluate(c.tree, page_at(0), 5).value);
}

TEST(Condition, StrictGreaterFlipsOneMillisecondAfterTheThreshold) {
  Compiled c = compile(R"({"fact": "idle", "gt": 1000})");
  FactState state = page_at(0);
  EXPECT_EQ(evaluate(c.tree, state, 0).next_change_ms, 1001);
  EXPECT_FALSE(evaluate(c.tree, state, 1000).value);
  EXPECT_TRUE(evaluate(c.tree, state, 1001).value);
}

TEST(Condition, UnknownFactIsReportedWithItsPath) {
  Compiled c = compile(R"({"all": [{"fact": "url", "matches": "/a"}, {"fact": "mood", "eq": "happy"}]})");
  EXPECT_TRUE(has_error(c.errors, ErrorCode::unknown_fact, "/when/all/1/fact"));
}

TEST(Condition, OperatorThatDoesNotApplyIsReported) {
  Compiled c = compile(R"({"fact": "url", "gte": 3})");
  EXPECT_TRUE(has_error(c.errors, ErrorCode::unknown_operator, "/when/gte"));
}

TEST(Condition, MisspeltOperatorIsOneUnknownOperator) {
  Compiled c = compile(R"({"fact": "visits", "greater": 3})");
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_TRUE(has_error(c.errors, ErrorCode::unknown_operator, "/when/greater"));
}

TEST(Condition, TwoOperatorsInOneTestAreRefused) {
  Compiled c = compile(R"({"fact": "visits", "gte": 3, "lte": 5})");
  EXPECT_TRUE(has_error(c.errors, ErrorCode::invalid, "/when"));
}

TEST(Condition, WrongOperandTypeIsReported) {
  Compiled c = compile(R"({"fact": "visits", "gte": "3"})");
  EXPECT_TRUE(has_error(c.errors, ErrorCode::wrong_type, "/when/gte"));
}

TEST(Condition, OutOfRangeHourIsReported) {
  Compiled c = compile(R"({"fact": "hour", "between": [9, 24]})");
  EXPECT_TRUE(has_error(c.errors, ErrorCode::out_of_range, "/when/between/1"));
}

TEST(Condition, BrokenTestNeverFiresButSiblingsStillCompile) {
  Compiled c = compile(R"({"any": [{"fact": "visits", "gte": "x"}, {"fact": "visits", "gte": 2}]})");
  EXPECT_EQ(c.errors.size(), 1u);
  FactState state = page_at(0);
  state.set(fact_id(BuiltinFact::visits), 3.0);
  EXPECT_TRUE(evaluate(c.tree, state, 0).value);
  state.set(fact_id(BuiltinFact::visits), 1.0);
  EXPECT_FALSE(evaluate(c.tree, state, 0).value);
}

TEST(Condition, DeepNestingIsRefusedNotOverflowed) {
  std::string json;
  for (int i = 0; i < 40; ++i) json += R"({"not": )";
  json += R"({"fact": "exitIntent"})";
  for (int i = 0; i < 40; ++i) json += "}";
  Compiled c = compile(json);
  ASSERT_FALSE(c.errors.empty());
  EXPECT_EQ(c.errors[0].code, ErrorCode::too_large);
}

TEST(Condition, StandaloneBooleanFact) {
  Compiled c = compile(R"({"fact": "exitIntent"})");
  ASSERT_TRUE(c.errors.empty());
  FactState state = page_at(0);
  EXPECT_FALSE(evaluate(c.tree, state, 0).value);
  state.set(fact_id(BuiltinFact::exit_intent), true);
  EXPECT_TRUE(evaluate(c.tree, state, 0).value);
}

TEST(Condition, StandaloneNumberFactNeedsAnOperator) {
  Compiled c = compile(R"({"fact": "visits"})");
  EXPECT_TRUE(has_error(c.errors, ErrorCode::missing_field, "/when"));
}

TEST(Condition, UnknownValueMakesEveryTestFalseEvenNeq) {
  Compiled neq = compile(R"({"fact": "country", "neq": "FR"})");
  Compiled negated = compile(R"({"not": {"fact": "country", "eq": "FR"}})");
  FactState state = page_at(0);
  EXPECT_FALSE(evaluate(neq.tree, state, 0).value);
  EXPECT_TRUE(evaluate(negated.tree, state, 0).value);
}

TEST(Condition, CountryOperandsAreCaseInsensitive) {
  Compiled c = compile(R"({"fact": "country", "in": ["fr", "be"]})");
  FactState state = page_at(0);
  state.set(fact_id(BuiltinFact::country), std::string("BE"));
  EXPECT_TRUE(evaluate(c.tree, state, 0).value);
}

TEST(Condition, UrlMatchesThePathOnly) {
  Compiled c = compile(R"({"fact": "url", "matches": "/kb/*"})");
  FactState state = page_at(0);
  state.set(fact_id(BuiltinFact::url), std::string("https://contoso.com/kb/surface?x=1"));
  EXPECT_TRUE(evaluate(c.tree, state, 0).value);
  state.set(fact_id(BuiltinFact::url), std::string("https://contoso.com/shop/kb/"));
  EXPECT_FALSE(evaluate(c.tree, state, 0).value);
}

TEST(Condition, ReferrerMatchesTheSeedsHostPattern) {
  Compiled c = compile(R"({"fact": "referrer", "matches": "www.contoso.com/FAQ"})");
  FactState state = page_at(0);
  state.set(fact_id(BuiltinFact::referrer), std::string("https://www.contoso.com/FAQ"));
  EXPECT_TRUE(evaluate(c.tree, state, 0).value);
  state.set(fact_id(BuiltinFact::referrer), std::string("https://www.fabrikam.com/FAQ"));
  EXPECT_FALSE(evaluate(c.tree, state, 0).value);
}

TEST(Condition, DateWindowIsInclusiveAndHasDeadlines) {
  Compiled c = compile(R"({"fact": "now", "between": ["2026-12-20", "2026-12-31T23:59:59Z"]})");
  ASSERT_TRUE(c.errors.empty());
  double start = *parse_iso8601("2026-12-20");
  double end = *parse_iso8601("2026-12-31T23:59:59Z");
  FactState state = page_at(0);
  Evaluation before = evaluate(c.tree, state, start - 10);
  EXPECT_FALSE(before.value);
  EXPECT_EQ(before.next_change_ms, start);
  EXPECT_TRUE(evaluate(c.tree, state, start).value);
  Evaluation inside = evaluate(c.tree, state, end);
  EXPECT_TRUE(inside.value);
  EXPECT_EQ(inside.next_change_ms, end + 1);
  EXPECT_FALSE(evaluate(c.tree, state, end + 1).value);
}

TEST(Condition, NotADateIsReported) {
  Compiled c = compile(R"({"fact": "now", "gte": "next tuesday"})");
  EXPECT_TRUE(has_error(c.errors, ErrorCode::invalid, "/when/gte"));
}

TEST(Condition, OvernightHourRangeWrapsPastMidnight) {
  Compiled c = compile(R"({"fact": "hour", "between": [22, 6], "zone": "UTC"})");
  ASSERT_TRUE(c.errors.empty());
  FactState state = page_at(0);
  double midnight = *parse_iso8601("2026-03-02T00:00:00Z");
  EXPECT_TRUE(evaluate(c.tree, state, midnight + 23 * 3600000.0).value);
  EXPECT_TRUE(evaluate(c.tree, state, midnight + 3 * 3600000.0).value);
  EXPECT_FALSE(evaluate(c.tree, state, midnight + 12 * 3600000.0).value);
  EXPECT_EQ(evaluate(c.tree, state, midnight + 12.5 * 3600000.0).next_change_ms, midnight + 13 * 3600000.0);
}

TEST(Condition, NamedZoneUsesTheOffsetTheRuntimeGave) {
  Compiled c = compile(R"({"fact": "hour", "eq": 10, "zone": "Europe/Paris"})");
  ASSERT_EQ(c.tree.zones, std::vector<std::string>{"Europe/Paris"});
  FactState state = page_at(0);
  double nine_utc = *parse_iso8601("2026-01-05T09:00:00Z");
  EXPECT_FALSE(evaluate(c.tree, state, nine_utc).value);  // no offset known yet: false
  state.zone_offsets_minutes["Europe/Paris"] = 60;
  EXPECT_TRUE(evaluate(c.tree, state, nine_utc).value);
}

TEST(Condition, WeekdayRangeAcrossTheWeekend) {
  Compiled c = compile(R"({"fact": "weekday", "between": ["fri", "mon"], "zone": "UTC"})");
  ASSERT_TRUE(c.errors.empty());
  FactState state = page_at(0);
  double monday = *parse_iso8601("2026-01-05T12:00:00Z");
  EXPECT_TRUE(evaluate(c.tree, state, monday).value);
  EXPECT_FALSE(evaluate(c.tree, state, monday + 86400000.0).value);      // tuesday
  EXPECT_TRUE(evaluate(c.tree, state, monday + 6 * 86400000.0).value);   // sunday
}

TEST(Condition, UnknownWeekdayIsReported) {
  Compiled c = compile(R"({"fact": "weekday", "eq": "someday"})");
  EXPECT_TRUE(has_error(c.errors, ErrorCode::unknown_value, "/when/eq"));
}

TEST(Condition, CustomFactsCompareByType) {
  Compiled c = compile(R"({"all": [{"fact": "custom.cart", "gte": 100}, {"fact": "custom.loggedIn", "eq": true}]})");
  ASSERT_TRUE(c.errors.empty());
  auto cart = c.facts.find("custom.cart");
  auto logged = c.facts.find("custom.loggedIn");
  ASSERT_TRUE(cart && logged);
  FactState state = page_at(0);
  state.set(*cart, 150.0);
  state.set(*logged, true);
  EXPECT_TRUE(evaluate(c.tree, state, 0).value);
  state.set(*cart, std::string("150"));  // a string is not a number
  EXPECT_FALSE(evaluate(c.tree, state, 0).value);
}

TEST(Condition, ReadsListsEachFactOnce) {
  Compiled c = compile(R"({"any": [{"fact": "url", "matches": "/a"}, {"fact": "url", "matches": "/b"}, {"fact": "visits", "gt": 1}]})");
  EXPECT_EQ(c.tree.reads, (std::vector<FactId>{fact_id(BuiltinFact::visits), fact_id(BuiltinFact::url)}));
}

TEST(Condition, AllShortCircuitKeepsTheDecidingDeadline) {
  Compiled c = compile(R"({"all": [{"fact": "timeOnPage", "gte": 15000}, {"fact": "exitIntent"}]})");
  FactState state = page_at(0);
  Evaluation early = evaluate(c.tree, state, 1000);
  EXPECT_FALSE(early.value);
  EXPECT_EQ(early.next_change_ms, 15000);
}

}  // namespace
}  // namespace parley

namespace parley {
namespace {

TEST(AgentContext, NowIsShownToTheAgentInIso8601) {
  FactRegistry facts;
  Errors errors;
  ConditionTree tree = compile_condition(Json::parse(R"({"fact": "now", "gte": "2019-01-01"})"), "", facts, errors);
  Json context = reason_context(reason_facts("sale", tree, facts, FactState{}, *parse_iso8601("2026-12-24T18:30:05Z")));
  EXPECT_EQ(context["now"]["value"], "2026-12-24T18:30:05Z");
  EXPECT_EQ(context["Proactive rule"]["value"], "sale");
}

// The values are kept as read when the rule fired and written as text only for the agent: a
// fraction as dump() spells it, and what reason_context() wrote reads back as the same reason.
TEST(AgentContext, TheReasonIsWrittenWhenSentAndReadsBack) {
  FactRegistry facts;
  Errors errors;
  ConditionTree tree = compile_condition(Json::parse(R"({"all": [{"fact": "custom.cart", "gt": 100}, {"fact": "custom.vip", "eq": true}]})"),
                                         "", facts, errors);
  ASSERT_TRUE(errors.empty());
  FactState state;
  state.set(*facts.find("custom.cart"), 149.5);
  state.set(*facts.find("custom.vip"), true);
  Reason reason = reason_facts("big-cart", tree, facts, state, 0);
  state.set(*facts.find("custom.cart"), 20.0);  // later changes are not the reason
  Json context = reason_context(reason);
  EXPECT_EQ(context, Json::parse(R"({"Proactive rule": {"value": "big-cart", "isDisplayable": true},
                                     "custom.cart": {"value": "149.5", "isDisplayable": true},
                                     "custom.vip": {"value": "true", "isDisplayable": true}})"));
  EXPECT_EQ(reason_context(reason_from_context(context)), context);
  EXPECT_TRUE(reason_from_context(Json::parse(R"({"a": 1, "b": {"value": 2}})")).empty());
}

}  // namespace
}  // namespace parley
