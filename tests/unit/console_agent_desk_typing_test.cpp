// The console's desk model: typing both ways and agent.read (TRANSPORT.md, "Typing and read").
#include <gtest/gtest.h>

#include "console/agent_desk.hpp"

namespace parley::console {
namespace {

constexpr double kT = 1767603600000;

Json from_visitor(Json body) { return Json{{"v", 1}, {"kind", "msg"}, {"from", "visitor"}, {"body", std::move(body)}}; }

class DeskTypingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    desk.start(kT);
    desk.receive(from_visitor({{"type", "conversation.start"}, {"id", "p-3"}, {"conversationId", "c1"}, {"channel", "chat"},
                               {"context", Json::object()}, {"prechat", Json::array()}}), kT);
    ASSERT_TRUE(desk.accept("c1", kT).empty());
    desk.take_posts();
  }
  // The typing states posted since the last call (ephemeral: each is in the posts once).
  std::vector<std::string> typing_posted() {
    std::vector<std::string> states;
    for (const Json& post : desk.take_posts())
      if (post["kind"] == "msg" && post["body"]["type"] == "agent.typing") {
        EXPECT_EQ(post["body"]["conversationId"], "c1");
        states.push_back(post["body"]["state"].get<std::string>());
      }
    return states;
  }
  AgentDesk desk{"t"};
};

TEST_F(DeskTypingTest, AgentTypingIsThrottledEndsOnReplyAndIsNeverResent) {
  std::size_t outbox = desk.outbox_size();  // agent.joined, not acknowledged here
  desk.reply_typed("c1", true, kT + 100);
  desk.reply_typed("c1", true, kT + 2000);
  EXPECT_EQ(typing_posted(), std::vector<std::string>{"on"});
  desk.reply_typed("c1", true, kT + 3100);
  EXPECT_EQ(typing_posted(), std::vector<std::string>{"on"});
  EXPECT_EQ(desk.outbox_size(), outbox) << "typing is not kept for resending";
  ASSERT_TRUE(desk.reply("c1", "Hello", kT + 3200).empty());
  std::vector<std::string> types;
  for (const Json& post : desk.take_posts()) types.push_back(post["body"]["type"].get<std::string>());
  EXPECT_EQ(types, (std::vector<std::string>{"agent.typing", "agent.message"}));
}

TEST_F(DeskTypingTest, AgentTypingGoesOffWhenClearedLeftOrIdle) {
  desk.reply_typed("c1", true, kT);
  desk.reply_typed("c1", false, kT + 100);
  EXPECT_EQ(typing_posted(), (std::vector<std::string>{"on", "off"}));
  desk.reply_typed("c1", true, kT + 200);
  desk.reply_left(kT + 300);
  desk.reply_left(kT + 400);
  EXPECT_EQ(typing_posted(), (std::vector<std::string>{"on", "off"}));
  desk.reply_typed("c1", true, kT + 1000);
  EXPECT_EQ(desk.next_typing_ms(), kT + 1000 + AgentDesk::kTypingIdleMs);
  desk.typing_due(kT + 1000 + AgentDesk::kTypingIdleMs);
  EXPECT_EQ(typing_posted(), (std::vector<std::string>{"on", "off"}));
}

TEST_F(DeskTypingTest, VisitorTypingShowsUntilOffMessageOrTimeout) {
  desk.receive(from_visitor({{"type", "visitor.typing"}, {"id", "p-4"}, {"conversationId", "c1"}, {"state", "on"}}), kT);
  EXPECT_TRUE(desk.visitor_typing("c1", kT + AgentDesk::kTypingTimeoutMs - 1));
  EXPECT_FALSE(desk.visitor_typing("c1", kT + AgentDesk::kTypingTimeoutMs)) << "no off came: it times out";
  desk.receive(from_visitor({{"type", "visitor.typing"}, {"id", "p-5"}, {"conversationId", "c1"}, {"state", "on"}}), kT + 100);
  desk.receive(from_visitor({{"type", "visitor.message"}, {"id", "p-6"}, {"conversationId", "c1"}, {"text", "Hi"}}), kT + 200);
  EXPECT_FALSE(desk.visitor_typing("c1", kT + 200));
  // Typing never makes a conversation.
  desk.receive(from_visitor({{"type", "visitor.typing"}, {"id", "p-7"}, {"conversationId", "other"}, {"state", "on"}}), kT);
  EXPECT_EQ(desk.find("other"), nullptr);
}

TEST_F(DeskTypingTest, ReadOncePerNewVisitorMessageOfTheConversationShown) {
  desk.select("c1");
  desk.shown(kT);
  EXPECT_TRUE(desk.take_posts().empty()) << "nothing to read yet";
  desk.receive(from_visitor({{"type", "visitor.message"}, {"id", "p-6"}, {"conversationId", "c1"}, {"text", "Hi"}}), kT + 100);
  desk.take_posts();
  std::size_t outbox = desk.outbox_size();
  desk.shown(kT + 200);
  desk.shown(kT + 300);
  std::vector<Json> reads;
  for (const Json& post : desk.take_posts())
    if (post["kind"] == "msg" && post["body"]["type"] == "agent.read") reads.push_back(post["body"]);
  ASSERT_EQ(reads.size(), 1u);
  EXPECT_EQ(reads[0]["upTo"], "p-6");
  EXPECT_EQ(desk.outbox_size(), outbox + 1) << "read is kept until acknowledged";
}

}  // namespace
}  // namespace parley::console
