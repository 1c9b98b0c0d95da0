// The invitation and conversation half of the Engine: rules firing, the visitor's and the
// agent's events, and the effects of the transition table (parley/conversation.hpp).
#include <algorithm>

#include "parley/agent_context.hpp"
#include "parley/constants.hpp"
#include "parley/decimal.hpp"
#include "parley/engine.hpp"
#include "parley/json_object.hpp"
#include "parley/transition_table.hpp"
#include "parley/ui_strings.hpp"

namespace parley {
namespace {

constexpr std::size_t kMaxMessageBytes = 4000;
constexpr std::size_t kRememberedMessageIds = 200;
constexpr std::size_t kMaxTranscript = 500;

}  // namespace

// ---- Rules ------------------------------------------------------------------------------------

std::optional<Channel> Engine::offered_channel(Channel wanted) const {
  // Unknown availability offers chat (a chat can wait for an agent) but not video (video never
  // waits): video falls back to chat when no video agent is free.
  bool chat = facts_.value(fact_id(BuiltinFact::available_chat)) != FactValue{false};
  bool video = facts_.value(fact_id(BuiltinFact::available_video)) == FactValue{true};
  switch (wanted) {
    case Channel::chat: return chat ? std::optional(Channel::chat) : std::nullopt;
    case Channel::video:
      if (video) return Channel::video;
      return chat ? std::optional(Channel::chat) : std::nullopt;
    case Channel::chat_video:
      if (chat && video) return Channel::chat_video;
      if (video) return Channel::video;
      return chat ? std::optional(Channel::chat) : std::nullopt;
  }
  return std::nullopt;
}

// Read at each render and accept, not when the invitation fired: a video agent who becomes free
// adds the video button, one who leaves takes it away (video never waits). With nobody free at
// all the invitation keeps its chat button: a chat can wait in the queue.
Channel Engine::invitation_channel() const {
  return invitation_ ? offered_channel(invitation_->asked).value_or(Channel::chat) : Channel::chat;
}

RuleReason Engine::block_reason(std::uint32_t index, double now_ms, double& until_ms) const {
  const Rule& rule = config_.rules[index];
  if (session_.do_not_disturb) return RuleReason::declined_this_session;
  if (visitor_.do_not_disturb_until_ms > now_ms) {
    until_ms = visitor_.do_not_disturb_until_ms;
    return RuleReason::declined_earlier;
  }
  CapRecord record = cap_record(index);
  if (record.count >= rule.frequency.times) return RuleReason::frequency_cap;
  if (record.last_ms + rule.frequency.min_interval_ms > now_ms) {
    until_ms = record.last_ms + rule.frequency.min_interval_ms;
    return RuleReason::min_interval;
  }
  if (!offered_channel(rule.invite.channel)) return RuleReason::no_channel;
  return RuleReason::none;
}

CapRecord Engine::cap_record(std::uint32_t index) const {
  const Rule& rule = config_.rules[index];
  if (rule.frequency.per == Scope::pageview) {
    const RuleStatus& status = rules_.status(index);
    return {status.fired_this_page, status.last_fired_this_page_ms};
  }
  const CapRecords& caps = rule.frequency.per == Scope::session ? session_.caps : visitor_.caps;
  if (auto it = caps.find(rule.id); it != caps.end()) return it->second;
  return {};
}

RuleReason Engine::rules_paused() const {
  if (is_busy(state_)) return RuleReason::on_screen;
  if (had_conversation_) return RuleReason::after_conversation;
  return RuleReason::none;
}

void Engine::record_fire(std::uint32_t index, double now_ms) {
  const Rule& rule = config_.rules[index];
  rules_.mark_fired(index, now_ms);
  if (rule.frequency.per != Scope::pageview) {
    CapRecords& caps = rule.frequency.per == Scope::session ? session_.caps : visitor_.caps;
    CapRecord& record = caps[rule.id];
    record.count += 1;
    record.last_ms = now_ms;
    persist(now_ms);
  }
}

void Engine::run_rules(double now_ms) {
  using Kind = InspectorTrail::RuleOutcome::Kind;
  RuleReason paused = rules_paused();
  bool busy = paused != RuleReason::none;
  rules_.evaluate(config_, facts_, now_ms, busy);
  for (std::uint32_t index : rules_.last_evaluated())
    if (rules_.status(index).skipped_at_ms == now_ms)
      trail_.outcome(index, {.kind = Kind::skipped, .reason = paused}, now_ms);
  blocked_until_ms_ = kNever;
  last_block_reasons_.clear();
  std::optional<std::uint32_t> winner;
  if (!busy) {
    for (std::uint32_t index : rules_.armed()) {
      double until = kNever;
      RuleReason reason = block_reason(index, now_ms, until);
      if (reason == RuleReason::none) {
        winner = index;
        break;
      }
      last_block_reasons_.emplace_back(index, reason);
      trail_.outcome(index, {.kind = Kind::held_back, .reason = reason}, now_ms);
      blocked_until_ms_ = std::min(blocked_until_ms_, until);
    }
  }
  if (config_.trace) split_call<&Engine::trace_rules>(*this);
  if (!winner) return;
  const Rule& rule = config_.rules[*winner];
  Invitation invitation;
  invitation.rule_id = rule.id;
  invitation.after_decline = rule.after_decline;
  invitation.rule_context = rule.context;
  invitation.message = rule.invite.message;
  invitation.asked = rule.invite.channel;
  invitation.prechat = rule.invite.prechat;
  invitation.expires_at_ms = rule.invite.expires_after_ms > 0 ? now_ms + rule.invite.expires_after_ms : kNever;
  invitation.reason = reason_facts(rule.id, rule.when, config_.facts, facts_, now_ms);
  // Armed rules of lower priority lose their turn: the invitation disarms them.
  for (std::uint32_t index : rules_.armed())
    if (index > *winner) trail_.outcome(index, {.kind = Kind::skipped, .winner = *winner}, now_ms);
  trail_.outcome(*winner, {.kind = Kind::fired, .channel = *offered_channel(rule.invite.channel)}, now_ms);
  invitation_ = std::move(invitation);
  record_fire(*winner, now_ms);
  fire(Trigger::invite, now_ms);
}

// What the rules just evaluated came to, for a config with "trace": a developer's aid.
void Engine::trace_rules() {
  for (std::uint32_t index : rules_.last_evaluated()) {
    const RuleStatus& status = rules_.status(index);
    actions_.push_back(JsonObject()
        .add("type", "trace")
        .add("rule", config_.rules[index].id)
        .add("value", status.value)
        .add("armed", status.armed)
        .add("nextChange", std::isfinite(status.next_change_ms) ? Json(status.next_change_ms) : Json()));
  }
}

// ---- The state machine ------------------------------------------------------------------------

bool Engine::guard_holds(Guard guard) const {
  switch (guard) {
    case Guard::always: return true;
    case Guard::needs_prechat:
      if (config_.prechat.empty()) return false;
      return state_ == ConversationState::ProactiveChat && invitation_ ? invitation_->prechat : true;
    case Guard::answers_valid: return prechat_validation_.ok();
    case Guard::satisfaction_on: return config_.satisfaction;
  }
  return false;
}

Errors Engine::fire(Trigger trigger, double now_ms) {
  const Transition* row =
      find_transition(transition_table(), state_, trigger, [this](Guard guard) { return guard_holds(guard); });
  if (row != nullptr) {
    ConversationState from = state_;
    state_ = row->to;
    perform(row->effect, now_ms);
    if (from != state_) emit("lcw:threadUpdate", JsonObject()
        .add("state", to_string(state_))
        .add("from", to_string(from)));
    return {};
  }
  return one_error(ErrorCode::invalid_state, "\"" + std::string(to_string(trigger)) + "\" does nothing in state " +
                                                    std::string(to_string(state_)));
}

// The invitation's effects are here, on the start path; a conversation's are in
// perform_conversation, behind a split point (parley/split_point.hpp).
void Engine::perform(Effect effect, double now_ms) {
  switch (effect) {
    case Effect::none: break;
    case Effect::show_invitation: {
      rules_.disarm_all();
      Json detail = JsonObject()
          .add("message", invitation_->message.in(locale()))
          .add("channel", to_string(invitation_channel()));
      detail["rule"] = invitation_->rule_json();
      emit("lcw:proactiveInvite", std::move(detail));
      break;
    }
    case Effect::show_prechat:
      prechat_validation_ = {};
      break;
    case Effect::show_prechat_errors: break;
    case Effect::record_decline: {
      if (invitation_) {
        const AfterDecline& after = invitation_->after_decline;
        if (after.kind == AfterDecline::Kind::session) session_.do_not_disturb = true;
        if (after.kind == AfterDecline::Kind::forever) visitor_.do_not_disturb_until_ms = kNever;
        if (after.kind == AfterDecline::Kind::hours)
          visitor_.do_not_disturb_until_ms = std::max(visitor_.do_not_disturb_until_ms, now_ms + after.hours * 3600000.0);
        persist(now_ms);
      }
      emit("lcw:inviteDeclined", JsonObject().add("rule", invitation_ ? invitation_->rule_json() : Json()));
      invitation_.reset();
      break;
    }
    case Effect::record_expiry:
      emit("lcw:inviteExpired", JsonObject().add("rule", invitation_ ? invitation_->rule_json() : Json()));
      invitation_.reset();
      break;
    case Effect::dismiss:
      invitation_.reset();
      emit("lcw:onClose");
      break;
    default:
      split_call<&Engine::perform_conversation>(*this, effect, now_ms);
      break;
  }
}

void Engine::perform_conversation(Effect effect, double now_ms) {
  switch (effect) {
    case Effect::start_conversation: {
      rules_.disarm_all();
      had_conversation_ = true;
      conversation_id_ = next_id();
      if (conversation_channel_ == Channel::video) call_id_ = next_id();
      agent_context_ = Json::object();
      if (invitation_) {
        merge_context(agent_context_, invitation_->rule_context);
        merge_context(agent_context_, reason_context(invitation_->reason));
      }
      merge_context(agent_context_, host_context_);
      Json message = JsonObject()
          .add("type", "conversation.start")
          .add("conversationId", conversation_id_)
          .add("channel", to_string(conversation_channel_))
          .add("context", agent_context_)
          .add("prechat", answers_for_agent(config_.prechat, prechat_validation_.answers, locale()))
          .add("locale", to_string(locale()));
      if (const auto* url = std::get_if<std::string>(&facts_.value(fact_id(BuiltinFact::url)))) message["url"] = *url;
      if (!auth_token_.empty()) message["authToken"] = auth_token_;
      if (conversation_channel_ == Channel::video) {
        message["callId"] = call_id_;
        message["camera"] = to_string(config_.video.camera);
      }
      send(std::move(message));
      invitation_.reset();
      transcript_.clear();
      draft_.clear();
      queued_ = false;
      agent_name_.clear();
      agent_avatar_.clear();
      agent_reply_time_.clear();
      presence_.reset();
      minimized_ = false;
      emit("lcw:startChat", JsonObject()
          .add("conversationId", conversation_id_)
          .add("channel", to_string(conversation_channel_)));
      if (conversation_channel_ == Channel::video) fire_video(VideoTrigger::start, now_ms);
      break;
    }
    case Effect::end_conversation:
      fire_video(VideoTrigger::chat_over, now_ms);
      send(JsonObject().add("type", "visitor.ended").add("conversationId", conversation_id_));
      emit("lcw:onClose", JsonObject().add("conversationId", conversation_id_));
      break;
    case Effect::note_agent_joined:
      add_message("system", std::string(ui_text(UiString::agent_joined, locale())), now_ms);
      break;
    case Effect::note_agent_changed:
      add_message("system",
                  agent_name_.empty() ? std::string(ui_text(UiString::agent_joined, locale()))
                                      : agent_name_ + std::string(ui_text(UiString::agent_named_joined, locale())),
                  now_ms);
      break;
    case Effect::note_agent_left:
      fire_video(VideoTrigger::chat_over, now_ms);
      presence_.reset();
      add_message("system", std::string(ui_text(UiString::agent_left, locale())), now_ms);
      break;
    case Effect::send_rating:
      if (pending_rating_ > 0)
        send(JsonObject()
            .add("type", "rating")
            .add("conversationId", conversation_id_)
            .add("score", pending_rating_));
      pending_rating_ = 0;
      break;
    case Effect::fail:
      emit("lcw:error", JsonObject()
          .add("errorCode", static_cast<int>(LcwError::conversation))
          .add("errorDescription", "the conversation failed"));
      break;
    default: break;  // the invitation's (perform)
  }
}

// ---- Visitor and host events ------------------------------------------------------------------

Errors Engine::read_host_context(ObjectReader& reader, std::string_view key) {
  Errors errors;
  if (const Json* context = reader.find(key)) host_context_ = sanitize_context(*context, reader.path_of(key), errors);
  return errors;
}

Errors Engine::on_start_proactive_chat(const Json& event, double now_ms) {
  Errors errors;
  // The state first, whatever the arguments: the runtime then refuses a repeat of this refusal
  // without asking again (widget.js), which is only right if the arguments cannot change it.
  if (state_ != ConversationState::Closed) {
    errors.push_back({ErrorCode::invalid_state,
                      "an invitation or a conversation is already on screen (" + std::string(to_string(state_)) + ")", "/type"});
    return errors;
  }
  ObjectReader reader(event, "", errors);
  reader.find("type");
  std::optional<LocalizedText> message;
  if (const Json* value = reader.require("message")) message = read_localized_text(*value, "/message", errors);
  auto prechat = reader.boolean("showPrechat");
  auto channel = reader.one_of<Channel>("channel", kChannelNames);
  auto expires = reader.number("expiresAfter", 0, 24 * 3600 * 1000.0);
  reader.report_unknown_keys();
  if (!message || !only_unknown_keys(errors)) return errors;
  if (message->en.size() > kMaxMessageBytes || message->fr.size() > kMaxMessageBytes) {
    errors.push_back({ErrorCode::too_large, "a message is at most 4000 bytes", "/message"});
    return errors;
  }
  // The host's decision: no rule, cap or do-not-disturb applies. Video still never waits.
  Invitation invitation;
  invitation.message = std::move(*message);
  invitation.asked = channel.value_or(Channel::chat);
  invitation.prechat = prechat.value_or(false);  // omitted showPrechat means false, as in Omnichannel
  double expires_after = expires.value_or(kDefaultInviteExpiryMs);
  invitation.expires_at_ms = expires_after > 0 ? now_ms + expires_after : kNever;
  invitation_ = std::move(invitation);
  fire(Trigger::invite, now_ms);
  return errors;
}

Errors Engine::on_accept(const Json& event, double now_ms) {
  Errors errors;
  ObjectReader reader(event, "", errors);
  reader.find("type");
  auto channel = reader.one_of<Channel>("channel", kOneChannelNames);
  Errors context_errors = read_host_context(reader, "hostContext");
  auto token = reader.string("authToken");
  reader.report_unknown_keys();
  if (!only_unknown_keys(errors)) return errors;
  if (token && token->size() <= 8192) auth_token_ = *token;
  if (state_ != ConversationState::ProactiveChat)
    return one_error(ErrorCode::invalid_state, "no invitation to accept", "/type");
  Channel offered = invitation_channel();
  Channel chosen = channel.value_or(offered == Channel::video ? Channel::video : Channel::chat);
  if (chosen == Channel::video && offered == Channel::chat)
    return one_error(ErrorCode::invalid, "this invitation offers chat only", "/channel");
  if (chosen == Channel::chat && offered == Channel::video)
    return one_error(ErrorCode::invalid, "this invitation offers video only", "/channel");
  conversation_channel_ = chosen;
  fire(Trigger::accept, now_ms);
  append(errors, std::move(context_errors));
  return errors;
}

Errors Engine::on_decline(const Json&, double now_ms) {
  if (state_ != ConversationState::ProactiveChat)
    return one_error(ErrorCode::invalid_state, "no invitation to decline", "/type");
  return fire(Trigger::decline, now_ms);
}

Errors Engine::on_start_chat(const Json& event, double now_ms) {
  Errors errors;
  ObjectReader reader(event, "", errors);
  reader.find("type");
  auto channel = reader.one_of<Channel>("channel", kOneChannelNames);
  Errors context_errors = read_host_context(reader, "hostContext");
  if (const Json* custom = reader.find("customContext")) {
    Errors custom_errors;
    merge_context(host_context_, sanitize_context(*custom, "/customContext", custom_errors));
    append(context_errors, std::move(custom_errors));
  }
  auto token = reader.string("authToken");
  reader.report_unknown_keys();
  if (!only_unknown_keys(errors)) return errors;
  if (token && token->size() <= 8192) auth_token_ = *token;
  if (state_ != ConversationState::Closed && state_ != ConversationState::ProactiveChat) {
    maximized_by_start_chat();
    return errors;  // already open: startChat only brings it back
  }
  Channel wanted = channel.value_or(Channel::chat);
  if (wanted == Channel::video && !offered_channel(Channel::video).has_value())
    wanted = Channel::chat;
  conversation_channel_ = offered_channel(wanted).value_or(Channel::chat) == Channel::video ? Channel::video : Channel::chat;
  fire(Trigger::start_chat, now_ms);
  append(errors, std::move(context_errors));
  return errors;
}

void Engine::maximized_by_start_chat() {
  if (minimized_) {
    minimized_ = false;
    unread_ = 0;
    emit("lcw:onMaximize");
  }
}

Errors Engine::on_close_chat(const Json&, double now_ms) {
  if (state_ == ConversationState::Closed) return {};
  emit("lcw:closeChat");
  return fire(Trigger::close, now_ms);
}

Errors Engine::on_end_chat(const Json&, double now_ms) { return fire(Trigger::visitor_end, now_ms); }

Errors Engine::on_prechat_change(const Json& event, double) {
  Errors errors;
  ObjectReader reader(event, "", errors);
  reader.find("type");
  auto id = reader.string("id");
  const Json* value = reader.require("value");
  reader.report_unknown_keys();
  if (!id || value == nullptr || !only_unknown_keys(errors)) return errors;
  bool known = std::any_of(config_.prechat.questions.begin(), config_.prechat.questions.end(),
                           [&](const Question& q) { return q.id == *id; });
  if (!known) return one_error(ErrorCode::unknown_value, "no survey question \"" + *id + "\"", "/id");
  if (!(value->is_string() || value->is_boolean() || value->is_number() || value->is_null()) ||
      (value->is_string() && value->get_ref<const std::string&>().size() > kMaxMessageBytes))
    return one_error(ErrorCode::wrong_type, "an answer is a string, number or boolean", "/value");
  prechat_answers_[*id] = *value;
  return errors;
}

Errors Engine::on_prechat_submit(const Json& event, double now_ms) {
  Errors errors;
  ObjectReader reader(event, "", errors);
  reader.find("type");
  const Json* answers = reader.object("answers");
  reader.report_unknown_keys();
  if (!only_unknown_keys(errors)) return errors;
  if (state_ != ConversationState::Prechat) return one_error(ErrorCode::invalid_state, "no survey on screen", "/type");
  if (answers != nullptr) {
    for (auto it = answers->begin(); it != answers->end(); ++it) {
      if (it->is_string() && it->get_ref<const std::string&>().size() > kMaxMessageBytes) continue;
      prechat_answers_[it.key()] = *it;
    }
  }
  prechat_validation_ = validate_answers(config_.prechat, prechat_answers_);
  return fire(Trigger::submit, now_ms);
}

Errors Engine::on_send_message(const Json& event, double now_ms) {
  Errors errors;
  ObjectReader reader(event, "", errors);
  reader.find("type");
  auto text = reader.required_string("text");
  reader.report_unknown_keys();
  if (!text) return errors;
  if (text->empty() || text->size() > kMaxMessageBytes)
    return one_error(ErrorCode::out_of_range, "a message has 1 to 4000 bytes", "/text");
  if (state_ != ConversationState::Loading && state_ != ConversationState::Active)
    return one_error(ErrorCode::invalid_state, "no conversation to send to", "/type");
  std::string id = next_id();
  draft_.clear();
  send_typing(presence_.visitor_stopped());
  add_message("visitor", *text, now_ms, id);
  send(JsonObject()
      .add("type", "visitor.message")
      .add("conversationId", conversation_id_)
      .add("text", *text)
      .add("id", id));
  emit("lcw:onMessageSent", JsonObject().add("text", *text));
  return errors;
}

Errors Engine::on_received(const Json& event, double now_ms) {
  Errors errors;
  ObjectReader reader(event, "", errors);
  reader.find("type");
  if (!event.contains("message")) reader.missing("message");
  const Json* message = reader.object("message");
  reader.report_unknown_keys();
  if (message == nullptr) return errors;
  ObjectReader fields(*message, "/message", errors);
  auto type = fields.string("type");
  auto id = fields.string("id");
  auto conversation = fields.string("conversationId");
  if (!type) return one_error(ErrorCode::missing_field, "a message needs a \"type\"", "/message/type");
  if (id && std::find(recent_message_ids_.begin(), recent_message_ids_.end(), *id) != recent_message_ids_.end())
    return {};  // a duplicate delivery: at-least-once means it may come twice
  Errors result = on_transport_message(*message, fields, *type, conversation, id, now_ms);
  if (id && result.empty()) {  // only what was taken is remembered: a refused message may come again
    if (recent_message_ids_.size() >= kRememberedMessageIds) recent_message_ids_.erase(recent_message_ids_.begin());
    recent_message_ids_.push_back(*id);
  }
  return result;
}

Errors Engine::on_transport_message(const Json& message, ObjectReader& fields, const std::string& type,
                                    const std::optional<std::string>& conversation,
                                    const std::optional<std::string>& id, double now_ms) {
  if (type == "availability") {
    Json availability = Json::object();
    availability["type"] = "availability";
    for (const char* key : {"chat", "video"})
      if (auto it = message.find(key); it != message.end()) availability[key] = *it;
    return on_availability(availability, now_ms);
  }
  bool ours = conversation && !conversation_id_.empty() && *conversation == conversation_id_;
  if (!ours) return one_error(ErrorCode::invalid_state, "a message for another conversation", "/message/conversationId");
  if (type == "agent.joined") {
    // A transfer without a name must not keep the previous agent's: the new one is unnamed.
    auto name = fields.string("agentName");
    auto avatar = fields.string("agentAvatar");
    auto reply_time = fields.string("replyTime");
    if (state_ == ConversationState::Loading || state_ == ConversationState::Active) {
      agent_name_ = name && name->size() <= 100 ? *name : std::string();
      // An https picture only (the page's own CSP decides the rest); else the theme's shows.
      agent_avatar_ = avatar && avatar->size() <= 2048 && avatar->starts_with("https://") ? *avatar : std::string();
      agent_reply_time_ = reply_time && reply_time->size() <= 200 ? *reply_time : std::string();
    }
    return fire(Trigger::agent_joined, now_ms);
  }
  if (type == "agent.message") {
    auto text = fields.string("text");
    if (!text || text->empty() || text->size() > kMaxMessageBytes)
      return one_error(ErrorCode::invalid, "an agent message has a text of 1 to 4000 bytes", "/message/text");
    if (state_ != ConversationState::Active && state_ != ConversationState::Loading)
      return one_error(ErrorCode::invalid_state, "no conversation to receive in", "/message");
    add_message("agent", *text, now_ms, id.value_or(""));
    transcript_.back().author = agent_name_;
    transcript_.back().avatar = agent_avatar_;
    presence_.agent_spoke();
    if (minimized_) ++unread_;
    emit("lcw:onMessageReceived", JsonObject().add("text", *text).add("conversationId", conversation_id_));
    return {};
  }
  if (type == "agent.ended") return fire(Trigger::agent_left, now_ms);
  if (type == "agent.typing") {
    auto typing = fields.one_of<bool>("state", {{"on", true}, {"off", false}});
    if (!typing) return one_error(ErrorCode::invalid, "typing has a state \"on\" or \"off\"", "/message/state");
    if (state_ != ConversationState::Active) return {};  // ephemeral: late is as good as never
    presence_.agent_typing(*typing, now_ms);
    return {};
  }
  if (type == "agent.read") {
    auto up_to = fields.string("upTo");
    mark_read(up_to);
    return {};
  }
  if (type.starts_with("video.")) return on_video_message(type, fields, now_ms);
  if (type == "conversation.queued") {
    // Video never queues: a call still waiting for its agent becomes a chat that waits.
    if (video_ == VideoState::requested || video_ == VideoState::ringing) fire_video(VideoTrigger::queued, now_ms);
    queued_ = true;
    emit("lcw:chatQueued", JsonObject().add("conversationId", conversation_id_));
    return {};
  }
  return one_error(ErrorCode::unknown_event, "unknown message type \"" + type + "\"", "/message/type");
}

Errors Engine::on_minimize(const Json&, double) {
  if (!minimized_ && state_ != ConversationState::Closed) {
    minimized_ = true;
    emit("lcw:onMinimize");
  }
  return {};
}

Errors Engine::on_maximize(const Json&, double) {
  maximized_by_start_chat();
  return {};
}

Errors Engine::on_rate(const Json& event, double now_ms) {
  Errors errors;
  ObjectReader reader(event, "", errors);
  reader.find("type");
  const Json* score = reader.find("score");
  reader.report_unknown_keys();
  if (score != nullptr && !score->is_null()) {
    if (!score->is_number_integer() || score->get<int>() < 1 || score->get<int>() > 5)
      return one_error(ErrorCode::out_of_range, "a score is 1 to 5, or null to skip", "/score");
    pending_rating_ = score->get<int>();
  }
  return fire(Trigger::rate, now_ms);
}

// ---- Typing and receipts ----------------------------------------------------------------------

// The transport acknowledged one of the visitor's messages (the runtime tells every ack; ids that
// are not a message in the chat, visitor.hello or a typing state, change nothing).
Errors Engine::on_delivered(const Json& event, double) {
  Errors errors;
  ObjectReader reader(event, "", errors);
  reader.find("type");
  auto id = reader.required_string("id");
  reader.report_unknown_keys();
  if (!id) return errors;
  for (ChatMessage& message : transcript_)
    if (message.id == *id && message.from == "visitor" && message.receipt == Receipt::sent) message.receipt = Receipt::delivered;
  return errors;
}

Errors Engine::on_composer_blur(const Json&, double) {
  send_typing(presence_.visitor_stopped());
  return {};
}

// The agent's desk shows the conversation: the visitor's messages up to `up_to` (all of them
// without it, or when it names none of them) are read, and read is also delivered.
void Engine::mark_read(const std::optional<std::string>& up_to) {
  std::size_t end = transcript_.size();
  if (up_to) {
    for (std::size_t i = 0; i < transcript_.size(); ++i)
      if (transcript_[i].id == *up_to) end = i + 1;
  }
  for (std::size_t i = 0; i < end; ++i)
    if (transcript_[i].from == "visitor") transcript_[i].receipt = Receipt::read;
}

// Typing goes only to an agent who is there, and is never kept: the transport posts it once.
void Engine::send_typing(std::optional<bool> on) {
  if (!on || state_ != ConversationState::Active) return;
  send(JsonObject()
      .add("type", "visitor.typing")
      .add("conversationId", conversation_id_)
      .add("state", *on ? "on" : "off"));
}

void Engine::presence_deadline_passed(double now_ms) {
  if (chat_shows()) send_typing(presence_.advance(now_ms));
}

// ---- Helpers ----------------------------------------------------------------------------------

std::string Engine::next_id() { return page_id_ + "-" + decimal(static_cast<long long>(++id_counter_)); }

void Engine::send(Json message) {
  if (!message.contains("id")) message["id"] = next_id();
  actions_.push_back(JsonObject().add("type", "send").add("message", std::move(message)));
}

void Engine::emit(std::string_view name, Json detail) {
  actions_.push_back(JsonObject().add("type", "emit").add("name", name).add("detail", std::move(detail)));
}

void Engine::add_message(std::string from, std::string text, double now_ms, std::string id) {
  if (transcript_.size() >= kMaxTranscript) transcript_.erase(transcript_.begin());
  if (id.empty()) id = next_id();
  ChatMessage message;
  message.id = std::move(id);
  message.from = std::move(from);
  message.text = std::move(text);
  message.at_ms = now_ms;
  transcript_.push_back(std::move(message));
}

Locale Engine::locale() const noexcept { return page_locale_; }

}  // namespace parley
