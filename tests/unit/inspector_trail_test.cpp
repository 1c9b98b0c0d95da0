// InspectorTrail: which event last changed each fact, and each rule's last outcome.
#include <gtest/gtest.h>

#include "parley/inspector_trail.hpp"

namespace parley {
namespace {

TEST(InspectorTrail, AFactRemembersTheEventThatLastChangedIt) {
  InspectorTrail trail;
  EXPECT_EQ(trail.origin("url"), nullptr);
  trail.handling("pageLoad");
  trail.fact_changed("url", 100);
  trail.handling("navigate");
  trail.fact_changed("url", 200);
  const InspectorTrail::FactOrigin* origin = trail.origin("url");
  ASSERT_NE(origin, nullptr);
  EXPECT_EQ(origin->event, "navigate");
  EXPECT_EQ(origin->at_ms, 200);
  EXPECT_EQ(trail.origin("visits"), nullptr);
}

TEST(InspectorTrail, HeldBackForTheSameReasonKeepsWhenItBegan) {
  using Kind = InspectorTrail::RuleOutcome::Kind;
  InspectorTrail trail;
  trail.new_rules(2);
  EXPECT_FALSE(trail.last_outcome(0).has_value());
  trail.outcome(0, {.kind = Kind::held_back, .reason = RuleReason::no_channel}, 1000);
  trail.outcome(0, {.kind = Kind::held_back, .reason = RuleReason::no_channel}, 2000);
  EXPECT_EQ(trail.last_outcome(0)->at_ms, 1000);
  trail.outcome(0, {.kind = Kind::held_back, .reason = RuleReason::min_interval}, 3000);
  EXPECT_EQ(trail.last_outcome(0)->at_ms, 3000) << "a new reason is a new outcome";
  EXPECT_EQ(trail.last_outcome(0)->reason, RuleReason::min_interval);
  trail.outcome(0, {.kind = Kind::fired, .channel = Channel::chat}, 4000);
  trail.outcome(0, {.kind = Kind::fired, .channel = Channel::chat}, 5000);
  EXPECT_EQ(trail.last_outcome(0)->at_ms, 5000) << "every firing counts";
  EXPECT_FALSE(trail.last_outcome(1).has_value());
  trail.new_rules(1);
  EXPECT_FALSE(trail.last_outcome(0).has_value()) << "a new config starts again";
}

TEST(InspectorTrail, SkippedForAnotherWinnerIsANewOutcome) {
  using Kind = InspectorTrail::RuleOutcome::Kind;
  InspectorTrail trail;
  trail.new_rules(3);
  trail.outcome(2, {.kind = Kind::skipped, .winner = 0}, 1000);
  trail.outcome(2, {.kind = Kind::skipped, .winner = 0}, 2000);
  EXPECT_EQ(trail.last_outcome(2)->at_ms, 1000) << "the same rule fired first again";
  trail.outcome(2, {.kind = Kind::skipped, .winner = 1}, 3000);
  EXPECT_EQ(trail.last_outcome(2)->at_ms, 3000) << "another rule fired first";
  trail.outcome(2, {.kind = Kind::skipped, .reason = RuleReason::on_screen}, 4000);
  EXPECT_EQ(trail.last_outcome(2)->at_ms, 4000) << "skipped while paused is not skipped for a rule";
}

TEST(InspectorTrail, EveryReasonAndKindHasItsText) {
  EXPECT_EQ(name_of(rule_reasons, RuleReason::none), "");
  EXPECT_EQ(name_of(rule_reasons, RuleReason::declined_earlier), "do not disturb (declined earlier)");
  EXPECT_EQ(name_of(rule_reasons, RuleReason::after_conversation), "a conversation already ran on this page view");
  EXPECT_EQ(name_of(outcome_kinds, InspectorTrail::RuleOutcome::Kind::held_back), "held back");
}

}  // namespace
}  // namespace parley
