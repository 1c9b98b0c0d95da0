// The transition table itself: well-formed, and every state can get back to Closed.
#include <gtest/gtest.h>

#include <set>

#include "transition_table_checks.hpp"
#include "parley/conversation.hpp"

namespace parley {
namespace {

TEST(ConversationTable, IsWellFormed) { expect_well_formed(transition_table(), Guard::always); }

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
