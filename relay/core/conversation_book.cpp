// Conversations, accepted ids, the queue and the end-of-life of ended ones (conversation_book.hpp).
#include "conversation_book.hpp"

#include <algorithm>

#include "wire_text.hpp"

namespace parley::relay::core {
namespace {

std::string accepted_key(std::string_view sender, std::string_view message_id) {
  std::string key;
  key.reserve(sender.size() + 1 + message_id.size());
  key += sender;
  key += '\n';   // never inside a sender ("visitor", "agent:<id>" from the config)
  key += message_id;
  return key;
}

}  // namespace

bool Conversation::accepted(std::string_view sender, std::string_view message_id) const {
  return accepted_ids.count(accepted_key(sender, message_id)) != 0;
}

void Conversation::remember(std::string_view sender, std::string_view message_id) {
  accepted_ids.insert(accepted_key(sender, message_id));
}

std::string_view Conversation::routed_channel() const {
  return record.channel == "video" && !video_refused ? "video" : "chat";
}

Conversation* ConversationBook::find(std::string_view conversation_id) {
  auto found = by_id_.find(std::string(conversation_id));
  return found == by_id_.end() ? nullptr : &found->second;
}

Conversation& ConversationBook::create(ConversationRecord record) {
  std::string id = record.id;
  Conversation& conversation = by_id_[id];
  conversation.record = std::move(record);
  return conversation;
}

void ConversationBook::enqueue(const std::string& conversation_id) { queue_.push_back(conversation_id); }

void ConversationBook::dequeue(std::string_view conversation_id) {
  auto it = std::find(queue_.begin(), queue_.end(), conversation_id);
  if (it != queue_.end()) queue_.erase(it);
}

void ConversationBook::note_ended(const std::string& conversation_id, double ended_ms) {
  ended_.emplace_back(ended_ms, conversation_id);
}

// Due by the deadline next_forget_ms() announces, read from it, so a tick at that deadline always
// forgets (a cutoff of now - kEndedKeptMs with `<` kept it, and the deadline never moved).
void ConversationBook::forget_ended_by(double now_ms) {
  while (!ended_.empty() && next_forget_ms() <= now_ms) {
    by_id_.erase(ended_.front().second);
    ended_.pop_front();
  }
}

double ConversationBook::next_forget_ms() const { return ended_.empty() ? -1 : ended_.front().first + kEndedKeptMs; }

}  // namespace parley::relay::core
