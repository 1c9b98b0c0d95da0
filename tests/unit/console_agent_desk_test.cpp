// The console's agent desk: the wire protocol of wasm-glue/TRANSPORT.md seen from the agent side
// (acks, de-duplication, resending with backoff) and the agent's abilities (accept, queue, reply,
// end, availability), driven with envelopes as a visitor tab would post them.
#include <gtest/gtest.h>

#include "console/agent_desk.hpp"

namespace parley::console {
namespace {

constexpr double kT = 1767603600000;

Json from_visitor(Json body) { return Json{{"v", 1}, {"kind", "msg"}, {"from", "visitor"}, {"body", std::move(body)}}; }
Json ack_from_visitor(std::string_view id) { return Json{{"v", 1}, {"kind", "ack"}, {"from", "visitor"}, {"id", id}}; }

Json start_message(std::string_view id = "p1-3", std::string_view conversation = "p1-2") {
  Json body = Json::parse(R"({"type": "conversation.start", "channel": "chat", "locale": "fr",
    "url": "https://c.com/kb/a",
    "context": {"Proactive rule": {"value": "kb-dwell", "isDisplayable": true},
                "timeOnPage": {"value": 31000, "isDisplayable": true},
                "CaseNumber": {"value": "CAS-1", "isDisplayable": false},
                "junk": {"value": [1, 2]}},
    "prechat": [{"id": "name", "label": "Votre nom", "value": "Amélie"}, {"id": "topic", "value": "Billing"}]})");
  body["id"] = id;
  body["conversationId"] = conversation;
  return from_visitor(std::move(body));
}

std::vector<Json> of_kind(const std::vector<Json>& posts, std::string_view kind) {
  std::vector<Json> out;
  for (const Json& post : posts)
    if (post["kind"] == kind) out.push_back(post);
  return out;
}

std::vector<std::string> body_types(const std::vector<Json>& posts) {
  std::vector<std::string> out;
  for (const Json& post : of_kind(posts, "msg")) out.push_back(post["body"]["type"].get<std::string>());
  return out;
}

class AgentDeskTest : public ::testing::Test {
 protected:
  AgentDesk desk{"test"};
};

TEST_F(AgentDeskTest, StartingAnnouncesAvailability) {
  desk.start(kT);
  std::vector<Json> posts = desk.take_posts();
  ASSERT_EQ(posts.size(), 1u);
  EXPECT_EQ(posts[0]["v"], 1);
  EXPECT_EQ(posts[0]["from"], "agent");
  EXPECT_EQ(posts[0]["body"]["type"], "availability");
  EXPECT_EQ(posts[0]["body"]["chat"], true);
  EXPECT_EQ(posts[0]["body"]["video"], false);
  EXPECT_EQ(posts[0]["body"]["id"], "desk-test-1");
}

TEST_F(AgentDeskTest, HelloIsAcknowledgedAndAnsweredWithAvailability) {
  desk.receive(from_visitor({{"type", "visitor.hello"}, {"id", "p1-hello"}}), kT);
  std::vector<Json> posts = desk.take_posts();
  EXPECT_EQ(body_types(posts), std::vector<std::string>{"availability"});
  ASSERT_EQ(of_kind(posts, "ack").size(), 1u);
  EXPECT_EQ(of_kind(posts, "ack")[0]["id"], "p1-hello");
  EXPECT_EQ(desk.counts().received, 1);
}

TEST_F(AgentDeskTest, ConversationStartShowsContextAndSurveyAnswers) {
  desk.receive(start_message(), kT);
  ASSERT_EQ(desk.conversations().size(), 1u);
  const DeskConversation& c = desk.conversations()[0];
  EXPECT_EQ(c.id, "p1-2");
  EXPECT_EQ(c.status, DeskStatus::waiting);
  EXPECT_EQ(c.locale, "fr");
  EXPECT_EQ(c.url, "https://c.com/kb/a");
  using Pairs = std::vector<std::pair<std::string, std::string>>;
  EXPECT_EQ(c.context, (Pairs{{"Proactive rule", "kb-dwell"}, {"timeOnPage", "31000"}}));
  EXPECT_EQ(c.hidden_context, 1) << "CaseNumber is not displayable; junk is not a scalar";
  EXPECT_EQ(c.prechat, (Pairs{{"Votre nom", "Amélie"}, {"topic", "Billing"}}));
  ASSERT_NE(desk.selected(), nullptr) << "the first conversation is selected";
  EXPECT_EQ(desk.selected()->id, "p1-2");
}

TEST_F(AgentDeskTest, AcceptSendsAgentJoinedAndReplyReachesTheVisitor) {
  desk.receive(start_message(), kT);
  desk.take_posts();
  desk.set_agent_name("Sam");
  ASSERT_TRUE(desk.accept("p1-2", kT + 10).empty());
  ASSERT_TRUE(desk.reply("p1-2", "Bonjour, je regarde ça.", kT + 20).empty());
  std::vector<Json> posts = desk.take_posts();
  ASSERT_EQ(body_types(posts), (std::vector<std::string>{"agent.joined", "agent.message"}));
  EXPECT_EQ(posts[0]["body"]["conversationId"], "p1-2");
  EXPECT_EQ(posts[0]["body"]["agentName"], "Sam");
  EXPECT_EQ(posts[1]["body"]["text"], "Bonjour, je regarde ça.");
  EXPECT_NE(posts[0]["body"]["id"], posts[1]["body"]["id"]);
  const DeskConversation& c = *desk.find("p1-2");
  EXPECT_EQ(c.status, DeskStatus::active);
  EXPECT_EQ(c.transcript.back().from, "agent");
  EXPECT_TRUE(c.transcript.back().outgoing);
  EXPECT_FALSE(c.transcript.back().delivered) << "not yet acknowledged";
  EXPECT_EQ(desk.outbox_size(), 2u);
}

TEST_F(AgentDeskTest, AcknowledgedRepliesAreDeliveredAndLeaveTheOutbox) {
  desk.receive(start_message(), kT);
  desk.accept("p1-2", kT);
  desk.reply("p1-2", "Hello", kT);
  std::vector<Json> posts = desk.take_posts();
  std::string reply_id = posts.back()["body"]["id"].get<std::string>();
  desk.receive(ack_from_visitor(reply_id), kT + 100);
  EXPECT_EQ(desk.outbox_size(), 1u);
  EXPECT_TRUE(desk.find("p1-2")->transcript.back().delivered);
}

TEST_F(AgentDeskTest, UnacknowledgedMessagesAreResentWithBackoff) {
  desk.receive(start_message(), kT);
  desk.accept("p1-2", kT);
  desk.take_posts();
  EXPECT_EQ(desk.next_resend_ms(), kT + 1000);
  desk.resend_due(kT + 999);
  EXPECT_TRUE(desk.take_posts().empty());
  desk.resend_due(kT + 1000);
  EXPECT_EQ(body_types(desk.take_posts()), std::vector<std::string>{"agent.joined"});
  EXPECT_EQ(desk.next_resend_ms(), kT + 1000 + 2000);
  desk.resend_due(kT + 3000);
  desk.take_posts();
  EXPECT_EQ(desk.next_resend_ms(), kT + 3000 + 4000);
  for (double at = kT + 7000; at < kT + 200000; at = desk.next_resend_ms()) desk.resend_due(at);
  desk.take_posts();
  double last = desk.next_resend_ms();
  desk.resend_due(last);
  EXPECT_EQ(desk.next_resend_ms(), last + 30000) << "the backoff stops growing at 30 s";
}

TEST_F(AgentDeskTest, AVisitorSpeakingMakesLongWaitingMessagesGoAgainAtOnce) {
  desk.receive(start_message(), kT);
  desk.accept("p1-2", kT);
  desk.resend_due(kT + 1000);
  desk.resend_due(kT + 3000);
  desk.take_posts();
  desk.receive(from_visitor({{"type", "visitor.message"}, {"id", "p1-9"}, {"conversationId", "p1-2"}, {"text", "allô ?"}}),
               kT + 3500);
  EXPECT_EQ(body_types(desk.take_posts()), std::vector<std::string>{"agent.joined"});
  EXPECT_EQ(desk.next_resend_ms(), kT + 3500 + 1000);
}

TEST_F(AgentDeskTest, DuplicateVisitorMessagesAreAcknowledgedAgainButShownOnce) {
  desk.receive(start_message(), kT);
  Json message = from_visitor({{"type", "visitor.message"}, {"id", "p1-4"}, {"conversationId", "p1-2"}, {"text", "Hi"}});
  desk.receive(message, kT + 10);
  desk.take_posts();
  desk.receive(message, kT + 1010);
  std::vector<Json> posts = desk.take_posts();
  ASSERT_EQ(posts.size(), 1u);
  EXPECT_EQ(posts[0]["kind"], "ack");
  EXPECT_EQ(posts[0]["id"], "p1-4");
  const DeskConversation& c = *desk.find("p1-2");
  EXPECT_EQ(std::count_if(c.transcript.begin(), c.transcript.end(), [](const DeskLine& l) { return l.text == "Hi"; }), 1);
  EXPECT_EQ(desk.counts().duplicates, 1);
}

TEST_F(AgentDeskTest, MalformedEnvelopesAreDroppedWithoutAnAck) {
  for (const char* text : {R"("x")", R"({"v": 2, "kind": "msg", "from": "visitor", "body": {"type": "a", "id": "1"}})",
                           R"({"v": 1, "kind": "msg", "from": "someone", "body": {"type": "a", "id": "1"}})",
                           R"({"v": 1, "kind": "msg", "from": "visitor", "body": {"type": "", "id": "1"}})",
                           R"({"v": 1, "kind": "msg", "from": "visitor", "body": {"type": "a", "id": 7}})",
                           R"({"v": 1, "kind": "msg", "from": "visitor", "body": {"type": "a", "id": "1", "conversationId": 3}})",
                           R"({"v": 1, "kind": "ack", "from": "visitor", "id": ""})",
                           R"({"v": 1, "kind": "nudge", "from": "visitor"})"})
    desk.receive(Json::parse(text), kT);
  EXPECT_EQ(desk.counts().dropped, 8);
  EXPECT_TRUE(desk.take_posts().empty());
}

TEST_F(AgentDeskTest, EnvelopesFromAnotherAgentSideAreIgnored) {
  desk.receive(Json{{"v", 1}, {"kind", "msg"}, {"from", "agent"}, {"body", {{"type", "agent.message"}, {"id", "x"}}}}, kT);
  EXPECT_TRUE(desk.take_posts().empty());
  EXPECT_EQ(desk.counts().received + desk.counts().dropped, 0);
}

TEST_F(AgentDeskTest, UnknownTypesAndVideoMessagesAreAcknowledgedAndIgnored) {
  desk.receive(from_visitor({{"type", "video.accept"}, {"id", "p1-7"}, {"conversationId", "p1-2"}, {"callId", "c1"}}), kT);
  std::vector<Json> posts = desk.take_posts();
  ASSERT_EQ(of_kind(posts, "ack").size(), 1u);
  EXPECT_EQ(desk.counts().ignored, 1);
  EXPECT_TRUE(desk.conversations().empty());
}

TEST_F(AgentDeskTest, VisitorEndAndRatingAreShown) {
  desk.receive(start_message(), kT);
  desk.receive(from_visitor({{"type", "visitor.ended"}, {"id", "p1-5"}, {"conversationId", "p1-2"}}), kT + 1);
  desk.receive(from_visitor({{"type", "rating"}, {"id", "p1-6"}, {"conversationId", "p1-2"}, {"score", 9}}), kT + 2);
  const DeskConversation& c = *desk.find("p1-2");
  EXPECT_EQ(c.status, DeskStatus::visitor_ended);
  ASSERT_TRUE(c.rating.has_value());
  EXPECT_EQ(*c.rating, 5) << "clamped to the scale";
  EXPECT_EQ(c.transcript.back().text, "The visitor rated the conversation 5 out of 5.");
  EXPECT_FALSE(desk.end("p1-2", kT + 3).empty()) << "already ended";
}

TEST_F(AgentDeskTest, ActionsRefusedInTheWrongStateAreErrorValues) {
  EXPECT_EQ(desk.accept("nope", kT)[0].code, ErrorCode::invalid_state);
  desk.receive(start_message(), kT);
  desk.take_posts();
  EXPECT_EQ(desk.reply("p1-2", "too early", kT)[0].message, "accept the conversation to reply");
  ASSERT_TRUE(desk.queue("p1-2", kT).empty());
  EXPECT_EQ(desk.find("p1-2")->status, DeskStatus::queued);
  EXPECT_FALSE(desk.queue("p1-2", kT).empty()) << "queued once";
  ASSERT_TRUE(desk.accept("p1-2", kT).empty()) << "a queued conversation can be accepted";
  EXPECT_FALSE(desk.accept("p1-2", kT).empty());
  EXPECT_EQ(desk.reply("p1-2", "  \n", kT)[0].code, ErrorCode::missing_field);
  EXPECT_EQ(desk.reply("p1-2", std::string(4001, 'a'), kT)[0].code, ErrorCode::too_large);
  ASSERT_TRUE(desk.end("p1-2", kT).empty());
  EXPECT_EQ(body_types(desk.take_posts()), (std::vector<std::string>{"conversation.queued", "agent.joined", "agent.ended"}));
  EXPECT_FALSE(desk.reply("p1-2", "after the end", kT).empty());
}

TEST_F(AgentDeskTest, AvailabilityPerChannelIsBroadcast) {
  desk.set_availability(false, true, kT);
  std::vector<Json> posts = desk.take_posts();
  ASSERT_EQ(posts.size(), 1u);
  EXPECT_EQ(posts[0]["body"]["chat"], false);
  EXPECT_EQ(posts[0]["body"]["video"], true);
  EXPECT_FALSE(desk.chat_available());
  EXPECT_TRUE(desk.video_available());
  EXPECT_EQ(desk.outbox_size(), 0u) << "state is fire-and-forget";
}

TEST_F(AgentDeskTest, UnreadCountsUntilTheConversationIsSelected) {
  desk.receive(start_message("a-1", "a"), kT);
  desk.receive(start_message("b-1", "b"), kT);
  desk.receive(from_visitor({{"type", "visitor.message"}, {"id", "b-2"}, {"conversationId", "b"}, {"text", "?"}}), kT);
  EXPECT_EQ(desk.conversations()[0].id, "b") << "newest first";
  EXPECT_EQ(desk.find("b")->unread, 1);
  desk.select("b");
  EXPECT_EQ(desk.find("b")->unread, 0);
  EXPECT_EQ(desk.selected()->id, "b");
}

TEST_F(AgentDeskTest, AgentNameIsBoundedWithoutCuttingACharacter) {
  desk.set_agent_name(std::string(99, 'a') + "é");  // 'é' is two bytes: 101 in all
  EXPECT_EQ(desk.agent_name(), std::string(99, 'a'));
  desk.set_agent_name("   ");
  desk.receive(start_message(), kT);
  desk.accept("p1-2", kT);
  EXPECT_EQ(desk.find("p1-2")->agent_name, "Agent") << "a blank name joins as Agent";
}

}  // namespace
}  // namespace parley::console
