// Keeping a conversation across reloads and navigation: after every event the engine compares a
// snapshot of the conversation with what it last stored and, when it changed, asks the runtime
// to store it (sessionStorage: per tab, as a conversation is). The next pageLoad gives it back.
// A snapshot that is missing, tampered with or from an older engine is simply not restored.
// The same snapshot carries the conversation to the site's other tabs: the tab that owns the
// connection publishes it and the others take it with the `mirror` event (wasm-glue/runtime/
// tab_sync.js). The composer's draft is part of it: nothing typed is lost to a reload or a tab.
#include <algorithm>

#include "parley/engine.hpp"
#include "parley/json_object.hpp"

namespace parley {
namespace {

constexpr std::size_t kStoredMessages = 100;
constexpr std::size_t kMaxDraftBytes = 4000;  // a message's limit: a longer draft could not be sent
constexpr std::size_t kMaxStoredBytes = 512 * 1024;

bool restorable(ConversationState state) {
  return state == ConversationState::Prechat || state == ConversationState::Loading ||
         state == ConversationState::Active || state == ConversationState::InActive ||
         state == ConversationState::Postchat;
}

// Non-throwing reads: value() would abort on a wrong type, and the snapshot is untrusted.
const std::string* text_at(const Json& object, std::string_view key) {
  auto it = object.find(key);
  return it != object.end() ? it->get_ptr<const std::string*>() : nullptr;
}

bool flag_at(const Json& object, std::string_view key) {
  auto it = object.find(key);
  const bool* flag = it != object.end() ? it->get_ptr<const bool*>() : nullptr;
  return flag != nullptr && *flag;
}

double number_at(const Json& object, std::string_view key) {
  auto it = object.find(key);
  return it != object.end() && it->is_number() ? it->get<double>() : 0.0;
}

}  // namespace

Json Engine::conversation_snapshot() const {
  Json messages = Json::array();
  std::size_t first = transcript_.size() > kStoredMessages ? transcript_.size() - kStoredMessages : 0;
  for (std::size_t i = first; i < transcript_.size(); ++i) {
    const ChatMessage& m = transcript_[i];
    Json item = Json::array({m.id, m.from, m.text, m.at_ms});
    // Who wrote it and how far it got, only when there is something to say (a fifth element).
    Json more = Json::object();
    if (!m.author.empty()) more["author"] = m.author;
    if (!m.avatar.empty()) more["avatar"] = m.avatar;
    if (m.receipt != Receipt::sent) more["receipt"] = m.receipt == Receipt::read ? "read" : "delivered";
    if (!more.empty()) item.push_back(std::move(more));
    messages.push_back(std::move(item));
  }
  Json snapshot = JsonObject()
      .add("v", 1)
      .add("state", to_string(state_))
      .add("id", conversation_id_)
      .add("channel", to_string(conversation_channel_))
      .add("agent", agent_name_)
      .add("avatar", agent_avatar_)
      .add("replyTime", agent_reply_time_)
      .add("queued", queued_)
      .add("minimized", minimized_)
      .add("unread", unread_)
      .add("answers", prechat_answers_)
      .add("context", agent_context_)
      .add("draft", draft_)
      .add("messages", std::move(messages));
  if (call_on(video_)) snapshot["call"] = call_id_;
  if (invitation_) {  // a survey shown for an invitation: the reason must survive until it is sent
    snapshot["invitation"] = JsonObject()
        .add("rule", invitation_->rule_id)
        .add("prechat", invitation_->prechat)
        .add("context", invitation_->rule_context)
        .add("reason", reason_context(invitation_->reason));
  }
  return snapshot;
}

void Engine::store_conversation() {
  if (!page_loaded_ || !may_store()) return;
  // No conversation: nothing to write (and the snapshot's code stays off the start path).
  std::string text = restorable(state_) ? split_call<&Engine::conversation_snapshot>(*this).dump(-1, ' ', false, Json::error_handler_t::replace)
                                        : std::string();
  if (text.size() > kMaxStoredBytes || text == stored_conversation_) return;
  stored_conversation_ = text;
  actions_.push_back(JsonObject()
      .add("type", "store")
      .add("key", "conversation")
      .add("value", text.empty() ? Json() : Json(text)));
}

// Everything of a conversation, as a page with none has it.
void Engine::clear_conversation() {
  transcript_.clear();
  invitation_.reset();
  agent_name_.clear();
  agent_avatar_.clear();
  agent_reply_time_.clear();
  presence_.reset();
  draft_.clear();
  queued_ = minimized_ = false;
  unread_ = 0;
  prechat_answers_ = Json::object();
  agent_context_ = Json::object();
}

// Takes the conversation a snapshot holds, in place of this page's; false, with nothing changed,
// when it is not one. `call`: where to put the id of the video call it had, if any.
bool Engine::adopt_conversation(const std::string& saved, std::string* call) {
  if (saved.size() > kMaxStoredBytes) return false;
  Errors ignored;
  Json snapshot = parse_json(saved, "", ignored);
  if (!snapshot.is_object() || number_at(snapshot, "v") != 1) return false;
  const std::string* state_name = text_at(snapshot, "state");
  const std::string* id = text_at(snapshot, "id");
  if (state_name == nullptr || id == nullptr || id->empty()) return false;
  std::optional<ConversationState> state;
  for (auto candidate : {ConversationState::Prechat, ConversationState::Loading, ConversationState::Active,
                         ConversationState::InActive, ConversationState::Postchat})
    if (to_string(candidate) == *state_name) state = candidate;
  if (!state) return false;

  clear_conversation();
  state_ = *state;
  conversation_id_ = *id;
  had_conversation_ = true;
  const std::string* channel = text_at(snapshot, "channel");
  conversation_channel_ = channel && channel_named(*channel) == Channel::video ? Channel::video : Channel::chat;
  if (const std::string* agent = text_at(snapshot, "agent"); agent && agent->size() <= 100) agent_name_ = *agent;
  if (const std::string* avatar = text_at(snapshot, "avatar"); avatar && avatar->size() <= 2048 && avatar->starts_with("https://"))
    agent_avatar_ = *avatar;
  if (const std::string* reply_time = text_at(snapshot, "replyTime"); reply_time && reply_time->size() <= 200)
    agent_reply_time_ = *reply_time;
  if (const std::string* draft = text_at(snapshot, "draft"); draft && draft->size() <= kMaxDraftBytes) draft_ = *draft;
  queued_ = flag_at(snapshot, "queued");
  minimized_ = flag_at(snapshot, "minimized");
  unread_ = static_cast<int>(std::clamp(number_at(snapshot, "unread"), 0.0, 999.0));
  if (auto answers = snapshot.find("answers"); answers != snapshot.end() && answers->is_object()) prechat_answers_ = *answers;
  if (auto context = snapshot.find("context"); context != snapshot.end() && context->is_object()) agent_context_ = *context;
  if (auto messages = snapshot.find("messages"); messages != snapshot.end() && messages->is_array()) {
    for (const Json& m : *messages) {
      if (!m.is_array() || m.size() < 4 || m.size() > 5 || !m[0].is_string() || !m[1].is_string() || !m[2].is_string() ||
          !m[3].is_number())
        continue;
      const std::string& from = m[1].get_ref<const std::string&>();
      if (from != "visitor" && from != "agent" && from != "system") continue;
      ChatMessage message;
      message.id = m[0].get<std::string>();
      message.from = from;
      message.text = m[2].get<std::string>();
      message.at_ms = m[3].get<double>();
      if (m.size() == 5 && m[4].is_object()) {
        if (const std::string* author = text_at(m[4], "author"); author && author->size() <= 100) message.author = *author;
        if (const std::string* avatar = text_at(m[4], "avatar"); avatar && avatar->size() <= 2048 && avatar->starts_with("https://"))
          message.avatar = *avatar;
        if (const std::string* receipt = text_at(m[4], "receipt"))
          message.receipt = *receipt == "read" ? Receipt::read : *receipt == "delivered" ? Receipt::delivered : Receipt::sent;
      }
      transcript_.push_back(std::move(message));
    }
  }
  if (auto invitation = snapshot.find("invitation"); invitation != snapshot.end() && invitation->is_object()) {
    Invitation restored;
    if (const std::string* rule = text_at(*invitation, "rule")) restored.rule_id = *rule;
    restored.prechat = flag_at(*invitation, "prechat");
    if (auto c = invitation->find("context"); c != invitation->end() && c->is_object()) restored.rule_context = *c;
    if (auto r = invitation->find("reason"); r != invitation->end()) restored.reason = reason_from_context(*r);
    invitation_ = std::move(restored);
  }
  if (const std::string* id_of_call = text_at(snapshot, "call"); call && id_of_call && id_of_call->size() <= 100) *call = *id_of_call;
  rules_.disarm_all();
  return true;
}

void Engine::restore_conversation(const std::string& saved) {
  std::string call;
  if (!adopt_conversation(saved, &call)) return;
  // A call cannot outlive the page (its media and peer connection are gone): tell the agent, and
  // the host (the page that held the call could not: it fires lcw:videoEnded here, once).
  if (!call.empty()) {
    send(JsonObject()
        .add("type", "video.ended")
        .add("conversationId", conversation_id_)
        .add("callId", call)
        .add("reason", "reload"));
    emit("lcw:videoEnded", JsonObject().add("callId", call).add("by", "visitor").add("reason", "reload"));
  }
  stored_conversation_ = saved;
}

// The composer's text, as the visitor types it (the runtime sends it on every change).
Errors Engine::on_draft(const Json& event, double now_ms) {
  Errors errors;
  ObjectReader reader(event, "", errors);
  reader.find("type");
  auto text = reader.required_string("text");
  reader.report_unknown_keys();
  if (!text) return errors;
  if (text->size() > kMaxDraftBytes) return one_error(ErrorCode::out_of_range, "a draft has at most 4000 bytes", "/text");
  if (!chat_shows()) return one_error(ErrorCode::invalid_state, "no chat to type in", "/type");
  bool changed = draft_ != *text;
  draft_ = *text;
  // Typing is said only to an agent who is there: what was typed before it joined is not news.
  if (changed && state_ == ConversationState::Active) send_typing(presence_.visitor_typed(!draft_.empty(), now_ms));
  return errors;
}

// The conversation as the tab that owns the connection has it (a snapshot it stored, or null when
// it has none): it replaces this page's. Its video call stays in that tab, and its events fired
// there: this page only shows it. Stored here too (this tab's next page view starts from it).
Errors Engine::on_mirror(const Json& event, double) {
  Errors errors;
  ObjectReader reader(event, "", errors);
  reader.find("type");
  const Json* value = reader.require("conversation");
  reader.report_unknown_keys();
  if (value == nullptr || !only_unknown_keys(errors)) return errors;
  if (value->is_string()) {
    if (!adopt_conversation(value->get_ref<const std::string&>(), nullptr))
      return one_error(ErrorCode::invalid, "not a stored conversation", "/conversation");
  } else if (value->is_null()) {
    if (restorable(state_)) {  // that conversation is over; an invitation of this page stays
      clear_conversation();
      state_ = ConversationState::Closed;
    }
  } else {
    return one_error(ErrorCode::wrong_type, "a stored conversation (text) or null", "/conversation");
  }
  return errors;
}

}  // namespace parley
