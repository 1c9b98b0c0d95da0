#include "parley/chat_presence.hpp"

#include <algorithm>

namespace parley {

std::optional<bool> ChatPresence::visitor_typed(bool has_text, double now_ms) {
  if (!has_text) return visitor_stopped();  // cleared
  visitor_key_ms_ = now_ms;
  if (visitor_on_ && now_ms - visitor_on_sent_ms_ < kTypingRepeatMs) return std::nullopt;
  visitor_on_ = true;
  visitor_on_sent_ms_ = now_ms;
  return true;
}

std::optional<bool> ChatPresence::visitor_stopped() {
  if (!visitor_on_) return std::nullopt;
  visitor_on_ = false;
  return false;
}

void ChatPresence::agent_typing(bool on, double now_ms) { agent_until_ms_ = on ? now_ms + kTypingTimeoutMs : -kNever; }

std::optional<bool> ChatPresence::advance(double now_ms) {
  if (agent_until_ms_ <= now_ms) agent_until_ms_ = -kNever;
  if (visitor_on_ && visitor_key_ms_ + kVisitorIdleMs <= now_ms) return visitor_stopped();
  return std::nullopt;
}

double ChatPresence::next_deadline_ms() const {
  double next = agent_until_ms_ > -kNever ? agent_until_ms_ : kNever;
  if (visitor_on_) next = std::min(next, visitor_key_ms_ + kVisitorIdleMs);
  return next;
}

}  // namespace parley
