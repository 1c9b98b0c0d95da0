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
  InspectorTrail trail;
  trail.new_rules(2);
  EXPECT_FALSE(trail.last_outcome(0).has_value());
  trail.outcome(0, "held back", "nobody available", 1000);
  trail.outcome(0, "held back", "nobody available", 2000);
  EXPECT_EQ(trail.last_outcome(0)->at_ms, 1000);
  trail.outcome(0, "held back", "minimum interval", 3000);
  EXPECT_EQ(trail.last_outcome(0)->at_ms, 3000) << "a new reason is a new outcome";
  trail.outcome(0, "fired", "invited on chat", 4000);
  trail.outcome(0, "fired", "invited on chat", 5000);
  EXPECT_EQ(trail.last_outcome(0)->at_ms, 5000) << "every firing counts";
  EXPECT_FALSE(trail.last_outcome(1).has_value());
  trail.new_rules(1);
  EXPECT_FALSE(trail.last_outcome(0).has_value()) << "a new config starts again";
}

}  // namespace
}  // namespace parley
