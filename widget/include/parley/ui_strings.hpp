// parley/ui_strings.hpp: every text the widget itself says, in English and French.
//
// Texts from the site owner (invitation messages, survey labels) come from the config; these
// are the widget's own words, so both renderers (DOM and console) show the same ones.
#pragma once

#include <string_view>

#include "parley/text.hpp"

namespace parley {

enum class UiString {
  launcher,          // the floating button
  accept_chat,
  accept_video,
  decline,
  close,
  minimize,
  prechat_title,
  prechat_submit,
  chat_title,
  waiting,
  queued,
  agent_joined,
  agent_left,
  composer_label,
  send,
  end_chat,
  rating_question,
  rating_submit,
  rating_skip,
  unread_one,          // "1 unread message" on the launcher, for screen readers
  unread_many,
  video_button,        // the fixed video button
  video_invited,       // the agent's invitation, in the chat
  video_accept,
  video_decline,
  video_requested,     // waiting for the browser's prompt
  video_ringing,       // waiting for the agent to join
  video_connecting,
  video_connected,
  video_ended,
  video_cancelled,
  video_hang_up,
  video_camera_on,
  video_camera_off,
  video_mute,
  video_unmute,
  video_retry,
  video_denied,        // the media errors, told apart
  video_no_device,
  video_busy,
  video_timeout,
  video_failed,
  video_connection_lost,
  video_unavailable,   // queued: video never waits, the chat does
  agent_named_joined,  // after the agent's name: another agent took the conversation over
  reconnecting,        // the wire to the agents is down (after a grace)
  count_
};

std::string_view ui_text(UiString id, Locale locale) noexcept;

}  // namespace parley
