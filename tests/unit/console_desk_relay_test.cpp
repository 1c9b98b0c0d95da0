// The console's agent desk on parley-relay (relay/RELAY.md): the hello / welcome handshake, the
// relay's errors, assignments with their transcript (shown once across reconnects and restarts),
// releases, the queue and the team, take, transfer and agent.status; each with its error twin.
// Driven with frames as the relay would send them.
#include <gtest/gtest.h>

#include "console/agent_desk.hpp"
#include "console/desk_relay.hpp"
#include "console/reconnect_backoff.hpp"

namespace parley::console {
namespace {

constexpr double kT = 1767603600000;

Json from_relay(Json body) { return Json{{"v", 1}, {"kind", "msg"}, {"from", "relay"}, {"body", std::move(body)}}; }
Json ack_from_relay(std::string_view id) { return Json{{"v", 1}, {"kind", "ack"}, {"from", "relay"}, {"id", id}}; }
Json welcome(std::string_view id = "alex", std::string_view name = "Alex") {
  return Json{{"v", 1}, {"kind", "welcome"}, {"from", "relay"}, {"agent", {{"id", id}, {"name", name}, {"maxChats", 3}}}};
}
Json relay_error(std::string_view code, std::string_view message, std::string_view id = {}) {
  Json frame{{"v", 1}, {"kind", "error"}, {"from", "relay"}, {"code", code}, {"message", message}};
  if (!id.empty()) frame["id"] = id;
  return frame;
}

Json assigned(std::string_view message_id, std::string_view conversation, Json transcript = Json::array()) {
  Json body = Json::parse(R"({"type": "conversation.assigned", "visitorId": "v-1", "channel": "chat", "locale": "en",
    "url": "https://shop.example/kb/returns", "reason": "new",
    "context": {"Proactive rule": {"value": "kb-time-on-page", "isDisplayable": true},
                "CaseNumber": {"value": "CAS-01003", "isDisplayable": false}},
    "prechat": [{"id": "name", "label": "Your name", "value": "Sam"}]})");
  body["id"] = message_id;
  body["conversationId"] = conversation;
  body["transcript"] = std::move(transcript);
  return from_relay(std::move(body));
}

Json team_of(Json agents) { return from_relay(Json{{"type", "team"}, {"id", "r-team"}, {"agents", std::move(agents)}}); }

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

int lines_with(const DeskConversation& c, std::string_view text) {
  return static_cast<int>(std::count_if(c.transcript.begin(), c.transcript.end(), [&](const DeskLine& l) { return l.text == text; }));
}

class ConsoleDeskRelayTest : public ::testing::Test {
 protected:
  ConsoleDeskRelayTest() {
    desk.set_mode(DeskMode::relay);
    desk.set_relay_token("s3cret-token");
  }
  // Socket open, hello, welcome: signed in as Alex.
  void sign_in(double now_ms = kT) {
    desk.start(now_ms);
    desk.receive(welcome(), now_ms);
    desk.take_posts();
  }
  AgentDesk desk{"test"};
};

// ---- Handshake ----------------------------------------------------------------------------------

TEST_F(ConsoleDeskRelayTest, HelloWithTheTokenIsTheFirstAndOnlyFrameBeforeWelcome) {
  desk.set_availability(true, true, kT);  // chosen before the socket opened
  desk.start(kT);
  std::vector<Json> posts = desk.take_posts();
  ASSERT_EQ(posts.size(), 1u);
  EXPECT_EQ(posts[0], (Json{{"v", 1}, {"kind", "hello"}, {"from", "agent"}, {"token", "s3cret-token"}}));
  EXPECT_EQ(desk.relay_phase(), RelayPhase::signing_in);
  EXPECT_EQ(desk.next_resend_ms(), HUGE_VAL) << "nothing is due before welcome";
  desk.resend_due(kT + 60000);
  EXPECT_TRUE(desk.take_posts().empty());
}

TEST_F(ConsoleDeskRelayTest, WelcomeSignsInThenSendsAgentStatusAndNoAvailability) {
  desk.start(kT);
  desk.take_posts();
  desk.receive(welcome("alex", "Alex Martin"), kT + 5);
  EXPECT_EQ(desk.relay_phase(), RelayPhase::connected);
  EXPECT_EQ(desk.agent_id(), "alex");
  EXPECT_EQ(desk.agent_name(), "Alex Martin");
  EXPECT_EQ(relay_phase_text(desk.relay_phase(), desk.agent_name()), "Connected as Alex Martin");
  std::vector<Json> posts = desk.take_posts();
  ASSERT_EQ(body_types(posts), std::vector<std::string>{"agent.status"});
  EXPECT_EQ(posts[0]["body"]["chat"], true);
  EXPECT_EQ(posts[0]["body"]["video"], false);
  EXPECT_EQ(posts[0]["from"], "agent");
  EXPECT_EQ(desk.outbox_size(), 1u) << "agent.status is a reliable msg: acknowledged after the relay's commit";
}

TEST_F(ConsoleDeskRelayTest, AWelcomeWithoutAnAgentIsCountedNotTrusted) {
  desk.start(kT);
  desk.receive(Json{{"v", 1}, {"kind", "welcome"}, {"from", "relay"}, {"agent", "alex"}}, kT);
  EXPECT_EQ(desk.relay_phase(), RelayPhase::signing_in);
  EXPECT_EQ(desk.counts().dropped, 1);
}

TEST_F(ConsoleDeskRelayTest, MessagesBeforeWelcomeAreDroppedUnacknowledged) {
  desk.start(kT);
  desk.take_posts();
  desk.receive(assigned("r-1", "c-1"), kT);
  EXPECT_TRUE(desk.take_posts().empty()) << "an ack before welcome would close the connection";
  EXPECT_TRUE(desk.conversations().empty());
  EXPECT_EQ(desk.counts().dropped, 1);
}

TEST_F(ConsoleDeskRelayTest, UnauthorizedIsShownAndStopsTheSignIn) {
  desk.start(kT);
  desk.receive(relay_error("unauthorized", "bad agent token"), kT);
  EXPECT_EQ(desk.relay_phase(), RelayPhase::refused);
  ASSERT_TRUE(desk.last_error().has_value());
  EXPECT_EQ(desk.last_error()->code, "unauthorized");
  EXPECT_EQ(desk.last_error()->message, "bad agent token");
  desk.disconnected();
  EXPECT_EQ(desk.relay_phase(), RelayPhase::refused) << "the link does not retry a refused token by itself";
  desk.start(kT + 10);  // the agent fixed the token and connects again
  desk.receive(welcome(), kT + 20);
  EXPECT_EQ(desk.relay_phase(), RelayPhase::connected);
  EXPECT_FALSE(desk.last_error().has_value());
}

TEST_F(ConsoleDeskRelayTest, RelayFramesAreNotAcceptedOnTheBroadcastChannel) {
  AgentDesk channel_desk{"c"};
  channel_desk.receive(welcome(), kT);
  channel_desk.receive(from_relay({{"type", "queue"}, {"id", "r-1"}, {"conversations", Json::array()}}), kT);
  EXPECT_EQ(channel_desk.counts().dropped, 2);
  EXPECT_TRUE(channel_desk.take_posts().empty());
}

// ---- The outbox across connections ----------------------------------------------------------------

TEST_F(ConsoleDeskRelayTest, TheOutboxWaitsForTheNextWelcomeAndIsResentThen) {
  sign_in();
  desk.receive(assigned("r-1", "c-1"), kT);
  desk.take_posts();
  ASSERT_TRUE(desk.reply("c-1", "Hello", kT + 10).empty());
  EXPECT_EQ(body_types(desk.take_posts()), std::vector<std::string>{"agent.message"});
  desk.disconnected();  // the relay restarts before its ack
  EXPECT_EQ(desk.relay_phase(), RelayPhase::offline);
  ASSERT_TRUE(desk.reply("c-1", "Still there?", kT + 20).empty());
  EXPECT_TRUE(desk.take_posts().empty()) << "nothing goes out while offline";
  desk.start(kT + 1000);
  std::vector<Json> posts = desk.take_posts();
  ASSERT_EQ(posts.size(), 1u);
  EXPECT_EQ(posts[0]["kind"], "hello");
  desk.receive(welcome(), kT + 1100);
  posts = desk.take_posts();
  EXPECT_EQ(body_types(posts), (std::vector<std::string>{"agent.status", "agent.message", "agent.message"}));
  EXPECT_EQ(posts[1]["body"]["text"], "Hello");
  EXPECT_EQ(posts[2]["body"]["text"], "Still there?");
  EXPECT_EQ(desk.next_resend_ms(), kT + 1100 + 1000) << "the backoff starts again";
  desk.receive(ack_from_relay(posts[1]["body"]["id"].get<std::string>()), kT + 1200);
  EXPECT_EQ(desk.outbox_size(), 2u);
}

TEST_F(ConsoleDeskRelayTest, AgentStatusIsStateTheNewestReplacesAnUnacknowledgedOne) {
  sign_in();
  desk.set_availability(false, true, kT + 1);
  desk.set_availability(true, true, kT + 2);
  std::vector<Json> posts = desk.take_posts();
  EXPECT_EQ(body_types(posts), (std::vector<std::string>{"agent.status", "agent.status"}));
  EXPECT_EQ(desk.outbox_size(), 1u) << "only the newest status waits for its ack";
  EXPECT_EQ(posts.back()["body"]["chat"], true);
  EXPECT_EQ(posts.back()["body"]["video"], true);
}

// ---- Errors naming a message ----------------------------------------------------------------------

TEST_F(ConsoleDeskRelayTest, AnErrorNamingAnIdIsFinalTheMessageLeavesTheOutboxAndIsShown) {
  sign_in();
  desk.receive(assigned("r-1", "c-1"), kT);
  desk.take_posts();
  desk.reply("c-1", "Hello", kT + 10);
  std::string id = desk.take_posts()[0]["body"]["id"].get<std::string>();
  std::size_t before = desk.outbox_size();
  desk.receive(relay_error("forbidden", "not your conversation", id), kT + 20);
  EXPECT_EQ(desk.outbox_size(), before - 1);
  EXPECT_EQ(desk.counts().refused, 1);
  const DeskConversation& c = *desk.find("c-1");
  auto line = std::find_if(c.transcript.begin(), c.transcript.end(), [&](const DeskLine& l) { return l.id == id; });
  ASSERT_NE(line, c.transcript.end());
  EXPECT_EQ(line->failed, "forbidden: not your conversation");
  EXPECT_FALSE(line->delivered);
  EXPECT_EQ(c.transcript.back().text, "The relay refused a message (forbidden): not your conversation");
  desk.resend_due(kT + 100000);
  for (const Json& post : desk.take_posts()) EXPECT_NE(post["body"]["id"], id) << "never sent again";
}

TEST_F(ConsoleDeskRelayTest, RateLimitedIsNotFinalTheMessageComesAgain) {
  sign_in();
  desk.receive(assigned("r-1", "c-1"), kT);
  desk.reply("c-1", "Hello", kT);
  std::string id = desk.take_posts().back()["body"]["id"].get<std::string>();
  std::size_t before = desk.outbox_size();
  desk.receive(relay_error("rate_limited", "slow down", id), kT + 10);
  EXPECT_EQ(desk.outbox_size(), before);
  EXPECT_EQ(desk.last_error()->code, "rate_limited");
}

TEST_F(ConsoleDeskRelayTest, MalformedErrorsAreCountedAndLongMessagesBounded) {
  sign_in();
  desk.receive(Json{{"v", 1}, {"kind", "error"}, {"from", "relay"}, {"message", "no code"}}, kT);
  EXPECT_EQ(desk.counts().dropped, 1);
  EXPECT_FALSE(desk.last_error().has_value());
  desk.receive(relay_error("bad_frame", std::string(5000, 'x'), std::string(300, 'i')), kT);
  ASSERT_TRUE(desk.last_error().has_value());
  EXPECT_EQ(desk.last_error()->message.size(), kMaxErrorText);
  EXPECT_EQ(desk.last_error()->id, "") << "an id over 256 characters names nothing";
}

// ---- Assignments ----------------------------------------------------------------------------------

TEST_F(ConsoleDeskRelayTest, AnAssignmentBringsTheConversationWithItsContextAnswersAndTranscript) {
  sign_in();
  desk.receive(team_of(Json::parse(R"([{"id": "alex", "name": "Alex", "online": true},
                                       {"id": "bo", "name": "Bo", "online": true}])")), kT);
  desk.take_posts();
  Json transcript = Json::parse(R"([
    {"id": "v1-4", "from": "visitor", "text": "Where is my parcel?", "at": 1767603500000},
    {"id": "desk-b-2", "from": "agent", "agentId": "bo", "text": "Let me look.", "at": 1767603510000}])");
  desk.receive(assigned("r-1", "c-1", transcript), kT);
  std::vector<Json> posts = desk.take_posts();
  ASSERT_EQ(of_kind(posts, "ack").size(), 1u);
  EXPECT_EQ(of_kind(posts, "ack")[0]["id"], "r-1");
  EXPECT_TRUE(body_types(posts).empty()) << "the relay sends agent.joined itself";
  const DeskConversation& c = *desk.find("c-1");
  EXPECT_EQ(c.status, DeskStatus::active);
  EXPECT_EQ(c.agent_name, "Alex");
  EXPECT_EQ(c.context, (TextPairs{{"Proactive rule", "kb-time-on-page"}}));
  EXPECT_EQ(c.hidden_context, 1);
  EXPECT_EQ(c.prechat, (TextPairs{{"Your name", "Sam"}}));
  EXPECT_EQ(c.url, "https://shop.example/kb/returns");
  ASSERT_EQ(c.transcript.size(), 3u);
  EXPECT_EQ(c.transcript[0].text, "Where is my parcel?");
  EXPECT_EQ(c.transcript[1].author, "Bo") << "another agent's line says who wrote it";
  EXPECT_FALSE(c.transcript[1].outgoing);
  EXPECT_EQ(c.transcript[2].text, "Assigned to you.");
  EXPECT_TRUE(desk.reply("c-1", "Hi, Alex here.", kT + 1).empty()) << "an assigned conversation takes replies";
}

TEST_F(ConsoleDeskRelayTest, AReconnectOrRelayRestartShowsNothingTwice) {
  sign_in();
  Json transcript = Json::parse(R"([{"id": "v1-4", "from": "visitor", "text": "Hi", "at": 1767603500000}])");
  desk.receive(assigned("r-1", "c-1", transcript), kT);
  desk.receive(from_relay({{"type", "visitor.message"}, {"id", "v1-5"}, {"conversationId", "c-1"}, {"text", "Anyone?"}}), kT + 1);
  desk.reply("c-1", "Yes!", kT + 2);
  std::string reply_id = of_kind(desk.take_posts(), "msg").back()["body"]["id"].get<std::string>();

  // The relay restarts: it numbers its messages anew, and resends the assignment with the whole
  // transcript (the reply included) and the visitor message it had not seen acknowledged.
  desk.disconnected();
  desk.start(kT + 5000);
  desk.receive(welcome(), kT + 5000);
  Json again = Json::parse(R"([{"id": "v1-4", "from": "visitor", "text": "Hi", "at": 1767603500000},
                               {"id": "v1-5", "from": "visitor", "text": "Anyone?", "at": 1767603600001}])");
  again.push_back(Json{{"id", reply_id}, {"from", "agent"}, {"agentId", "alex"}, {"text", "Yes!"}, {"at", kT + 2}});
  desk.receive(assigned("r-99", "c-1", again), kT + 5001);
  desk.receive(from_relay({{"type", "visitor.message"}, {"id", "v1-5"}, {"conversationId", "c-1"}, {"text", "Anyone?"}}), kT + 5002);
  ASSERT_EQ(desk.conversations().size(), 1u);
  const DeskConversation& c = *desk.find("c-1");
  EXPECT_EQ(lines_with(c, "Hi"), 1);
  EXPECT_EQ(lines_with(c, "Anyone?"), 1);
  EXPECT_EQ(lines_with(c, "Yes!"), 1);
  EXPECT_EQ(lines_with(c, "Assigned to you."), 1) << "still mine: no second note";
  std::vector<Json> acks = of_kind(desk.take_posts(), "ack");
  EXPECT_EQ(acks.size(), 2u) << "everything is acknowledged again all the same";
}

TEST_F(ConsoleDeskRelayTest, ARepeatedAssignmentIdIsAcknowledgedAgainAndCountedAsDuplicate) {
  sign_in();
  desk.receive(assigned("r-1", "c-1"), kT);
  desk.take_posts();
  desk.receive(assigned("r-1", "c-1"), kT + 30000);
  EXPECT_EQ(of_kind(desk.take_posts(), "ack").size(), 1u);
  EXPECT_EQ(desk.counts().duplicates, 1);
  EXPECT_EQ(desk.conversations().size(), 1u);
}

TEST_F(ConsoleDeskRelayTest, ALateRepeatOfAnEndedConversationsAssignmentDoesNotReopenIt) {
  sign_in();
  desk.receive(assigned("r-1", "c-1"), kT);
  ASSERT_TRUE(desk.end("c-1", kT + 1).empty());
  desk.receive(assigned("r-7", "c-1"), kT + 2);
  EXPECT_EQ(desk.find("c-1")->status, DeskStatus::ended);
  EXPECT_FALSE(desk.reply("c-1", "reopened?", kT + 3).empty());
}

TEST_F(ConsoleDeskRelayTest, BadTranscriptLinesAreSkippedAndCounted) {
  sign_in();
  Json transcript = Json::parse(R"([{"id": "a", "from": "robot", "text": "x"}, {"from": "visitor", "text": "no id"},
                                    {"id": "b", "from": "visitor", "text": ""}, 7,
                                    {"id": "c", "from": "visitor", "text": "<b>kept as text</b>", "at": "yesterday"}])");
  desk.receive(assigned("r-1", "c-1", transcript), kT);
  const DeskConversation& c = *desk.find("c-1");
  EXPECT_EQ(desk.counts().ignored, 4);
  EXPECT_EQ(lines_with(c, "<b>kept as text</b>"), 1);
  EXPECT_EQ(c.transcript.front().at_ms, kT) << "a time that is not a number reads as now";
}

TEST_F(ConsoleDeskRelayTest, AVideoAssignmentIsJoinedByTheAgent) {
  sign_in();
  Json frame = assigned("r-1", "c-1");
  frame["body"]["channel"] = "video";
  frame["body"]["callId"] = "call-1";
  frame["body"]["camera"] = "one_way";
  desk.receive(frame, kT);
  desk.take_posts();
  const DeskConversation& c = *desk.find("c-1");
  ASSERT_TRUE(c.call.has_value());
  EXPECT_EQ(c.call->state, CallState::requested);
  EXPECT_EQ(c.call->mode, "one_way");
  ASSERT_TRUE(desk.join_video("c-1", kT + 1).empty());
  EXPECT_EQ(body_types(desk.take_posts()), std::vector<std::string>{"video.join"});
  EXPECT_EQ(desk.take_media().size(), 1u) << "the agent's media starts";
}

// ---- Releases ---------------------------------------------------------------------------------------

TEST_F(ConsoleDeskRelayTest, AReleasedConversationIsNoLongerMine) {
  sign_in();
  desk.receive(team_of(Json::parse(R"([{"id": "bo", "name": "Bo", "online": true}])")), kT);
  desk.receive(assigned("r-1", "c-1"), kT);
  desk.receive(from_relay({{"type", "conversation.released"}, {"id", "r-2"}, {"conversationId", "c-1"}, {"to", "bo"},
                           {"reason", "takeover"}}),
               kT + 1);
  const DeskConversation& c = *desk.find("c-1");
  EXPECT_EQ(c.status, DeskStatus::released);
  EXPECT_EQ(c.transcript.back().text, "Bo took this conversation over.");
  EXPECT_FALSE(desk.reply("c-1", "late", kT + 2).empty());
  EXPECT_FALSE(desk.end("c-1", kT + 2).empty());
}

TEST_F(ConsoleDeskRelayTest, AReleaseOfAnUnknownConversationChangesNothing) {
  sign_in();
  desk.receive(from_relay({{"type", "conversation.released"}, {"id", "r-2"}, {"conversationId", "zz"}, {"to", "bo"}}), kT);
  EXPECT_TRUE(desk.conversations().empty());
  EXPECT_EQ(of_kind(desk.take_posts(), "ack").size(), 1u) << "acknowledged: it is settled";
}

// ---- Queue and take ---------------------------------------------------------------------------------

TEST_F(ConsoleDeskRelayTest, TheQueueIsStateAndTakeAsksTheRelay) {
  sign_in();
  desk.receive(from_relay(Json::parse(R"({"type": "queue", "id": "r-5", "conversations": [
      {"conversationId": "q-1", "channel": "chat", "since": 1767603000000, "locale": "fr",
       "context": {"Page": {"value": "/kb", "isDisplayable": true}}, "prechat": [{"id": "t", "label": "Topic", "value": "Refund"}]},
      {"conversationId": "q-2", "channel": "video"}]})")),
               kT);
  ASSERT_EQ(desk.relay_queue().size(), 2u);
  EXPECT_EQ(desk.relay_queue()[0].id, "q-1");
  EXPECT_EQ(desk.relay_queue()[0].since_ms, 1767603000000);
  EXPECT_EQ(desk.relay_queue()[0].context, (TextPairs{{"Page", "/kb"}}));
  EXPECT_EQ(desk.relay_queue()[0].prechat, (TextPairs{{"Topic", "Refund"}}));
  EXPECT_EQ(desk.relay_queue()[1].channel, "video");
  desk.take_posts();

  ASSERT_TRUE(desk.take("q-1", kT + 1).empty());
  std::vector<Json> posts = desk.take_posts();
  ASSERT_EQ(body_types(posts), std::vector<std::string>{"conversation.take"});
  EXPECT_EQ(posts[0]["body"]["conversationId"], "q-1");
  EXPECT_TRUE(desk.take_pending("q-1"));
  EXPECT_FALSE(desk.take("q-1", kT + 2).empty()) << "asked once";

  // The relay assigns it (reason take) and sends the shorter queue.
  Json frame = assigned("r-6", "q-1");
  frame["body"]["reason"] = "take";
  desk.receive(frame, kT + 3);
  desk.receive(ack_from_relay(posts[0]["body"]["id"].get<std::string>()), kT + 3);
  EXPECT_FALSE(desk.take_pending("q-1"));
  ASSERT_EQ(desk.relay_queue().size(), 1u) << "the assigned one leaves the queue at once";
  EXPECT_EQ(desk.find("q-1")->transcript.back().text, "You took this conversation from the queue.");
  desk.receive(from_relay({{"type", "queue"}, {"id", "r-5"}, {"conversations", Json::array()}}), kT + 4);
  EXPECT_TRUE(desk.relay_queue().empty()) << "state: a reused id is applied all the same";
}

TEST_F(ConsoleDeskRelayTest, ATakeTheRelayRefusesIsDroppedAndShown) {
  sign_in();
  desk.take("q-1", kT);
  std::string id = desk.take_posts()[0]["body"]["id"].get<std::string>();
  desk.receive(relay_error("invalid", "not queued", id), kT + 1);
  EXPECT_FALSE(desk.take_pending("q-1"));
  EXPECT_EQ(desk.last_error()->message, "not queued");
}

TEST_F(ConsoleDeskRelayTest, MalformedQueueAndTeamEntriesAreSkippedAndBounded) {
  sign_in();
  Json entries = Json::array({Json{{"conversationId", 3}}, Json{{"channel", "chat"}}, Json{{"conversationId", "ok"}}});
  desk.receive(from_relay({{"type", "queue"}, {"id", "r-1"}, {"conversations", entries}}), kT);
  ASSERT_EQ(desk.relay_queue().size(), 1u);
  EXPECT_EQ(desk.counts().ignored, 2);
  desk.receive(from_relay({{"type", "queue"}, {"id", "r-2"}, {"conversations", "all of them"}}), kT);
  EXPECT_EQ(desk.counts().ignored, 3) << "a queue that is not a list is ignored, the last one stays";
  EXPECT_EQ(desk.relay_queue().size(), 1u);
  Json many = Json::array();
  for (int i = 0; i < 150; ++i) many.push_back(Json{{"id", "a" + std::to_string(i)}, {"name", std::string(300, 'n')}});
  desk.receive(team_of(many), kT);
  EXPECT_EQ(desk.team().size(), kMaxTeam);
  EXPECT_EQ(desk.team()[0].name.size(), kMaxNameBytes);
}

TEST_F(ConsoleDeskRelayTest, AcceptAndQueueAreTheRelaysInRelayMode) {
  sign_in();
  desk.receive(assigned("r-1", "c-1"), kT);
  EXPECT_EQ(desk.accept("c-1", kT)[0].code, ErrorCode::invalid_state);
  EXPECT_EQ(desk.queue("c-1", kT)[0].code, ErrorCode::invalid_state);
  AgentDesk channel_desk{"c"};
  EXPECT_FALSE(channel_desk.take("q-1", kT).empty()) << "and take is not the BroadcastChannel's";
}

TEST_F(ConsoleDeskRelayTest, VisitorHelloIsNotAnsweredWithAvailabilityInRelayMode) {
  sign_in();
  desk.receive(from_relay({{"type", "visitor.hello"}, {"id", "v-1"}}), kT);
  std::vector<Json> posts = desk.take_posts();
  EXPECT_TRUE(body_types(posts).empty());
  EXPECT_EQ(of_kind(posts, "ack").size(), 1u);
}

// ---- Team and transfer ------------------------------------------------------------------------------

TEST_F(ConsoleDeskRelayTest, TransferGoesToASignedInTeammate) {
  sign_in();
  desk.receive(team_of(Json::parse(R"([{"id": "alex", "name": "Alex", "online": true, "chat": true, "open": 1, "maxChats": 3},
      {"id": "bo", "name": "Bo", "online": true, "chat": true, "video": true, "open": 0, "maxChats": 2},
      {"id": "cy", "name": "Cy", "online": false}])")),
               kT);
  ASSERT_EQ(desk.team().size(), 3u);
  EXPECT_TRUE(desk.team()[1].video);
  EXPECT_EQ(desk.team()[1].max_chats, 2);
  desk.receive(assigned("r-1", "c-1"), kT);
  desk.take_posts();
  EXPECT_EQ(desk.transfer("c-1", "cy", kT)[0].message, "that agent is not signed in");
  EXPECT_EQ(desk.transfer("c-1", "alex", kT)[0].message, "this conversation is yours already");
  EXPECT_EQ(desk.transfer("c-9", "bo", kT)[0].message, "no such conversation");
  ASSERT_TRUE(desk.transfer("c-1", "bo", kT).empty());
  std::vector<Json> posts = desk.take_posts();
  ASSERT_EQ(body_types(posts), std::vector<std::string>{"conversation.transfer"});
  EXPECT_EQ(posts[0]["body"]["agentId"], "bo");
  EXPECT_EQ(posts[0]["body"]["conversationId"], "c-1");
  desk.receive(from_relay({{"type", "conversation.released"}, {"id", "r-3"}, {"conversationId", "c-1"}, {"to", "bo"},
                           {"reason", "transfer"}}),
               kT + 1);
  EXPECT_EQ(desk.find("c-1")->status, DeskStatus::released);
  EXPECT_EQ(desk.find("c-1")->transcript.back().text, "Transferred to Bo.");
}

TEST_F(ConsoleDeskRelayTest, TeamChangedReplacesTheChangedLinesInPlace) {
  sign_in();
  desk.receive(team_of(Json::parse(R"([{"id": "alex", "name": "Alex", "online": true, "open": 0},
      {"id": "bo", "name": "Bo", "online": false}, {"id": "cy", "name": "Cy", "online": false}])")),
               kT);
  desk.receive(from_relay({{"type", "team.changed"}, {"id", "r-2"},
                           {"agents", Json::parse(R"([{"id": "bo", "name": "Bo", "online": true, "chat": true, "open": 2},
                                                      {"id": "dee", "name": "Dee", "online": true}])")}}),
               kT + 1);
  ASSERT_EQ(desk.team().size(), 4u) << "an agent not known yet is added at the end";
  EXPECT_EQ(desk.team()[0].name, "Alex");
  EXPECT_EQ(desk.team()[1].id, "bo");
  EXPECT_TRUE(desk.team()[1].online);
  EXPECT_EQ(desk.team()[1].open, 2);
  EXPECT_FALSE(desk.team()[2].online);
  EXPECT_EQ(desk.team()[3].id, "dee");
  desk.receive(team_of(Json::parse(R"([{"id": "alex", "name": "Alex", "online": true}])")), kT + 2);
  EXPECT_EQ(desk.team().size(), 1u) << "a whole team replaces everything";
}

// ---- The URL and the reconnect schedule ---------------------------------------------------------------

TEST(ConsoleRelayUrl, WsAndWssUrlsWithoutCredentialsAreAccepted) {
  EXPECT_TRUE(check_relay_url("ws://127.0.0.1:8443/agent").empty());
  EXPECT_TRUE(check_relay_url("wss://relay.example/agent").empty());
  EXPECT_FALSE(check_relay_url("").empty());
  EXPECT_FALSE(check_relay_url("http://relay.example/agent").empty());
  EXPECT_FALSE(check_relay_url("javascript:alert(1)").empty());
  EXPECT_FALSE(check_relay_url("wss://alex:pw@relay.example/agent").empty());
  EXPECT_FALSE(check_relay_url("wss://relay.example/agent?Token=abc").empty()) << "the token goes in hello, not the URL";
  EXPECT_FALSE(check_relay_url("ws:///agent").empty());
  EXPECT_FALSE(check_relay_url("ws://relay example/agent").empty());
  EXPECT_FALSE(check_relay_url("ws://r/" + std::string(3000, 'a')).empty());
}

TEST(ConsoleReconnectBackoff, DoublesWithJitterUpToTheCapAndResetsOnWelcome) {
  ReconnectBackoff backoff;
  EXPECT_EQ(backoff.next_delay_ms(0.0), 250);   // half of the 500 ms step, plus nothing
  EXPECT_EQ(backoff.next_delay_ms(1.0), 1000);  // the whole 1 s step
  EXPECT_EQ(backoff.next_delay_ms(0.5), 1500);  // 2 s step: 1 s + 0.5 s
  for (int i = 0; i < 40; ++i) backoff.next_delay_ms(0.99);
  double capped = backoff.next_delay_ms(1.0);
  EXPECT_EQ(capped, ReconnectBackoff::kMaxDelayMs);
  EXPECT_GE(backoff.next_delay_ms(0.0), ReconnectBackoff::kMaxDelayMs / 2) << "jitter never brings it back to the start";
  backoff.reset();
  EXPECT_EQ(backoff.next_delay_ms(2.0), 500) << "random clamped to 1";
  EXPECT_EQ(backoff.attempts(), 1);
}

}  // namespace
}  // namespace parley::console
