// The wire's state in the chat ("Reconnecting…" after a grace, lcw:connectionChanged), and an
// agent who joins an active conversation (a transfer or a take-over on the relay).
#include <gtest/gtest.h>

#include "parley/connection_status.hpp"
#include "parley/engine.hpp"

namespace parley {
namespace {

constexpr double kStart = 1767603600000;  // 2026-01-05T09:00:00Z

class ConnectionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(engine.configure(R"({"locale": "auto"})").empty());
    ASSERT_TRUE(engine.handle(Json{{"type", "pageLoad"}, {"url", "https://contoso.com/kb/a"}, {"language", language}}, kStart).empty());
    engine.take_actions();
  }
  Errors handle(Json event, double at_ms) { return engine.handle(event, kStart + at_ms); }
  Errors connection(std::string_view state, double at_ms) { return handle(Json{{"type", "connection"}, {"state", state}}, at_ms); }
  // Starts a chat and returns its conversation id (from the conversation.start it sent).
  std::string start_chat(double at_ms) {
    EXPECT_TRUE(handle(Json{{"type", "startChat"}}, at_ms).empty());
    for (const Json& action : engine.take_actions())
      if (action["type"] == "send" && action["message"]["type"] == "conversation.start")
        return action["message"]["conversationId"].get<std::string>();
    ADD_FAILURE() << "no conversation.start";
    return {};
  }
  Errors agent(Json message, double at_ms) { return handle(Json{{"type", "received"}, {"message", std::move(message)}}, at_ms); }
  std::vector<Json> emitted(std::string_view name) {
    std::vector<Json> details;
    for (const Json& action : engine.take_actions())
      if (action["type"] == "emit" && action["name"] == name) details.push_back(action["detail"]);
    return details;
  }
  std::string language = "en";
  Engine engine;
};

// ---- ConnectionStatus alone ---------------------------------------------------------------------

TEST(ConnectionStatus, OnlineUntilToldAndNoDeadline) {
  ConnectionStatus status;
  EXPECT_EQ(status.state(), ConnectionState::online);
  EXPECT_FALSE(status.reconnecting_shown());
  EXPECT_EQ(status.next_deadline_ms(), kNever);
}

TEST(ConnectionStatus, ShowsOnlyAfterTheGraceAndAQuickReconnectNeverShows) {
  ConnectionStatus status;
  EXPECT_TRUE(status.update(ConnectionState::offline, 1000));
  EXPECT_EQ(status.next_deadline_ms(), 1000 + kReconnectingGraceMs);
  EXPECT_TRUE(status.update(ConnectionState::connecting, 1500));  // retrying keeps the time it left
  status.advance(1000 + kReconnectingGraceMs - 1);
  EXPECT_FALSE(status.reconnecting_shown());
  status.advance(1000 + kReconnectingGraceMs);
  EXPECT_TRUE(status.reconnecting_shown());
  EXPECT_EQ(status.next_deadline_ms(), kNever);
  EXPECT_TRUE(status.update(ConnectionState::online, 9000));
  EXPECT_FALSE(status.reconnecting_shown());

  EXPECT_TRUE(status.update(ConnectionState::connecting, 10000));
  EXPECT_TRUE(status.update(ConnectionState::online, 10500));
  status.advance(20000);
  EXPECT_FALSE(status.reconnecting_shown());
}

TEST(ConnectionStatus, TheSameStateTwiceIsNoChange) {
  ConnectionStatus status;
  EXPECT_FALSE(status.update(ConnectionState::online, 0));
  EXPECT_TRUE(status.update(ConnectionState::offline, 0));
  EXPECT_FALSE(status.update(ConnectionState::offline, 5000));
}

TEST(ConnectionStatus, StatesUseTheirJsonNames) {
  EXPECT_EQ(to_string(ConnectionState::connecting), "connecting");
  EXPECT_EQ(to_string(ConnectionState::offline), "offline");
}

// ---- In the engine --------------------------------------------------------------------------------

TEST_F(ConnectionTest, ReconnectingShowsInTheChatAfterTheGraceAndClears) {
  start_chat(10);
  ASSERT_TRUE(connection("offline", 1000).empty());
  EXPECT_TRUE(engine.view()["chat"]["connection"].is_null()) << "not during the grace";
  EXPECT_EQ(engine.next_deadline_ms(), kStart + 1000 + kReconnectingGraceMs);
  handle(Json{{"type", "tick"}}, 1000 + kReconnectingGraceMs);
  Json shown = engine.view()["chat"]["connection"];
  EXPECT_EQ(shown, (Json{{"state", "offline"}, {"status", "Reconnecting…"}}));
  connection("connecting", 5000);
  EXPECT_EQ(engine.view()["chat"]["connection"]["state"], "connecting");
  connection("online", 6000);
  EXPECT_TRUE(engine.view()["chat"]["connection"].is_null());
  EXPECT_EQ(engine.next_deadline_ms(), kNever);
}

TEST_F(ConnectionTest, AQuickReconnectDoesNotFlash) {
  start_chat(10);
  connection("connecting", 1000);
  connection("online", 1800);
  handle(Json{{"type", "tick"}}, 10000);
  EXPECT_TRUE(engine.view()["chat"]["connection"].is_null());
}

TEST_F(ConnectionTest, FrenchPageSaysReconnexion) {
  engine = Engine();
  language = "fr";
  SetUp();
  start_chat(10);
  connection("offline", 100);
  handle(Json{{"type", "tick"}}, 100 + kReconnectingGraceMs);
  EXPECT_EQ(engine.view()["chat"]["connection"]["status"], "Reconnexion…");
}

TEST_F(ConnectionTest, NothingShowsAndNoDeadlineWithoutAConversation) {
  connection("offline", 1000);
  EXPECT_TRUE(engine.view()["chat"].is_null());
  EXPECT_EQ(engine.next_deadline_ms(), kNever) << "no timer for a status nobody sees";
  // A chat that opens after the grace shows it at once.
  handle(Json{{"type", "startChat"}}, 1000 + kReconnectingGraceMs + 1);
  EXPECT_EQ(engine.view()["chat"]["connection"]["state"], "offline");
}

TEST_F(ConnectionTest, ConnectionChangedFiresOnChangesOnly) {
  connection("connecting", 10);
  EXPECT_EQ(emitted("lcw:connectionChanged"), (std::vector<Json>{Json{{"state", "connecting"}}}));
  connection("connecting", 20);
  EXPECT_TRUE(emitted("lcw:connectionChanged").empty());
  connection("online", 30);
  EXPECT_EQ(emitted("lcw:connectionChanged"), (std::vector<Json>{Json{{"state", "online"}}}));
}

TEST_F(ConnectionTest, ABadStateIsAnErrorValueAndChangesNothing) {
  Errors errors = connection("sideways", 10);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].code, ErrorCode::unknown_value);
  EXPECT_EQ(errors[0].path, "/state");
  EXPECT_EQ(handle(Json{{"type", "connection"}}, 20)[0].code, ErrorCode::missing_field);
  EXPECT_EQ(engine.inspect(kStart)["connection"], "online");
}

// ---- A transfer: agent.joined while Active ------------------------------------------------------

TEST_F(ConnectionTest, AnotherAgentJoiningAnActiveChatRenamesItAndSaysSo) {
  std::string id = start_chat(10);
  ASSERT_TRUE(agent(Json{{"type", "agent.joined"}, {"id", "r-1"}, {"conversationId", id}, {"agentName", "Alex"}}, 20).empty());
  ASSERT_EQ(engine.state(), ConversationState::Active);
  engine.take_actions();
  ASSERT_TRUE(agent(Json{{"type", "agent.joined"}, {"id", "r-2"}, {"conversationId", id}, {"agentName", "Sam"}}, 30).empty());
  EXPECT_EQ(engine.state(), ConversationState::Active);
  Json chat = engine.view()["chat"];
  EXPECT_EQ(chat["agentName"], "Sam");
  EXPECT_EQ(chat["messages"].back()["from"], "system");
  EXPECT_EQ(chat["messages"].back()["text"], "Sam joined the conversation.");
  EXPECT_TRUE(chat["canSend"].get<bool>());
}

TEST_F(ConnectionTest, ATransferWithoutANameSaysAnAgentJoined) {
  std::string id = start_chat(10);
  agent(Json{{"type", "agent.joined"}, {"id", "r-1"}, {"conversationId", id}, {"agentName", "Alex"}}, 20);
  agent(Json{{"type", "agent.joined"}, {"id", "r-2"}, {"conversationId", id}}, 30);
  Json chat = engine.view()["chat"];
  EXPECT_EQ(chat["agentName"], "");
  EXPECT_EQ(chat["messages"].back()["text"], "An agent joined the conversation.");
}

TEST_F(ConnectionTest, ATransferInFrenchNamesTheNewAgent) {
  engine = Engine();
  language = "fr";
  SetUp();
  std::string id = start_chat(10);
  agent(Json{{"type", "agent.joined"}, {"id", "r-1"}, {"conversationId", id}, {"agentName", "Alex"}}, 20);
  agent(Json{{"type", "agent.joined"}, {"id", "r-2"}, {"conversationId", id}, {"agentName", "Sam"}}, 30);
  EXPECT_EQ(engine.view()["chat"]["messages"].back()["text"], "Sam a rejoint la conversation.");
}

TEST_F(ConnectionTest, TheSameJoinDeliveredTwiceAddsOneLine) {
  std::string id = start_chat(10);
  agent(Json{{"type", "agent.joined"}, {"id", "r-1"}, {"conversationId", id}, {"agentName", "Alex"}}, 20);
  Json sam = {{"type", "agent.joined"}, {"id", "r-2"}, {"conversationId", id}, {"agentName", "Sam"}};
  agent(sam, 30);
  std::size_t lines = engine.view()["chat"]["messages"].size();
  agent(sam, 40);
  EXPECT_EQ(engine.view()["chat"]["messages"].size(), lines);
}

}  // namespace
}  // namespace parley
