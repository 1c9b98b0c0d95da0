// Delivery (RELAY.md §3): acks only with the writes that store the message, duplicates acked and
// not delivered again, pending deliveries resent on reconnection and on the clock, dropped on the
// first ack; restore from a snapshot; authToken claims; ratings after the end.
#include "jwt_builder.hpp"
#include "router_test_support.hpp"

namespace parley::relay::testing {
namespace {

struct Chat {
  RouterHarness relay;
  ConnectionId alex = relay.available_agent("alex");
  RouterHarness::Visitor visitor = relay.visitor();
  Effects started = relay.start(visitor.connection, "c1");
};

bool appends(const Effects& effects, const std::string& message_id) {
  for (const AppendMessage& append : writes_of<AppendMessage>(effects))
    if (append.message.id == message_id) return true;
  return false;
}

TEST(RouterDelivery, AckTravelsWithTheWriteThatStoresTheMessage) {
  Chat chat;
  Effects effects = chat.relay.say(chat.visitor.connection, "c1", "m1", "hello");
  EXPECT_TRUE(acked(effects, chat.visitor.connection, "m1"));
  ASSERT_TRUE(appends(effects, "m1"));
  auto append = writes_of<AppendMessage>(effects)[0].message;
  EXPECT_EQ(append.conversation_id, "c1");
  EXPECT_EQ(append.sender, "visitor");
  // The agent is owed it: a PutDelivery in the same Effects, and the frame.
  auto puts = writes_of<PutDelivery>(effects);
  ASSERT_EQ(puts.size(), 1u);
  EXPECT_EQ(puts[0].delivery.recipient, "agent:alex");
  EXPECT_EQ(puts[0].delivery.message_id, "m1");
  EXPECT_EQ(bodies_to(effects, chat.alex, "visitor.message").size(), 1u);
}

TEST(RouterDelivery, RefusedMessageIsNeitherStoredNorAcked) {
  Chat chat;
  Effects effects = chat.relay.say(chat.visitor.connection, "c1", "m1", "");
  EXPECT_FALSE(acked(effects, chat.visitor.connection, "m1"));
  EXPECT_TRUE(effects.writes.empty());
}

TEST(RouterDelivery, AckIsNeverInEffectsWithoutItsWrite) {
  // Every ack of a conversation message across a whole chat comes with the AppendMessage of its id.
  Chat chat;
  std::vector<Effects> all;
  all.push_back(chat.relay.say(chat.visitor.connection, "c1", "m1", "one"));
  all.push_back(chat.relay.reply(chat.alex, "c1", "a1", "two"));
  all.push_back(chat.relay.visitor_msg(chat.visitor.connection, {{"type", "visitor.ended"}, {"id", "e1"}, {"conversationId", "c1"}}));
  all.push_back(chat.relay.visitor_msg(chat.visitor.connection, {{"type", "rating"}, {"id", "r1"}, {"conversationId", "c1"}, {"score", 5}}));
  for (const Effects& effects : all)
    for (const OutgoingFrame& frame : effects.frames) {
      Json parsed = parse(frame.text);
      if (parsed.value("kind", "") == "ack") EXPECT_TRUE(appends(effects, parsed.value("id", ""))) << frame.text;
    }
}

TEST(RouterDelivery, StartIsStoredWithItsConversationBeforeItsAck) {
  Chat chat;
  auto conversations = writes_of<PutConversation>(chat.started);
  ASSERT_FALSE(conversations.empty());
  EXPECT_EQ(conversations.front().conversation.visitor_id, chat.visitor.id);
  EXPECT_EQ(conversations.back().conversation.status, ConversationStatus::assigned);
  EXPECT_EQ(conversations.back().conversation.agent_id, "alex");
  EXPECT_TRUE(appends(chat.started, "start-c1"));
  EXPECT_TRUE(acked(chat.started, chat.visitor.connection, "start-c1"));
  // The conversation is put before its first message (a store may check the reference).
  EXPECT_TRUE(std::holds_alternative<PutConversation>(chat.started.writes.front()));
}

TEST(RouterDelivery, DuplicateIsAckedAgainWithoutRedelivery) {
  Chat chat;
  chat.relay.say(chat.visitor.connection, "c1", "m1", "hello");
  Effects again = chat.relay.say(chat.visitor.connection, "c1", "m1", "hello");
  EXPECT_TRUE(acked(again, chat.visitor.connection, "m1"));
  EXPECT_TRUE(again.writes.empty());
  EXPECT_TRUE(bodies_to(again, chat.alex, "visitor.message").empty());
  EXPECT_EQ(chat.relay.router().stats().duplicates, 1);
}

TEST(RouterDelivery, DuplicateStartIsAckedWithoutASecondConversation) {
  Chat chat;
  Effects again = chat.relay.start(chat.visitor.connection, "c1");
  EXPECT_TRUE(acked(again, chat.visitor.connection, "start-c1"));
  EXPECT_TRUE(again.writes.empty());
  EXPECT_TRUE(bodies_to(again, chat.alex, "conversation.assigned").empty());
}

TEST(RouterDelivery, DuplicateFromTheAgentIsAckedWithoutRedelivery) {
  Chat chat;
  chat.relay.reply(chat.alex, "c1", "a1", "hi");
  Effects again = chat.relay.reply(chat.alex, "c1", "a1", "hi");
  EXPECT_TRUE(acked(again, chat.alex, "a1"));
  EXPECT_TRUE(again.writes.empty());
  EXPECT_TRUE(bodies_to(again, chat.visitor.connection, "agent.message").empty());
}

TEST(RouterDelivery, FirstAckDropsTheDelivery) {
  Chat chat;
  chat.relay.say(chat.visitor.connection, "c1", "m1", "hello");
  Effects first = chat.relay.ack(chat.alex, Side::agent, "m1");
  auto drops = writes_of<DropDelivery>(first);
  ASSERT_EQ(drops.size(), 1u);
  EXPECT_EQ(drops[0].recipient, "agent:alex");
  EXPECT_EQ(drops[0].message_id, "m1");
  EXPECT_TRUE(chat.relay.ack(chat.alex, Side::agent, "m1").writes.empty());
}

TEST(RouterDelivery, AckOfAStateMessageIsHarmless) {
  Chat chat;
  EXPECT_TRUE(chat.relay.ack(chat.visitor.connection, Side::visitor, "r-whatever").empty());
}

TEST(RouterDelivery, PendingDeliveriesAreSentAgainOnReconnectAfterWelcome) {
  Chat chat;
  chat.relay.reply(chat.alex, "c1", "a1", "are you there?");
  chat.relay.router().closed(chat.visitor.connection, chat.relay.now);
  chat.relay.reply(chat.alex, "c1", "a2", "hello?");   // nobody connected: stored only
  auto back = chat.relay.visitor(chat.visitor.identity);
  auto frames = frames_to(back.welcome, back.connection);
  ASSERT_GE(frames.size(), 4u);
  EXPECT_EQ(frames[0]["kind"], "welcome");
  // In the order they were put: agent.joined, a1, a2.
  EXPECT_EQ(frames[1]["body"]["type"], "agent.joined");
  EXPECT_EQ(frames[2]["body"]["id"], "a1");
  EXPECT_EQ(frames[3]["body"]["id"], "a2");
}

TEST(RouterDelivery, AgentGetsItsPendingDeliveriesOnReconnect) {
  Chat chat;
  chat.relay.router().closed(chat.alex, chat.relay.now);
  chat.relay.say(chat.visitor.connection, "c1", "m1", "hello?");
  ConnectionId alex = chat.relay.open(Side::agent);
  Effects back = chat.relay.hello(alex, Side::agent, agent_token("alex"));
  EXPECT_EQ(bodies_to(back, alex, "conversation.assigned").size(), 1u);
  EXPECT_EQ(bodies_to(back, alex, "visitor.message").size(), 1u);
}

TEST(RouterDelivery, UnacknowledgedDeliveryIsResentAfterResendAfterMs) {
  Chat chat;
  chat.relay.ack(chat.visitor.connection, Side::visitor, bodies_to(chat.started, chat.visitor.connection, "agent.joined")[0]["id"].get<std::string>());
  chat.relay.ack(chat.alex, Side::agent, bodies_to(chat.started, chat.alex, "conversation.assigned")[0]["id"].get<std::string>());
  const double sent_at = chat.relay.now;
  chat.relay.reply(chat.alex, "c1", "a1", "hi");
  EXPECT_DOUBLE_EQ(chat.relay.router().next_deadline(), sent_at + 30000);
  EXPECT_TRUE(chat.relay.router().tick(sent_at + 29999).frames.empty());
  Effects resent = chat.relay.router().tick(sent_at + 30000);
  EXPECT_EQ(bodies_to(resent, chat.visitor.connection, "agent.message").size(), 1u);
  EXPECT_DOUBLE_EQ(chat.relay.router().next_deadline(), sent_at + 60000);
  chat.relay.now = sent_at + 30001;
  chat.relay.ack(chat.visitor.connection, Side::visitor, "a1");
  EXPECT_TRUE(chat.relay.router().tick(sent_at + 60000).frames.empty());
}

TEST(RouterDelivery, MessagesForAVisitorReachEveryTabAndTheFirstAckSettles) {
  Chat chat;
  auto second_tab = chat.relay.visitor(chat.visitor.identity);
  Effects effects = chat.relay.reply(chat.alex, "c1", "a1", "hi");
  EXPECT_EQ(bodies_to(effects, chat.visitor.connection, "agent.message").size(), 1u);
  EXPECT_EQ(bodies_to(effects, second_tab.connection, "agent.message").size(), 1u);
  EXPECT_EQ(writes_of<DropDelivery>(chat.relay.ack(second_tab.connection, Side::visitor, "a1")).size(), 1u);
  EXPECT_TRUE(chat.relay.ack(chat.visitor.connection, Side::visitor, "a1").writes.empty());
}

TEST(RouterDelivery, RatingAfterTheEndIsAcceptedAndReachesTheAgent) {
  Chat chat;
  chat.relay.agent_msg(chat.alex, {{"type", "agent.ended"}, {"id", "e1"}, {"conversationId", "c1"}});
  Effects effects = chat.relay.visitor_msg(chat.visitor.connection, {{"type", "rating"}, {"id", "r1"}, {"conversationId", "c1"}, {"score", 4}});
  EXPECT_TRUE(acked(effects, chat.visitor.connection, "r1"));
  EXPECT_TRUE(appends(effects, "r1"));
  auto ratings = bodies_to(effects, chat.alex, "rating");
  ASSERT_EQ(ratings.size(), 1u);
  EXPECT_EQ(ratings[0]["score"], 4);
}

TEST(RouterDelivery, MessageAfterTheEndIsInvalid) {
  Chat chat;
  chat.relay.agent_msg(chat.alex, {{"type", "agent.ended"}, {"id", "e1"}, {"conversationId", "c1"}});
  EXPECT_EQ(error_code(chat.relay.say(chat.visitor.connection, "c1", "m9", "wait"), chat.visitor.connection), "invalid");
}

TEST(RouterDelivery, EndedConversationIsForgottenAfterAnHour) {
  Chat chat;
  chat.relay.agent_msg(chat.alex, {{"type", "agent.ended"}, {"id", "e1"}, {"conversationId", "c1"}});
  chat.relay.router().tick(chat.relay.now + 60 * 60 * 1000 + 1);
  chat.relay.now += 60 * 60 * 1000 + 2;
  Effects late = chat.relay.visitor_msg(chat.visitor.connection, {{"type", "rating"}, {"id", "r1"}, {"conversationId", "c1"}, {"score", 4}});
  EXPECT_EQ(error_code(late, chat.visitor.connection), "forbidden");
}

// The fuzzer found it: a tick at the announced deadline did not forget, so the deadline stood
// still and the server's timer fired again and again until the clock passed it.
TEST(RouterDelivery, EveryTickAtItsDeadlineMovesTheDeadlineOnUntilTheEndedIsForgotten) {
  Chat chat;
  chat.relay.agent_msg(chat.alex, {{"type", "agent.ended"}, {"id", "e1"}, {"conversationId", "c1"}});
  Router& router = chat.relay.router();
  double forget_at = chat.relay.now + 60 * 60 * 1000;
  int ticks = 0;
  for (double deadline = router.next_deadline(); deadline >= 0 && deadline <= forget_at && ticks < 1000;
       deadline = router.next_deadline(), ++ticks) {
    router.tick(deadline);  // the resends of the unacknowledged end, then the forgetting
    double next = router.next_deadline();
    ASSERT_TRUE(next < 0 || next > deadline) << "tick " << ticks << " at " << deadline << " left it due";
  }
  EXPECT_LT(ticks, 1000);
  chat.relay.now = forget_at;
  Effects late = chat.relay.visitor_msg(chat.visitor.connection, {{"type", "rating"}, {"id", "r1"}, {"conversationId", "c1"}, {"score", 4}});
  EXPECT_EQ(error_code(late, chat.visitor.connection), "forbidden");
}

TEST(RouterDelivery, EndingFreesTheAgentsSlot) {
  Chat chat;
  EXPECT_EQ(chat.relay.router().stats().conversations_open, 1);
  Effects ended = chat.relay.visitor_msg(chat.visitor.connection, {{"type", "visitor.ended"}, {"id", "e1"}, {"conversationId", "c1"}});
  EXPECT_EQ(bodies_to(ended, chat.alex, "visitor.ended").size(), 1u);
  EXPECT_EQ(chat.relay.router().stats().conversations_open, 0);
  auto team = bodies_to(ended, chat.alex, "team.changed");
  ASSERT_EQ(team.size(), 1u);
  ASSERT_EQ(team[0]["agents"].size(), 1u);
  EXPECT_EQ(team[0]["agents"][0]["id"], "alex");
  EXPECT_EQ(team[0]["agents"][0]["open"], 0);
}

// authToken

std::string site_jwt(const std::string& claims_json) {
  return signed_jwt(R"({"alg":"HS256","typ":"JWT"})", claims_json, kJwtKey);
}

bool anywhere(const Effects& effects, const std::string& needle) {
  for (const OutgoingFrame& frame : effects.frames)
    if (has_text(frame.text, needle)) return true;
  for (const PutConversation& put : writes_of<PutConversation>(effects))
    if (has_text(put.conversation.start_json, needle)) return true;
  for (const AppendMessage& append : writes_of<AppendMessage>(effects))
    if (has_text(append.message.body_json, needle)) return true;
  for (const PutDelivery& put : writes_of<PutDelivery>(effects))
    if (has_text(put.delivery.body_json, needle)) return true;
  return false;
}

TEST(RouterAuthToken, VerifiedClaimsReachTheAgentAndTheTokenNowhere) {
  RouterHarness relay;
  ConnectionId alex = relay.available_agent("alex");
  auto visitor = relay.visitor();
  const std::string token = site_jwt(R"({"sub":"customer-42","email":"ada@example.com","tier":3,"exp":1900000000})");
  Effects effects = relay.start(visitor.connection, "c1", "chat", {{"authToken", token}});
  auto assigned = bodies_to(effects, alex, "conversation.assigned");
  ASSERT_EQ(assigned.size(), 1u);
  const Json& context = assigned[0]["context"];
  EXPECT_EQ(context["auth.sub"]["value"], "customer-42");
  EXPECT_EQ(context["auth.email"]["value"], "ada@example.com");
  EXPECT_EQ(context["auth.tier"]["value"], "3");
  EXPECT_EQ(context["auth.sub"]["isDisplayable"], true);
  EXPECT_EQ(context["Signed in"]["value"], "yes");
  EXPECT_FALSE(anywhere(effects, token));
  EXPECT_FALSE(anywhere(effects, "authToken"));
  EXPECT_FALSE(anywhere(effects, token.substr(token.rfind('.') + 1)));   // not even its signature
}

TEST(RouterAuthToken, RefusedTokenSaysWhyAndIsNotStoredEither) {
  RouterHarness relay;
  ConnectionId alex = relay.available_agent("alex");
  auto visitor = relay.visitor();
  const std::string expired = site_jwt(R"({"sub":"customer-42","exp":1000})");
  Effects effects = relay.start(visitor.connection, "c1", "chat", {{"authToken", expired}});
  auto assigned = bodies_to(effects, alex, "conversation.assigned");
  ASSERT_EQ(assigned.size(), 1u);
  const std::string signed_in = assigned[0]["context"]["Signed in"]["value"].get<std::string>();
  EXPECT_TRUE(signed_in.starts_with("no (")) << signed_in;
  EXPECT_FALSE(assigned[0]["context"].contains("auth.sub"));
  EXPECT_FALSE(anywhere(effects, expired));
}

TEST(RouterAuthToken, QueuedConversationShowsTheClaimsWithoutTheToken) {
  RouterHarness relay;
  ConnectionId alex = relay.agent("alex");
  auto visitor = relay.visitor();
  const std::string token = site_jwt(R"({"sub":"customer-7","exp":1900000000})");
  Effects effects = relay.start(visitor.connection, "c1", "chat", {{"authToken", token}});
  auto queue = bodies_to(effects, alex, "queue");
  ASSERT_EQ(queue.size(), 1u);
  EXPECT_EQ(queue[0]["conversations"][0]["context"]["auth.sub"]["value"], "customer-7");
  EXPECT_FALSE(anywhere(effects, token));
}

TEST(RouterAuthToken, NoTokenAddsNothing) {
  Chat chat;
  auto assigned = bodies_to(chat.started, chat.alex, "conversation.assigned");
  ASSERT_EQ(assigned.size(), 1u);
  EXPECT_FALSE(assigned[0]["context"].contains("Signed in"));
}

// Restore

Snapshot snapshot_of(const std::vector<Effects>& history) {
  // What a store would hold after committing these effects (insert-or-replace, drops applied).
  Snapshot snapshot;
  for (const Effects& effects : history)
    for (const StoreWrite& write : effects.writes) {
      if (const auto* put = std::get_if<PutConversation>(&write)) {
        bool replaced = false;
        for (ConversationRecord& record : snapshot.conversations)
          if (record.id == put->conversation.id) { record = put->conversation; replaced = true; }
        if (!replaced) snapshot.conversations.push_back(put->conversation);
      } else if (const auto* append = std::get_if<AppendMessage>(&write)) {
        snapshot.messages.push_back(append->message);
      } else if (const auto* delivery = std::get_if<PutDelivery>(&write)) {
        snapshot.deliveries.push_back(delivery->delivery);
      } else if (const auto* drop = std::get_if<DropDelivery>(&write)) {
        std::erase_if(snapshot.deliveries, [&](const DeliveryRecord& d) {
          return d.recipient == drop->recipient && d.message_id == drop->message_id;
        });
      }
    }
  return snapshot;
}

TEST(RouterRestore, SnapshotResumesRoutingQueueAndDeliveries) {
  RouterHarness relay({{"alex", "Alex", 1}, {"sam", "Sam", 3}});
  std::vector<Effects> history;
  ConnectionId alex = relay.available_agent("alex");
  auto visitor = relay.visitor();
  history.push_back(relay.start(visitor.connection, "c1"));   // alex
  history.push_back(relay.say(visitor.connection, "c1", "m1", "first"));
  relay.now += 10;
  history.push_back(relay.start(visitor.connection, "c2"));   // queued
  relay.now += 10;
  history.push_back(relay.start(visitor.connection, "c3"));   // queued
  history.push_back(relay.reply(alex, "c1", "a1", "welcome"));
  Snapshot snapshot = snapshot_of(history);

  relay.restart();
  relay.router().restore(snapshot);
  EXPECT_EQ(relay.router().stats().queued, 2);
  EXPECT_EQ(relay.router().stats().conversations_open, 3);

  // The visitor comes back: its pending deliveries (agent.joined, a1, queued x2) come again.
  auto back = relay.visitor(visitor.identity);
  EXPECT_EQ(back.id, visitor.id);
  EXPECT_EQ(bodies_to(back.welcome, back.connection, "agent.message").size(), 1u);
  // A message resent across the restart is a duplicate.
  Effects again = relay.say(back.connection, "c1", "m1", "first");
  EXPECT_TRUE(acked(again, back.connection, "m1"));
  EXPECT_TRUE(again.writes.empty());
  // alex is back at its limit: c1 is still alex's, and alex's transcript is whole.
  ConnectionId alex_again = relay.open(Side::agent);
  Effects alex_back = relay.hello(alex_again, Side::agent, agent_token("alex"));
  auto queue = bodies_to(alex_back, alex_again, "queue");
  ASSERT_EQ(queue.size(), 1u);
  ASSERT_EQ(queue[0]["conversations"].size(), 2u);
  EXPECT_EQ(queue[0]["conversations"][0]["conversationId"], "c2");
  EXPECT_TRUE(acked(relay.reply(alex_again, "c1", "a2", "still here"), alex_again, "a2"));
  // sam turns on: the queue is served oldest first, and the transcript travels.
  ConnectionId sam = relay.agent("sam");
  Effects on = relay.status(sam, true, false);
  auto assigned = bodies_to(on, sam, "conversation.assigned");
  ASSERT_EQ(assigned.size(), 2u);
  EXPECT_EQ(assigned[0]["conversationId"], "c2");
  EXPECT_EQ(assigned[1]["conversationId"], "c3");
  // alex's slot is full: a take-over of c1 by sam carries the transcript of before the restart.
  Effects taken = relay.agent_msg(sam, {{"type", "conversation.take"}, {"id", "t1"}, {"conversationId", "c1"}});
  auto takeover = bodies_to(taken, sam, "conversation.assigned");
  ASSERT_EQ(takeover.size(), 1u);
  ASSERT_EQ(takeover[0]["transcript"].size(), 3u);
  EXPECT_EQ(takeover[0]["transcript"][0]["text"], "first");
  EXPECT_EQ(takeover[0]["transcript"][1]["agentId"], "alex");
}

TEST(RouterRestore, EndedConversationInTheSnapshotStillTakesARating) {
  RouterHarness relay;
  std::vector<Effects> history;
  ConnectionId alex = relay.available_agent("alex");
  auto visitor = relay.visitor();
  history.push_back(relay.start(visitor.connection, "c1"));
  history.push_back(relay.agent_msg(alex, {{"type", "agent.ended"}, {"id", "e1"}, {"conversationId", "c1"}}));
  relay.restart();
  relay.router().restore(snapshot_of(history));
  auto back = relay.visitor(visitor.identity);
  Effects rating = relay.visitor_msg(back.connection, {{"type", "rating"}, {"id", "r1"}, {"conversationId", "c1"}, {"score", 5}});
  EXPECT_TRUE(acked(rating, back.connection, "r1"));
  EXPECT_EQ(relay.router().stats().conversations_open, 0);
}

}  // namespace
}  // namespace parley::relay::testing
