// What a visitor may send (RELAY.md §4, TRANSPORT.md §3), with its isolation: every message names
// a conversation of this visitor's identity, else `forbidden`, the same answer whether the id
// belongs to someone else or to nobody (ids are not probed). A message is acknowledged in the
// same Effects as the writes that store it; a repeated id is acknowledged again, nothing else.
#include "frame_writer.hpp"
#include "router_state.hpp"

namespace parley::relay::core {
namespace {

constexpr std::string_view kVisitorSender = "visitor";

void start_conversation(RouterState& state, Effects& effects, const IncomingMessage& message, double now_ms) {
  const Connection& connection = message.connection;
  if (Conversation* existing = state.conversations.find(message.conversation_id)) {
    if (existing->record.visitor_id != connection.owner_id) {
      refuse(state, effects, connection, "forbidden", "not your conversation", message.id);
      return;
    }
    // The same start again (its ack was lost), or a second start of a conversation that exists.
    ++state.stats.duplicates;
    acknowledge(state, effects, connection, message.id);
    return;
  }
  Json start = start_as_agents_see_it(message.body, state.credentials, now_ms);
  ConversationRecord record;
  record.id = std::string(message.conversation_id);
  record.visitor_id = connection.owner_id;
  const std::string* channel = string_member(message.body, "channel");
  record.channel = channel == nullptr ? "chat" : *channel;
  record.status = ConversationStatus::queued;
  record.start_json = to_json_text(start);
  record.created_ms = record.updated_ms = now_ms;
  Conversation& conversation = state.conversations.create(std::move(record));
  conversation.remember(kVisitorSender, message.id);
  put_conversation(effects, conversation);
  effects.writes.push_back(AppendMessage{MessageRecord{conversation.record.id, std::string(kVisitorSender),
                                                       std::string(message.id), conversation.record.start_json, now_ms}});
  route_new_conversation(state, effects, conversation, now_ms);
  acknowledge(state, effects, connection, message.id);
}

// What an ended conversation still takes: the rating comes after the end, and an end or a hang-up
// may cross the other side's end.
bool accepted_after_end(MessageType type) {
  return type == MessageType::rating || type == MessageType::visitor_ended || type == MessageType::video_ended;
}

}  // namespace

void handle_visitor_message(RouterState& state, Effects& effects, const IncomingMessage& message, double now_ms) {
  const Connection& connection = message.connection;
  if (std::string problem = check_body(message.type, message.body); !problem.empty()) {
    refuse(state, effects, connection, "invalid", problem, message.id);
    return;
  }
  switch (message.type) {
    case MessageType::unknown:   // acknowledged and ignored, so both sides can grow
      acknowledge(state, effects, connection, message.id);
      return;
    case MessageType::visitor_hello:
      acknowledge(state, effects, connection, message.id);
      send_frame(state, effects, connection.id, msg_frame(Side::visitor, availability_body(state)));
      return;
    case MessageType::conversation_start:
      start_conversation(state, effects, message, now_ms);
      return;
    default: break;
  }

  Conversation* conversation = state.conversations.find(message.conversation_id);
  if (conversation == nullptr || conversation->record.visitor_id != connection.owner_id) {
    refuse(state, effects, connection, "forbidden", "not your conversation", message.id);
    return;
  }
  if (is_ephemeral(message.type)) {  // typing: to the assigned agent if connected, never stored
    if (conversation->record.status == ConversationStatus::assigned)
      pass_on(state, effects, Side::agent, conversation->record.agent_id, to_json_text(message.body));
    acknowledge(state, effects, connection, message.id);
    return;
  }
  if (conversation->accepted(kVisitorSender, message.id)) {
    ++state.stats.duplicates;
    acknowledge(state, effects, connection, message.id);
    return;
  }
  ConversationRecord& record = conversation->record;
  const bool ended = record.status == ConversationStatus::ended;
  if (ended && !accepted_after_end(message.type)) {
    refuse(state, effects, connection, "invalid", "the conversation has ended", message.id);
    return;
  }
  if (is_call_signalling(message.type) && !ended && record.status != ConversationStatus::assigned) {
    refuse(state, effects, connection, "invalid", "no agent has joined this conversation", message.id);
    return;
  }

  std::string body_json = to_json_text(message.body);
  conversation->remember(kVisitorSender, message.id);
  if (message.type == MessageType::visitor_message) {
    const std::string* text = string_member(message.body, "text");
    conversation->transcript.push_back(TranscriptLine{std::string(message.id), "visitor", "", *text, now_ms});
  }
  effects.writes.push_back(
      AppendMessage{MessageRecord{record.id, std::string(kVisitorSender), std::string(message.id), body_json, now_ms}});

  // The agent hears it while the conversation is theirs; after the end, only the rating.
  const bool to_agent = ended ? message.type == MessageType::rating && !record.agent_id.empty()
                              : record.status == ConversationStatus::assigned;
  if (to_agent)
    deliver_text(state, effects, Side::agent, record.agent_id, message.id, std::move(body_json), record.id, now_ms);
  if (message.type == MessageType::visitor_ended) end_conversation(state, effects, *conversation, now_ms);
  acknowledge(state, effects, connection, message.id);
}

}  // namespace parley::relay::core
