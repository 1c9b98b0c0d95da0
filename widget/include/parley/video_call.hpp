// parley/video_call.hpp: the video call inside a conversation, as one transition table.
//
// A call is a sub-state of the conversation (parley/conversation.hpp): the chat goes on under
// it and after it. Rows read `from + trigger [guard] / effect = to`, the first row whose guard
// holds wins, exactly like the conversation table. The engine evaluates guards and performs
// effects (widget/src/engine_video.cpp); this file knows nothing else of the engine.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "parley/transition_table.hpp"

namespace parley {

enum class VideoState : std::uint8_t {
  none,       // no call in this conversation (yet)
  invited,    // the agent's video invitation is on screen
  requested,  // the visitor wants the call: the browser is asked for camera / microphone
  ringing,    // the visitor's media is ready, the agent has not joined: own preview only
  connected,  // both are in the call
  failed,     // the media could not be had (or the connection broke): the error is on screen
  ended,      // the call is over; the chat goes on
};

enum class VideoTrigger : std::uint8_t {
  start,           // a conversation started on the video channel
  agent_invite,    // video.invite
  agent_cancel,    // video.cancel
  agent_join,      // video.join
  agent_hang_up,   // video.ended from the agent
  accept,          // the visitor accepts the invitation
  decline,         // the visitor declines it
  media_ready,     // getUserMedia gave what was asked
  media_error,     // getUserMedia failed
  prompt_timeout,  // nobody answered the browser's prompt in time
  call_failed,     // the peer connection broke
  hang_up,         // the visitor ends the call, or dismisses the error
  retry,           // the visitor tries again after an error
  chat_over,       // the conversation itself ended: the call goes with it
  queued,          // no video agent after all: video never queues, the chat does
};

enum class VideoGuard : std::uint8_t { always, agent_in_call };

enum class VideoEffect : std::uint8_t {
  none,
  show_invitation,
  withdraw_invitation,
  decline_invitation,
  accept_invitation,   // tell the agent, then ask for the media
  request_media,
  agent_waiting,       // the agent joined before the visitor's media was ready
  ring,
  connect,
  media_failed,
  connection_failed,
  hang_up,             // the visitor ended it
  ended_by_agent,
  chat_over,
  fall_back_to_chat,
};

using VideoTransition = TransitionRow<VideoState, VideoTrigger, VideoGuard, VideoEffect>;

std::span<const VideoTransition> video_transition_table() noexcept;

std::string_view to_string(VideoState state) noexcept;
std::string_view to_string(VideoTrigger trigger) noexcept;
// The same names read back (the console, tests); nullopt for an unknown name.
std::optional<VideoState> video_state_named(std::string_view name) noexcept;
std::optional<VideoTrigger> video_trigger_named(std::string_view name) noexcept;

// A call is "live" (the camera or microphone may be in use) in these states.
bool holds_media(VideoState state) noexcept;

// A call is on (shown, asked for, or failed and waiting for the visitor) in every state but
// none and ended. Leaving these states is the call's end: lcw:videoEnded fires then, once.
bool call_on(VideoState state) noexcept;

// Who or what ended a call, and why: lcw:videoEnded's `by` and `reason` (PROTOCOL.md, "Video").
struct VideoEnd {
  std::string_view by;      // visitor, agent, error, chat
  std::string_view reason;  // declined, hangUp, cancelled, queued, connection, chatEnded
};
// For a trigger that takes an on call to none or ended. A failed call the visitor closes
// (hang_up from failed) ended by its error: the engine names that one itself.
VideoEnd video_end_of(VideoTrigger trigger) noexcept;

}  // namespace parley
