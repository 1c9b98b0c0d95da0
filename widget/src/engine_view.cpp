// The view model (what both renderers draw) and the inspector (what the QA console shows).
#include "parley/engine.hpp"
#include "parley/glob.hpp"
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
  if (own->id == UiString::agent_named_joined) message["params"] = Json{{"name", own->name}};
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
    case AfterDecline::Kind::hours: return Json{{"hours", after.hours}};
  }
  return "session";
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
  return Json{{"color", theme.color},
              {"font", theme.font},
              {"mode", to_string(theme.mode)},
              {"position", to_string(theme.position)},
              {"offset", Json{{"x", theme.offset_x}, {"y", theme.offset_y}}}};
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
  view["launcher"] = Json{{"visible", launcher}, {"label", ui_text(UiString::launcher, lang)}, {"unread", unread_}};
  if (unread_ > 0)  // for screen readers: the badge's number in words
    view["launcher"]["unreadLabel"] =
        std::to_string(unread_) + " " + std::string(ui_text(unread_ == 1 ? UiString::unread_one : UiString::unread_many, lang));
  view["videoButton"] = video_button ? Json{{"label", ui_text(UiString::video_button, lang)}} : Json();
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
  return Json{{"message", invitation_->message.in(lang)},
              {"channels", channels_of(invitation_channel())},
              {"expiresAt", time_or_null(invitation_->expires_at_ms)},
              {"labels", labels(lang, {{"acceptChat", UiString::accept_chat},
                                       {"acceptVideo", UiString::accept_video},
                                       {"decline", UiString::decline}})}};
}

Json Engine::prechat_view(Locale lang) const {
  Json fields = Json::array();
  for (const Question& question : config_.prechat.questions) {
    Json field = {{"id", question.id},
                  {"type", to_string(question.type)},
                  {"label", question.label.in(lang)},
                  {"required", question.required}};
    if (auto it = prechat_answers_.find(question.id); it != prechat_answers_.end()) field["value"] = *it;
    Json options = Json::array();
    for (const LocalizedText& option : question.options) options.push_back(option.in(lang));
    if (question.type == QuestionType::choice) field["options"] = std::move(options);
    for (const FieldError& error : prechat_validation_.errors)
      if (error.question_id == question.id) field["error"] = error.message.in(lang);
    fields.push_back(std::move(field));
  }
  return Json{{"title", ui_text(UiString::prechat_title, lang)},
              {"fields", std::move(fields)},
              {"labels", labels(lang, {{"submit", UiString::prechat_submit}})}};
}

Json Engine::chat_view(Locale lang) const {
  const Theme& theme = config_.theme;
  Json messages = Json::array();
  const ChatMessage* last_visitor = nullptr;
  for (const ChatMessage& message : transcript_) {
    Json item = {{"id", message.id}, {"from", message.from}, {"text", message.text}, {"at", message.at_ms}};
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
    receipt = Json{{"id", last_visitor->id}, {"key", ui_key(id)}, {"text", ui_text(id, lang)}};
  }
  Json typing;
  if (state_ == ConversationState::Active && presence_.agent_typing_shown(last_now_ms_)) {
    std::string name = agent_name_.empty() ? theme.agent_name : agent_name_;
    typing = name.empty() ? Json{{"key", ui_key(UiString::agent_typing_unnamed)},
                                 {"text", ui_text(UiString::agent_typing_unnamed, lang)}}
                          : Json{{"key", ui_key(UiString::agent_typing)},
                                 {"params", Json{{"name", name}}},
                                 {"text", name + std::string(ui_text(UiString::agent_typing, lang))}};
  }
  UiString status_id = queued_ ? UiString::queued : UiString::waiting;
  bool waiting = state_ == ConversationState::Loading;
  std::string_view status = waiting ? ui_text(status_id, lang) : std::string_view();
  // The header: the site's title, logo, reply time and default agent until an agent says its name
  // (and, when it sends them, its picture and its own reply time).
  return Json{{"title", theme.title ? std::string_view(theme.title->in(lang)) : ui_text(UiString::chat_title, lang)},
              {"channel", to_string(conversation_channel_)},
              {"titleKey", theme.title ? std::string_view() : ui_key(UiString::chat_title)},
              {"status", status},
              {"statusKey", waiting ? ui_key(status_id) : std::string_view()},
              {"agentName", agent_name_.empty() ? theme.agent_name : agent_name_},
              {"avatar", agent_avatar_.empty() ? theme.agent_avatar : agent_avatar_},
              {"logo", theme.logo},
              {"replyTime", theme.reply_time ? theme.reply_time->in(lang) : std::string()},
              {"agentReplyTime", agent_reply_time_},
              {"messages", std::move(messages)},
              {"receipt", std::move(receipt)},
              {"typing", std::move(typing)},
              {"canSend", state_ != ConversationState::InActive},
              {"draft", draft_},
              {"connection", connection_.reconnecting_shown()
                                 ? Json{{"state", to_string(connection_.state())},
                                        {"status", ui_text(UiString::reconnecting, lang)}}
                                 : Json()},
              {"labels", labels(lang, {{"composer", UiString::composer_label},
                                       {"send", UiString::send},
                                       {"end", UiString::end_chat},
                                       {"fullScreen", UiString::video_full_screen},
                                       {"exitFullScreen", UiString::video_exit_full_screen},
                                       {"pictureInPicture", UiString::video_picture_in_picture}})}};
}

Json Engine::postchat_view(Locale lang) const {
  return Json{{"question", ui_text(UiString::rating_question, lang)},
              {"scale", 5},
              {"labels", labels(lang, {{"submit", UiString::rating_submit}, {"skip", UiString::rating_skip}})}};
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
  actions_.push_back(Json{{"type", "render"}, {"view", std::move(current)}});
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
    Json entry = {{"source", std::move(source)}, {"event", nullptr}, {"at", nullptr}};
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
    std::string_view held;
    for (const auto& [blocked, reason] : last_block_reasons_)
      if (blocked == index) held = reason;
    CapRecord cap = cap_record(index);
    double next_allowed = cap.count >= rule.frequency.times ? kNever : cap.last_ms + rule.frequency.min_interval_ms;
    Json frequency = {{"per", to_string(rule.frequency.per)},
                      {"times", rule.frequency.times},
                      {"minInterval", rule.frequency.min_interval_ms},
                      {"count", cap.count},
                      {"lastFired", time_or_null(cap.last_ms)},
                      {"nextAllowed", next_allowed > now_ms ? time_or_null(next_allowed) : Json()},
                      {"capReached", cap.count >= rule.frequency.times}};
    Json outcome;
    if (const auto& last = trail_.last_outcome(index))
      outcome = Json{{"at", last->at_ms}, {"kind", last->kind}, {"reason", last->reason}};
    rules.push_back(Json{{"id", rule.id},
                         {"priority", rule.priority},
                         {"value", status.value},
                         {"armed", status.armed},
                         {"nodes", std::move(nodes)},
                         {"tree", condition_tree_json(rule.when, config_.facts, facts_, now_ms)},
                         {"nextChange", time_or_null(status.next_change_ms)},
                         {"firedThisPage", status.fired_this_page},
                         {"heldBack", held},
                         {"channel", to_string(rule.invite.channel)},
                         {"frequency", std::move(frequency)},
                         {"afterDecline", after_decline_json(rule.after_decline)},
                         {"lastOutcome", std::move(outcome)}});
  }

  Json do_not_disturb = {{"active", false}, {"reason", nullptr}, {"until", nullptr}};
  if (session_.do_not_disturb) {
    do_not_disturb = {{"active", true}, {"reason", "declined this session"}, {"until", "end of session"}};
  } else if (visitor_.do_not_disturb_until_ms > now_ms) {
    do_not_disturb = {{"active", true},
                      {"reason", "declined earlier"},
                      {"until", visitor_.do_not_disturb_until_ms == kNever ? Json("forever")
                                                                          : Json(visitor_.do_not_disturb_until_ms)}};
  }
  std::string_view paused = rules_paused_reason();
  Json cookie_names = {config_.visits.cookie, kSessionCookie, kVisitorCookie, kConsentCookie};

  Json errors = Json::array();
  for (const Error& error : config_errors_)
    errors.push_back(Json{{"code", to_string(error.code)}, {"message", error.message}, {"path", error.path}});

  return Json{{"state", to_string(state_)},
              {"now", now_ms},
              {"facts", std::move(facts)},
              {"factSources", std::move(sources)},
              {"rules", std::move(rules)},
              {"rulesPaused", paused.empty() ? Json() : Json(paused)},
              {"doNotDisturb", std::move(do_not_disturb)},
              {"cookieNames", std::move(cookie_names)},
              {"conversationId", conversation_id_.empty() ? Json() : Json(conversation_id_)},
              {"connection", to_string(connection_.state())},
              {"context", agent_context_},
              {"video", Json{{"state", to_string(video_)}, {"callId", call_id_}, {"agentInCall", agent_in_call_},
                             {"cameraPending", camera_pending_}, {"error", media_error_},
                             {"promptDeadline", time_or_null(media_deadline_ms_)}}},
              {"configErrors", std::move(errors)},
              {"nextDeadline", time_or_null(next_deadline_ms())},
              {"storage", Json{{"pageViews", page_views_},
                               {"visits", visitor_.visits},
                               {"sessionDoNotDisturb", session_.do_not_disturb},
                               {"doNotDisturbUntil", visitor_.do_not_disturb_until_ms == kNever
                                                         ? Json("forever")
                                                         : time_or_null(visitor_.do_not_disturb_until_ms)}}}};
}

}  // namespace parley
