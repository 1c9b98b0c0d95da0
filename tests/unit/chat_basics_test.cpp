// Chat basics: typing both ways (ChatPresence alone, then through the engine), delivered and read
// receipts under the visitor's last message, and the agent's name and picture on its messages.
#include <gtest/gtest.h>

#include "parley/chat_presence.hpp"
#include "parley/engine.hpp"

namespace parley {
namespace {

constexpr double kStart = 1767603600000;  // 2026-01-05T09:00:00Z

// ---- ChatPresence alone -----------------------------------------------------------------------

TEST(ChatPresence, VisitorOnOncePerRepeatIntervalThenOffWhenCleared) {
  ChatPresence presence;
  EXPECT_EQ(presence.visitor_typed(true, 0), std::optional<bool>(true));
  EXPECT_EQ(presence.visitor_typed(true, 500), std::nullopt);
  EXPECT_EQ(presence.visitor_typed(true, kTypingRepeatMs - 1), std::nullopt);
  EXPECT_EQ(presence.visitor_typed(true, kTypingRepeatMs), std::optional<bool>(true));  // still typing: said again
  EXPECT_EQ(presence.visitor_typed(false, kTypingRepeatMs + 10), std::optional<bool>(false));
  EXPECT_EQ(presence.visitor_typed(false, kTypingRepeatMs + 20), std::nullopt);  // "off" once
}

TEST(ChatPresence, VisitorStoppedSaysOffOnlyAfterOn) {
  ChatPresence presence;
  EXPECT_EQ(presence.visitor_stopped(), std::nullopt);
  presence.visitor_typed(true, 0);
  EXPECT_EQ(presence.visitor_stopped(), std::optional<bool>(false));
  EXPECT_EQ(presence.visitor_stopped(), std::nullopt);
}

TEST(ChatPresence, VisitorIdleGoesOffAtItsDeadline) {
  ChatPresence presence;
  EXPECT_EQ(presence.next_deadline_ms(), kNever);
  presence.visitor_typed(true, 1000);
  presence.visitor_typed(true, 2000);  // a keystroke moves the idle deadline
  EXPECT_EQ(presence.next_deadline_ms(), 2000 + kVisitorIdleMs);
  EXPECT_EQ(presence.advance(2000 + kVisitorIdleMs - 1), std::nullopt);
  EXPECT_EQ(presence.advance(2000 + kVisitorIdleMs), std::optional<bool>(false));
  EXPECT_EQ(presence.next_deadline_ms(), kNever);
}

TEST(ChatPresence, AgentTypingShowsUntilOffMessageOrTimeout) {
  ChatPresence presence;
  presence.agent_typing(true, 0);
  EXPECT_TRUE(presence.agent_typing_shown(kTypingTimeoutMs - 1));
  EXPECT_EQ(presence.next_deadline_ms(), kTypingTimeoutMs);
  presence.advance(kTypingTimeoutMs);
  EXPECT_FALSE(presence.agent_typing_shown(kTypingTimeoutMs));
  EXPECT_EQ(presence.next_deadline_ms(), kNever);

  presence.agent_typing(true, 100);
  presence.agent_typing(false, 200);
  EXPECT_FALSE(presence.agent_typing_shown(200));
  presence.agent_typing(true, 300);
  presence.agent_spoke();
  EXPECT_FALSE(presence.agent_typing_shown(300));
}

// ---- Through the engine -----------------------------------------------------------------------

class ChatBasicsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(engine.configure(R"({"theme": {"agentName": "Support", "agentAvatar": "https://cdn.example/team.png"}})").empty());
    ASSERT_TRUE(handle(Json{{"type", "pageLoad"}, {"url", "https://contoso.com/"}}, 0).empty());
    ASSERT_TRUE(handle(Json{{"type", "startChat"}}, 0).empty());
    for (const Json& action : engine.take_actions())
      if (action["type"] == "send" && action["message"]["type"] == "conversation.start")
        conversation = action["message"]["conversationId"].get<std::string>();
    ASSERT_FALSE(conversation.empty());
  }
  Errors handle(Json event, double at_ms) { return engine.handle(event, kStart + at_ms); }
  Errors agent(Json message, double at_ms) {
    message["conversationId"] = conversation;
    if (!message.contains("id")) message["id"] = "desk-" + std::to_string(++desk_ids);
    return handle(Json{{"type", "received"}, {"message", std::move(message)}}, at_ms);
  }
  void join(std::string name, double at_ms) { ASSERT_TRUE(agent(Json{{"type", "agent.joined"}, {"agentName", name}}, at_ms).empty()); }
  // The typing states the engine sent since the last call.
  std::vector<std::string> typing_sent() {
    std::vector<std::string> states;
    for (const Json& action : engine.take_actions())
      if (action["type"] == "send" && action["message"]["type"] == "visitor.typing") {
        EXPECT_EQ(action["message"]["conversationId"], conversation);
        states.push_back(action["message"]["state"].get<std::string>());
      }
    return states;
  }
  std::string sent_message_id(std::string text, double at_ms) {
    EXPECT_TRUE(handle(Json{{"type", "sendMessage"}, {"text", text}}, at_ms).empty());
    for (const Json& action : engine.take_actions())
      if (action["type"] == "send" && action["message"]["type"] == "visitor.message") return action["message"]["id"].get<std::string>();
    ADD_FAILURE() << "no visitor.message";
    return {};
  }
  Json chat() const { return engine.view()["chat"]; }

  Engine engine;
  std::string conversation;
  int desk_ids = 0;
};

TEST_F(ChatBasicsTest, VisitorTypingIsThrottledAndEndsOnSendBlurOrIdle) {
  handle(Json{{"type", "draft"}, {"text", "H"}}, 100);
  EXPECT_TRUE(typing_sent().empty()) << "no agent yet: nobody to tell";
  join("Alex", 200);
  handle(Json{{"type", "draft"}, {"text", "He"}}, 300);
  handle(Json{{"type", "draft"}, {"text", "Hel"}}, 400);
  EXPECT_EQ(typing_sent(), std::vector<std::string>{"on"});
  handle(Json{{"type", "draft"}, {"text", "Hell"}}, 300 + kTypingRepeatMs);
  EXPECT_EQ(typing_sent(), std::vector<std::string>{"on"});
  sent_message_id("Hello", 3500);
  engine.take_actions();
  // The send said "off" before the message.
  handle(Json{{"type", "draft"}, {"text", "A"}}, 4000);
  EXPECT_EQ(typing_sent(), std::vector<std::string>{"on"});
  ASSERT_TRUE(handle(Json{{"type", "composerBlur"}}, 4100).empty());
  EXPECT_EQ(typing_sent(), std::vector<std::string>{"off"});
  handle(Json{{"type", "draft"}, {"text", "AB"}}, 5000);
  EXPECT_EQ(typing_sent(), std::vector<std::string>{"on"});
  EXPECT_EQ(engine.next_deadline_ms(), kStart + 5000 + kVisitorIdleMs);
  handle(Json{{"type", "tick"}}, 5000 + kVisitorIdleMs);
  EXPECT_EQ(typing_sent(), std::vector<std::string>{"off"});
}

TEST_F(ChatBasicsTest, SendingSaysOffBeforeTheMessage) {
  join("Alex", 0);
  handle(Json{{"type", "draft"}, {"text", "Hi"}}, 100);
  engine.take_actions();
  handle(Json{{"type", "sendMessage"}, {"text", "Hi"}}, 200);
  std::vector<std::string> types;
  for (const Json& action : engine.take_actions())
    if (action["type"] == "send") types.push_back(action["message"]["type"].get<std::string>());
  EXPECT_EQ(types, (std::vector<std::string>{"visitor.typing", "visitor.message"}));
}

TEST_F(ChatBasicsTest, AgentTypingShowsWithItsNameAndTimesOutWithoutOff) {
  join("Alex", 0);
  EXPECT_TRUE(chat()["typing"].is_null());
  ASSERT_TRUE(agent(Json{{"type", "agent.typing"}, {"state", "on"}}, 1000).empty());
  EXPECT_EQ(chat()["typing"], (Json{{"key", "agentTyping"}, {"params", {{"name", "Alex"}}}, {"text", "Alex is typing…"}}));
  EXPECT_EQ(engine.next_deadline_ms(), kStart + 1000 + kTypingTimeoutMs);
  handle(Json{{"type", "tick"}}, 1000 + kTypingTimeoutMs - 1);
  EXPECT_FALSE(chat()["typing"].is_null());
  handle(Json{{"type", "tick"}}, 1000 + kTypingTimeoutMs);
  EXPECT_TRUE(chat()["typing"].is_null()) << "no off came: it timed out";
}

TEST_F(ChatBasicsTest, AgentTypingEndsWithOffOrAMessage) {
  join("", 0);
  agent(Json{{"type", "agent.typing"}, {"state", "on"}}, 100);
  // No name from the agent: the theme's agent name.
  EXPECT_EQ(chat()["typing"]["text"], "Support is typing…");
  agent(Json{{"type", "agent.typing"}, {"state", "off"}}, 200);
  EXPECT_TRUE(chat()["typing"].is_null());
  agent(Json{{"type", "agent.typing"}, {"state", "on"}}, 300);
  agent(Json{{"type", "agent.message"}, {"text", "Hello"}}, 400);
  EXPECT_TRUE(chat()["typing"].is_null());
}

TEST_F(ChatBasicsTest, BadTypingIsRefusedAndChangesNothing) {
  join("Alex", 0);
  Errors errors = agent(Json{{"type", "agent.typing"}, {"state", "maybe"}}, 100);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].path, "/message/state");
  EXPECT_TRUE(chat()["typing"].is_null());
}

TEST_F(ChatBasicsTest, DeliveredThenReadUnderTheVisitorsLastMessage) {
  join("Alex", 0);
  std::string first = sent_message_id("One", 100);
  std::string second = sent_message_id("Two", 200);
  EXPECT_TRUE(chat()["receipt"].is_null()) << "merely sent: nothing shown";
  ASSERT_TRUE(handle(Json{{"type", "delivered"}, {"id", first}}, 300).empty());
  EXPECT_TRUE(chat()["receipt"].is_null()) << "only the last message has a receipt";
  ASSERT_TRUE(handle(Json{{"type", "delivered"}, {"id", second}}, 300).empty());
  EXPECT_EQ(chat()["receipt"], (Json{{"id", second}, {"key", "delivered"}, {"text", "Delivered"}}));
  ASSERT_TRUE(agent(Json{{"type", "agent.read"}, {"upTo", first}}, 400).empty());
  EXPECT_EQ(chat()["receipt"]["key"], "delivered") << "read up to the first only";
  ASSERT_TRUE(agent(Json{{"type", "agent.read"}, {"upTo", second}}, 500).empty());
  EXPECT_EQ(chat()["receipt"], (Json{{"id", second}, {"key", "read"}, {"text", "Read"}}));
  // An ack for something that is not a message of the chat changes nothing and is no error.
  EXPECT_TRUE(handle(Json{{"type", "delivered"}, {"id", "p-hello"}}, 600).empty());
}

TEST_F(ChatBasicsTest, ReadWithoutUpToReadsEverythingAndSurvivesAReload) {
  join("Alex", 0);
  std::string id = sent_message_id("One", 100);
  agent(Json{{"type", "agent.read"}}, 200);
  EXPECT_EQ(chat()["receipt"]["key"], "read");
  // The stored conversation keeps it.
  std::string stored;
  for (const Json& action : engine.take_actions())
    if (action["type"] == "store" && action["value"].is_string()) stored = action["value"].get<std::string>();
  ASSERT_FALSE(stored.empty());
  Engine reloaded;
  reloaded.configure("{}");
  ASSERT_TRUE(reloaded.handle(Json{{"type", "pageLoad"}, {"url", "https://contoso.com/b"}, {"storage", {{"conversation", stored}}}}, kStart + 300).empty());
  EXPECT_EQ(reloaded.view()["chat"]["receipt"], (Json{{"id", id}, {"key", "read"}, {"text", "Read"}}));
}

TEST_F(ChatBasicsTest, AgentMessagesCarryTheirAuthorAndPictureAcrossATransfer) {
  ASSERT_TRUE(agent(Json{{"type", "agent.joined"}, {"agentName", "Alex"}, {"agentAvatar", "https://cdn.example/alex.png"}}, 0).empty());
  agent(Json{{"type", "agent.message"}, {"text", "Hi"}}, 100);
  agent(Json{{"type", "agent.joined"}, {"agentName", "Sam"}, {"agentAvatar", "javascript:alert(1)"}}, 200);
  agent(Json{{"type", "agent.message"}, {"text", "Sam here"}}, 300);
  Json messages = chat()["messages"];
  std::vector<std::pair<std::string, std::string>> authors;
  for (const Json& m : messages)
    if (m["from"] == "agent") authors.emplace_back(m["author"].get<std::string>(), m["avatar"].get<std::string>());
  EXPECT_EQ(authors, (std::vector<std::pair<std::string, std::string>>{
                         {"Alex", "https://cdn.example/alex.png"},
                         {"Sam", "https://cdn.example/team.png"}}))  // not an https picture: the theme's
      << messages.dump();
  EXPECT_EQ(chat()["avatar"], "https://cdn.example/team.png");
}

TEST_F(ChatBasicsTest, TheAgentsReplyTimeShowsBesideItsNameAndIsKeptAcrossAReload) {
  Engine site;
  ASSERT_TRUE(site.configure(R"({"theme": {"replyTime": "We usually reply within a day"}})").empty());
  EXPECT_EQ(chat()["agentReplyTime"], "");
  ASSERT_TRUE(agent(Json{{"type", "agent.joined"}, {"agentName", "Alex"}, {"replyTime", "Usually replies within 2 minutes"}}, 0).empty());
  EXPECT_EQ(chat()["agentReplyTime"], "Usually replies within 2 minutes");
  std::string stored;
  for (const Json& action : engine.take_actions())
    if (action["type"] == "store" && action["value"].is_string()) stored = action["value"].get<std::string>();
  ASSERT_FALSE(stored.empty());
  ASSERT_TRUE(site.handle(Json{{"type", "pageLoad"}, {"url", "https://contoso.com/b"}, {"storage", {{"conversation", stored}}}}, kStart + 300).empty());
  EXPECT_EQ(site.view()["chat"]["agentReplyTime"], "Usually replies within 2 minutes");
  EXPECT_EQ(site.view()["chat"]["replyTime"], "We usually reply within a day");  // the site's, for waiting
  // A transfer to an agent who sends none, or one over 200 bytes: none shows.
  agent(Json{{"type", "agent.joined"}, {"agentName", "Sam"}, {"replyTime", std::string(201, 'x')}}, 400);
  EXPECT_EQ(chat()["agentReplyTime"], "");
}

}  // namespace
}  // namespace parley
