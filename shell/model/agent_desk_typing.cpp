// Typing both ways and read receipts on the console's desk (TRANSPORT.md, "Typing and read"):
// the same rules as the widget and the HTML desk. The agent's "on" goes at most every 3 s while
// it types, "off" once (reply sent, box cleared or left, 5 s without a key); the visitor's "on"
// shows until its "off", its message, or 6 s; agent.read once per new visitor message shown.
#include <cmath>

#include "console/agent_desk.hpp"

namespace parley::console {

void AgentDesk::reply_typed(std::string_view id, bool has_text, double now_ms) {
  const DeskConversation* conversation = find(id);
  if (!has_text || conversation == nullptr || conversation->status != DeskStatus::active) {
    reply_left(now_ms);
    return;
  }
  if (typing_for_ != id) reply_left(now_ms);  // another conversation: the first one hears "off"
  bool repeat = !typing_for_.empty() && now_ms - typing_sent_ms_ >= kTypingRepeatMs;
  typing_key_ms_ = now_ms;
  if (!typing_for_.empty() && !repeat) return;
  typing_for_ = std::string(id);
  typing_sent_ms_ = now_ms;
  post_typing(true);
}

void AgentDesk::reply_left(double) {
  if (typing_for_.empty()) return;
  post_typing(false);
  typing_for_.clear();
}

void AgentDesk::typing_due(double now_ms) {
  if (!typing_for_.empty() && typing_key_ms_ + kTypingIdleMs <= now_ms) reply_left(now_ms);
}

double AgentDesk::next_typing_ms() const { return typing_for_.empty() ? HUGE_VAL : typing_key_ms_ + kTypingIdleMs; }

bool AgentDesk::visitor_typing(std::string_view id, double now_ms) const {
  const DeskConversation* conversation = find(id);
  return conversation != nullptr && conversation->visitor_typing_until_ms > now_ms;
}

void AgentDesk::shown(double now_ms) {
  DeskConversation* conversation = find_mutable(selected_);
  if (conversation == nullptr || conversation->status == DeskStatus::ended ||
      conversation->status == DeskStatus::visitor_ended || conversation->status == DeskStatus::released)
    return;  // over the relay an ended or released conversation is not ours to write in
  std::string last;
  for (const DeskLine& line : conversation->transcript)
    if (line.from == "visitor" && !line.outgoing && !line.id.empty()) last = line.id;
  if (last.empty() || last == conversation->read_up_to) return;
  conversation->read_up_to = last;
  send_reliable(Json{{"type", "agent.read"}, {"conversationId", conversation->id}, {"upTo", last}}, now_ms);
}

}  // namespace parley::console
