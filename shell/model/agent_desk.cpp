#include "console/agent_desk.hpp"

#include <algorithm>
#include <cmath>

#include "console/json_access.hpp"

namespace parley::console {
namespace {

constexpr int kVersion = 1;
constexpr double kFirstDelayMs = 1000;
constexpr double kMaxDelayMs = 30000;
constexpr std::size_t kMaxEntries = 100;     // context entries and survey answers shown
constexpr std::size_t kMaxNameBytes = 100;

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

// {key: {value, isDisplayable}}: displayable entries as text, and how many are not displayable.
void read_context(const Json* value, DeskConversation& conversation) {
  conversation.context.clear();
  conversation.hidden_context = 0;
  if (value == nullptr || !value->is_object()) return;
  std::size_t seen = 0;
  for (auto it = value->begin(); it != value->end() && seen < kMaxEntries; ++it, ++seen) {
    const Json* entry_value = member(*it, "value");
    if (entry_value == nullptr || !(entry_value->is_string() || entry_value->is_number() || entry_value->is_boolean()))
      continue;
    if (bool_at(*it, "isDisplayable", true)) conversation.context.emplace_back(it.key(), value_text(*entry_value));
    else conversation.hidden_context += 1;
  }
}

// [{id, label, value}] in the survey's order.
void read_prechat(const Json* value, DeskConversation& conversation) {
  conversation.prechat.clear();
  if (value == nullptr || !value->is_array()) return;
  for (const Json& answer : *value) {
    if (!answer.is_object()) continue;
    if (conversation.prechat.size() >= kMaxEntries) break;
    const Json* id = member(answer, "id");
    std::string label = string_at(answer, "label", id ? value_text(*id) : "");
    const Json* shown = member(answer, "value");
    conversation.prechat.emplace_back(std::move(label), shown ? value_text(*shown) : "");
  }
}

}  // namespace

std::string_view to_string(DeskStatus status) noexcept {
  switch (status) {
    case DeskStatus::waiting: return "waiting";
    case DeskStatus::queued: return "queued";
    case DeskStatus::active: return "active";
    case DeskStatus::visitor_ended: return "visitor-ended";
    case DeskStatus::ended: return "ended";
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
  }
  return "";
}

AgentDesk::AgentDesk(std::string desk_id) : desk_id_(std::move(desk_id)) {}

std::string AgentDesk::next_id() { return "desk-" + desk_id_ + "-" + std::to_string(++sequence_); }

// ---- Wire ---------------------------------------------------------------------------------------

void AgentDesk::start(double now_ms) {
  send_availability();
  for (Pending& entry : outbox_) post_pending(entry, now_ms);
}

void AgentDesk::receive(const Json& data, double now_ms) {
  const Json* version = member(data, "v");
  std::string from = string_at(data, "from");
  if (version == nullptr || !version->is_number_integer() || version->get<int>() != kVersion ||
      (from != "agent" && from != "visitor")) {
    counts_.dropped += 1;
    return;
  }
  if (from == "agent") return;  // another agent side (or our own echo)
  std::string kind = string_at(data, "kind");
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
  if (std::find(seen_.begin(), seen_.end(), message_id) == seen_.end()) {
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

// State, not conversation: fire-and-forget (every visitor page asks for it with visitor.hello).
void AgentDesk::send_availability() {
  posts_.push_back(envelope(Json{{"type", "availability"}, {"id", next_id()}, {"chat", chat_available_},
                                 {"video", video_available_}}));
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
  DeskLine line{std::move(outgoing_id), std::move(from), std::move(text), now_ms};
  line.outgoing = !line.id.empty();
  if (line.from == "visitor" && selected_ != conversation.id) conversation.unread += 1;
  conversation.transcript.push_back(std::move(line));
  if (conversation.transcript.size() > kMaxTranscript) conversation.transcript.erase(conversation.transcript.begin());
}

void AgentDesk::handle(const Json& body, double now_ms) {
  std::string type = string_at(body, "type");
  std::string conversation_id = string_at(body, "conversationId");
  if (type == "visitor.hello") {
    send_availability();
    return;
  }
  if (type == "conversation.start" && !conversation_id.empty()) {
    DeskConversation& conversation = conversation_for(conversation_id, now_ms);
    conversation.channel = string_at(body, "channel") == "video" ? "video" : "chat";
    read_context(member(body, "context"), conversation);
    read_prechat(member(body, "prechat"), conversation);
    conversation.locale = string_at(body, "locale");
    conversation.url = string_at(body, "url");
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
  if (type == "visitor.message" && !conversation_id.empty()) {
    std::string text = string_at(body, "text");
    if (!text.empty()) {
      add_line(conversation_for(conversation_id, now_ms), "visitor", std::move(text), now_ms);
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
  close_call(*conversation, "The call ended with the conversation.", now_ms);
  std::string message_id = send_reliable(Json{{"type", "agent.ended"}, {"conversationId", id}}, now_ms);
  conversation->status = DeskStatus::ended;
  add_line(*conversation, "system", "You ended the conversation.", now_ms, message_id);
  return {};
}

void AgentDesk::set_availability(bool chat, bool video) {
  chat_available_ = chat;
  video_available_ = video;
  send_availability();
}

void AgentDesk::set_agent_name(std::string_view name) {
  std::size_t cut = std::min(name.size(), kMaxNameBytes);
  while (cut > 0 && cut < name.size() && (static_cast<unsigned char>(name[cut]) & 0xC0) == 0x80) --cut;  // not mid-character
  agent_name_ = std::string(name.substr(0, cut));
}

void AgentDesk::select(std::string_view id) {
  DeskConversation* conversation = find_mutable(id);
  if (conversation == nullptr) return;
  selected_ = std::string(id);
  conversation->unread = 0;
}

}  // namespace parley::console
