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
  count_
};

std::string_view ui_text(UiString id, Locale locale) noexcept;

}  // namespace parley
