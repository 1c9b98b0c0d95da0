// The agent desk on parley-relay (console/agent_desk.hpp "relay", relay/RELAY.md §2 and §5): the
// handshake, the relay's errors, assignments and releases, the queue and the team, take and
// transfer. Everything the relay sends is bounded and kept as text.
#include <algorithm>
#include <cmath>

#include "console/agent_desk.hpp"
#include "console/json_access.hpp"

namespace parley::console {
namespace {

constexpr std::size_t kMaxCodeBytes = 64;

bool is_wire_id(const Json* value) {
  const auto* text = value ? value->get_ptr<const std::string*>() : nullptr;
  return text != nullptr && !text->empty() && text->size() <= AgentDesk::kMaxId;
}

Errors refused(std::string message) { return one_error(ErrorCode::invalid_state, std::move(message)); }

// What the agent reads when the relay assigns a conversation, by RELAY.md's `reason`.
std::string assigned_text(std::string_view reason, const std::string& previous) {
  std::string from = previous.empty() ? std::string() : " from " + previous;
  if (reason == "queue") return "Assigned to you from the queue.";
  if (reason == "take") return "You took this conversation from the queue.";
  if (reason == "takeover") return "You took this conversation over" + from + ".";
  if (reason == "transfer") return "Transferred to you" + from + ".";
  return "Assigned to you.";
}

}  // namespace

// ---- Handshake and errors -----------------------------------------------------------------------

void AgentDesk::receive_relay_frame(const std::string& kind, const Json& envelope, double now_ms) {
  if (kind == "welcome") {
    welcomed(envelope, now_ms);
    return;
  }
  RelayError error;
  error.code = bounded_text(string_at(envelope, "code"), kMaxCodeBytes);
  error.message = bounded_text(string_at(envelope, "message"), kMaxErrorText);
  if (const Json* id = member(envelope, "id"); is_wire_id(id)) error.id = id->get<std::string>();
  if (error.code.empty()) {
    counts_.dropped += 1;
    return;
  }
  last_error_ = error;
  if (error.code == "unauthorized" && phase_ != RelayPhase::connected) phase_ = RelayPhase::refused;
  // RELAY.md: an error naming an id is final, except rate_limited (dropped unacknowledged: the
  // message is resent as usual and accepted later).
  if (!error.id.empty() && error.code != "rate_limited") refused_by_relay(error, now_ms);
}

void AgentDesk::welcomed(const Json& envelope, double now_ms) {
  const Json* agent = member(envelope, "agent");
  std::string id = agent ? string_at(*agent, "id") : "";
  if (id.empty() || id.size() > kMaxId) {
    counts_.dropped += 1;
    return;
  }
  agent_id_ = std::move(id);
  agent_name_ = bounded_text(string_at(*agent, "name", agent_id_), kMaxNameBytes);
  phase_ = RelayPhase::connected;
  if (last_error_ && last_error_->code == "unauthorized") last_error_.reset();
  // Agents start unavailable at the relay: say what this desk takes, then everything not yet
  // acknowledged goes again, its backoff from the start.
  send_state(Json{{"type", "agent.status"}, {"chat", chat_available_}, {"video", video_available_}}, now_ms);
  for (Pending& entry : outbox_) {
    if (string_at(entry.body, "type") == "agent.status") continue;  // just posted
    entry.posts = 0;
    post_pending(entry, now_ms);
  }
}

// Final for that message: it leaves the outbox as if acknowledged, and the agent is told.
void AgentDesk::refused_by_relay(const RelayError& error, double now_ms) {
  auto it = std::find_if(outbox_.begin(), outbox_.end(), [&](const Pending& entry) { return string_at(entry.body, "id") == error.id; });
  if (it == outbox_.end()) return;
  std::string conversation_id = string_at(it->body, "conversationId");
  outbox_.erase(it);
  counts_.refused += 1;
  DeskConversation* conversation = find_mutable(conversation_id);
  if (conversation == nullptr) return;
  for (DeskLine& line : conversation->transcript)
    if (line.outgoing && line.id == error.id) line.failed = error.code + ": " + error.message;
  add_line(*conversation, "system", "The relay refused a message (" + error.code + "): " + error.message, now_ms);
}

// ---- Relay messages -----------------------------------------------------------------------------

bool AgentDesk::handle_relay(const std::string& type, const Json& body, double now_ms) {
  if (type == "conversation.assigned") {
    if (member(body, "conversationId") == nullptr) return false;
    assigned(body, now_ms);
    return true;
  }
  if (type == "conversation.released") {
    if (member(body, "conversationId") == nullptr) return false;
    released(body, now_ms);
    return true;
  }
  if (type == "queue") {
    const Json* list = member(body, "conversations");
    if (list == nullptr || !list->is_array()) return false;
    queue_.clear();
    for (const Json& entry : *list) {
      if (queue_.size() >= kMaxQueue) break;
      if (std::optional<QueuedConversation> queued = read_queued(entry)) queue_.push_back(std::move(*queued));
      else counts_.ignored += 1;
    }
    return true;
  }
  // `team` is the whole team (after welcome); `team.changed` the lines that changed, merged by id.
  if (type == "team" || type == "team.changed") {
    const Json* list = member(body, "agents");
    if (list == nullptr || !list->is_array()) return false;
    if (type == "team") team_.clear();
    for (const Json& entry : *list) {
      if (type == "team" && team_.size() >= kMaxTeam) break;   // a whole team past the bound: read no further
      std::optional<TeamAgent> agent = read_team_agent(entry);
      if (!agent) {
        counts_.ignored += 1;
        continue;
      }
      auto known = std::find_if(team_.begin(), team_.end(), [&](const TeamAgent& a) { return a.id == agent->id; });
      if (known != team_.end()) *known = std::move(*agent);
      else if (team_.size() < kMaxTeam) team_.push_back(std::move(*agent));
    }
    return true;
  }
  return false;
}

// The conversation is mine now. Sent again after a reconnect or a relay restart (and on a
// transfer back): one conversation per id, one line per message id.
void AgentDesk::assigned(const Json& body, double now_ms) {
  std::string id = string_at(body, "conversationId");
  bool known = find(id) != nullptr;
  DeskConversation& conversation = conversation_for(id, now_ms);
  bool was_mine = known && conversation.status == DeskStatus::active;
  // The relay never hands out an ended conversation again (a take of one is refused): a late
  // repeat of its assignment only completes the transcript.
  if (known && (conversation.status == DeskStatus::ended || conversation.status == DeskStatus::visitor_ended)) {
    merge_transcript(conversation, member(body, "transcript"), now_ms);
    return;
  }
  conversation.channel = string_at(body, "channel") == "video" ? "video" : "chat";
  read_context(member(body, "context"), conversation.context, conversation.hidden_context);
  read_prechat(member(body, "prechat"), conversation.prechat);
  conversation.locale = bounded_text(string_at(body, "locale"), 16);
  conversation.url = bounded_text(string_at(body, "url"), kMaxUrlBytes);
  const Json* call_id = member(body, "callId");
  if (conversation.channel == "video" && is_wire_id(call_id) &&
      !(conversation.call && conversation.call->id == call_id->get_ref<const std::string&>())) {
    DeskCall call;
    call.id = call_id->get<std::string>();
    if (std::string mode = string_at(body, "camera"); is_camera_mode(mode)) call.mode = mode;
    conversation.call = std::move(call);
  }
  conversation.status = DeskStatus::active;
  conversation.agent_name = agent_name_;
  merge_transcript(conversation, member(body, "transcript"), now_ms);
  if (!was_mine) {
    std::string previous = team_name(string_at(body, "previousAgent"));
    add_line(conversation, "system", assigned_text(string_at(body, "reason"), previous), now_ms);
    if (conversation.call && conversation.call->state == CallState::requested)
      add_line(conversation, "system", "The visitor asked for a video call: join it.", now_ms);
  }
  queue_.erase(std::remove_if(queue_.begin(), queue_.end(), [&](const QueuedConversation& q) { return q.id == id; }), queue_.end());
  if (selected_.empty()) selected_ = id;
}

// [{id, from: "visitor" | "agent", agentId?, text, at}]: lines not shown yet, in time order.
void AgentDesk::merge_transcript(DeskConversation& conversation, const Json* transcript, double now_ms) {
  if (transcript == nullptr || !transcript->is_array()) return;
  bool added = false;
  std::size_t read = 0;
  for (const Json& entry : *transcript) {
    if (++read > kMaxTranscript) break;
    const Json* line_id = member(entry, "id");
    std::string from = string_at(entry, "from");
    std::string text = bounded_text(string_at(entry, "text"), kMaxTextBytes);
    if (!is_wire_id(line_id) || (from != "visitor" && from != "agent") || text.empty()) {
      counts_.ignored += 1;
      continue;
    }
    const std::string& message_id = line_id->get_ref<const std::string&>();
    bool shown = std::any_of(conversation.transcript.begin(), conversation.transcript.end(),
                             [&](const DeskLine& line) { return line.id == message_id && line.from == from; });
    if (shown) continue;
    std::optional<double> at = number_at(entry, "at");
    DeskLine line;
    line.id = message_id;
    line.from = from;
    line.text = std::move(text);
    line.at_ms = at && std::isfinite(*at) ? *at : now_ms;
    if (from == "agent") {
      std::string author = string_at(entry, "agentId");
      if (author == agent_id_) {
        line.outgoing = true;   // mine, from an earlier session: the relay has it
        line.delivered = true;
      } else {
        line.author = author.empty() ? "Another agent" : team_name(author);
      }
    } else if (selected_ != conversation.id) {
      conversation.unread += 1;
    }
    conversation.transcript.push_back(std::move(line));
    added = true;
  }
  if (!added) return;
  std::stable_sort(conversation.transcript.begin(), conversation.transcript.end(),
                   [](const DeskLine& a, const DeskLine& b) { return a.at_ms < b.at_ms; });
  if (conversation.transcript.size() > kMaxTranscript)
    conversation.transcript.erase(conversation.transcript.begin(),
                                  conversation.transcript.end() - static_cast<std::ptrdiff_t>(kMaxTranscript));
}

void AgentDesk::released(const Json& body, double now_ms) {
  DeskConversation* conversation = find_mutable(string_at(body, "conversationId"));
  if (conversation == nullptr || conversation->status != DeskStatus::active) return;  // not mine anyway
  close_call(*conversation, "The call stays with the conversation's new agent.", now_ms);
  conversation->status = DeskStatus::released;
  std::string to = team_name(string_at(body, "to"));
  if (to.empty()) to = "another agent";
  add_line(*conversation, "system",
           string_at(body, "reason") == "takeover" ? to + " took this conversation over." : "Transferred to " + to + ".", now_ms);
}

// The team's name for an agent id, else the id itself ("" for none).
std::string AgentDesk::team_name(std::string_view agent_id) const {
  for (const TeamAgent& agent : team_)
    if (agent.id == agent_id) return agent.name;
  return bounded_text(agent_id, kMaxNameBytes);
}

// ---- The agent's relay actions ------------------------------------------------------------------

bool AgentDesk::take_pending(std::string_view id) const {
  return std::any_of(outbox_.begin(), outbox_.end(), [&](const Pending& entry) {
    return string_at(entry.body, "type") == "conversation.take" && string_at(entry.body, "conversationId") == id;
  });
}

Errors AgentDesk::take(std::string_view id, double now_ms) {
  if (mode_ != DeskMode::relay) return refused("taking a conversation needs the relay");
  if (id.empty() || id.size() > kMaxId) return one_error(ErrorCode::invalid, "no such conversation", "/conversationId");
  if (const DeskConversation* conversation = find(id); conversation && conversation->status == DeskStatus::active)
    return refused("this conversation is yours already");
  if (take_pending(id)) return refused("already asked for: the relay has not answered yet");
  send_reliable(Json{{"type", "conversation.take"}, {"conversationId", std::string(id)}}, now_ms);
  return {};
}

Errors AgentDesk::transfer(std::string_view id, std::string_view agent_id, double now_ms) {
  if (mode_ != DeskMode::relay) return refused("transferring a conversation needs the relay");
  DeskConversation* conversation = find_mutable(id);
  if (conversation == nullptr) return refused("no such conversation");
  if (conversation->status != DeskStatus::active) return refused("only a conversation of yours can be transferred");
  if (agent_id == agent_id_) return refused("this conversation is yours already");
  auto agent = std::find_if(team_.begin(), team_.end(), [&](const TeamAgent& a) { return a.id == agent_id; });
  if (agent == team_.end() || !agent->online) return refused("that agent is not signed in");
  std::string name = agent->name;
  std::string message_id = send_reliable(
      Json{{"type", "conversation.transfer"}, {"conversationId", std::string(id)}, {"agentId", std::string(agent_id)}}, now_ms);
  add_line(*conversation, "system", "You asked to transfer this conversation to " + name + ".", now_ms, message_id);
  return {};
}

}  // namespace parley::console
