// Rebuilding the router from the store's snapshot (router.hpp's restore): conversations, the queue
// in arrival order, open counts per agent, the ids already accepted in each conversation (so a
// message resent across the restart is acknowledged, not applied twice), transcripts, and the
// pending deliveries (sent when their recipients connect).
#include <algorithm>

#include "router_state.hpp"

namespace parley::relay::core {

void restore_snapshot(RouterState& state, const Snapshot& snapshot) {
  std::vector<Conversation*> queued, ended;
  for (const ConversationRecord& record : snapshot.conversations) {
    if (!is_valid_id(record.id)) continue;
    Conversation& conversation = state.conversations.create(record);
    switch (record.status) {
      case ConversationStatus::queued:
        // A queued video request was answered `queued` and goes on as a chat (video never queues).
        conversation.video_refused = true;
        queued.push_back(&conversation);
        break;
      case ConversationStatus::assigned:
        if (AgentState* agent = state.agents.find(record.agent_id)) {
          ++agent->open;
          agent->last_assigned_ms = std::max(agent->last_assigned_ms, record.updated_ms);
        }
        break;
      case ConversationStatus::ended:
        ended.push_back(&conversation);
        break;
    }
  }
  auto created_before = [](const Conversation* a, const Conversation* b) { return a->record.created_ms < b->record.created_ms; };
  std::stable_sort(queued.begin(), queued.end(), created_before);
  for (Conversation* conversation : queued) {
    conversation->queue_entry_json = queue_entry_json(*conversation);
    state.conversations.enqueue(conversation->record.id);
  }
  auto ended_before = [](const Conversation* a, const Conversation* b) { return a->record.updated_ms < b->record.updated_ms; };
  std::stable_sort(ended.begin(), ended.end(), ended_before);
  for (Conversation* conversation : ended) state.conversations.note_ended(conversation->record.id, conversation->record.updated_ms);

  for (const MessageRecord& message : snapshot.messages) {
    Conversation* conversation = state.conversations.find(message.conversation_id);
    if (conversation == nullptr) continue;
    conversation->remember(message.sender, message.id);
    Json body = Json::parse(message.body_json, nullptr, /*allow_exceptions=*/false);
    const std::string* type = string_member(body, "type");
    const std::string* text = string_member(body, "text");
    if (type == nullptr || text == nullptr) continue;
    if (*type == "visitor.message" && message.sender == "visitor")
      conversation->transcript.push_back(TranscriptLine{message.id, "visitor", "", *text, message.at_ms});
    else if (*type == "agent.message" && message.sender.starts_with("agent:"))
      conversation->transcript.push_back(TranscriptLine{message.id, "agent", message.sender.substr(6), *text, message.at_ms});
  }

  for (const DeliveryRecord& delivery : snapshot.deliveries) {
    Json body = Json::parse(delivery.body_json, nullptr, /*allow_exceptions=*/false);
    const std::string* conversation_id = string_member(body, "conversationId");
    state.deliveries.put(delivery, conversation_id == nullptr ? std::string() : *conversation_id);
  }
  state.queue_changed = true;
}

}  // namespace parley::relay::core
