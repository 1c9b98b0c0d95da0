// The transition table itself: well-formed, and every state can get back to Closed.
#include <gtest/gtest.h>

#include <set>

#include "parley/conversation.hpp"

namespace parley {
namespace {

TEST(ConversationTable, AnUnguardedRowEndsEachGroupOfAlternatives) {
  // Rows for the same (from, trigger) are alternatives tried in order; the last must have no
  // guard, or an event could fall through all of them in a state that listed it.
  auto table = transition_table();
  for (std::size_t i = 0; i < table.size(); ++i) {
    bool last_of_group = true;
    for (std::size_t j = i + 1; j < table.size(); ++j)
      if (table[j].from == table[i].from && table[j].trigger == table[i].trigger) last_of_group = false;
    if (last_of_group)
      EXPECT_EQ(table[i].guard, Guard::always) << to_string(table[i].from) << " + " << to_string(table[i].trigger);
  }
}

TEST(ConversationTable, NoRowIsShadowedByAnEarlierUnguardedOne) {
  auto table = transition_table();
  for (std::size_t i = 0; i < table.size(); ++i)
    for (std::size_t j = 0; j < i; ++j)
      EXPECT_FALSE(table[j].from == table[i].from && table[j].trigger == table[i].trigger &&
                   table[j].guard == Guard::always)
          << "row " << i << " can never match";
}

TEST(ConversationTable, EveryStateCanReachClosed) {
  std::set<ConversationState> reaches_closed = {ConversationState::Closed};
  for (int round = 0; round < 10; ++round)
    for (const Transition& row : transition_table())
      if (reaches_closed.count(row.to)) reaches_closed.insert(row.from);
  for (ConversationState state : {ConversationState::ProactiveChat, ConversationState::Prechat, ConversationState::Loading,
                                  ConversationState::Active, ConversationState::InActive, ConversationState::Postchat,
                                  ConversationState::Error})
    EXPECT_TRUE(reaches_closed.count(state)) << to_string(state);
}

TEST(ConversationTable, OnlyClosedShowsNoConversation) {
  EXPECT_FALSE(is_busy(ConversationState::Closed));
  EXPECT_TRUE(is_busy(ConversationState::ProactiveChat));
  EXPECT_TRUE(is_busy(ConversationState::Active));
}

TEST(ConversationTable, StatesUseTheOmnichannelNames) {
  EXPECT_EQ(to_string(ConversationState::ProactiveChat), "ProactiveChat");
  EXPECT_EQ(to_string(ConversationState::InActive), "InActive");
  EXPECT_EQ(to_string(ConversationState::Postchat), "Postchat");
}

}  // namespace
}  // namespace parley
