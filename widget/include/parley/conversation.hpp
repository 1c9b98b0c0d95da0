// parley/conversation.hpp: the conversation state machine, as one transition table.
//
// States follow the Omnichannel live chat widget. The table is data: each row reads
// `from + trigger [guard] / effect = to`, and the first row whose guard holds wins. The engine
// evaluates guards and performs effects; this file knows nothing else of the engine.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "parley/transition_table.hpp"

namespace parley {

enum class ConversationState : std::uint8_t {
  Closed,         // no invitation, no conversation: the launcher shows
  ProactiveChat,  // an invitation is on screen
  Prechat,        // the pre-chat survey is on screen
  Loading,        // the conversation was requested; waiting for an agent
  Active,         // an agent joined
  InActive,       // the agent left; the transcript stays readable
  Postchat,       // the satisfaction rating is on screen
  Error,          // the widget cannot go on (bad transport...)
};

enum class Trigger : std::uint8_t {
  invite,         // a rule fired or the host called startProactiveChat
  accept,         // the visitor accepted the invitation
  decline,        // the visitor declined it
  expire,         // nobody answered it in time
  start_chat,     // the launcher, or the host's startChat()
  submit,         // the survey was sent
  close,          // dismissed: the host's closeChat() or a panel's close button
  agent_joined,   // an agent accepted it; again when it is transferred or taken over
  agent_left,
  visitor_end,    // the visitor's "End chat"
  rate,           // a rating was sent or skipped
  fail,
};

enum class Guard : std::uint8_t { always, needs_prechat, answers_valid, satisfaction_on };

enum class Effect : std::uint8_t {
  none,
  show_invitation,
  show_prechat,
  show_prechat_errors,
  start_conversation,
  record_decline,
  record_expiry,
  dismiss,              // forget the invitation or survey draft, nothing sent
  end_conversation,     // tell the agent the visitor left
  note_agent_joined,
  note_agent_changed,   // a transfer or take-over: the new agent's name, said in the chat
  note_agent_left,
  send_rating,
  fail,
};

using Transition = TransitionRow<ConversationState, Trigger, Guard, Effect>;

std::span<const Transition> transition_table() noexcept;

std::string_view to_string(ConversationState state) noexcept;
std::string_view to_string(Trigger trigger) noexcept;

// A conversation is "running" (no proactive invitation may show) in these states.
bool is_busy(ConversationState state) noexcept;

}  // namespace parley
