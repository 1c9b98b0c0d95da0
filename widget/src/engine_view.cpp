// The view model (what both renderers draw) and the inspector (what the QA console shows).
#include "parley/decimal.hpp"
#include "parley/engine.hpp"
#include "parley/glob.hpp"
#include "parley/json_object.hpp"
#include "parley/rule_explain.hpp"
#include "parley/ui_strings.hpp"

namespace parley {
namespace {

Json labels(Locale locale, std::initializer_list<std::pair<const char*, UiString>> items) {
  Json out = Json::object();
  for (const auto& [key, id] : items) out[key] = ui_text(id, locale);
  return out;
}

Json channels_of(Channel channel) {
  if (channel == Channel::chat_video) return Json::array({to_string(Channel::chat), to_string(Channel::video)});
  return Json::array({to_string(channel)});
}

Json time_or_null(double ms) { return std::isfinite(ms) ? Json(ms) : Json(); }

// The key (and params) of a system line: nothing for a line the engine did not write in its own
// words (own_sentence).
void add_system_key(Json& message, const std::string& text) {
  auto own = own_sentence(text);
  if (!own) return;
  message["key"] = ui_key(own->id);
  if (own->id == UiString::agent_named_joined) message["params"] = JsonObject().add("name", own->name);
}

// The site's words (config "strings") for this language: {key: text}.
Json strings_for(const Json& strings, const std::string& language) {
  Json out = Json::object();
  for (auto it = strings.begin(); it != strings.end(); ++it) {
    if (it->is_string()) out[it.key()] = *it;
    else if (auto found = it->find(language); found != it->end()) out[it.key()] = *found;
  }
  return out;
}

Json after_decline_json(const AfterDecline& after) {
  switch (after.kind) {
    case AfterDecline::Kind::none: return "none";
    case AfterDecline::Kind::session: return "session";
    case AfterDecline::Kind::forever: return "forever";
    case AfterDecline::Kind::hours: return JsonObject().add("hours", after.hours);
  }
  return "session";
}

// A rule's last outcome in words, as the console shows it.
std::string outcome_reason(const InspectorTrail::RuleOutcome& outcome, const std::vector<Rule>& rules) {
  using Kind = InspectorTrail::RuleOutcome::Kind;
  if (outcome.kind == Kind::fired) return "invited on " + std::string(to_string(outcome.channel));
  if (outcome.kind == Kind::skipped && outcome.reason == RuleReason::none && outcome.winner < rules.size())
    return "\"" + rules[outcome.winner].id + "\" fired first (higher priority)";
  return std::string(name_of(rule_reasons, outcome.reason));
}

}  // namespace

std::string_view to_string(CountrySource source) noexcept {
  switch (source) {
    case CountrySource::none: return "none";
    case CountrySource::timezone: return "timezone";
    case CountrySource::geolocation: return "geolocation";
    case CountrySource::host: return "host";
  }
  return "none";
}

Json Engine::theme_view() const {
  const Theme& theme = config_.theme;
  return JsonObject()
      .add("color", theme.color)
      .add("font", theme.font)
      .add("mode", to_string(theme.mode))
      .add("position", to_string(theme.position))
      .add("offset", JsonObject().add("x", theme.offset_x).add("y", theme.offset_y));
}

Json Engine::view() const {
  Locale lang = locale();
  Json view = Json::object();
  view["state"] = to_string(state_);
  view["locale"] = page_language_;
  view["strings"] = strings_for(config_.strings, page_language_);
  view["theme"] = theme_view();
  view["minimized"] = minimized_;
  bool closed = page_loaded_ && state_ == ConversationState::Closed;
  bool video_button = closed && video_button_here() &&
                      facts_.value(fact_id(BuiltinFact::available_video)) == FactValue{true};  // video never queues
  using ChatButton = LauncherSettings::Chat;
  ChatButton chat_button = config_.launcher.chat;
  bool chat_possible = facts_.value(fact_id(BuiltinFact::available_chat)) != FactValue{false} &&
                       (chat_button == ChatButton::shown || (chat_button == ChatButton::fallback && !video_button));
  bool launcher = (closed && chat_possible) || (page_loaded_ && minimized_);
  view["launcher"] = JsonObject()
      .add("visible", launcher)
      .add("label", ui_text(UiString::launcher, lang))
      .add("unread", unread_);
  if (unread_ > 0)  // for screen readers: the badge's number in words
    view["launcher"]["unreadLabel"] =
        decimal(unread_) + " " + std::string(ui_text(unread_ == 1 ? UiString::unread_one : UiString::unread_many, lang));
  view["videoButton"] = video_button ? JsonObject().add("label", ui_text(UiString::video_button, lang)) : Json();
  view["labels"] = labels(lang, {{"close", UiString::close}, {"minimize", UiString::minimize}});

  // One part per panel, null when it is not on screen. A conversation's panels are split points
  // (parley/split_point.hpp): only the invitation's part is on the start path.
  bool inviting = state_ == ConversationState::ProactiveChat && invitation_;
  view["invitation"] = inviting ? invitation_view(lang) : Json();
  view["prechat"] = state_ == ConversationState::Prechat ? split_call<&Engine::prechat_view>(*this, lang) : Json();
  view["chat"] = chat_shows() ? split_call<&Engine::chat_view>(*this, lang) : Json();
  view["video"] = call_on(video_) ? split_call<&Engine::video_view>(*this, lang) : Json();
  view["postchat"] = state_ == ConversationState::Postchat ? split_call<&Engine::postchat_view>(*this, lang) : Json();
  return view;
}

Json Engine::invitation_view(Locale lang) const {
  return JsonObject()
      .add("message", invitation_->message.in(lang))
      .add("channels", channels_of(invitation_channel()))
      .add("expiresAt", time_or_null(invitation_->expires_at_ms))
      .add("labels", labels(lang, {{"acceptChat", UiString::accept_chat},
                                   {"acceptVideo", UiString::accept_video},
                                   {"decline", UiString::decline}}));
}

Json Engine::prechat_view(Locale lang) const {
  Json fields = Json::array();
  for (const Question& question : config_.prechat.questions) {
    Json field = JsonObject()
        .add("id", question.id)
        .add("type", to_string(question.type))
        .add("label", question.label.in(lang))
        .add("required", question.required);
    if (auto it = prechat_answers_.find(question.id); it != prechat_answers_.end()) field["value"] = *it;
    Json options = Json::array();
    for (const LocalizedText& option : question.options) options.push_back(option.in(lang));
    if (question.type == QuestionType::choice) field["options"] = std::move(options);
    for (const FieldError& error : prechat_validation_.errors)
      if (error.question_id == question.id) field["error"] = error.message.in(lang);
    fields.push_back(std::move(field));
  }
  return JsonObject()
      .add("title", ui_text(UiString::prechat_title, lang))
      .add("fields", std::move(fields))
      .add("labels", labels(lang, {{"submit", UiString::prechat_submit}}));
}

Json Engine::chat_view(Locale lang) const {
  const Theme& theme = config_.theme;
  Json messages = Json::array();
  const ChatMessage* last_visitor = nullptr;
  for (const ChatMessage& message : transcript_) {
    Json item = JsonObject()
        .add("id", message.id)
        .add("from", message.from)
        .add("text", message.text)
        .add("at", message.at_ms);
    if (message.from == "system") add_system_key(item, message.text);
    if (message.from == "agent") {  // who wrote it: the renderer shows it once per group
      item["author"] = message.author.empty() ? theme.agent_name : message.author;
      item["avatar"] = message.avatar.empty() ? theme.agent_avatar : message.avatar;
    }
    if (message.from == "visitor") last_visitor = &message;
    messages.push_back(std::move(item));
  }
  // Under the visitor's last message only: how far it got (nothing while merely sent).
  Json receipt;
  if (last_visitor != nullptr && last_visitor->receipt != Receipt::sent) {
    UiString id = last_visitor->receipt == Receipt::read ? UiString::read : UiString::delivered;
    receipt = JsonObject().add("id", last_visitor->id).add("key", ui_key(id)).add("text", ui_text(id, lang));
  }
  Json typing;
  if (state_ == ConversationState::Active && presence_.agent_typing_shown(last_now_ms_)) {
    std::string name = agent_name_.empty() ? theme.agent_name : agent_name_;
    typing = name.empty() ? JsonObject()
                                .add("key", ui_key(UiString::agent_typing_unnamed))
                                .add("text", ui_text(UiString::agent_typing_unnamed, lang))
                          : JsonObject()
                                .add("key", ui_key(UiString::agent_typing))
                                .add("params", JsonObject().add("name", name))
                                .add("text", name + std::string(ui_text(UiString::agent_typing, lang)));
  }
  UiString status_id = queued_ ? UiString::queued : UiString::waiting;
  bool waiting = state_ == ConversationState::Loading;
  std::string_view status = waiting ? ui_text(status_id, lang) : std::string_view();
  // The header: the site's title, logo, reply time and default agent until an agent says its name
  // (and, when it sends them, its picture and its own reply time).
  return JsonObject()
      .add("title", theme.title ? std::string_view(theme.title->in(lang)) : ui_text(UiString::chat_title, lang))
      .add("channel", to_string(conversation_channel_))
      .add("titleKey", theme.title ? std::string_view() : ui_key(UiString::chat_title))
      .add("status", status)
      .add("statusKey", waiting ? ui_key(status_id) : std::string_view())
      .add("agentName", agent_name_.empty() ? theme.agent_name : agent_name_)
      .add("avatar", agent_avatar_.empty() ? theme.agent_avatar : agent_avatar_)
      .add("logo", theme.logo)
      .add("replyTime", theme.reply_time ? theme.reply_time->in(lang) : std::string())
      .add("agentReplyTime", agent_reply_time_)
      .add("messages", std::move(messages))
      .add("receipt", std::move(receipt))
      .add("typing", std::move(typing))
      .add("canSend", state_ != ConversationState::InActive)
      .add("draft", draft_)
      .add("connection", connection_.reconnecting_shown()
                             ? Json(JsonObject()
                                        .add("state", to_string(connection_.state()))
                                        .add("status", ui_text(UiString::reconnecting, lang)))
                             : Json())
      .add("labels", labels(lang, {{"composer", UiString::composer_label},
                                   {"send", UiString::send},
                                   {"end", UiString::end_chat},
                                   {"fullScreen", UiString::video_full_screen},
                                   {"exitFullScreen", UiString::video_exit_full_screen},
                                   {"pictureInPicture", UiString::video_picture_in_picture}}));
}

Json Engine::postchat_view(Locale lang) const {
  return JsonObject()
      .add("question", ui_text(UiString::rating_question, lang))
      .add("scale", 5)
      .add("labels", labels(lang, {{"submit", UiString::rating_submit}, {"skip", UiString::rating_skip}}));
}

bool Engine::video_button_here() const {
  if (!config_.launcher.video) return false;
  if (config_.launcher.video_pages.empty()) return true;
  const auto* url = std::get_if<std::string>(&facts_.value(fact_id(BuiltinFact::url)));
  if (url == nullptr) return false;
  for (const std::string& pattern : config_.launcher.video_pages)
    if (url_matches(pattern, *url)) return true;
  return false;
}

bool Engine::chat_shows() const noexcept {
  return state_ == ConversationState::Loading || state_ == ConversationState::Active ||
         state_ == ConversationState::InActive;
}

void Engine::render() {
  Json current = view();
  if (current == last_view_) return;
  last_view_ = current;
  actions_.push_back(JsonObject().add("type", "render").add("view", std::move(current)));
}

Json Engine::inspect(double now_ms) {
  if (!unsettled_zone_.empty()) split_call<&Engine::settle_country>(*this);
  Json facts = Json::object();
  for (FactId id = 0; id < config_.facts.size(); ++id) {
    Json value;
    if (id == fact_id(BuiltinFact::hour) || id == fact_id(BuiltinFact::weekday)) continue;
    if (is_clock_fact(id)) value = facts_.read_clock(id, Clock::visible, now_ms).value;
    else value = to_json(facts_.value(id));
    facts[config_.facts.name(id)] = std::move(value);
  }
  for (const auto& [name, value] : unread_facts_) facts[std::string(kCustomPrefix) + name] = to_json(value);
  if (country_source_ != CountrySource::none) facts["country.source"] = to_string(country_source_);

  // Where each fact comes from, and which event last changed it.
  Json sources = Json::object();
  for (auto it = facts.begin(); it != facts.end(); ++it) {
    auto id = config_.facts.find(it.key());
    std::string source = id ? fact_source(*id, config_.visits.cookie)
                         : it.key() == "country.source" ? "the strongest country origin so far"
                                                        : "Parley.setFact (no rule reads it)";
    if (id == fact_id(BuiltinFact::country) && country_source_ != CountrySource::none)
      source = "country from " + std::string(to_string(country_source_));
    Json entry = JsonObject().add("source", std::move(source)).add("event", nullptr).add("at", nullptr);
    if (const InspectorTrail::FactOrigin* origin = trail_.origin(it.key())) {
      entry["event"] = origin->event;
      entry["at"] = origin->at_ms;
    }
    sources[it.key()] = std::move(entry);
  }

  Json rules = Json::array();
  for (std::uint32_t index = 0; index < config_.rules.size(); ++index) {
    const Rule& rule = config_.rules[index];
    const RuleStatus& status = rules_.status(index);
    Json nodes = Json::array();
    for (std::uint32_t node = 0; node < rule.when.nodes.size(); ++node)
      nodes.push_back(evaluate_node(rule.when, node, facts_, now_ms).value);
    RuleReason held = RuleReason::none;
    for (const auto& [blocked, reason] : last_block_reasons_)
      if (blocked == index) held = reason;
    CapRecord cap = cap_record(index);
    double next_allowed = cap.count >= rule.frequency.times ? kNever : cap.last_ms + rule.frequency.min_interval_ms;
    Json frequency = JsonObject()
        .add("per", to_string(rule.frequency.per))
        .add("times", rule.frequency.times)
        .add("minInterval", rule.frequency.min_interval_ms)
        .add("count", cap.count)
        .add("lastFired", time_or_null(cap.last_ms))
        .add("nextAllowed", next_allowed > now_ms ? time_or_null(next_allowed) : Json())
        .add("capReached", cap.count >= rule.frequency.times);
    Json outcome;
    if (const auto& last = trail_.last_outcome(index))
      outcome = JsonObject()
          .add("at", last->at_ms)
          .add("kind", name_of(outcome_kinds, last->kind))
          .add("reason", outcome_reason(*last, config_.rules));
    rules.push_back(JsonObject()
        .add("id", rule.id)
        .add("priority", rule.priority)
        .add("value", status.value)
        .add("armed", status.armed)
        .add("nodes", std::move(nodes))
        .add("tree", condition_tree_json(rule.when, config_.facts, facts_, now_ms))
        .add("nextChange", time_or_null(status.next_change_ms))
        .add("firedThisPage", status.fired_this_page)
        .add("heldBack", name_of(rule_reasons, held))
        .add("channel", to_string(rule.invite.channel))
        .add("frequency", std::move(frequency))
        .add("afterDecline", after_decline_json(rule.after_decline))
        .add("lastOutcome", std::move(outcome)));
  }

  Json do_not_disturb = JsonObject().add("active", false).add("reason", nullptr).add("until", nullptr);
  if (session_.do_not_disturb) {
    do_not_disturb = JsonObject()
        .add("active", true)
        .add("reason", "declined this session")
        .add("until", "end of session");
  } else if (visitor_.do_not_disturb_until_ms > now_ms) {
    do_not_disturb = JsonObject()
        .add("active", true)
        .add("reason", "declined earlier")
        .add("until", visitor_.do_not_disturb_until_ms == kNever ? Json("forever")
                                                                 : Json(visitor_.do_not_disturb_until_ms));
  }
  RuleReason paused = rules_paused();
  Json cookie_names = {config_.visits.cookie, kSessionCookie, kVisitorCookie, kConsentCookie};

  Json errors = Json::array();
  for (const Error& error : config_errors_)
    errors.push_back(JsonObject()
        .add("code", to_string(error.code))
        .add("message", error.message)
        .add("path", error.path));

  return JsonObject()
      .add("state", to_string(state_))
      .add("now", now_ms)
      .add("facts", std::move(facts))
      .add("factSources", std::move(sources))
      .add("rules", std::move(rules))
      .add("rulesPaused", paused == RuleReason::none ? Json() : Json(name_of(rule_reasons, paused)))
      .add("doNotDisturb", std::move(do_not_disturb))
      .add("cookieNames", std::move(cookie_names))
      .add("conversationId", conversation_id_.empty() ? Json() : Json(conversation_id_))
      .add("connection", to_string(connection_.state()))
      .add("context", agent_context_)
      .add("video", JsonObject()
                        .add("state", to_string(video_))
                        .add("callId", call_id_)
                        .add("agentInCall", agent_in_call_)
                        .add("cameraPending", camera_pending_)
                        .add("error", media_error_)
                        .add("promptDeadline", time_or_null(media_deadline_ms_)))
      .add("configErrors", std::move(errors))
      .add("nextDeadline", time_or_null(next_deadline_ms()))
      .add("storage", JsonObject()
                          .add("pageViews", page_views_)
                          .add("visits", visitor_.visits)
                          .add("sessionDoNotDisturb", session_.do_not_disturb)
                          .add("doNotDisturbUntil", visitor_.do_not_disturb_until_ms == kNever
                                                        ? Json("forever")
                                                        : time_or_null(visitor_.do_not_disturb_until_ms)));
}

}  // namespace parley
