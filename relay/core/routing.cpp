// Routing (RELAY.md §4, §5): a new conversation goes to the free agent with the fewest open
// conversations (ties: idle longest), else it queues, oldest first; a freed slot takes the oldest
// waiting one. Take, take-over and transfer move a conversation to a named agent without the
// limit (a person decided). Every move tells the visitor `agent.joined`, the new agent
// `conversation.assigned` with the transcript, and the previous agent `conversation.released`.
#include "router_state.hpp"

namespace parley::relay::core {
namespace {

Json member_or(const Json& object, std::string_view key, Json fallback) {
  auto it = object.find(key);
  return it == object.end() ? fallback : *it;
}

Json transcript_json(const Conversation& conversation) {
  Json lines = Json::array();
  for (const TranscriptLine& line : conversation.transcript) {
    Json entry = {{"id", line.id}, {"from", line.from}, {"text", line.text}, {"at", line.at_ms}};
    if (line.from == "agent") entry["agentId"] = line.agent_id;
    lines.push_back(std::move(entry));
  }
  return lines;
}

Json assigned_body(RouterState& state, const Conversation& conversation, std::string_view reason,
                   std::string_view previous_agent) {
  Json start = Json::parse(conversation.record.start_json, nullptr, /*allow_exceptions=*/false);
  if (!start.is_object()) start = Json::object();
  const std::string_view channel = conversation.routed_channel();
  Json body = {{"type", "conversation.assigned"},
               {"id", state.relay_message_id()},
               {"conversationId", conversation.record.id},
               {"visitorId", conversation.record.visitor_id},
               {"channel", std::string(channel)},
               {"context", member_or(start, "context", Json::object())},
               {"prechat", member_or(start, "prechat", Json::array())},
               {"locale", member_or(start, "locale", nullptr)},
               {"url", member_or(start, "url", nullptr)},
               {"reason", std::string(reason)},
               {"transcript", transcript_json(conversation)}};
  if (channel == "video") {
    body["callId"] = member_or(start, "callId", nullptr);
    body["camera"] = member_or(start, "camera", nullptr);
  }
  if (!previous_agent.empty()) body["previousAgent"] = std::string(previous_agent);
  return body;
}

void assign(RouterState& state, Effects& effects, Conversation& conversation, AgentState& agent, std::string_view reason,
            std::string_view previous_agent, double now_ms) {
  ConversationRecord& record = conversation.record;
  record.status = ConversationStatus::assigned;
  record.agent_id = agent.account.id;
  record.updated_ms = now_ms;
  ++agent.open;
  agent.last_assigned_ms = now_ms;
  state.agents.mark_changed(agent);
  put_conversation(effects, conversation);
  deliver(state, effects, Side::agent, agent.account.id, assigned_body(state, conversation, reason, previous_agent),
          record.id, now_ms);
  Json joined = {{"type", "agent.joined"}, {"id", state.relay_message_id()}, {"conversationId", record.id},
                 {"agentName", agent.account.name.substr(0, 100)}};
  if (!agent.account.avatar.empty()) joined["agentAvatar"] = agent.account.avatar;
  if (!agent.account.reply_time.empty()) joined["replyTime"] = agent.account.reply_time;
  deliver(state, effects, Side::visitor, record.visitor_id, joined, record.id, now_ms);
}

void tell_visitor_queued(RouterState& state, Effects& effects, const Conversation& conversation, double now_ms) {
  Json queued = {{"type", "conversation.queued"}, {"id", state.relay_message_id()},
                 {"conversationId", conversation.record.id}};
  deliver(state, effects, Side::visitor, conversation.record.visitor_id, queued, conversation.record.id, now_ms);
}

void join_queue(RouterState& state, Conversation& conversation) {
  conversation.queue_entry_json = queue_entry_json(conversation);
  state.conversations.enqueue(conversation.record.id);
  state.queue_changed = true;
}

}  // namespace

void put_conversation(Effects& effects, const Conversation& conversation) {
  effects.writes.push_back(PutConversation{conversation.record});
}

void route_new_conversation(RouterState& state, Effects& effects, Conversation& conversation, double now_ms) {
  if (conversation.routed_channel() == "video") {
    if (AgentState* agent = state.agents.pick_free(/*video=*/true)) {
      assign(state, effects, conversation, *agent, "new", "", now_ms);
      return;
    }
    // Video never queues: the widget ends the call on `queued` and goes on as a chat.
    conversation.video_refused = true;
    tell_visitor_queued(state, effects, conversation, now_ms);
    if (AgentState* agent = state.agents.pick_free(/*video=*/false)) {
      assign(state, effects, conversation, *agent, "new", "", now_ms);
      return;
    }
    join_queue(state, conversation);
    return;
  }
  if (AgentState* agent = state.agents.pick_free(/*video=*/false)) {
    assign(state, effects, conversation, *agent, "new", "", now_ms);
    return;
  }
  tell_visitor_queued(state, effects, conversation, now_ms);
  join_queue(state, conversation);
}

void drain_queue(RouterState& state, Effects& effects, double now_ms) {
  while (!state.conversations.queue().empty()) {
    Conversation* conversation = state.conversations.find(state.conversations.queue().front());
    if (conversation == nullptr) {   // forgotten meanwhile: nothing to route
      state.conversations.dequeue(state.conversations.queue().front());
      continue;
    }
    AgentState* agent = state.agents.pick_free(/*video=*/false);
    if (agent == nullptr) return;
    state.conversations.dequeue(conversation->record.id);
    state.queue_changed = true;
    assign(state, effects, *conversation, *agent, "queue", "", now_ms);
  }
}

void hand_to_agent(RouterState& state, Effects& effects, Conversation& conversation, AgentState& agent,
                   std::string_view reason, double now_ms) {
  ConversationRecord& record = conversation.record;
  if (record.status == ConversationStatus::queued) {
    state.conversations.dequeue(record.id);
    state.queue_changed = true;
    assign(state, effects, conversation, agent, reason, "", now_ms);
    return;
  }
  const std::string previous = record.agent_id;
  if (AgentState* previous_agent = state.agents.find(previous)) {
    --previous_agent->open;
    state.agents.mark_changed(*previous_agent);
  }
  // What the previous agent had not yet received of this conversation is no longer theirs.
  drop_deliveries_of_conversation(state, effects, Side::agent, previous, record.id);
  Json released = {{"type", "conversation.released"}, {"id", state.relay_message_id()}, {"conversationId", record.id},
                   {"to", agent.account.id}, {"reason", std::string(reason)}};
  deliver(state, effects, Side::agent, previous, released, record.id, now_ms);
  assign(state, effects, conversation, agent, reason, previous, now_ms);
  drain_queue(state, effects, now_ms);   // the previous agent's slot is free
}

void end_conversation(RouterState& state, Effects& effects, Conversation& conversation, double now_ms) {
  ConversationRecord& record = conversation.record;
  if (record.status == ConversationStatus::ended) return;
  if (record.status == ConversationStatus::queued) {
    state.conversations.dequeue(record.id);
    state.queue_changed = true;
  } else if (AgentState* agent = state.agents.find(record.agent_id)) {
    --agent->open;
    state.agents.mark_changed(*agent);
  }
  record.status = ConversationStatus::ended;
  record.updated_ms = now_ms;
  put_conversation(effects, conversation);
  state.conversations.note_ended(record.id, now_ms);
  drain_queue(state, effects, now_ms);
}

}  // namespace parley::relay::core
