// What the agent has not seen (console/desk_attention.hpp): unread counts per conversation, cleared
// by opening it while looking; the title badge's count of what came while the agent looked away.
#include <gtest/gtest.h>

#include "console/desk_attention.hpp"

namespace parley::console {
namespace {

DeskLine visitor_line(std::string id, double at) {
  DeskLine line;
  line.id = std::move(id);
  line.from = "visitor";
  line.text = "hi";
  line.at_ms = at;
  return line;
}

DeskConversation conversation(std::string id) {
  DeskConversation c;
  c.id = std::move(id);
  DeskLine start;
  start.from = "system";
  start.text = "The visitor started a chat conversation.";
  c.transcript.push_back(start);
  return c;
}

TEST(DeskBadge, Prefix) {
  EXPECT_EQ(badge_prefix(0), "");
  EXPECT_EQ(badge_prefix(-1), "");
  EXPECT_EQ(badge_prefix(2), "(2) ");
  EXPECT_EQ(badge_prefix(99), "(99) ");
  EXPECT_EQ(badge_prefix(100), "(99+) ");
}

TEST(DeskAttention, MessagesInAConversationThatIsNotOpenAreUnreadUntilItIsOpened) {
  DeskAttention attention;
  std::vector<DeskConversation> list = {conversation("b"), conversation("a")};
  attention.observe(list, "a", true);
  list[0].transcript.push_back(visitor_line("b-1", 1));
  list[0].transcript.push_back(visitor_line("b-2", 2));
  list[1].transcript.push_back(visitor_line("a-1", 3));
  attention.observe(list, "a", true);
  EXPECT_EQ(attention.unread("b"), 2);
  EXPECT_EQ(attention.unread("a"), 0) << "the open conversation, while the agent looks";
  EXPECT_FALSE(attention.opened("b"));
  attention.observe(list, "a", true);
  EXPECT_EQ(attention.unread("b"), 2) << "counted once";
  attention.observe(list, "b", true);
  EXPECT_EQ(attention.unread("b"), 0);
  EXPECT_TRUE(attention.opened("b"));
}

TEST(DeskAttention, TheOpenConversationCountsWhileTheAgentLooksAway) {
  DeskAttention attention;
  std::vector<DeskConversation> list = {conversation("a")};
  attention.observe(list, "a", true);
  list[0].transcript.push_back(visitor_line("a-1", 1));
  EXPECT_EQ(attention.observe(list, "a", false), 1);
  EXPECT_EQ(attention.unread("a"), 1);
  EXPECT_EQ(attention.alerts(), 1);
  attention.observe(list, "a", true);
  EXPECT_EQ(attention.unread("a"), 0);
  EXPECT_EQ(attention.alerts(), 0);
}

TEST(DeskAttention, AlertsCountNewConversationsAndMessagesOnlyWhileNotLooking) {
  DeskAttention attention;
  std::vector<DeskConversation> list = {conversation("a")};
  EXPECT_EQ(attention.observe(list, "a", true), 0) << "a conversation that comes while the agent looks is no alert";
  list.insert(list.begin(), conversation("b"));
  EXPECT_EQ(attention.observe(list, "a", false), 1);
  list[0].transcript.push_back(visitor_line("b-1", 1));
  list[1].transcript.push_back(visitor_line("a-1", 2));
  EXPECT_EQ(attention.observe(list, "a", false), 2);
  EXPECT_EQ(attention.observe(list, "a", false), 0) << "nothing new";
  EXPECT_EQ(attention.alerts(), 3);
  EXPECT_EQ(badge_prefix(attention.alerts()), "(3) ");
  attention.observe(list, "a", true);
  EXPECT_EQ(attention.alerts(), 0);
  EXPECT_EQ(attention.unread("b"), 1) << "looking clears the badge, not the other conversation's unread";
}

TEST(DeskAttention, AgentAndSystemLinesAreNotUnread) {
  DeskAttention attention;
  std::vector<DeskConversation> list = {conversation("a")};
  attention.observe(list, "", true);
  DeskLine reply;
  reply.id = "desk-1";
  reply.from = "agent";
  reply.outgoing = true;
  list[0].transcript.push_back(reply);
  EXPECT_EQ(attention.observe(list, "", false), 0);
  EXPECT_EQ(attention.unread("a"), 0);
}

TEST(DeskAttention, AtTheTranscriptCapNewLinesStillCountOnceAndTrimmedOnesDoNot) {
  DeskAttention attention;
  std::vector<DeskConversation> list = {conversation("a")};
  list[0].transcript.push_back(visitor_line("a-1", 1));
  attention.observe(list, "a", true);
  // The counted line is trimmed away as two come in: counting starts again from the newest.
  list[0].transcript.erase(list[0].transcript.begin(), list[0].transcript.end());
  list[0].transcript.push_back(visitor_line("a-2", 2));
  list[0].transcript.push_back(visitor_line("a-3", 3));
  attention.observe(list, "", true);
  EXPECT_EQ(attention.unread("a"), 0);
  list[0].transcript.erase(list[0].transcript.begin());
  list[0].transcript.push_back(visitor_line("a-4", 4));
  attention.observe(list, "", true);
  EXPECT_EQ(attention.unread("a"), 1);
}

TEST(DeskAttention, DroppedConversationsAreForgotten) {
  DeskAttention attention;
  std::vector<DeskConversation> list = {conversation("a")};
  list[0].transcript.push_back(visitor_line("a-1", 1));
  attention.observe(list, "", true);
  EXPECT_EQ(attention.unread("a"), 1);
  attention.observe({}, "", true);
  EXPECT_EQ(attention.unread("a"), 0);
}

}  // namespace
}  // namespace parley::console
