// What an agent may send (RELAY.md §5), with its isolation: an agent writes only in conversations
// assigned to it (`forbidden` otherwise). Take and transfer move a conversation (routing.cpp).
// Acknowledged in the same Effects as the writes that store the message; a repeated id is
// acknowledged again, nothing else.
#include "router_state.hpp"

namespace parley::relay::core {
namespace {

std::string agent_sender(std::string_view agent_id) { return "agent:" + std::string(agent_id); }

void store_agent_message(Effects& effects, Conversation& conversation, const std::string& sender,
                         const IncomingMessage& message, std::string body_json, double now_ms) {
  conversation.remember(sender, message.id);
  effects.writes.push_back(AppendMessage{
      MessageRecord{conversation.record.id, sender, std::string(message.id), std::move(body_json), now_ms}});
}

void set_status(RouterState& state, Effects& effects, AgentState& me, const IncomingMessage& message, double now_ms) {
  auto chat = message.body.find("chat");
  auto video = message.body.find("video");
  me.accepts_chat = *chat->get_ptr<const bool*>();
  me.accepts_video = *video->get_ptr<const bool*>();
  state.agents.mark_changed(me);
  drain_queue(state, effects, now_ms);
  acknowledge(state, effects, message.connection, message.id);
}

void take(RouterState& state, Effects& effects, AgentState& me, const IncomingMessage& message, double now_ms) {
  const Connection& connection = message.connection;
  Conversation* conversation = state.conversations.find(message.conversation_id);
  if (conversation == nullptr) {
    refuse(state, effects, connection, "invalid", "no such conversation", message.id);
    return;
  }
  const std::string sender = agent_sender(me.account.id);
  if (conversation->accepted(sender, message.id)) {
    ++state.stats.duplicates;
    acknowledge(state, effects, connection, message.id);
    return;
  }
  ConversationRecord& record = conversation->record;
  if (record.status == ConversationStatus::ended) {
    refuse(state, effects, connection, "invalid", "the conversation has ended", message.id);
    return;
  }
  store_agent_message(effects, *conversation, sender, message, to_json_text(message.body), now_ms);
  if (record.agent_id != me.account.id) {
    const bool queued = record.status == ConversationStatus::queued;
    hand_to_agent(state, effects, *conversation, me, queued ? "take" : "takeover", now_ms);
  }
  acknowledge(state, effects, connection, message.id);
}

void transfer(RouterState& state, Effects& effects, Conversation& conversation, const std::string& sender,
              const IncomingMessage& message, double now_ms) {
  const std::string* target_id = string_member(message.body, "agentId");
  AgentState* target = state.agents.find(*target_id);
  if (target == nullptr || !target->online || target->account.id == conversation.record.agent_id) {
    refuse(state, effects, message.connection, "invalid", "agentId is not another signed-in agent", message.id);
    return;
  }
  store_agent_message(effects, conversation, sender, message, to_json_text(message.body), now_ms);
  hand_to_agent(state, effects, conversation, *target, "transfer", now_ms);
  acknowledge(state, effects, message.connection, message.id);
}

}  // namespace

void handle_agent_message(RouterState& state, Effects& effects, const IncomingMessage& message, double now_ms) {
  const Connection& connection = message.connection;
  AgentState* me = state.agents.find(connection.owner_id);
  if (std::string problem = check_body(message.type, message.body); !problem.empty() || me == nullptr) {
    refuse(state, effects, connection, "invalid", problem.empty() ? "unknown agent" : problem, message.id);
    return;
  }
  switch (message.type) {
    case MessageType::unknown:
      acknowledge(state, effects, connection, message.id);
      return;
    case MessageType::agent_status:
      set_status(state, effects, *me, message, now_ms);
      return;
    case MessageType::conversation_take:
      take(state, effects, *me, message, now_ms);
      return;
    default: break;
  }

  Conversation* conversation = state.conversations.find(message.conversation_id);
  if (conversation == nullptr || conversation->record.agent_id != me->account.id) {
    refuse(state, effects, connection, "forbidden", "not assigned to you", message.id);
    return;
  }
  if (is_ephemeral(message.type)) {  // typing: to the visitor's open connections, never stored
    if (conversation->record.status != ConversationStatus::ended)
      pass_on(state, effects, Side::visitor, conversation->record.visitor_id, to_json_text(message.body));
    acknowledge(state, effects, connection, message.id);
    return;
  }
  const std::string sender = agent_sender(me->account.id);
  if (conversation->accepted(sender, message.id)) {
    ++state.stats.duplicates;
    acknowledge(state, effects, connection, message.id);
    return;
  }
  ConversationRecord& record = conversation->record;
  if (record.status == ConversationStatus::ended) {
    // An end or a hang-up may cross the visitor's end: accepted, nothing to deliver.
    if (message.type == MessageType::agent_ended || message.type == MessageType::video_ended) {
      store_agent_message(effects, *conversation, sender, message, to_json_text(message.body), now_ms);
      acknowledge(state, effects, connection, message.id);
    } else {
      refuse(state, effects, connection, "invalid", "the conversation has ended", message.id);
    }
    return;
  }
  if (message.type == MessageType::conversation_transfer) {
    transfer(state, effects, *conversation, sender, message, now_ms);
    return;
  }

  std::string body_json = to_json_text(message.body);
  if (message.type == MessageType::agent_message) {
    const std::string* text = string_member(message.body, "text");
    conversation->transcript.push_back(TranscriptLine{std::string(message.id), "agent", me->account.id, *text, now_ms});
  }
  store_agent_message(effects, *conversation, sender, message, body_json, now_ms);
  deliver_text(state, effects, Side::visitor, record.visitor_id, message.id, std::move(body_json), record.id, now_ms);
  if (message.type == MessageType::agent_ended) end_conversation(state, effects, *conversation, now_ms);
  acknowledge(state, effects, connection, message.id);
}

}  // namespace parley::relay::core
