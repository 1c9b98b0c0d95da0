// Conversations in memory: their records (as stored), the ids already accepted in each (so a
// repeated msg is acknowledged, not applied twice), the transcript an agent gets on assignment,
// the FIFO queue of those waiting, and how long ended ones are kept (a rating comes after the end).
//
// Must not: decide routing (routing.cpp does), build frames or store writes.
#pragma once

#include <cstddef>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "relay/store.hpp"

namespace parley::relay::core {

struct TranscriptLine {
  std::string id;
  std::string from;        // "visitor" | "agent"
  std::string agent_id;    // from "agent" only
  std::string text;
  double at_ms = 0;
};

struct Conversation {
  ConversationRecord record;
  std::unordered_set<std::string> accepted_ids;   // sender + '\n' + message id
  std::vector<TranscriptLine> transcript;         // visitor.message and agent.message, in order
  std::string queue_entry_json;                   // its `queue` entry, built once when it queues
  // A video request that found no free video agent: the widget ended the call, it is a chat now.
  bool video_refused = false;

  bool accepted(std::string_view sender, std::string_view message_id) const;
  void remember(std::string_view sender, std::string_view message_id);
  // The channel it is routed on: "video" only while it is a video request nobody refused.
  std::string_view routed_channel() const;
};

class ConversationBook {
 public:
  Conversation* find(std::string_view conversation_id);
  Conversation& create(ConversationRecord record);

  // The queue, oldest first.
  void enqueue(const std::string& conversation_id);
  void dequeue(std::string_view conversation_id);
  const std::deque<std::string>& queue() const { return queue_; }

  // Ended conversations are forgotten kEndedKeptMs after their end.
  void note_ended(const std::string& conversation_id, double ended_ms);
  void forget_ended_by(double now_ms);  // those whose time came by now_ms
  double next_forget_ms() const;   // -1 when none is waiting
  std::size_t size() const { return by_id_.size(); }
  std::size_t open_count() const { return by_id_.size() - ended_.size(); }

 private:
  std::unordered_map<std::string, Conversation> by_id_;
  std::deque<std::string> queue_;
  std::deque<std::pair<double, std::string>> ended_;   // in end order
};

}  // namespace parley::relay::core
