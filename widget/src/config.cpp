#include "parley/config.hpp"

#include <algorithm>

#include "parley/agent_context.hpp"
#include "parley/compiled_config.hpp"
#include "parley/decimal.hpp"
#include "parley/order.hpp"
#include "parley/split_point.hpp"
#include "parley/ui_strings.hpp"

namespace parley {
namespace {

constexpr std::size_t kMaxRules = 5000;
constexpr std::size_t kMaxConfigBytes = 1 << 20;
constexpr std::size_t kMaxPatterns = 100;        // launcher.video pages
constexpr std::size_t kMaxPatternBytes = 2048;
constexpr std::size_t kMaxRelayUrls = 8;           // transport.urls

bool is_cookie_name(const std::string& name) {
  if (name.empty() || name.size() > 64) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

bool is_css_token(const std::string& text) {  // a colour or font name, never CSS syntax
  if (text.empty() || text.size() > 100) return false;
  return std::none_of(text.begin(), text.end(), [](char c) {
    return c == ';' || c == '{' || c == '}' || c == '<' || c == '>' || c == '\\' || c == '"' || c == '\'' ||
           static_cast<unsigned char>(c) < 0x20;
  });
}

// An image the widget may load: https:, http: or a path on this site; no spaces, quotes or
// control characters (it becomes an <img src>, never CSS or markup).
bool is_image_url(std::string_view url) {
  if (url.empty() || url.size() > 2048) return false;
  if (!(url.starts_with("https://") || url.starts_with("http://") || (url[0] == '/' && !url.starts_with("//"))))
    return false;
  return std::none_of(url.begin(), url.end(), [](char c) {
    return static_cast<unsigned char>(c) <= ' ' || c == 0x7f || c == '"' || c == '\'' || c == '<' || c == '>' || c == '\\';
  });
}

void read_theme(const Json& value, const std::string& path, Theme& theme, Errors& errors) {
  ObjectReader reader(value, path, errors);
  for (auto [key, field] : {std::pair{"color", &theme.color}, std::pair{"font", &theme.font}}) {
    if (auto text = reader.string(key)) {
      if (is_css_token(*text)) *field = *text;
      else errors.push_back({ErrorCode::invalid, "\"" + *text + "\" is not a plain CSS value", reader.path_of(key)});
    }
  }
  if (auto mode = reader.one_of<Theme::Mode>("mode", kThemeModeNames)) theme.mode = *mode;
  if (auto position = reader.one_of<Theme::Position>("position", kThemePositionNames)) theme.position = *position;
  if (const Json* offset = reader.object("offset")) {
    ObjectReader offset_reader(*offset, reader.path_of("offset"), errors);
    if (auto x = offset_reader.number("x", 0, 400)) theme.offset_x = *x;
    if (auto y = offset_reader.number("y", 0, 400)) theme.offset_y = *y;
    offset_reader.report_unknown_keys();
  }
  for (auto [key, field] : {std::pair{"title", &theme.title}, std::pair{"replyTime", &theme.reply_time}})
    if (const Json* text = reader.find(key)) *field = read_localized_text(*text, reader.path_of(key), errors);
  if (auto name = reader.string("agentName")) {
    if (name->size() <= 100) theme.agent_name = *name;
    else errors.push_back({ErrorCode::invalid, "a name has at most 100 bytes", reader.path_of("agentName")});
  }
  for (auto [key, field] : {std::pair{"agentAvatar", &theme.agent_avatar}, std::pair{"logo", &theme.logo}}) {
    if (auto url = reader.string(key)) {
      if (is_image_url(*url)) *field = *url;
      else errors.push_back({ErrorCode::invalid, "an image is an https:, http: or /path URL without spaces or quotes",
                             reader.path_of(key)});
    }
  }
  reader.report_unknown_keys();
}

// "strings": {key: text} or {key: {language: text}}: the site's own words for any string of the
// widget (keys: wasm-glue/runtime/locales/en.json). A wrong entry is left out, the rest apply.
void read_strings(const Json& value, const std::string& path, Json& strings, Errors& errors) {
  for (auto it = value.begin(); it != value.end(); ++it) {
    std::string at = json_pointer_append(path, it.key());
    if (!is_ui_key(it.key())) {
      errors.push_back({ErrorCode::unknown_key, "no widget string is called \"" + it.key() + "\"", at});
      continue;
    }
    if (const auto* text = it->get_ptr<const std::string*>()) {
      if (text->size() <= 500) strings[it.key()] = *text;
      else errors.push_back({ErrorCode::out_of_range, "a text has at most 500 bytes", at});
      continue;
    }
    if (!it->is_object()) {
      errors.push_back({ErrorCode::wrong_type, "expected a string or {language: string}, got " + std::string(json_type_name(*it)), at});
      continue;
    }
    Json by_language = Json::object();
    for (auto entry = it->begin(); entry != it->end(); ++entry) {
      std::string entry_at = json_pointer_append(at, entry.key());
      const auto* text = entry->get_ptr<const std::string*>();
      if (std::find(kUiLanguages.begin(), kUiLanguages.end(), entry.key()) == kUiLanguages.end())
        errors.push_back({ErrorCode::unknown_key, "the widget does not speak \"" + entry.key() + "\"", entry_at});
      else if (text == nullptr)
        errors.push_back({ErrorCode::wrong_type, "expected a string, got " + std::string(json_type_name(*entry)), entry_at});
      else if (text->size() > 500)
        errors.push_back({ErrorCode::out_of_range, "a text has at most 500 bytes", entry_at});
      else
        by_language[entry.key()] = *text;
    }
    if (!by_language.empty()) strings[it.key()] = std::move(by_language);
  }
}

void read_visits(const Json& value, const std::string& path, VisitsSettings& visits, Errors& errors) {
  ObjectReader reader(value, path, errors);
  if (auto cookie = reader.string("cookie")) {
    if (is_cookie_name(*cookie)) visits.cookie = *cookie;
    else errors.push_back({ErrorCode::invalid, "a cookie name has 1 to 64 letters, digits, '_' or '-'", reader.path_of("cookie")});
  }
  if (auto scope = reader.one_of<CounterScope>("scope", kCounterScopeNames))
    visits.scope = *scope;
  if (auto days = reader.number("days", 1, 3650)) visits.days = static_cast<int>(*days);
  reader.report_unknown_keys();
}

// A WebSocket URL the browser will take: ws:// or wss://, a host, no spaces or control characters.
bool is_websocket_url(std::string_view url) {
  std::size_t scheme = url.starts_with("wss://") ? 6 : url.starts_with("ws://") ? 5 : 0;
  if (scheme == 0 || url.size() <= scheme || url.size() > 2048 || url[scheme] == '/') return false;
  return std::none_of(url.begin(), url.end(), [](char c) { return static_cast<unsigned char>(c) <= ' ' || c == 0x7f; });
}

// transport.urls: 1 to 8 relays of one cluster, for failover. A bad or repeated entry is reported at
// its own path (/transport/urls/N) and left out; the runtime leaves out the same entries (loader.js).
void read_relay_urls(const Json& value, const std::string& path, std::vector<std::string>& urls, Errors& errors) {
  if (!value.is_array()) {
    errors.push_back({ErrorCode::wrong_type, "transport.urls is a list of ws:// or wss:// URLs, got " +
                      std::string(json_type_name(value)), path});
    return;
  }
  if (value.empty() || value.size() > kMaxRelayUrls) {
    errors.push_back({ErrorCode::invalid, "transport.urls lists 1 to 8 relays, got " + decimal(static_cast<long long>(value.size())), path});
    return;
  }
  for (std::size_t i = 0; i < value.size(); ++i) {
    std::string item_path = json_pointer_append(path, i);
    const auto* url = value[i].get_ptr<const std::string*>();
    if (url == nullptr)
      errors.push_back({ErrorCode::wrong_type, "a relay URL is a string, got " + std::string(json_type_name(value[i])), item_path});
    else if (!is_websocket_url(*url))
      errors.push_back({ErrorCode::invalid, "a relay URL is a ws:// or wss:// URL (parley-relay's /visitor)", item_path});
    else if (std::find(urls.begin(), urls.end(), *url) != urls.end())
      errors.push_back({ErrorCode::invalid, "this relay URL is already in transport.urls", item_path});
    else
      urls.push_back(*url);
  }
}

void read_transport(const Json& value, const std::string& path, TransportSettings& transport, Errors& errors) {
  using Kind = TransportSettings::Kind;
  ObjectReader reader(value, path, errors);
  if (auto kind = reader.one_of<Kind>("kind", {{"broadcast", Kind::broadcast}, {"websocket", Kind::websocket}}))
    transport.kind = *kind;
  if (auto channel = reader.string("channel")) transport.channel = *channel;
  if (auto url = reader.string("url")) {
    if (!is_websocket_url(*url))
      errors.push_back({ErrorCode::invalid, "transport.url is a ws:// or wss:// URL (parley-relay's /visitor)", reader.path_of("url")});
    else if (transport.kind != Kind::websocket)
      errors.push_back({ErrorCode::invalid, "transport.url needs \"kind\": \"websocket\"", reader.path_of("url")});
    else
      transport.url = *url;
  }
  const Json* urls = reader.find("urls");
  if (urls != nullptr) {
    if (transport.kind != Kind::websocket)
      errors.push_back({ErrorCode::invalid, "transport.urls needs \"kind\": \"websocket\"", reader.path_of("urls")});
    else
      read_relay_urls(*urls, reader.path_of("urls"), transport.urls, errors);
  }
  bool has_url = reader.find("url") != nullptr;
  if (has_url && urls != nullptr) {
    errors.push_back({ErrorCode::invalid, "transport takes \"url\" (one relay) or \"urls\" (a list of relays), not both",
                      reader.path()});
    transport.url.clear();
    transport.urls.clear();
  } else if (transport.kind == Kind::websocket && !has_url && urls == nullptr) {
    errors.push_back({ErrorCode::missing_field,
                      "a websocket transport needs \"url\" (its relay) or \"urls\" (a list of relays)", reader.path_of("url")});
  }
  reader.report_unknown_keys();
}

std::optional<AfterDecline> read_after_decline(const Json& value, const std::string& path, Errors& errors) {
  if (value.is_object()) {
    ObjectReader reader(value, path, errors);
    auto hours = reader.number("hours", 0, 24 * 3650);
    reader.report_unknown_keys();
    if (!hours) {
      if (!value.contains("hours"))
        errors.push_back({ErrorCode::missing_field, "\"hours\" is required", json_pointer_append(path, "hours")});
      return std::nullopt;
    }
    return AfterDecline{AfterDecline::Kind::hours, *hours};
  }
  auto kind = ObjectReader::enum_value<AfterDecline::Kind>(
      value, path,
      {{"none", AfterDecline::Kind::none}, {"session", AfterDecline::Kind::session}, {"forever", AfterDecline::Kind::forever}},
      errors);
  if (!kind) return std::nullopt;
  return AfterDecline{*kind, 0};
}

std::optional<Channel> read_channel(ObjectReader& reader) {
  return reader.one_of<Channel>("channel", kChannelNames);
}

bool read_invite(const Json& value, const std::string& path, Invite& invite, Errors& errors) {
  ObjectReader reader(value, path, errors);
  bool ok = reader.is_object();
  if (const Json* message = reader.require("message")) {
    if (auto text = read_localized_text(*message, reader.path_of("message"), errors)) invite.message = *text;
    else ok = false;
  } else {
    ok = false;
  }
  if (auto channel = read_channel(reader)) invite.channel = *channel;
  if (auto prechat = reader.boolean("prechat")) invite.prechat = *prechat;
  if (auto expires = reader.number("expiresAfter", 0, 24 * 3600 * 1000.0)) invite.expires_after_ms = *expires;
  reader.report_unknown_keys();
  return ok;
}

void read_frequency(const Json& value, const std::string& path, Frequency& frequency, Errors& errors) {
  ObjectReader reader(value, path, errors);
  if (auto per = reader.one_of<Scope>("per", kScopeNames))
    frequency.per = *per;
  if (auto times = reader.number("times", 1, 1000)) frequency.times = static_cast<int>(*times);
  if (auto interval = reader.number("minInterval", 0, 3650 * 24 * 3600 * 1000.0)) frequency.min_interval_ms = *interval;
  reader.report_unknown_keys();
}

std::optional<Rule> read_rule(const Json& value, const std::string& path, FactRegistry& facts, Errors& errors) {
  ObjectReader reader(value, path, errors);
  if (!reader.is_object()) return std::nullopt;
  Rule rule;
  bool ok = true;
  if (auto id = reader.string("id")) {
    if (id->empty() || id->size() > 64) {
      errors.push_back({ErrorCode::out_of_range, "a rule id has 1 to 64 bytes", reader.path_of("id")});
      ok = false;
    }
    rule.id = *id;
  } else {
    if (!value.contains("id")) errors.push_back({ErrorCode::missing_field, "\"id\" is required", reader.path_of("id")});
    ok = false;
  }
  if (auto priority = reader.number("priority", -1e6, 1e6)) rule.priority = static_cast<int>(*priority);
  if (const Json* when = reader.find("when")) rule.when = compile_condition(*when, reader.path_of("when"), facts, errors);
  if (const Json* invite = reader.require("invite")) ok = read_invite(*invite, reader.path_of("invite"), rule.invite, errors) && ok;
  else ok = false;
  if (const Json* context = reader.find("context")) rule.context = sanitize_context(*context, reader.path_of("context"), errors);
  if (const Json* frequency = reader.find("frequency")) read_frequency(*frequency, reader.path_of("frequency"), rule.frequency, errors);
  if (const Json* after = reader.find("afterDecline")) {
    if (auto decline = read_after_decline(*after, reader.path_of("afterDecline"), errors)) rule.after_decline = *decline;
  }
  reader.report_unknown_keys();
  if (!ok) return std::nullopt;
  return rule;
}

void read_rules(const Json& list, const std::string& path, Config& config, Errors& errors) {
  for (std::size_t i = 0; i < list.size(); ++i) {
    std::string rule_path = json_pointer_append(path, i);
    if (i >= kMaxRules) {
      errors.push_back({ErrorCode::too_large, "only the first 5000 rules are used", rule_path});
      break;
    }
    auto rule = read_rule(list[i], rule_path, config.facts, errors);
    if (!rule) continue;
    bool duplicate = std::any_of(config.rules.begin(), config.rules.end(), [&](const Rule& r) { return r.id == rule->id; });
    if (duplicate) {
      errors.push_back({ErrorCode::duplicate_id, "rule id \"" + rule->id + "\" is used twice", json_pointer_append(rule_path, "id")});
      continue;
    }
    config.rules.push_back(std::move(*rule));
  }
  // The highest priority first; equal priorities keep the config's order.
  std::vector<double> priorities;
  priorities.reserve(config.rules.size());
  for (const Rule& rule : config.rules) priorities.push_back(rule.priority);
  std::vector<Rule> sorted;
  sorted.reserve(config.rules.size());
  for (std::uint32_t index : descending_order(priorities)) sorted.push_back(std::move(config.rules[index]));
  config.rules = std::move(sorted);
}

void read_exit_intent(const Json& value, const std::string& path, Config& config, Errors& errors) {
  ObjectReader reader(value, path, errors);
  if (auto dwell = reader.number("minDwell", 0, 3600 * 1000.0)) config.exit_intent_min_dwell_ms = *dwell;
  if (auto window = reader.number("touchWindow", 0, 600 * 1000.0)) config.exit_intent_touch_window_ms = *window;
  reader.report_unknown_keys();
}

// "launcher": {"chat": true | false | "fallback", "video": false | true | ["/pro/*", ...]}
void read_launcher(const Json& value, const std::string& path, LauncherSettings& launcher, Errors& errors) {
  ObjectReader reader(value, path, errors);
  using Chat = LauncherSettings::Chat;
  if (const Json* chat = reader.find("chat")) {
    if (const bool* shown = chat->get_ptr<const bool*>()) launcher.chat = *shown ? Chat::shown : Chat::hidden;
    else if (auto fallback = ObjectReader::enum_value<Chat>(*chat, reader.path_of("chat"), {{"fallback", Chat::fallback}}, errors))
      launcher.chat = *fallback;
  }
  if (const Json* video = reader.find("video")) {
    std::string video_path = reader.path_of("video");
    if (const bool* shown = video->get_ptr<const bool*>()) {
      launcher.video = *shown;
    } else if (video->is_array() && !video->empty() && video->size() <= kMaxPatterns) {
      for (std::size_t i = 0; i < video->size(); ++i) {
        const auto* pattern = (*video)[i].get_ptr<const std::string*>();
        if (pattern == nullptr || pattern->empty() || pattern->size() > kMaxPatternBytes) {
          errors.push_back({ErrorCode::wrong_type, "a page pattern is a non-empty string of at most 2048 bytes",
                            json_pointer_append(video_path, decimal(static_cast<long long>(i)))});
          continue;
        }
        launcher.video_pages.push_back(*pattern);
      }
      launcher.video = !launcher.video_pages.empty();
    } else {
      errors.push_back({ErrorCode::wrong_type, "expected true, false or a list of 1 to 100 page patterns", video_path});
    }
  }
  reader.report_unknown_keys();
}

void read_video(const Json& value, const std::string& path, VideoSettings& video, Errors& errors) {
  ObjectReader reader(value, path, errors);
  if (auto camera = reader.one_of<CameraMode>("camera", kCameraModeNames))
    video.camera = *camera;
  if (auto seconds = reader.number("promptTimeout", 5, 600)) video.prompt_timeout_ms = *seconds * 1000;
  reader.find("iceServers");  // RTCPeerConnection's, read by the runtime (loader.js), known here
  reader.report_unknown_keys();
}

}  // namespace

std::vector<std::string> Config::zones() const {
  std::vector<std::string> out;
  for (const Rule& rule : rules)
    for (const std::string& zone : rule.when.zones)
      if (std::find(out.begin(), out.end(), zone) == out.end()) out.push_back(zone);
  return out;
}

bool Config::rules_read(FactId fact) const {
  return std::any_of(rules.begin(), rules.end(), [&](const Rule& rule) {
    return std::binary_search(rule.when.reads.begin(), rule.when.reads.end(), fact);
  });
}

ConfigResult read_config(const Json& value) {
  ConfigResult result;
  Config& config = result.config;
  Errors& errors = result.errors;
  ObjectReader reader(value, "", errors);
  reader.find("$schema");  // the editor's link to parley.schema.json: known, never used
  reader.find(kCompiledKey);  // read before, when it can be (parley/compiled_config.hpp)
  // The sections a site may leave out are read behind split points (parley/split_point.hpp):
  // only those its config has are on its start path.

  if (auto locale = reader.string("locale")) {
    if (*locale == "auto" || std::find(kUiLanguages.begin(), kUiLanguages.end(), *locale) != kUiLanguages.end())
      config.locale = *locale;
    else
      errors.push_back({ErrorCode::unknown_value, "\"" + *locale + "\" is not one of auto, en, fr, de, es, it, pt, nl, ar",
                        reader.path_of("locale")});
  }
  if (const Json* strings = reader.object("strings")) split_call<&read_strings>(*strings, reader.path_of("strings"), config.strings, errors);
  if (auto consent = reader.one_of<bool>("consent", {{"not_required", false}, {"required", true}}))
    config.consent_required = *consent;
  if (const Json* theme = reader.find("theme")) split_call<&read_theme>(*theme, reader.path_of("theme"), config.theme, errors);
  if (const Json* visits = reader.find("visits")) split_call<&read_visits>(*visits, reader.path_of("visits"), config.visits, errors);
  if (const Json* session = reader.find("session")) {
    ObjectReader session_reader(*session, reader.path_of("session"), errors);
    if (auto minutes = session_reader.number("idleMinutes", 1, 24 * 60)) config.session_idle_ms = *minutes * 60000.0;
    session_reader.report_unknown_keys();
  }
  if (const Json* transport = reader.find("transport"))
    split_call<&read_transport>(*transport, reader.path_of("transport"), config.transport, errors);
  if (const Json* launcher = reader.find("launcher")) split_call<&read_launcher>(*launcher, reader.path_of("launcher"), config.launcher, errors);
  if (const Json* video = reader.find("video")) split_call<&read_video>(*video, reader.path_of("video"), config.video, errors);
  if (auto satisfaction = reader.boolean("satisfaction")) config.satisfaction = *satisfaction;
  if (const Json* prechat = reader.find("prechat"))
    config.prechat = split_call<&read_prechat_survey>(*prechat, reader.path_of("prechat"), errors);
  if (const Json* exit_intent = reader.find("exitIntent")) read_exit_intent(*exit_intent, reader.path_of("exitIntent"), config, errors);
  if (auto trace = reader.boolean("trace")) config.trace = *trace;
  if (const Json* rules = reader.array("rules")) read_rules(*rules, reader.path_of("rules"), config, errors);
  reader.report_unknown_keys();
  return result;
}

ConfigResult parse_config(std::string_view json_text) {
  if (json_text.size() > kMaxConfigBytes) {
    ConfigResult result;
    result.errors.push_back({ErrorCode::too_large, "the config is larger than 1 MiB", ""});
    return result;
  }
  Errors errors;
  Json value = parse_json(json_text, "", errors);
  if (value.is_discarded()) {
    ConfigResult result;
    result.errors = std::move(errors);
    return result;
  }
  return read_config(value);
}

}  // namespace parley
