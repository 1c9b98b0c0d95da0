// parley/ui_strings.hpp: every text the widget itself says: its key, and its English and French.
//
// Texts from the site owner (invitation messages, survey labels) come from the config; these
// are the widget's own words. The tables of every language the widget speaks are
// wasm-glue/runtime/locales/<language>.json, keyed by ui_key(); the view model carries the key
// beside the engine's English or French text, so the DOM renderer draws the page's language (and
// the site's overrides, config "strings") and the QA console draws the text as it is.
// tests/js/ui_locales.test.mjs checks that en.json and fr.json say what this file says.
#pragma once

#include <array>
#include <optional>
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
  unread_one,          // "1 unread message" on the launcher, for screen readers
  unread_many,
  video_button,        // the fixed video button
  start_count_,        // the texts above are the start's (the launcher and the invitation)
  prechat_title = start_count_,
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
  agent_typing,        // after the agent's name: "Alex is typing…"
  agent_typing_unnamed,
  delivered,           // under the visitor's last message: the transport's ack
  read,                // ... the agent's desk showed it
  video_full_screen,   // the call's icon buttons (their accessible names)
  video_exit_full_screen,
  video_picture_in_picture,
  count_
};

std::string_view ui_text(UiString id, Locale locale) noexcept;
// "acceptChat", "videoDenied"...: the key of the string in the locale tables. unread_one and
// unread_many share "unread" (one entry with plural forms).
std::string_view ui_key(UiString id) noexcept;
// The key of a known key name, if it is one.
bool is_ui_key(std::string_view key) noexcept;

// A system line found again by its words, English or French, so that a transcript restored from
// storage keeps its keys: the text's id, and for agent_named_joined ("{name} joined the
// conversation.") the name before it. Nothing for words the engine did not write.
struct OwnSentence {
  UiString id;
  std::string_view name;
};
std::optional<OwnSentence> own_sentence(std::string_view text) noexcept;

// The languages the widget speaks (a table each in wasm-glue/runtime/locales/).
inline constexpr std::array<std::string_view, 8> kUiLanguages = {"en", "fr", "de", "es", "it", "pt", "nl", "ar"};
// "de-AT", "DE", "pt_BR" -> "de", "de", "pt"; a language without a table -> "" (none).
std::string_view ui_language_match(std::string_view tag) noexcept;

}  // namespace parley
