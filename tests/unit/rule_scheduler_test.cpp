// Incremental evaluation: only the rules that read a changed fact are evaluated again.
#include <algorithm>
#include <gtest/gtest.h>

#include "parley/rule_scheduler.hpp"

namespace parley {
namespace {

Config config_of(std::string_view json) {
  ConfigResult result = parse_config(json);
  EXPECT_TRUE(result.errors.empty());
  return std::move(result.config);
}

constexpr std::string_view kThreeRules = R"({"rules": [
  {"id": "cart", "when": {"fact": "custom.cart", "gte": 100}, "invite": {"message": "x"}},
  {"id": "faq", "when": {"fact": "url", "matches": "/faq*"}, "invite": {"message": "x"}},
  {"id": "dwell", "when": {"fact": "timeOnPage", "gte": 5000}, "invite": {"message": "x"}}
]})";

TEST(RuleScheduler, FirstEvaluationCoversEveryRule) {
  Config config = config_of(kThreeRules);
  RuleScheduler scheduler;
  scheduler.reset(config);
  FactState facts;
  scheduler.evaluate(config, facts, 0, false);
  EXPECT_EQ(scheduler.last_evaluated().size(), 3u);
}

TEST(RuleScheduler, ChangedFactReevaluatesOnlyItsReaders) {
  Config config = config_of(kThreeRules);
  RuleScheduler scheduler;
  scheduler.reset(config);
  FactState facts;
  scheduler.evaluate(config, facts, 0, false);
  FactId cart = *config.facts.find("custom.cart");
  facts.set(cart, 150.0);
  scheduler.fact_changed(cart);
  scheduler.evaluate(config, facts, 10, false);
  ASSERT_EQ(scheduler.last_evaluated().size(), 1u);
  EXPECT_EQ(config.rules[scheduler.last_evaluated()[0]].id, "cart");
  EXPECT_TRUE(scheduler.status(scheduler.last_evaluated()[0]).armed);
}

TEST(RuleScheduler, UnreadFactReevaluatesNothing) {
  Config config = config_of(kThreeRules);
  RuleScheduler scheduler;
  scheduler.reset(config);
  FactState facts;
  scheduler.evaluate(config, facts, 0, false);
  scheduler.fact_changed(fact_id(BuiltinFact::scroll_depth));
  scheduler.evaluate(config, facts, 10, false);
  EXPECT_TRUE(scheduler.last_evaluated().empty());
}

TEST(RuleScheduler, ClockRuleWakesAtItsDeadlineOnly) {
  Config config = config_of(kThreeRules);
  RuleScheduler scheduler;
  scheduler.reset(config);
  FactState facts;
  scheduler.evaluate(config, facts, 0, false);
  EXPECT_EQ(scheduler.next_deadline_ms(), 5000);
  scheduler.evaluate(config, facts, 4999, false);
  EXPECT_TRUE(scheduler.last_evaluated().empty());
  scheduler.evaluate(config, facts, 5000, false);
  ASSERT_EQ(scheduler.last_evaluated().size(), 1u);
  EXPECT_TRUE(std::ranges::count(scheduler.armed(), scheduler.last_evaluated()[0]));
  EXPECT_EQ(scheduler.next_deadline_ms(), kNever);
}

TEST(RuleScheduler, RuleTurningTrueWhileBusyIsNotArmed) {
  Config config = config_of(kThreeRules);
  RuleScheduler scheduler;
  scheduler.reset(config);
  FactState facts;
  facts.set(fact_id(BuiltinFact::url), std::string("https://x.com/faq"));
  scheduler.evaluate(config, facts, 0, /*busy=*/true);
  EXPECT_TRUE(scheduler.armed().empty());
}

TEST(RuleScheduler, FiredRuleRearmsOnlyAfterGoingFalse) {
  Config config = config_of(kThreeRules);
  RuleScheduler scheduler;
  scheduler.reset(config);
  FactState facts;
  FactId cart = *config.facts.find("custom.cart");
  facts.set(cart, 150.0);
  scheduler.evaluate(config, facts, 0, false);
  ASSERT_EQ(scheduler.armed().size(), 1u);
  std::uint32_t rule = *scheduler.armed().begin();
  scheduler.mark_fired(rule, 0);
  facts.set(cart, 200.0);  // still true: stays disarmed
  scheduler.fact_changed(cart);
  scheduler.evaluate(config, facts, 1, false);
  EXPECT_TRUE(scheduler.armed().empty());
  facts.set(cart, 50.0);
  scheduler.fact_changed(cart);
  scheduler.evaluate(config, facts, 2, false);
  facts.set(cart, 150.0);
  scheduler.fact_changed(cart);
  scheduler.evaluate(config, facts, 3, false);
  EXPECT_EQ(std::ranges::count(scheduler.armed(), rule), 1);
}

TEST(RuleScheduler, NewPageViewRearmsRulesThatStillHold) {
  Config config = config_of(kThreeRules);
  RuleScheduler scheduler;
  scheduler.reset(config);
  FactState facts;
  facts.set(fact_id(BuiltinFact::url), std::string("https://x.com/faq"));
  scheduler.evaluate(config, facts, 0, false);
  std::uint32_t rule = *scheduler.armed().begin();
  scheduler.mark_fired(rule, 0);
  EXPECT_EQ(scheduler.status(rule).fired_this_page, 1);
  scheduler.new_page_view();
  scheduler.evaluate(config, facts, 10, false);
  EXPECT_EQ(std::ranges::count(scheduler.armed(), rule), 1);
  EXPECT_EQ(scheduler.status(rule).fired_this_page, 0);
}

TEST(RuleScheduler, ArmedRulesComeInPriorityOrder) {
  Config config = config_of(R"({"rules": [
    {"id": "low", "priority": 1, "when": {"fact": "visits", "gte": 1}, "invite": {"message": "x"}},
    {"id": "high", "priority": 9, "when": {"fact": "visits", "gte": 1}, "invite": {"message": "x"}}
  ]})");
  RuleScheduler scheduler;
  scheduler.reset(config);
  FactState facts;
  facts.set(fact_id(BuiltinFact::visits), 1.0);
  scheduler.evaluate(config, facts, 0, false);
  ASSERT_EQ(scheduler.armed().size(), 2u);
  EXPECT_EQ(config.rules[*scheduler.armed().begin()].id, "high");
}

}  // namespace
}  // namespace parley
