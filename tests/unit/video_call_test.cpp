// The video call's transition table: well-formed, no call can get stuck, media never outlives it.
#include <gtest/gtest.h>

#include <set>

#include "transition_table_checks.hpp"
#include "parley/video_call.hpp"

namespace parley {
namespace {

constexpr VideoState kAllStates[] = {VideoState::none,      VideoState::invited, VideoState::requested, VideoState::ringing,
                                     VideoState::connected, VideoState::failed,  VideoState::ended};

bool has_row(VideoState from, VideoTrigger trigger) {
  for (const VideoTransition& row : video_transition_table())
    if (row.from == from && row.trigger == trigger) return true;
  return false;
}

TEST(VideoTable, IsWellFormed) { expect_well_formed(video_transition_table(), VideoGuard::always); }

TEST(VideoTable, EndingTheChatEndsAnyCall) {
  // Whatever the call is doing, the conversation's end takes it back to none.
  for (VideoState state : kAllStates) {
    if (state == VideoState::none) continue;
    EXPECT_TRUE(has_row(state, VideoTrigger::chat_over)) << to_string(state);
  }
  for (const VideoTransition& row : video_transition_table())
    if (row.trigger == VideoTrigger::chat_over) EXPECT_EQ(row.to, VideoState::none);
}

TEST(VideoTable, TheVisitorCanAlwaysLeaveACallThatHoldsMedia) {
  for (VideoState state : kAllStates)
    if (holds_media(state) || state == VideoState::failed) {
      EXPECT_TRUE(has_row(state, VideoTrigger::hang_up)) << to_string(state);
    }
}

TEST(VideoTable, TheAgentCanEndOrCancelEveryCallItStarted) {
  for (VideoState state : {VideoState::requested, VideoState::ringing, VideoState::connected, VideoState::failed})
    EXPECT_TRUE(has_row(state, VideoTrigger::agent_hang_up)) << to_string(state);
  for (VideoState state : {VideoState::invited, VideoState::requested, VideoState::ringing, VideoState::failed})
    EXPECT_TRUE(has_row(state, VideoTrigger::agent_cancel)) << to_string(state);
}

TEST(VideoTable, EveryWayOutOfACallSaysWhoEndedItAndWhy) {
  // lcw:videoEnded fires on each of these rows: each needs its `by` and `reason`.
  for (const VideoTransition& row : video_transition_table())
    if (call_on(row.from) && !call_on(row.to)) {
      VideoEnd end = video_end_of(row.trigger);
      EXPECT_FALSE(end.by.empty() || end.reason.empty()) << to_string(row.from) << " + " << to_string(row.trigger);
    }
  // The rest leave a call on, or never had one: they name no end.
  for (VideoTrigger trigger : {VideoTrigger::start, VideoTrigger::agent_invite, VideoTrigger::agent_join, VideoTrigger::accept,
                               VideoTrigger::media_ready, VideoTrigger::media_error, VideoTrigger::prompt_timeout,
                               VideoTrigger::retry})
    EXPECT_TRUE(video_end_of(trigger).by.empty()) << to_string(trigger);
}

TEST(VideoTable, ALostConnectionEndsTheCall) {
  // The agent is told the call ended (video.ended "error"): there is nothing left to retry.
  for (const VideoTransition& row : video_transition_table())
    if (row.trigger == VideoTrigger::call_failed) EXPECT_EQ(row.to, VideoState::ended);
}

TEST(VideoTable, LeavingTheMediaStatesReleasesTheMedia) {
  // Every row out of a state that holds media into one that does not must stop it: its effect
  // sends endCall (hang_up, ended_by_agent, media_failed, connection_failed, chat_over).
  const std::set<VideoEffect> releasing = {VideoEffect::hang_up, VideoEffect::ended_by_agent, VideoEffect::media_failed,
                                           VideoEffect::connection_failed, VideoEffect::chat_over,
                                           VideoEffect::fall_back_to_chat};
  for (const VideoTransition& row : video_transition_table())
    if (holds_media(row.from) && !holds_media(row.to))
      EXPECT_TRUE(releasing.count(row.effect)) << to_string(row.from) << " + " << to_string(row.trigger);
}

TEST(VideoTable, EveryStateIsReachableFromNone) {
  std::set<VideoState> reached = {VideoState::none};
  for (int round = 0; round < 10; ++round)
    for (const VideoTransition& row : video_transition_table())
      if (reached.count(row.from)) reached.insert(row.to);
  for (VideoState state : kAllStates) EXPECT_TRUE(reached.count(state)) << to_string(state);
}

TEST(VideoTable, OnlyTheVisitorsAcceptAsksForMediaAfterAnInvitation) {
  // The agent's invitation or its joining early never starts the visitor's camera by itself.
  for (const VideoTransition& row : video_transition_table())
    if (row.from == VideoState::invited && row.trigger != VideoTrigger::accept)
      EXPECT_NE(row.to, VideoState::requested) << to_string(row.trigger);
}

}  // namespace
}  // namespace parley
