// Typing and read through the relay (RELAY.md §4, §5): typing is ephemeral (passed to the other
// side's open connections, acknowledged, never stored, never replayed); agent.read is delivered
// like any agent message; both obey a conversation's isolation.
#include "router_test_support.hpp"

namespace parley::relay::testing {
namespace {

Json typing(const std::string& type, const std::string& id, const std::string& state) {
  return {{"type", type}, {"id", id}, {"conversationId", "c1"}, {"state", state}};
}

TEST(RouterTyping, VisitorTypingReachesTheAgentAcknowledgedAndNotStored) {
  RouterHarness relay;
  ConnectionId alex = relay.available_agent("alex");
  auto visitor = relay.visitor();
  relay.start(visitor.connection, "c1");
  Effects effects = relay.visitor_msg(visitor.connection, typing("visitor.typing", "t1", "on"));
  auto bodies = bodies_to(effects, alex, "visitor.typing");
  ASSERT_EQ(bodies.size(), 1u);
  EXPECT_EQ(bodies[0]["state"], "on");
  EXPECT_TRUE(acked(effects, visitor.connection, "t1"));
  EXPECT_TRUE(effects.writes.empty()) << "nothing stored: no message, no pending delivery";
}

TEST(RouterTyping, AgentTypingReachesTheVisitorAndIsNotReplayedOnReconnect) {
  RouterHarness relay;
  ConnectionId alex = relay.available_agent("alex");
  auto visitor = relay.visitor();
  relay.start(visitor.connection, "c1");
  Effects effects = relay.agent_msg(alex, typing("agent.typing", "a1", "on"));
  EXPECT_EQ(bodies_to(effects, visitor.connection, "agent.typing").size(), 1u);
  EXPECT_TRUE(acked(effects, alex, "a1"));
  EXPECT_TRUE(effects.writes.empty());
  // The visitor comes back (a reload): the typing is not sent again.
  auto again = relay.visitor(visitor.identity);
  EXPECT_TRUE(bodies_to(again.welcome, again.connection, "agent.typing").empty());
}

TEST(RouterTyping, TypingObeysIsolationAndItsFields) {
  RouterHarness relay;
  relay.available_agent("alex");
  auto owner = relay.visitor();
  relay.start(owner.connection, "c1");
  auto stranger = relay.visitor();
  Effects foreign = relay.visitor_msg(stranger.connection, typing("visitor.typing", "t2", "on"));
  EXPECT_EQ(error_code(foreign, stranger.connection), "forbidden");
  Effects bad = relay.visitor_msg(owner.connection, typing("visitor.typing", "t3", "maybe"));
  EXPECT_EQ(error_code(bad, owner.connection), "invalid");
}

TEST(RouterTyping, TypingBeforeAnAgentJoinedGoesNowhere) {
  RouterHarness relay;   // no agent available: the conversation waits in the queue
  auto visitor = relay.visitor();
  relay.start(visitor.connection, "c1");
  Effects effects = relay.visitor_msg(visitor.connection, typing("visitor.typing", "t4", "on"));
  EXPECT_TRUE(acked(effects, visitor.connection, "t4"));
  EXPECT_EQ(effects.frames.size(), 1u) << "the ack only";
}

TEST(RouterTyping, ReadIsDeliveredToTheVisitorAndKept) {
  RouterHarness relay;
  ConnectionId alex = relay.available_agent("alex");
  auto visitor = relay.visitor();
  relay.start(visitor.connection, "c1");
  relay.say(visitor.connection, "c1", "v1", "Hello");
  Effects effects = relay.agent_msg(alex, {{"type", "agent.read"}, {"id", "r1"}, {"conversationId", "c1"}, {"upTo", "v1"}});
  auto reads = bodies_to(effects, visitor.connection, "agent.read");
  ASSERT_EQ(reads.size(), 1u);
  EXPECT_EQ(reads[0]["upTo"], "v1");
  EXPECT_EQ(writes_of<PutDelivery>(effects).size(), 1u) << "resent until the visitor acknowledges it";
  Effects bad = relay.agent_msg(alex, {{"type", "agent.read"}, {"id", "r2"}, {"conversationId", "c1"}, {"upTo", 5}});
  EXPECT_EQ(error_code(bad, alex), "invalid");
}

}  // namespace
}  // namespace parley::relay::testing
