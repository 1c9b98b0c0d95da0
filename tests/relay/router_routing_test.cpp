// Routing (RELAY.md §4, §5): least busy, ties to the idle longest, the per-agent limit, the FIFO
// queue, video without a free video agent, take, take-over, transfer, ends.
#include "router_test_support.hpp"

namespace parley::relay::testing {
namespace {

std::string assigned_agent(RouterHarness& relay, const Effects& effects, const std::vector<std::pair<std::string, ConnectionId>>& agents) {
  (void)relay;
  for (const auto& [name, connection] : agents)
    if (!bodies_to(effects, connection, "conversation.assigned").empty()) return name;
  return "";
}

TEST(RouterRouting, NewConversationGoesToTheLeastBusyAgent) {
  RouterHarness relay;
  ConnectionId alex = relay.available_agent("alex");
  ConnectionId sam = relay.available_agent("sam");
  auto visitor = relay.visitor();
  Effects first = relay.start(visitor.connection, "c1");
  EXPECT_EQ(assigned_agent(relay, first, {{"alex", alex}, {"sam", sam}}), "alex");   // full tie: config order
  Effects second = relay.start(visitor.connection, "c2");
  EXPECT_EQ(assigned_agent(relay, second, {{"alex", alex}, {"sam", sam}}), "sam");   // 0 open beats 1
}

TEST(RouterRouting, LeastBusyWinsOverIdleLongest) {
  RouterHarness relay;
  ConnectionId alex = relay.available_agent("alex");
  auto visitor = relay.visitor();
  relay.start(visitor.connection, "c1");   // alex: 1 open, assigned at t0
  relay.now += 60000;
  ConnectionId sam = relay.available_agent("sam");   // sam: 0 open, never assigned
  Effects effects = relay.start(visitor.connection, "c2");
  EXPECT_EQ(bodies_to(effects, sam, "conversation.assigned").size(), 1u);
  EXPECT_TRUE(bodies_to(effects, alex, "conversation.assigned").empty());
}

TEST(RouterRouting, TieGoesToTheAgentIdleLongest) {
  RouterHarness relay;
  ConnectionId alex = relay.available_agent("alex");
  ConnectionId sam = relay.available_agent("sam");
  auto visitor = relay.visitor();
  relay.start(visitor.connection, "c1");   // alex (config order on a full tie)
  relay.now += 1000;
  relay.start(visitor.connection, "c2");   // sam
  relay.now += 1000;
  // Both have one; alex's last assignment is older.
  Effects effects = relay.start(visitor.connection, "c3");
  EXPECT_EQ(bodies_to(effects, alex, "conversation.assigned").size(), 1u);
  EXPECT_TRUE(bodies_to(effects, sam, "conversation.assigned").empty());
}

TEST(RouterRouting, AssignmentTellsTheAgentAndTheVisitorAgentJoined) {
  RouterHarness relay;
  ConnectionId alex = relay.available_agent("alex");
  auto visitor = relay.visitor();
  Effects effects = relay.start(visitor.connection, "c1", "chat", {{"url", "https://shop.example/p"}});
  auto assigned = bodies_to(effects, alex, "conversation.assigned");
  ASSERT_EQ(assigned.size(), 1u);
  EXPECT_EQ(assigned[0]["conversationId"], "c1");
  EXPECT_EQ(assigned[0]["visitorId"], visitor.id);
  EXPECT_EQ(assigned[0]["reason"], "new");
  EXPECT_EQ(assigned[0]["url"], "https://shop.example/p");
  EXPECT_TRUE(assigned[0]["transcript"].is_array());
  auto joined = bodies_to(effects, visitor.connection, "agent.joined");
  ASSERT_EQ(joined.size(), 1u);
  EXPECT_EQ(joined[0]["agentName"], "Alex");
  EXPECT_FALSE(joined[0].contains("agentAvatar"));  // none configured: the site's theme shows
  EXPECT_FALSE(joined[0].contains("replyTime"));
  EXPECT_EQ(writes_of<PutDelivery>(effects).size(), 2u);
}

TEST(RouterRouting, AgentJoinedCarriesTheAgentsAvatarAndReplyTime) {
  RouterHarness relay({{"alex", "Alex", 3, "https://cdn.example/alex.png", "Usually replies within 2 minutes"}});
  relay.available_agent("alex");
  auto visitor = relay.visitor();
  auto joined = bodies_to(relay.start(visitor.connection, "c1"), visitor.connection, "agent.joined");
  ASSERT_EQ(joined.size(), 1u);
  EXPECT_EQ(joined[0]["agentAvatar"], "https://cdn.example/alex.png");
  EXPECT_EQ(joined[0]["replyTime"], "Usually replies within 2 minutes");
}

TEST(RouterRouting, AgentAtItsLimitGetsNoMore) {
  RouterHarness relay({{"alex", "Alex", 2}});
  ConnectionId alex = relay.available_agent("alex");
  auto visitor = relay.visitor();
  relay.start(visitor.connection, "c1");
  relay.start(visitor.connection, "c2");
  Effects effects = relay.start(visitor.connection, "c3");
  EXPECT_TRUE(bodies_to(effects, alex, "conversation.assigned").empty());
  EXPECT_EQ(bodies_to(effects, visitor.connection, "conversation.queued").size(), 1u);
  EXPECT_EQ(relay.router().stats().queued, 1);
}

TEST(RouterRouting, AgentWithChatOffGetsNothing) {
  RouterHarness relay;
  ConnectionId alex = relay.available_agent("alex", /*chat=*/false, /*video=*/false);
  auto visitor = relay.visitor();
  Effects effects = relay.start(visitor.connection, "c1");
  EXPECT_TRUE(bodies_to(effects, alex, "conversation.assigned").empty());
  EXPECT_EQ(bodies_to(effects, visitor.connection, "conversation.queued").size(), 1u);
}

TEST(RouterRouting, OfflineAgentIsNotFree) {
  RouterHarness relay;
  ConnectionId alex = relay.available_agent("alex");
  relay.router().closed(alex, relay.now);
  auto visitor = relay.visitor();
  Effects effects = relay.start(visitor.connection, "c1");
  EXPECT_EQ(bodies_to(effects, visitor.connection, "conversation.queued").size(), 1u);
}

TEST(RouterRouting, QueueIsServedOldestFirstWhenASlotFrees) {
  RouterHarness relay({{"alex", "Alex", 1}});
  ConnectionId alex = relay.available_agent("alex");
  auto visitor = relay.visitor();
  relay.start(visitor.connection, "c1");
  relay.now += 10;
  relay.start(visitor.connection, "c2");
  relay.now += 10;
  Effects queued = relay.start(visitor.connection, "c3");
  EXPECT_EQ(bodies_to(queued, alex, "queue").size(), 1u);
  EXPECT_EQ(bodies_to(queued, alex, "queue")[0]["conversations"].size(), 2u);
  Effects ended = relay.agent_msg(alex, {{"type", "agent.ended"}, {"id", "e1"}, {"conversationId", "c1"}});
  auto assigned = bodies_to(ended, alex, "conversation.assigned");
  ASSERT_EQ(assigned.size(), 1u);
  EXPECT_EQ(assigned[0]["conversationId"], "c2");
  EXPECT_EQ(assigned[0]["reason"], "queue");
  EXPECT_EQ(bodies_to(ended, visitor.connection, "agent.ended").size(), 1u);
  EXPECT_EQ(bodies_to(ended, visitor.connection, "agent.joined").size(), 1u);
  EXPECT_EQ(relay.router().stats().queued, 1);
}

TEST(RouterRouting, QueueIsServedWhenAnAgentTurnsChatOn) {
  RouterHarness relay;
  auto visitor = relay.visitor();
  relay.start(visitor.connection, "c1");
  relay.start(visitor.connection, "c2");
  ConnectionId alex = relay.agent("alex");
  Effects effects = relay.status(alex, true, false);
  auto assigned = bodies_to(effects, alex, "conversation.assigned");
  ASSERT_EQ(assigned.size(), 2u);
  EXPECT_EQ(assigned[0]["conversationId"], "c1");
  EXPECT_EQ(assigned[1]["conversationId"], "c2");
  EXPECT_EQ(relay.router().stats().queued, 0);
}

TEST(RouterRouting, VisitorEndingAQueuedConversationLeavesTheQueue) {
  RouterHarness relay;
  auto visitor = relay.visitor();
  relay.start(visitor.connection, "c1");
  Effects effects = relay.visitor_msg(visitor.connection, {{"type", "visitor.ended"}, {"id", "e1"}, {"conversationId", "c1"}});
  EXPECT_TRUE(acked(effects, visitor.connection, "e1"));
  EXPECT_EQ(relay.router().stats().queued, 0);
  auto puts = writes_of<PutConversation>(effects);
  ASSERT_FALSE(puts.empty());
  EXPECT_EQ(puts.back().conversation.status, ConversationStatus::ended);
}

TEST(RouterRouting, VideoGoesToAFreeVideoAgent) {
  RouterHarness relay;
  ConnectionId alex = relay.available_agent("alex", true, false);
  ConnectionId sam = relay.available_agent("sam", true, true);
  auto visitor = relay.visitor();
  Effects effects = relay.start(visitor.connection, "c1", "video");
  auto assigned = bodies_to(effects, sam, "conversation.assigned");
  ASSERT_EQ(assigned.size(), 1u);
  EXPECT_EQ(assigned[0]["channel"], "video");
  EXPECT_EQ(assigned[0]["callId"], "call-c1");
  EXPECT_EQ(assigned[0]["camera"], "classic");
  EXPECT_TRUE(bodies_to(effects, alex, "conversation.assigned").empty());
  EXPECT_TRUE(bodies_to(effects, visitor.connection, "conversation.queued").empty());
}

TEST(RouterRouting, VideoWithoutAFreeVideoAgentIsQueuedThenRoutedAsChat) {
  RouterHarness relay;
  ConnectionId alex = relay.available_agent("alex", true, false);
  auto visitor = relay.visitor();
  Effects effects = relay.start(visitor.connection, "c1", "video");
  EXPECT_EQ(bodies_to(effects, visitor.connection, "conversation.queued").size(), 1u);
  auto assigned = bodies_to(effects, alex, "conversation.assigned");
  ASSERT_EQ(assigned.size(), 1u);
  EXPECT_EQ(assigned[0]["channel"], "chat");
  EXPECT_FALSE(assigned[0].contains("callId"));
  EXPECT_EQ(bodies_to(effects, visitor.connection, "agent.joined").size(), 1u);
}

TEST(RouterRouting, VideoWithNobodyFreeWaitsInTheQueueAsChat) {
  RouterHarness relay;
  auto visitor = relay.visitor();
  Effects effects = relay.start(visitor.connection, "c1", "video");
  EXPECT_EQ(bodies_to(effects, visitor.connection, "conversation.queued").size(), 1u);
  ConnectionId alex = relay.agent("alex");
  Effects on = relay.status(alex, true, false);
  auto assigned = bodies_to(on, alex, "conversation.assigned");
  ASSERT_EQ(assigned.size(), 1u);
  EXPECT_EQ(assigned[0]["channel"], "chat");
}

TEST(RouterRouting, VideoAvailabilityNeedsAFreeSlot) {
  RouterHarness relay({{"alex", "Alex", 1}});
  ConnectionId alex = relay.available_agent("alex", true, true);
  auto visitor = relay.visitor();
  Effects effects = relay.start(visitor.connection, "c1", "video");
  ASSERT_EQ(bodies_to(effects, alex, "conversation.assigned").size(), 1u);
  auto availability = bodies_to(effects, visitor.connection, "availability");
  ASSERT_EQ(availability.size(), 1u);
  EXPECT_EQ(availability[0]["chat"], true);
  EXPECT_EQ(availability[0]["video"], false);
}

TEST(RouterRouting, TakeAssignsAQueuedConversationToMe) {
  RouterHarness relay;
  auto visitor = relay.visitor();
  relay.start(visitor.connection, "c1");
  ConnectionId alex = relay.agent("alex");   // chat off: only a take gives it to alex
  Effects effects = relay.agent_msg(alex, {{"type", "conversation.take"}, {"id", "t1"}, {"conversationId", "c1"}});
  EXPECT_TRUE(acked(effects, alex, "t1"));
  auto assigned = bodies_to(effects, alex, "conversation.assigned");
  ASSERT_EQ(assigned.size(), 1u);
  EXPECT_EQ(assigned[0]["reason"], "take");
  EXPECT_EQ(bodies_to(effects, visitor.connection, "agent.joined")[0]["agentName"], "Alex");
  EXPECT_EQ(relay.router().stats().queued, 0);
}

TEST(RouterRouting, TakeOfAnUnknownConversationIsInvalid) {
  RouterHarness relay;
  ConnectionId alex = relay.agent("alex");
  Effects effects = relay.agent_msg(alex, {{"type", "conversation.take"}, {"id", "t1"}, {"conversationId", "nope"}});
  EXPECT_EQ(error_code(effects, alex), "invalid");
}

TEST(RouterRouting, TakeOverMovesTheConversationAndReleasesThePreviousAgent) {
  RouterHarness relay;
  ConnectionId alex = relay.available_agent("alex");
  auto visitor = relay.visitor();
  relay.start(visitor.connection, "c1");
  relay.router().closed(alex, relay.now);   // alex away: the visitor's next message waits for alex
  relay.say(visitor.connection, "c1", "m1", "anyone?");
  ConnectionId sam = relay.agent("sam");
  Effects effects = relay.agent_msg(sam, {{"type", "conversation.take"}, {"id", "t1"}, {"conversationId", "c1"}});
  auto assigned = bodies_to(effects, sam, "conversation.assigned");
  ASSERT_EQ(assigned.size(), 1u);
  EXPECT_EQ(assigned[0]["reason"], "takeover");
  EXPECT_EQ(assigned[0]["previousAgent"], "alex");
  ASSERT_EQ(assigned[0]["transcript"].size(), 1u);
  EXPECT_EQ(assigned[0]["transcript"][0]["text"], "anyone?");
  EXPECT_EQ(bodies_to(effects, visitor.connection, "agent.joined")[0]["agentName"], "Sam");
  // alex's pending deliveries of c1 (assigned, m1) are dropped; released is owed to alex instead.
  int dropped_for_alex = 0;
  for (const DropDelivery& drop : writes_of<DropDelivery>(effects)) dropped_for_alex += drop.recipient == "agent:alex";
  EXPECT_EQ(dropped_for_alex, 2);
  bool released_owed = false;
  for (const PutDelivery& put : writes_of<PutDelivery>(effects))
    released_owed = released_owed || (put.delivery.recipient == "agent:alex" && has_text(put.delivery.body_json, "conversation.released"));
  EXPECT_TRUE(released_owed);
  // alex comes back: only the release is owed to alex, not the old assignment nor m1.
  ConnectionId alex_again = relay.open(Side::agent);
  Effects back = relay.hello(alex_again, Side::agent, agent_token("alex"));
  EXPECT_EQ(bodies_to(back, alex_again, "conversation.released").size(), 1u);
  EXPECT_TRUE(bodies_to(back, alex_again, "conversation.assigned").empty());
  EXPECT_TRUE(bodies_to(back, alex_again, "visitor.message").empty());
  (void)alex;
}

TEST(RouterRouting, TakeOverReachesTheOnlinePreviousAgentAsReleased) {
  RouterHarness relay;
  ConnectionId alex = relay.available_agent("alex");
  auto visitor = relay.visitor();
  relay.start(visitor.connection, "c1");
  ConnectionId sam = relay.agent("sam");
  Effects effects = relay.agent_msg(sam, {{"type", "conversation.take"}, {"id", "t1"}, {"conversationId", "c1"}});
  auto released = bodies_to(effects, alex, "conversation.released");
  ASSERT_EQ(released.size(), 1u);
  EXPECT_EQ(released[0]["to"], "sam");
  EXPECT_EQ(released[0]["reason"], "takeover");
  // alex may not write in it any more.
  Effects late = relay.reply(alex, "c1", "a1", "still me?");
  EXPECT_EQ(error_code(late, alex), "forbidden");
}

TEST(RouterRouting, TransferHandsTheConversationToASignedInAgentBeyondItsLimit) {
  RouterHarness relay({{"alex", "Alex", 3}, {"sam", "Sam", 1}});
  ConnectionId alex = relay.available_agent("alex");
  ConnectionId sam = relay.available_agent("sam");
  auto visitor = relay.visitor();
  relay.start(visitor.connection, "c1");   // alex (a full tie goes by config order)
  relay.start(visitor.connection, "c2");   // sam, now at its limit of 1
  relay.start(visitor.connection, "c3");   // alex
  Effects effects = relay.agent_msg(alex, {{"type", "conversation.transfer"}, {"id", "x1"}, {"conversationId", "c1"}, {"agentId", "sam"}});
  EXPECT_TRUE(acked(effects, alex, "x1"));
  auto assigned = bodies_to(effects, sam, "conversation.assigned");
  ASSERT_EQ(assigned.size(), 1u);
  EXPECT_EQ(assigned[0]["reason"], "transfer");
  EXPECT_EQ(assigned[0]["previousAgent"], "alex");
  EXPECT_EQ(bodies_to(effects, alex, "conversation.released")[0]["reason"], "transfer");
  EXPECT_EQ(bodies_to(effects, visitor.connection, "agent.joined")[0]["agentName"], "Sam");
}

TEST(RouterRouting, TransferToAnOfflineAgentIsInvalid) {
  RouterHarness relay;
  ConnectionId alex = relay.available_agent("alex");
  auto visitor = relay.visitor();
  relay.start(visitor.connection, "c1");
  Effects effects = relay.agent_msg(alex, {{"type", "conversation.transfer"}, {"id", "x1"}, {"conversationId", "c1"}, {"agentId", "kim"}});
  EXPECT_EQ(error_code(effects, alex), "invalid");
  EXPECT_TRUE(effects.writes.empty());
}

TEST(RouterRouting, TransferToAnUnknownAgentIsInvalid) {
  RouterHarness relay;
  ConnectionId alex = relay.available_agent("alex");
  auto visitor = relay.visitor();
  relay.start(visitor.connection, "c1");
  Effects effects = relay.agent_msg(alex, {{"type", "conversation.transfer"}, {"id", "x1"}, {"conversationId", "c1"}, {"agentId", "nobody"}});
  EXPECT_EQ(error_code(effects, alex), "invalid");
}

TEST(RouterRouting, TransferOfSomeoneElsesConversationIsForbidden) {
  RouterHarness relay;
  relay.available_agent("alex");
  ConnectionId sam = relay.agent("sam");
  auto visitor = relay.visitor();
  relay.start(visitor.connection, "c1");   // alex
  Effects effects = relay.agent_msg(sam, {{"type", "conversation.transfer"}, {"id", "x1"}, {"conversationId", "c1"}, {"agentId", "sam"}});
  EXPECT_EQ(error_code(effects, sam), "forbidden");
}

TEST(RouterRouting, AnAgentsWelcomeCarriesTheWholeTeam) {
  RouterHarness relay;
  ConnectionId alex = relay.available_agent("alex");
  ConnectionId sam = relay.open(Side::agent);
  Effects effects = relay.hello(sam, Side::agent, agent_token("sam"));
  auto team = bodies_to(effects, sam, "team");
  ASSERT_EQ(team.size(), 1u);
  ASSERT_EQ(team[0]["agents"].size(), 3u);   // config order, offline ones included
  EXPECT_EQ(team[0]["agents"][0]["id"], "alex");
  EXPECT_EQ(team[0]["agents"][0]["chat"], true);
  EXPECT_EQ(team[0]["agents"][1]["id"], "sam");
  EXPECT_EQ(team[0]["agents"][1]["online"], true);
  EXPECT_EQ(team[0]["agents"][2]["online"], false);
  EXPECT_EQ(bodies_to(effects, sam, "team.changed").size(), 0u);   // not its own line twice
  (void)alex;
}

TEST(RouterRouting, ATeamChangeSendsOnlyTheChangedLines) {
  RouterHarness relay;
  ConnectionId alex = relay.agent("alex");
  Effects effects = relay.status(alex, true, true);
  EXPECT_EQ(bodies_to(effects, alex, "team").size(), 0u);
  auto changed = bodies_to(effects, alex, "team.changed");
  ASSERT_EQ(changed.size(), 1u);
  ASSERT_EQ(changed[0]["agents"].size(), 1u);
  EXPECT_EQ(changed[0]["agents"][0], (Json{{"id", "alex"}, {"name", "Alex"}, {"online", true}, {"chat", true},
                                           {"video", true}, {"open", 0}, {"maxChats", 3}}));
  Effects sam_in = relay.hello(relay.open(Side::agent), Side::agent, agent_token("sam"));
  changed = bodies_to(sam_in, alex, "team.changed");
  ASSERT_EQ(changed.size(), 1u);
  ASSERT_EQ(changed[0]["agents"].size(), 1u);
  EXPECT_EQ(changed[0]["agents"][0]["id"], "sam");
  EXPECT_EQ(changed[0]["agents"][0]["online"], true);
}

TEST(RouterRouting, AnUnchangedTeamSendsNothing) {
  RouterHarness relay;
  ConnectionId alex = relay.available_agent("alex");
  auto visitor = relay.visitor();
  relay.start(visitor.connection, "c1");
  Effects effects = relay.say(visitor.connection, "c1", "m1", "hello");
  EXPECT_EQ(bodies_to(effects, alex, "team.changed").size(), 0u);
  EXPECT_EQ(bodies_to(effects, alex, "team").size(), 0u);
}

TEST(RouterRouting, OneInputChangingTwoAgentsSendsOneFrameWithBothLines) {
  RouterHarness relay;
  ConnectionId alex = relay.available_agent("alex");
  ConnectionId sam = relay.available_agent("sam");
  auto visitor = relay.visitor();
  relay.start(visitor.connection, "c1");   // alex (config order breaks the tie)
  Effects effects = relay.agent_msg(alex, {{"type", "conversation.transfer"}, {"id", "x1"}, {"conversationId", "c1"}, {"agentId", "sam"}});
  auto changed = bodies_to(effects, sam, "team.changed");
  ASSERT_EQ(changed.size(), 1u);
  ASSERT_EQ(changed[0]["agents"].size(), 2u);   // config order
  EXPECT_EQ(changed[0]["agents"][0]["id"], "alex");
  EXPECT_EQ(changed[0]["agents"][0]["open"], 0);
  EXPECT_EQ(changed[0]["agents"][1]["id"], "sam");
  EXPECT_EQ(changed[0]["agents"][1]["open"], 1);
}

}  // namespace
}  // namespace parley::relay::testing
