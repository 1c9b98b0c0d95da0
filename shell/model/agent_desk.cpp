#include "console/agent_desk.hpp"

#include <algorithm>
#include <cmath>

#include "console/json_access.hpp"

namespace parley::console {
namespace {

constexpr int kVersion = 1;
constexpr double kFirstDelayMs = 1000;
constexpr double kMaxDelayMs = 30000;

bool is_id(const Json* value) {
  const auto* text = value ? value->get_ptr<const std::string*>() : nullptr;
  return text != nullptr && !text->empty() && text->size() <= AgentDesk::kMaxId;
}

double delay_after(int posts) {
  return std::min(kFirstDelayMs * std::pow(2.0, std::max(posts - 1, 0)), kMaxDelayMs);
}

Json envelope(Json body) { return Json{{"v", kVersion}, {"kind", "msg"}, {"from", "agent"}, {"body", std::move(body)}}; }

Errors refused(std::string message) { return one_error(ErrorCode::invalid_state, std::move(message)); }

bool blank(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; });
}

}  // namespace

std::string_view to_string(DeskMode mode) noexcept { return mode == DeskMode::relay ? "relay" : "channel"; }

std::string_view to_string(DeskStatus status) noexcept {
  switch (status) {
    case DeskStatus::waiting: return "waiting";
    case DeskStatus::queued: return "queued";
    case DeskStatus::active: return "active";
    case DeskStatus::visitor_ended: return "visitor-ended";
    case DeskStatus::ended: return "ended";
    case DeskStatus::released: return "released";
  }
  return "waiting";
}

std::string_view status_text(DeskStatus status) noexcept {
  switch (status) {
    case DeskStatus::waiting: return "Waiting for an agent";
    case DeskStatus::queued: return "Queued";
    case DeskStatus::active: return "Active";
    case DeskStatus::visitor_ended: return "Ended by the visitor";
    case DeskStatus::ended: return "Ended";
    case DeskStatus::released: return "With another agent";
  }
  return "";
}

AgentDesk::AgentDesk(std::string desk_id) : desk_id_(std::move(desk_id)) {}

std::string AgentDesk::next_id() { return "desk-" + desk_id_ + "-" + std::to_string(++sequence_); }

// ---- Wire ---------------------------------------------------------------------------------------

void AgentDesk::set_mode(DeskMode mode) {
  if (mode == mode_) return;
  mode_ = mode;
  outbox_.clear();
  posts_.clear();
  disconnected();
  phase_ = RelayPhase::offline;
}

void AgentDesk::start(double now_ms) {
  if (mode_ == DeskMode::relay) {
    // RELAY.md §2: `hello` is the first frame; anything before `welcome` closes the connection.
    phase_ = RelayPhase::signing_in;
    posts_.clear();
    posts_.push_back(Json{{"v", kVersion}, {"kind", "hello"}, {"from", "agent"}, {"token", relay_token_}});
    return;
  }
  send_availability();
  for (Pending& entry : outbox_) post_pending(entry, now_ms);
}

void AgentDesk::disconnected() {
  if (phase_ != RelayPhase::refused) phase_ = RelayPhase::offline;
  // The relay sends both again after the next `welcome`; until then they would only be stale.
  queue_.clear();
  team_.clear();
  for (Pending& entry : outbox_) entry.due_ms = HUGE_VAL;
}

void AgentDesk::receive(const Json& data, double now_ms) {
  const Json* version = member(data, "v");
  std::string from = string_at(data, "from");
  bool relay = mode_ == DeskMode::relay;
  if (version == nullptr || !version->is_number_integer() || version->get<int>() != kVersion ||
      (from != "agent" && from != "visitor" && !(relay && from == "relay"))) {
    counts_.dropped += 1;
    return;
  }
  if (from == "agent") return;  // another agent side (or our own echo)
  std::string kind = string_at(data, "kind");
  if (relay && (kind == "welcome" || kind == "error")) {
    receive_relay_frame(kind, data, now_ms);
    return;
  }
  if (!can_post()) {  // relay mode before `welcome`: nothing is ours yet, and no ack may go out
    counts_.dropped += 1;
    return;
  }
  if (kind == "ack") {
    const Json* id = member(data, "id");
    if (!is_id(id)) {
      counts_.dropped += 1;
      return;
    }
    acknowledged(id->get<std::string>());
    peer_alive(now_ms);
    return;
  }
  const Json* body = kind == "msg" ? member(data, "body") : nullptr;
  std::string type = body ? string_at(*body, "type") : "";
  const Json* id = body ? member(*body, "id") : nullptr;
  const Json* conversation = body ? member(*body, "conversationId") : nullptr;
  if (body == nullptr || !body->is_object() || type.empty() || type.size() > kMaxId || !is_id(id) ||
      (conversation != nullptr && !is_id(conversation))) {
    counts_.dropped += 1;
    return;
  }
  peer_alive(now_ms);
  const std::string& message_id = id->get_ref<const std::string&>();
  // The relay's queue and team are state: always the latest wins (their ids are not kept, so a
  // relay that restarts and numbers anew is never taken for a repeat).
  bool state = relay && from == "relay" && (type == "queue" || type == "team" || type == "team.changed");
  if (state) {
    counts_.received += 1;
    handle(*body, now_ms);
  } else if (std::find(seen_.begin(), seen_.end(), message_id) == seen_.end()) {
    seen_.push_back(message_id);
    if (seen_.size() > kMaxSeen) seen_.erase(seen_.begin());
    counts_.received += 1;
    handle(*body, now_ms);
  } else {
    counts_.duplicates += 1;  // our ack was lost: acknowledge again
  }
  posts_.push_back(Json{{"v", kVersion}, {"kind", "ack"}, {"from", "agent"}, {"id", message_id}});
}

void AgentDesk::post_pending(Pending& entry, double now_ms) {
  if (!can_post()) {  // relay mode, not signed in: `welcome` posts it
    entry.due_ms = HUGE_VAL;
    return;
  }
  posts_.push_back(envelope(entry.body));
  entry.posts += 1;
  entry.due_ms = now_ms + delay_after(entry.posts);
}

std::string AgentDesk::send_reliable(Json body, double now_ms) {
  std::string id = next_id();
  body["id"] = id;
  outbox_.push_back(Pending{std::move(body)});
  post_pending(outbox_.back(), now_ms);
  return id;
}

std::string AgentDesk::send_state(Json body, double now_ms) {
  std::string type = string_at(body, "type");
  outbox_.erase(std::remove_if(outbox_.begin(), outbox_.end(),
                               [&](const Pending& entry) {
                                 return string_at(entry.body, "type") == type && member(entry.body, "conversationId") == nullptr;
                               }),
                outbox_.end());
  return send_reliable(std::move(body), now_ms);
}

// State, not conversation: fire-and-forget (every visitor page asks for it with visitor.hello).
void AgentDesk::send_availability() {
  posts_.push_back(envelope(Json{{"type", "availability"}, {"id", next_id()}, {"chat", chat_available_},
                                 {"video", video_available_}}));
}

// Typing is ephemeral (TRANSPORT.md §2): posted once to the conversation it is about, never kept.
void AgentDesk::post_typing(bool on) {
  if (typing_for_.empty() || !can_post()) return;
  posts_.push_back(envelope(Json{{"type", "agent.typing"}, {"id", next_id()}, {"conversationId", typing_for_},
                                 {"state", on ? "on" : "off"}}));
}

void AgentDesk::resend_due(double now_ms) {
  for (Pending& entry : outbox_)
    if (entry.due_ms <= now_ms) post_pending(entry, now_ms);
}

double AgentDesk::next_resend_ms() const {
  double next = HUGE_VAL;
  for (const Pending& entry : outbox_) next = std::min(next, entry.due_ms);
  return next;
}

std::vector<Json> AgentDesk::take_posts() {
  std::vector<Json> out;
  out.swap(posts_);
  return out;
}

void AgentDesk::acknowledged(const std::string& id) {
  auto it = std::find_if(outbox_.begin(), outbox_.end(), [&](const Pending& entry) { return string_at(entry.body, "id") == id; });
  if (it == outbox_.end()) return;
  outbox_.erase(it);
  for (DeskConversation& conversation : conversations_)
    for (DeskLine& line : conversation.transcript)
      if (line.outgoing && line.id == id) line.delivered = true;
}

// A visitor spoke: what waited through a long backoff goes again now.
void AgentDesk::peer_alive(double now_ms) {
  for (Pending& entry : outbox_) {
    if (entry.posts < 2) continue;
    entry.posts = 0;
    post_pending(entry, now_ms);
  }
}

// ---- Conversations ------------------------------------------------------------------------------

const DeskConversation* AgentDesk::find(std::string_view id) const {
  for (const DeskConversation& conversation : conversations_)
    if (conversation.id == id) return &conversation;
  return nullptr;
}

DeskConversation* AgentDesk::find_mutable(std::string_view id) { return const_cast<DeskConversation*>(find(id)); }

DeskConversation& AgentDesk::conversation_for(const std::string& id, double now_ms) {
  if (DeskConversation* existing = find_mutable(id)) return *existing;
  DeskConversation conversation;
  conversation.id = id;
  conversation.started_at_ms = now_ms;
  conversations_.insert(conversations_.begin(), std::move(conversation));
  if (conversations_.size() > kMaxConversations) conversations_.pop_back();
  return conversations_.front();
}

void AgentDesk::add_line(DeskConversation& conversation, std::string from, std::string text, double now_ms,
                         std::string outgoing_id) {
  DeskLine line;
  line.id = std::move(outgoing_id);
  line.from = std::move(from);
  line.text = std::move(text);
  line.at_ms = now_ms;
  line.outgoing = !line.id.empty();  // incoming lines get their id after (visitor.message)
  if (line.from == "visitor" && selected_ != conversation.id) conversation.unread += 1;
  conversation.transcript.push_back(std::move(line));
  if (conversation.transcript.size() > kMaxTranscript) conversation.transcript.erase(conversation.transcript.begin());
}

void AgentDesk::handle(const Json& body, double now_ms) {
  std::string type = string_at(body, "type");
  std::string conversation_id = string_at(body, "conversationId");
  bool relay = mode_ == DeskMode::relay;
  if (relay && handle_relay(type, body, now_ms)) return;
  // Visitors' availability and routing are the relay's business in relay mode.
  if (type == "visitor.hello" && !relay) {
    send_availability();
    return;
  }
  if (type == "conversation.start" && !conversation_id.empty() && !relay) {
    DeskConversation& conversation = conversation_for(conversation_id, now_ms);
    conversation.channel = string_at(body, "channel") == "video" ? "video" : "chat";
    read_context(member(body, "context"), conversation.context, conversation.hidden_context);
    read_prechat(member(body, "prechat"), conversation.prechat);
    conversation.locale = bounded_text(string_at(body, "locale"), 16);
    conversation.url = bounded_text(string_at(body, "url"), kMaxUrlBytes);
    const Json* call_id = member(body, "callId");
    if (conversation.channel == "video" && is_id(call_id)) {
      std::string mode = string_at(body, "camera");
      DeskCall call;
      call.id = call_id->get<std::string>();
      if (is_camera_mode(mode)) call.mode = mode;
      conversation.call = std::move(call);
    }
    add_line(conversation, "system", "The visitor started a " + conversation.channel + " conversation.", now_ms);
    if (selected_.empty()) selected_ = conversation_id;
    return;
  }
  if (type == "visitor.typing" && !conversation_id.empty()) {
    // Only for a conversation the desk has: typing never creates one.
    if (DeskConversation* conversation = find_mutable(conversation_id))
      conversation->visitor_typing_until_ms = string_at(body, "state") == "on" ? now_ms + kTypingTimeoutMs : 0;
    return;
  }
  if (type == "visitor.message" && !conversation_id.empty()) {
    std::string text = bounded_text(string_at(body, "text"), kMaxTextBytes);
    if (!text.empty()) {
      DeskConversation& conversation = conversation_for(conversation_id, now_ms);
      conversation.visitor_typing_until_ms = 0;  // the message ends its typing
      // The relay's transcript (conversation.assigned) may have brought this message already.
      std::string message_id = string_at(body, "id");
      bool shown = std::any_of(conversation.transcript.begin(), conversation.transcript.end(),
                               [&](const DeskLine& line) { return !line.outgoing && line.id == message_id; });
      if (!shown) {
        add_line(conversation, "visitor", std::move(text), now_ms);
        conversation.transcript.back().id = message_id;
      }
      return;
    }
  }
  if (type == "visitor.ended" && !conversation_id.empty()) {
    DeskConversation& conversation = conversation_for(conversation_id, now_ms);
    conversation.status = DeskStatus::visitor_ended;
    close_call(conversation, "The call ended with the conversation.", now_ms);
    add_line(conversation, "system", "The visitor ended the conversation.", now_ms);
    return;
  }
  if (type == "rating" && !conversation_id.empty()) {
    if (auto score = number_at(body, "score"); score && std::isfinite(*score)) {
      DeskConversation& conversation = conversation_for(conversation_id, now_ms);
      conversation.rating = static_cast<int>(std::clamp(std::round(*score), 1.0, 5.0));
      add_line(conversation, "system", "The visitor rated the conversation " + std::to_string(*conversation.rating) + " out of 5.",
               now_ms);
      return;
    }
  }
  if (handle_call(type, body, now_ms)) return;
  counts_.ignored += 1;  // unknown type, bad fields, or a message for a call that is not current
}

// ---- Agent actions ------------------------------------------------------------------------------

Errors AgentDesk::accept(std::string_view id, double now_ms) {
  if (mode_ == DeskMode::relay) return refused("the relay assigns conversations: take one from the queue");
  DeskConversation* conversation = find_mutable(id);
  if (conversation == nullptr) return refused("no such conversation");
  if (conversation->status != DeskStatus::waiting && conversation->status != DeskStatus::queued)
    return refused("only a waiting or queued conversation can be accepted");
  std::string name = blank(agent_name_) ? "Agent" : agent_name_;
  std::string message_id = send_reliable(Json{{"type", "agent.joined"}, {"conversationId", id}, {"agentName", name}}, now_ms);
  conversation->status = DeskStatus::active;
  conversation->agent_name = name;
  add_line(*conversation, "system", name + " joined the conversation.", now_ms, message_id);
  if (conversation->call && conversation->call->state == CallState::requested) join_call(*conversation, now_ms);
  return {};
}

Errors AgentDesk::queue(std::string_view id, double now_ms) {
  if (mode_ == DeskMode::relay) return refused("the relay queues conversations itself");
  DeskConversation* conversation = find_mutable(id);
  if (conversation == nullptr) return refused("no such conversation");
  if (conversation->status != DeskStatus::waiting) return refused("only a waiting conversation can be queued");
  // Video never queues: the visitor's widget ends the call and waits as a chat.
  close_call(*conversation, "Queued: video never waits, the conversation goes on as a chat.", now_ms);
  std::string message_id = send_reliable(Json{{"type", "conversation.queued"}, {"conversationId", id}}, now_ms);
  conversation->status = DeskStatus::queued;
  add_line(*conversation, "system", "The visitor was told they are in the queue.", now_ms, message_id);
  return {};
}

Errors AgentDesk::reply(std::string_view id, std::string_view text, double now_ms) {
  DeskConversation* conversation = find_mutable(id);
  if (conversation == nullptr) return refused("no such conversation");
  if (conversation->status != DeskStatus::active) return refused("accept the conversation to reply");
  if (blank(text)) return one_error(ErrorCode::missing_field, "the reply is empty", "/text");
  if (text.size() > kMaxTextBytes) return one_error(ErrorCode::too_large, "a reply is at most 4000 bytes", "/text");
  reply_left(now_ms);  // the reply ends the typing: "off" first
  std::string message_id =
      send_reliable(Json{{"type", "agent.message"}, {"conversationId", id}, {"text", std::string(text)}}, now_ms);
  add_line(*conversation, "agent", std::string(text), now_ms, message_id);
  return {};
}

Errors AgentDesk::end(std::string_view id, double now_ms) {
  DeskConversation* conversation = find_mutable(id);
  if (conversation == nullptr) return refused("no such conversation");
  if (conversation->status == DeskStatus::ended || conversation->status == DeskStatus::visitor_ended)
    return refused("the conversation has already ended");
  if (conversation->status == DeskStatus::released) return refused("another agent has this conversation now");
  close_call(*conversation, "The call ended with the conversation.", now_ms);
  std::string message_id = send_reliable(Json{{"type", "agent.ended"}, {"conversationId", id}}, now_ms);
  conversation->status = DeskStatus::ended;
  add_line(*conversation, "system", "You ended the conversation.", now_ms, message_id);
  return {};
}

void AgentDesk::set_availability(bool chat, bool video, double now_ms) {
  chat_available_ = chat;
  video_available_ = video;
  // RELAY.md §5: the relay computes the visitors' availability from every agent's status.
  if (mode_ == DeskMode::relay) send_state(Json{{"type", "agent.status"}, {"chat", chat}, {"video", video}}, now_ms);
  else send_availability();
}

void AgentDesk::set_agent_name(std::string_view name) { agent_name_ = bounded_text(name, kMaxNameBytes); }

void AgentDesk::select(std::string_view id) {
  DeskConversation* conversation = find_mutable(id);
  if (conversation == nullptr) return;
  selected_ = std::string(id);
  conversation->unread = 0;
}

}  // namespace parley::console
