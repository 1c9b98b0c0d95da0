// parley/chat_presence.hpp: who is typing, both ways, in a running chat.
//
// The visitor's side throttles what goes to the agent: one "on" when typing starts, again at most
// every kTypingRepeatMs while it goes on (so the agent's indicator, which times out, stays up),
// and one "off" when the text is sent or cleared, the composer loses focus, or no key was pressed
// for kVisitorIdleMs. The agent's side is shown until its "off", its next message, or
// kTypingTimeoutMs after its last "on" (an "off" lost with a closed desk must not leave
// "Alex is typing…" up for ever). Pure: time comes in, decisions go out; the engine sends them.
// It knows nothing of messages, the view or the transport.
#pragma once

#include <optional>

#include "parley/fact_state.hpp"  // kNever

namespace parley {

inline constexpr double kTypingRepeatMs = 3000;   // the visitor's "on" at most this often
inline constexpr double kVisitorIdleMs = 5000;    // no key pressed this long: "off"
inline constexpr double kTypingTimeoutMs = 6000;  // an agent's "on" shows at most this long

class ChatPresence {
 public:
  // The composer's text changed. Returns the typing state to send now, if any.
  std::optional<bool> visitor_typed(bool has_text, double now_ms);
  // Sent, or the composer lost focus: "off" if "on" was said.
  std::optional<bool> visitor_stopped();
  // The agent side said it types (or stopped).
  void agent_typing(bool on, double now_ms);
  void agent_spoke() { agent_until_ms_ = -kNever; }  // a message ends its typing
  bool agent_typing_shown(double now_ms) const { return agent_until_ms_ > now_ms; }

  // Time passed: the agent's indicator may time out, the visitor's typing may go idle (the "off"
  // to send then, if any).
  std::optional<bool> advance(double now_ms);
  double next_deadline_ms() const;

  void reset() { *this = ChatPresence(); }

 private:
  bool visitor_on_ = false;
  double visitor_on_sent_ms_ = -kNever;   // when "on" was last sent
  double visitor_key_ms_ = -kNever;       // the last keystroke
  double agent_until_ms_ = -kNever;       // the agent's indicator shows until then
};

}  // namespace parley
