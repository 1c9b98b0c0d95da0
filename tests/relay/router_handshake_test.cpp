// The handshake (RELAY.md §2): identities kept, replaced when tampered, agents' tokens checked,
// nothing before hello, hello timeouts; agents start unavailable and get team and queue.
#include "router_test_support.hpp"

namespace parley::relay::testing {
namespace {

TEST(RouterHandshake, VisitorWithoutIdentityGetsANewOneThatVerifies) {
  RouterHarness relay;
  auto visitor = relay.visitor();
  ASSERT_FALSE(visitor.id.empty());
  EXPECT_EQ(relay.credentials().verify_identity(visitor.identity), visitor.id);
  EXPECT_EQ(writes_of<TouchVisitor>(visitor.welcome).size(), 1u);
}

TEST(RouterHandshake, VisitorPresentingItsIdentityKeepsItsVisitorId) {
  RouterHarness relay;
  auto first = relay.visitor();
  auto again = relay.visitor(first.identity);
  EXPECT_EQ(again.id, first.id);
  EXPECT_EQ(again.identity, first.identity);
}

TEST(RouterHandshake, TamperedIdentityGetsANewVisitorId) {
  RouterHarness relay;
  auto first = relay.visitor();
  std::string tampered = first.identity;
  tampered.back() = tampered.back() == '0' ? '1' : '0';
  auto again = relay.visitor(tampered);
  EXPECT_NE(again.id, first.id);
  EXPECT_EQ(relay.credentials().verify_identity(again.identity), again.id);
}

TEST(RouterHandshake, TamperedIdentityNeverReachesTheOwnersConversations) {
  RouterHarness relay;
  auto owner = relay.visitor();
  relay.start(owner.connection, "c1");
  std::string tampered = owner.identity;
  tampered.back() = tampered.back() == '0' ? '1' : '0';
  auto intruder = relay.visitor(tampered);
  Effects effects = relay.say(intruder.connection, "c1", "m1", "hi");
  EXPECT_EQ(error_code(effects, intruder.connection), "forbidden");
}

TEST(RouterHandshake, AgentWithItsTokenIsWelcomedWithTeamThenQueue) {
  RouterHarness relay;
  ConnectionId agent = relay.open(Side::agent);
  Effects effects = relay.hello(agent, Side::agent, agent_token("alex"));
  auto frames = frames_to(effects, agent);
  ASSERT_GE(frames.size(), 3u);
  EXPECT_EQ(frames[0]["kind"], "welcome");
  EXPECT_EQ(frames[0]["agent"]["id"], "alex");
  EXPECT_EQ(frames[0]["agent"]["maxChats"], 3);
  EXPECT_EQ(frames[1]["body"]["type"], "team");
  EXPECT_EQ(frames[2]["body"]["type"], "queue");
  EXPECT_EQ(bodies_to(effects, agent, "team").size(), 1u);
  EXPECT_EQ(bodies_to(effects, agent, "team.changed").size(), 0u);
}

TEST(RouterHandshake, AgentsStartUnavailable) {
  RouterHarness relay;
  ConnectionId agent = relay.agent("alex");
  auto visitor = relay.visitor();
  Effects effects = relay.start(visitor.connection, "c1");
  EXPECT_EQ(bodies_to(effects, visitor.connection, "conversation.queued").size(), 1u);
  EXPECT_TRUE(bodies_to(effects, agent, "conversation.assigned").empty());
}

TEST(RouterHandshake, BadAgentTokenIsUnauthorizedAndCloses) {
  RouterHarness relay;
  ConnectionId agent = relay.open(Side::agent);
  Effects effects = relay.hello(agent, Side::agent, "not a token");
  EXPECT_EQ(error_code(effects, agent), "unauthorized");
  EXPECT_TRUE(closed_with(effects, agent, 1008));
}

TEST(RouterHandshake, AgentHelloWithoutTokenIsUnauthorizedAndCloses) {
  RouterHarness relay;
  ConnectionId agent = relay.open(Side::agent);
  Effects effects = relay.hello(agent, Side::agent, "");
  EXPECT_TRUE(closed_with(effects, agent, 1008));
}

TEST(RouterHandshake, MessageBeforeHelloIsUnauthorizedAndCloses) {
  RouterHarness relay;
  ConnectionId visitor = relay.open(Side::visitor);
  Effects effects = relay.visitor_msg(visitor, {{"type", "visitor.hello"}, {"id", "h1"}});
  EXPECT_EQ(error_code(effects, visitor), "unauthorized");
  EXPECT_TRUE(closed_with(effects, visitor, 1008));
  EXPECT_FALSE(acked(effects, visitor, "h1"));
}

TEST(RouterHandshake, GarbageBeforeHelloIsUnauthorizedAndCloses) {
  RouterHarness relay;
  ConnectionId visitor = relay.open(Side::visitor);
  EXPECT_TRUE(closed_with(relay.raw(visitor, "not json"), visitor, 1008));
}

TEST(RouterHandshake, FramesAfterACloseAreIgnored) {
  RouterHarness relay;
  ConnectionId visitor = relay.open(Side::visitor);
  relay.raw(visitor, "not json");
  EXPECT_TRUE(relay.hello(visitor, Side::visitor, "").empty());
}

TEST(RouterHandshake, SecondHelloIsABadFrame) {
  RouterHarness relay;
  auto visitor = relay.visitor();
  Effects effects = relay.hello(visitor.connection, Side::visitor, visitor.identity);
  EXPECT_EQ(error_code(effects, visitor.connection), "bad_frame");
  EXPECT_TRUE(effects.closes.empty());
}

TEST(RouterHandshake, SilentConnectionClosesAtTheHelloDeadline) {
  RouterHarness relay;
  ConnectionId visitor = relay.open(Side::visitor);
  EXPECT_DOUBLE_EQ(relay.router().next_deadline(), relay.now + 10000);
  EXPECT_TRUE(relay.router().tick(relay.now + 9999).closes.empty());
  Effects effects = relay.router().tick(relay.now + 10000);
  EXPECT_TRUE(closed_with(effects, visitor, 1008));
}

TEST(RouterHandshake, WelcomedConnectionHasNoHelloDeadline) {
  RouterHarness relay;
  relay.visitor();
  EXPECT_EQ(relay.router().next_deadline(), -1);
  EXPECT_TRUE(relay.router().tick(relay.now + 20000).closes.empty());
}

TEST(RouterHandshake, VisitorHelloIsAnsweredWithAvailability) {
  RouterHarness relay;
  relay.available_agent("alex", true, true);
  auto visitor = relay.visitor();
  Effects effects = relay.visitor_msg(visitor.connection, {{"type", "visitor.hello"}, {"id", "h1"}});
  EXPECT_TRUE(acked(effects, visitor.connection, "h1"));
  auto availability = bodies_to(effects, visitor.connection, "availability");
  ASSERT_EQ(availability.size(), 1u);
  EXPECT_EQ(availability[0]["chat"], true);
  EXPECT_EQ(availability[0]["video"], true);
  EXPECT_TRUE(availability[0]["id"].get_ref<const std::string&>().starts_with("r-"));
}

TEST(RouterHandshake, AvailabilityIsBroadcastToVisitorsWhenItChanges) {
  RouterHarness relay;
  auto first = relay.visitor();
  auto second = relay.visitor();
  ConnectionId alex = relay.agent("alex");
  Effects on = relay.status(alex, true, false);
  ASSERT_EQ(bodies_to(on, first.connection, "availability").size(), 1u);
  EXPECT_EQ(bodies_to(on, second.connection, "availability")[0]["chat"], true);
  Effects again = relay.status(alex, true, false);
  EXPECT_TRUE(bodies_to(again, first.connection, "availability").empty());
  Effects gone = relay.router().closed(alex, relay.now);
  EXPECT_EQ(bodies_to(gone, first.connection, "availability")[0]["chat"], false);
}

}  // namespace
}  // namespace parley::relay::testing
