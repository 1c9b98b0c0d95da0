#include "parley/engine.hpp"
#include "parley/json_object.hpp"
#include "parley/ui_strings.hpp"

#include <algorithm>
#include <cmath>

#include "parley/agent_context.hpp"
#include "parley/compiled_config.hpp"
#include "parley/constants.hpp"
#include "parley/cookie.hpp"
#include "parley/decimal.hpp"
#include "parley/split_point.hpp"
#include "parley/zone_country.hpp"

namespace parley {
namespace {

constexpr double kSessionWriteIntervalMs = 60000;  // activity refreshes the session cookie this often
constexpr std::size_t kMaxMessageBytes = 4000;
constexpr std::size_t kMaxUrlBytes = 2048;

std::string path_of_url(std::string_view url) {
  auto scheme = url.find("://");
  std::size_t start = scheme == std::string_view::npos ? 0 : url.find('/', scheme + 3);
  if (start == std::string_view::npos) return "/";
  std::size_t end = url.find_first_of("?#", start);
  std::string path(url.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
  return path.empty() || path[0] != '/' ? "/" : path;
}

// Reads a URL the browser gave (the page's, its referrer). Browsers allow megabytes; a fact keeps
// at most kMaxUrlBytes. A longer URL is shortened, never refused (a refused page URL left the
// widget without a page): first without its query and fragment, which no glob reads, else cut at
// the limit on a UTF-8 character boundary. `shortened` gets a note saying so, for the page.
std::optional<std::string> read_url(ObjectReader& reader, std::string_view key, Errors& shortened, bool required = false) {
  auto url = required ? reader.required_string(key) : reader.string(key);
  if (!url || url->size() <= kMaxUrlBytes) return url;
  const std::size_t size = url->size();
  std::size_t cut = url->find_first_of("?#");
  std::string how = "without its query and fragment";
  if (cut == std::string::npos || cut > kMaxUrlBytes) {
    cut = kMaxUrlBytes;
    while (cut > 0 && (static_cast<unsigned char>((*url)[cut]) & 0xC0) == 0x80) --cut;  // inside a character
    how = "cut at " + decimal(static_cast<long long>(cut)) + " bytes";
  }
  url->resize(cut);
  shortened.push_back({ErrorCode::too_large,
                       "a URL of " + decimal(static_cast<long long>(size)) + " bytes (over " + decimal(static_cast<long long>(kMaxUrlBytes)) + ") is kept " + how, reader.path_of(key)});
  return url;
}

// {zone: minutes east of UTC}; every bad entry is reported, and then none is used.
std::optional<ZoneOffsets> read_zone_offsets(const Json& offsets, const std::string& path, Errors& errors) {
  ZoneOffsets out;
  bool ok = true;
  for (auto it = offsets.begin(); it != offsets.end(); ++it) {
    if (!it->is_number() || std::fabs(it->get<double>()) > 16 * 60 || it.key().empty() || it.key().size() > 64) {
      errors.push_back({ErrorCode::out_of_range, "a zone offset is minutes east of UTC, within 16 hours",
                        json_pointer_append(path, it.key())});
      ok = false;
      continue;
    }
    out[it.key()] = static_cast<int>(it->get<double>());
  }
  if (!ok) return std::nullopt;
  return out;
}

// The widget's language: the page's own (<html lang>) when the widget has a table for it, else
// the first of the browser's languages it has one for (navigator.languages, the first few), else
// English. Entries that are not strings are skipped: the list is a hint, never an error.
std::string visitor_language(std::string_view page, const Json* browser) {
  if (auto language = ui_language_match(page); !language.empty()) return std::string(language);
  if (browser != nullptr) {
    std::size_t looked = 0;
    for (const Json& tag : *browser) {
      if (++looked > 16) break;
      const auto* text = tag.get_ptr<const std::string*>();
      if (text == nullptr) continue;
      if (auto language = ui_language_match(*text); !language.empty()) return std::string(language);
    }
  }
  return "en";
}

}  // namespace

bool only_unknown_keys(const Errors& errors) {
  return std::all_of(errors.begin(), errors.end(), [](const Error& e) { return e.code == ErrorCode::unknown_key; });
}

const Engine::EventHandler Engine::kHandlers[] = {
    {"pageLoad", &Engine::on_page_load},
    {"visibility", &Engine::on_visibility},
    {"pointerLeave", &Engine::on_pointer_leave},
    {"pointerEnter", &Engine::on_pointer_enter},
    {"activity", &Engine::on_activity},
    {"scroll", &Engine::on_scroll},
    {"navigate", &Engine::on_navigate},
    {"setFact", &Engine::on_set_fact},
    {"country", &Engine::on_country},
    {"availability", &Engine::on_availability},
    {"connection", &Engine::on_connection},
    {"referrer", &Engine::on_referrer},
    {"zoneOffsets", &Engine::on_zone_offsets},
    {"consent", &Engine::on_consent},
    {"startProactiveChat", &Engine::on_start_proactive_chat},
    {"accept", &Engine::on_accept},
    {"decline", &Engine::on_decline},
    {"startChat", &Engine::on_start_chat},
    {"closeChat", &Engine::on_close_chat},
    {"endChat", &Engine::on_end_chat},
    {"prechatChange", &Engine::on_prechat_change},
    {"prechatSubmit", &Engine::on_prechat_submit},
    {"sendMessage", &Engine::on_send_message},
    {"received", &Engine::on_received},
    {"minimize", &Engine::on_minimize},
    {"maximize", &Engine::on_maximize},
    {"rate", &Engine::on_rate},
    {"tick", &Engine::on_tick},
    {"draft", &Engine::on_draft},
    {"mirror", &Engine::on_mirror},
    {"delivered", &Engine::on_delivered},
    {"composerBlur", &Engine::on_composer_blur},
    {"videoAccept", &Engine::on_video_accept},
    {"videoDecline", &Engine::on_video_decline},
    {"hangUp", &Engine::on_hang_up},
    {"videoRetry", &Engine::on_video_retry},
    {"camera", &Engine::on_camera},
    {"microphone", &Engine::on_microphone},
    {"mediaReady", &Engine::on_media_ready},
    {"mediaError", &Engine::on_media_error},
    {"callConnected", &Engine::on_call_connected},
    {"callFailed", &Engine::on_call_failed},
};

Engine::Engine() { rules_.reset(config_); }

// ---- Config -----------------------------------------------------------------------------------

Errors Engine::configure(std::string_view config_json) {
  ConfigResult result = parse_config(config_json);
  if (!result.errors.empty() && result.config.rules.empty() &&
      (result.errors.front().code == ErrorCode::malformed_json || result.errors.front().code == ErrorCode::too_large)) {
    config_errors_ = result.errors;
    return result.errors;  // keep the previous config: nothing in the new one can be trusted
  }
  return apply(std::move(result));
}

// A compiled config (parley/compiled_config.hpp) skips the reader, which is then a split point:
// a page with one has neither the reader nor its texts on its start path.
Errors Engine::configure_value(const Json& config) {
  Errors problems;
  if (std::optional<Config> compiled = read_compiled_config(config, problems)) return apply({std::move(*compiled), {}});
  ConfigResult result = split_call<&read_config>(config);
  append(problems, std::move(result.errors));
  result.errors = std::move(problems);
  return apply(std::move(result));
}

Errors Engine::refuse_config(Errors errors) {
  config_errors_ = errors;
  return errors;
}

Errors Engine::apply(ConfigResult result) {
  // Custom fact ids belong to a config: carry the values over by name.
  const FactRegistry& old_names = config_.facts;
  const FactRegistry& new_names = result.config.facts;
  std::vector<FactValue> values(new_names.size());
  std::copy_n(facts_.values.begin(), kFirstCustomFact, values.begin());
  for (FactId id = kFirstCustomFact; id < facts_.values.size() && id < old_names.size(); ++id)
    if (!std::holds_alternative<std::monostate>(facts_.values[id]))
      unread_facts_[old_names.name(id).substr(kCustomPrefix.size())] = std::move(facts_.values[id]);
  for (FactId id = kFirstCustomFact; id < new_names.size(); ++id) {
    auto it = unread_facts_.find(std::string_view(new_names.name(id)).substr(kCustomPrefix.size()));
    if (it == unread_facts_.end()) continue;
    values[id] = std::move(it->second);
    unread_facts_.erase(it);
  }
  facts_.values = std::move(values);
  config_ = std::move(result.config);
  config_errors_ = std::move(result.errors);
  rules_.reset(config_);
  trail_.new_rules(config_.rules.size());
  if (!unsettled_zone_.empty() && rules_read_country()) split_call<&Engine::settle_country>(*this);
  return config_errors_;
}

// ---- Dispatch ---------------------------------------------------------------------------------

Errors Engine::handle_json(std::string_view event_json, double now_ms) {
  Errors errors;
  Json event = parse_json(event_json, "", errors);
  if (!errors.empty()) return errors;
  return handle(event, now_ms);
}

Errors Engine::handle(const Json& event, double now_ms) {
  if (!std::isfinite(now_ms) || now_ms < 0) return one_error(ErrorCode::out_of_range, "now_ms must be a finite time");
  if (!event.is_object()) return one_error(ErrorCode::wrong_type, "an event is an object with a \"type\"");
  auto type = event.find("type");
  if (type == event.end() || !type->is_string())
    return one_error(ErrorCode::missing_field, "an event needs a \"type\" string", "/type");
  const std::string& name = type->get_ref<const std::string&>();
  const EventHandler* handler = nullptr;
  for (const EventHandler& candidate : kHandlers)
    if (candidate.type == name) handler = &candidate;
  if (handler == nullptr) return one_error(ErrorCode::unknown_event, "unknown event \"" + name + "\"", "/type");
  if (!page_loaded_ && handler->handler != &Engine::on_page_load)
    return one_error(ErrorCode::invalid_state, "\"" + name + "\" before \"pageLoad\"", "/type");

  now_ms = std::max(now_ms, last_now_ms_);  // a clock that steps back must not undo time on page
  last_now_ms_ = now_ms;
  trail_.handling("tick");
  on_tick(event, now_ms);                   // what time alone has made due
  trail_.handling(handler->type);
  Errors errors = (this->*handler->handler)(event, now_ms);
  run_rules(now_ms);
  render();
  store_conversation();
  return errors;
}

std::vector<Json> Engine::take_actions() {
  std::vector<Json> out;
  out.swap(actions_);
  return out;
}

double Engine::next_deadline_ms() const {
  if (!page_loaded_) return kNever;  // nothing runs before the page does
  double next = std::min({rules_.next_deadline_ms(), blocked_until_ms_, exit_intent_until_ms_, media_deadline_ms_});
  if (invitation_ && state_ == ConversationState::ProactiveChat) next = std::min(next, invitation_->expires_at_ms);
  if (chat_shows()) next = std::min({next, connection_.next_deadline_ms(), presence_.next_deadline_ms()});  // no timer for a status nobody sees
  return next;
}

// ---- Page facts -------------------------------------------------------------------------------

Errors Engine::on_page_load(const Json& event, double now_ms) {
  if (page_loaded_) return one_error(ErrorCode::invalid_state, "the page is already loaded", "/type");
  Errors errors;
  ObjectReader reader(event, "", errors);
  reader.find("type");
  Errors shortened;  // said to the page, and the page still loads
  auto url = read_url(reader, "url", shortened, /*required=*/true);
  auto referrer = read_url(reader, "referrer", shortened);
  auto cookies = reader.string("cookies");
  auto visible = reader.boolean("visible");
  auto touch = reader.boolean("touch");
  auto time_zone = reader.string("timeZone");
  auto utc_offset = reader.number("utcOffset", -16 * 60, 16 * 60);
  auto language = reader.string("language");
  const Json* languages = reader.array("languages");
  auto page_id = reader.string("pageId");
  const Json* storage = reader.object("storage");
  const Json* zone_offsets = reader.object("zoneOffsets");
  auto parsed_offsets = zone_offsets ? read_zone_offsets(*zone_offsets, "/zoneOffsets", errors) : std::nullopt;
  reader.report_unknown_keys();
  const bool refused = !only_unknown_keys(errors);
  append(errors, std::move(shortened));
  if (refused) return errors;

  page_loaded_ = true;
  if (page_id && !page_id->empty() && page_id->size() <= 64) page_id_ = *page_id;
  touch_device_ = touch.value_or(false);
  page_language_ = config_.locale != "auto" ? config_.locale : visitor_language(language.value_or(""), languages);
  page_locale_ = page_language_ == "fr" ? Locale::fr : Locale::en;  // the engine's own texts: English or French
  facts_.visible = visible.value_or(true);
  facts_.visitor_utc_offset_minutes = static_cast<int>(utc_offset.value_or(0));
  if (parsed_offsets) apply_zone_offsets(*parsed_offsets);
  if (referrer && !referrer->empty()) set_fact(BuiltinFact::referrer, *referrer);
  if (time_zone) {
    unsettled_zone_ = *time_zone;
    unsettled_zone_at_ms_ = now_ms;
    if (rules_read_country()) split_call<&Engine::settle_country>(*this);
  }
  std::string_view cookie_header = cookies ? std::string_view(*cookies) : std::string_view();
  consent_granted_ = find_cookie(cookie_header, kConsentCookie) == std::optional<std::string_view>("1");
  begin_page_view(*url, cookie_header, now_ms);
  emit("lcw:ready", JsonObject().add("version", kVersion));  // first: what a restored conversation emits comes after it
  if (storage != nullptr) {
    auto saved = storage->find("conversation");
    if (saved != storage->end() && saved->is_string())
      split_call<&Engine::restore_conversation>(*this, saved->get_ref<const std::string&>());  // a reload mid-conversation
  }
  return errors;
}

void Engine::begin_page_view(std::string url, std::optional<std::string_view> cookies, double now_ms) {
  if (!page_loaded_once_) {  // the first page view of this engine: session and visitor from cookies
    page_loaded_once_ = true;
    std::string_view header = cookies.value_or("");
    auto session = decode_session(find_cookie(header, kSessionCookie).value_or(""));
    bool expired = !session || now_ms - session->last_activity_ms > config_.session_idle_ms ||
                   session->last_activity_ms > now_ms + 60000;
    visitor_ = decode_visitor(find_cookie(header, kVisitorCookie).value_or("")).value_or(VisitorState{});
    if (expired) {
      session_ = SessionState{};
      session_.started_ms = now_ms;
      visitor_.visits += 1;
    } else {
      session_ = *session;
    }
  } else {
    session_.time_on_site_ms = facts_.site_before_page_ms + facts_.visible_time_ms(now_ms);
  }
  // The counter: one per site, or one per path (then a route change reads the new path's own).
  std::string counter_path = config_.visits.scope == CounterScope::page ? path_of_url(url) : "/";
  if (cookies) page_views_ = decode_counter(find_cookie(*cookies, config_.visits.cookie));
  else if (counter_path != counter_path_) page_views_ = 0;  // no cookies given: nothing known of that path
  counter_path_ = std::move(counter_path);
  page_views_ = page_views_ < 999999999 ? page_views_ + 1 : page_views_;

  facts_.page_start_ms = now_ms;
  facts_.visible_before_ms = 0;
  facts_.visible_since_ms = now_ms;
  facts_.site_before_page_ms = session_.time_on_site_ms;
  facts_.last_activity_ms = now_ms;
  set_fact(BuiltinFact::previous_page, session_.page.empty() ? FactValue{} : FactValue{session_.page});
  set_fact(BuiltinFact::url, url);
  set_fact(BuiltinFact::visits, static_cast<double>(visitor_.visits));
  set_fact(BuiltinFact::page_views, static_cast<double>(page_views_));
  set_fact(BuiltinFact::exit_intent, false);
  set_fact(BuiltinFact::scroll_depth, 0.0);
  exit_intent_until_ms_ = kNever;
  session_.page = std::move(url);
  session_.last_activity_ms = now_ms;
  rules_.new_page_view();
  rules_.all_changed();
  persist(now_ms);
}

Errors Engine::on_navigate(const Json& event, double now_ms) {
  Errors errors;
  ObjectReader reader(event, "", errors);
  reader.find("type");
  auto url = read_url(reader, "url", errors, /*required=*/true);
  auto cookies = reader.string("cookies");
  reader.report_unknown_keys();
  if (!url) return errors;
  const auto* current = std::get_if<std::string>(&facts_.value(fact_id(BuiltinFact::url)));
  if (current != nullptr && *current == *url) return errors;  // a hash or state change on the same page
  begin_page_view(*url, cookies ? std::optional<std::string_view>(*cookies) : std::nullopt, now_ms);
  return errors;
}

Errors Engine::on_visibility(const Json& event, double now_ms) {
  Errors errors;
  ObjectReader reader(event, "", errors);
  reader.find("type");
  auto visible = reader.required_boolean("visible");
  reader.report_unknown_keys();
  if (!visible) return errors;
  if (*visible == facts_.visible) return errors;
  if (*visible) {
    facts_.visible_since_ms = now_ms;
    if (touch_device_ && hidden_at_ms_ >= facts_.page_start_ms &&
        facts_.visible_time_ms(now_ms) >= config_.exit_intent_min_dwell_ms) {
      // On touch devices there is no pointer to leave: coming back to a page that was hidden
      // is the nearest sign of a visitor about to go.
      set_fact(BuiltinFact::exit_intent, true);
      exit_intent_until_ms_ = now_ms + config_.exit_intent_touch_window_ms;
    }
  } else {
    facts_.visible_before_ms += std::max(0.0, now_ms - facts_.visible_since_ms);
    hidden_at_ms_ = now_ms;
  }
  facts_.visible = *visible;
  rules_.fact_changed(fact_id(BuiltinFact::time_on_page));
  rules_.fact_changed(fact_id(BuiltinFact::time_on_site));
  if (!*visible) touch_session(now_ms, /*force_write=*/true);
  return errors;
}

Errors Engine::on_pointer_leave(const Json& event, double now_ms) {
  Errors errors;
  ObjectReader reader(event, "", errors);
  reader.find("type");
  auto top = reader.required_boolean("top");
  reader.report_unknown_keys();
  if (!top) return errors;
  // Leaving through the top edge heads for the tab bar or the address bar; other edges are
  // ordinary mouse travel. Exit intent is armed only after a minimum dwell.
  if (*top && facts_.visible_time_ms(now_ms) >= config_.exit_intent_min_dwell_ms)
    set_fact(BuiltinFact::exit_intent, true);
  return errors;
}

Errors Engine::on_pointer_enter(const Json&, double) {
  if (!touch_device_) set_fact(BuiltinFact::exit_intent, false);
  return {};
}

Errors Engine::on_activity(const Json&, double now_ms) {
  facts_.last_activity_ms = now_ms;
  rules_.fact_changed(fact_id(BuiltinFact::idle));
  touch_session(now_ms, /*force_write=*/false);
  return {};
}

Errors Engine::on_scroll(const Json& event, double now_ms) {
  Errors errors;
  ObjectReader reader(event, "", errors);
  reader.find("type");
  const FactInfo& scroll = fact_info(BuiltinFact::scroll_depth);
  auto depth = reader.required_number("depth", scroll.min, scroll.max);
  reader.report_unknown_keys();
  if (!depth) return errors;
  // scrollDepth is the deepest point reached on this page, so it never goes back up.
  const auto* current = std::get_if<double>(&facts_.value(fact_id(BuiltinFact::scroll_depth)));
  if (current == nullptr || *depth > *current) set_fact(BuiltinFact::scroll_depth, std::round(*depth));
  on_activity(event, now_ms);
  return errors;
}

Errors Engine::on_set_fact(const Json& event, double) {
  Errors errors;
  ObjectReader reader(event, "", errors);
  reader.find("type");
  auto name = reader.required_string("name");
  const Json* value = reader.require("value");
  reader.report_unknown_keys();
  if (!name || value == nullptr) return errors;
  auto fact_value = fact_value_from_json(*value);
  if (!fact_value) {
    errors.push_back({ErrorCode::wrong_type, "a fact value is a string, number, boolean or null", "/value"});
    return errors;
  }
  if (const auto* text = std::get_if<std::string>(&*fact_value); text && text->size() > kMaxMessageBytes) {
    errors.push_back({ErrorCode::too_large, "a fact value is at most 4000 bytes", "/value"});
    return errors;
  }
  std::string full_name = std::string(kCustomPrefix) + *name;
  auto id = config_.facts.find(full_name);
  if (!id) {
    // No rule reads it; keep it for the console, under a name no rule can collide with.
    if (name->empty() || name->size() > 64) {
      errors.push_back({ErrorCode::out_of_range, "a fact name has 1 to 64 bytes", "/name"});
      return errors;
    }
    unread_facts_[*name] = std::move(*fact_value);
    trail_.fact_changed(full_name, last_now_ms_);
    return errors;
  }
  set_fact(*id, std::move(*fact_value));
  return errors;
}

Errors Engine::on_country(const Json& event, double) {
  Errors errors;
  ObjectReader reader(event, "", errors);
  reader.find("type");
  const Json* country = reader.require("country");
  auto source = reader.one_of<CountrySource>(
      "source", {{"host", CountrySource::host}, {"geolocation", CountrySource::geolocation}, {"timezone", CountrySource::timezone}});
  reader.report_unknown_keys();
  if (country == nullptr || !errors.empty()) return errors;
  const auto* code = country->get_ptr<const std::string*>();
  if (code == nullptr || code->size() != 2 || !std::isalpha(static_cast<unsigned char>((*code)[0])) ||
      !std::isalpha(static_cast<unsigned char>((*code)[1]))) {
    errors.push_back({ErrorCode::invalid, "a country is an ISO 3166 alpha-2 code such as \"FR\"", "/country"});
    return errors;
  }
  // The host knows best, geolocation beats the time zone guess: a value replaces one of equal
  // or weaker origin only.
  CountrySource from = source.value_or(CountrySource::host);
  if (from < country_source_) return errors;
  std::string upper = *code;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  country_source_ = from;
  set_fact(BuiltinFact::country, upper);
  return errors;
}

Errors Engine::on_availability(const Json& event, double) {
  Errors errors;
  ObjectReader reader(event, "", errors);
  reader.find("type");
  std::optional<FactValue> values[2];
  const std::string_view keys[2] = {"chat", "video"};
  for (int i = 0; i < 2; ++i) {
    const Json* value = reader.find(keys[i]);
    if (value == nullptr) continue;
    if (value->is_null()) values[i] = FactValue{};
    else if (const auto* flag = value->get_ptr<const bool*>()) values[i] = FactValue{*flag};
    else reader.wrong_type(keys[i], "true, false or null", *value);
  }
  reader.report_unknown_keys();
  if (!only_unknown_keys(errors)) return errors;
  if (values[0]) set_fact(BuiltinFact::available_chat, *values[0]);
  if (values[1]) set_fact(BuiltinFact::available_video, *values[1]);
  return errors;
}

Errors Engine::on_connection(const Json& event, double now_ms) {
  Errors errors;
  ObjectReader reader(event, "", errors);
  reader.find("type");
  std::optional<ConnectionState> state;
  if (const Json* value = reader.require("state")) {
    state = ObjectReader::enum_value<ConnectionState>(*value, reader.path_of("state"),
                                                      {{"connecting", ConnectionState::connecting},
                                                       {"online", ConnectionState::online},
                                                       {"offline", ConnectionState::offline}},
                                                      errors);
  }
  reader.report_unknown_keys();
  if (!state || !only_unknown_keys(errors)) return errors;
  if (connection_.update(*state, now_ms)) emit("lcw:connectionChanged", JsonObject().add("state", to_string(*state)));
  return errors;
}

// Only the QA console sends this: a real page's referrer is known at page load and never changes.
Errors Engine::on_referrer(const Json& event, double) {
  Errors errors;
  ObjectReader reader(event, "", errors);
  reader.find("type");
  Errors shortened;
  auto referrer = read_url(reader, "referrer", shortened, /*required=*/true);
  reader.report_unknown_keys();
  const bool refused = !referrer || !only_unknown_keys(errors);
  append(errors, std::move(shortened));
  if (refused) return errors;
  set_fact(BuiltinFact::referrer, referrer->empty() ? FactValue{} : FactValue{*referrer});
  return errors;
}

Errors Engine::on_zone_offsets(const Json& event, double) {
  Errors errors;
  ObjectReader reader(event, "", errors);
  reader.find("type");
  if (!event.contains("offsets")) reader.missing("offsets");
  const Json* offsets = reader.object("offsets");
  reader.report_unknown_keys();
  auto parsed = offsets ? read_zone_offsets(*offsets, "/offsets", errors) : std::nullopt;
  if (!parsed || !only_unknown_keys(errors)) return errors;
  apply_zone_offsets(*parsed);
  return errors;
}

void Engine::settle_country() {
  std::string zone = std::exchange(unsettled_zone_, {});
  if (country_source_ >= CountrySource::timezone) return;  // a country event said it already
  auto country = country_for_zone(zone);
  if (!country) return;
  FactId fact = fact_id(BuiltinFact::country);
  facts_.set(fact, std::string(*country));
  country_source_ = CountrySource::timezone;
  rules_.fact_changed(fact);
  trail_.fact_changed(config_.facts.name(fact), "pageLoad", unsettled_zone_at_ms_);  // as if then
}

void Engine::apply_zone_offsets(const ZoneOffsets& offsets) {
  for (const auto& [zone, minutes] : offsets) facts_.zone_offsets_minutes[zone] = minutes;
  rules_.fact_changed(fact_id(BuiltinFact::hour));
  rules_.fact_changed(fact_id(BuiltinFact::weekday));
}

Errors Engine::on_consent(const Json& event, double now_ms) {
  Errors errors;
  ObjectReader reader(event, "", errors);
  reader.find("type");
  auto granted = reader.required_boolean("granted");
  reader.report_unknown_keys();
  if (!granted) return errors;
  consent_granted_ = *granted;
  if (*granted) {
    persist(now_ms);
  } else if (config_.consent_required) {
    // Withdrawn: forget what was stored. Counting goes on in memory for this page only.
    for (std::string_view name : {kSessionCookie, kVisitorCookie, kConsentCookie})
      actions_.push_back(JsonObject().add("type", "deleteCookie").add("name", name).add("path", "/"));
    actions_.push_back(JsonObject()
        .add("type", "deleteCookie")
        .add("name", config_.visits.cookie)
        .add("path", counter_path_));
  }
  return errors;
}

Errors Engine::on_tick(const Json&, double now_ms) {
  if (exit_intent_until_ms_ <= now_ms) {
    exit_intent_until_ms_ = kNever;
    set_fact(BuiltinFact::exit_intent, false);
  }
  if (invitation_ && state_ == ConversationState::ProactiveChat && invitation_->expires_at_ms <= now_ms)
    fire(Trigger::expire, now_ms);
  video_deadline_passed(now_ms);
  connection_.advance(now_ms);
  presence_deadline_passed(now_ms);
  return {};
}

void Engine::set_fact(BuiltinFact fact, FactValue value) { set_fact(fact_id(fact), std::move(value)); }

void Engine::set_fact(FactId fact, FactValue value) {
  if (facts_.value(fact) == value) return;
  facts_.set(fact, std::move(value));
  rules_.fact_changed(fact);
  trail_.fact_changed(config_.facts.name(fact), last_now_ms_);
}

// ---- Storage ----------------------------------------------------------------------------------

void Engine::set_cookie(std::string_view name, std::string value, int days, std::string path) {
  actions_.push_back(JsonObject()
      .add("type", "setCookie")
      .add("name", name)
      .add("value", std::move(value))
      .add("days", days)
      .add("path", std::move(path)));
}

void Engine::touch_session(double now_ms, bool force_write) {
  session_.last_activity_ms = now_ms;
  if (!force_write && now_ms - last_session_write_ms_ < kSessionWriteIntervalMs) return;
  if (!may_store()) return;
  session_.time_on_site_ms = facts_.site_before_page_ms + facts_.visible_time_ms(now_ms);
  set_cookie(kSessionCookie, encode_session(session_), 0, "/");
  last_session_write_ms_ = now_ms;
}

void Engine::persist(double now_ms) {
  if (!may_store()) return;
  set_cookie(config_.visits.cookie, encode_counter(page_views_), config_.visits.days, counter_path_);
  set_cookie(kVisitorCookie, encode_visitor(visitor_), config_.visits.days, "/");
  if (config_.consent_required) set_cookie(kConsentCookie, "1", config_.visits.days, "/");
  touch_session(now_ms, /*force_write=*/true);
}

}  // namespace parley
