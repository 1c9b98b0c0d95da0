// parley/config.hpp: the site owner's config (design.md section 3.1), read from JSON.
//
// parse_config() never fails as a whole: every problem becomes an Error with its JSON pointer,
// the faulty part falls back to its default (or a broken rule is dropped), and the rest runs.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "parley/condition.hpp"
#include "parley/enum_names.hpp"
#include "parley/prechat.hpp"
#include "parley/text.hpp"

namespace parley {

enum class Channel { chat, video, chat_video };          // "chat", "video", "chat+video"
enum class Scope { pageview, session, visitor };         // frequency.per
enum class CameraMode { classic, one_way, off_by_default };
enum class CounterScope { site, page };                  // visits.scope

// Their JSON spellings, read by the config reader and written by the view and the actions.
inline constexpr EnumName<Channel> kChannelNames[] = {
    {"chat", Channel::chat}, {"video", Channel::video}, {"chat+video", Channel::chat_video}};
// Where one channel is meant (a conversation's, a startChat's): chat or video.
inline constexpr EnumName<Channel> kOneChannelNames[] = {kChannelNames[0], kChannelNames[1]};
inline constexpr EnumName<Scope> kScopeNames[] = {
    {"pageview", Scope::pageview}, {"session", Scope::session}, {"visitor", Scope::visitor}};
inline constexpr EnumName<CameraMode> kCameraModeNames[] = {
    {"classic", CameraMode::classic}, {"one_way", CameraMode::one_way}, {"off_by_default", CameraMode::off_by_default}};
inline constexpr EnumName<CounterScope> kCounterScopeNames[] = {{"site", CounterScope::site}, {"page", CounterScope::page}};

constexpr std::string_view to_string(Channel channel) noexcept { return name_of(kChannelNames, channel); }
constexpr std::string_view to_string(Scope scope) noexcept { return name_of(kScopeNames, scope); }
constexpr std::string_view to_string(CameraMode mode) noexcept { return name_of(kCameraModeNames, mode); }
constexpr std::optional<Channel> channel_named(std::string_view name) noexcept { return value_named(kChannelNames, name); }

struct AfterDecline {
  enum class Kind { none, session, hours, forever } kind = Kind::session;
  double hours = 0;
};

struct Invite {
  LocalizedText message;
  Channel channel = Channel::chat;
  bool prechat = false;
  double expires_after_ms = 60000;                       // 0: never expires
};

struct Frequency {
  Scope per = Scope::session;
  int times = 1;
  double min_interval_ms = 0;
};

struct Rule {
  std::string id;
  int priority = 0;                                      // higher first; ties keep config order
  ConditionTree when;
  Invite invite;
  Json context = Json::object();                         // {key: {value, isDisplayable}}
  Frequency frequency;
  AfterDecline after_decline;
};

// How the widget looks and whom it shows (README, "Themes"). Texts are the site's; URLs are
// images the renderer loads as <img src>, never CSS.
struct Theme {
  enum class Mode { light, dark, auto_ } mode = Mode::light;            // auto_: prefers-color-scheme
  enum class Position { auto_, left, right } position = Position::auto_; // auto_: the language's end side
  std::string color = "#0b6e4f";
  std::string font = "system-ui";
  double offset_x = 20;                                  // px from the side edge
  double offset_y = 20;                                  // px from the bottom (above a page's own bar)
  std::optional<LocalizedText> title;                    // the chat's header (default: "Chat")
  std::optional<LocalizedText> reply_time;               // "We usually reply within minutes"
  std::string agent_name;                                // until an agent says its own
  std::string agent_avatar;                              // URL
  std::string logo;                                      // URL
};

inline constexpr EnumName<Theme::Mode> kThemeModeNames[] = {
    {"light", Theme::Mode::light}, {"dark", Theme::Mode::dark}, {"auto", Theme::Mode::auto_}};
inline constexpr EnumName<Theme::Position> kThemePositionNames[] = {
    {"auto", Theme::Position::auto_}, {"left", Theme::Position::left}, {"right", Theme::Position::right}};

constexpr std::string_view to_string(Theme::Mode mode) noexcept { return name_of(kThemeModeNames, mode); }
constexpr std::string_view to_string(Theme::Position position) noexcept { return name_of(kThemePositionNames, position); }

struct VisitsSettings {
  std::string cookie = "parley_visits";                  // holds the page-view count
  CounterScope scope = CounterScope::site;
  int days = 365;
};

inline constexpr std::string_view kSeedVisitsCookie = "timesPageVisited";

// The visitor's entry points (the seed's video options 2, 5 and 6).
struct LauncherSettings {
  enum class Chat { shown, hidden, fallback } chat = Chat::shown;  // fallback: only while video is not offered
  bool video = false;                                  // the fixed video button...
  std::vector<std::string> video_pages;                // ...on these URL patterns only (empty: everywhere)
};

struct VideoSettings {
  CameraMode camera = CameraMode::classic;
  double prompt_timeout_ms = 30000;                    // unanswered browser prompt -> "timeout"
};

// How the widget reaches the agents (the runtime reads it; the engine only checks it).
struct TransportSettings {
  enum class Kind { broadcast, websocket } kind = Kind::broadcast;
  std::string channel = "parley";                      // broadcast: the BroadcastChannel's name
  std::string url;                                     // websocket: parley-relay's ws:// or wss:// .../visitor
  std::vector<std::string> urls;                       // websocket, instead of url: 1 to 8 relays of one cluster
                                                       // (failover, no load balancer); bad entries left out
};

struct Config {
  std::string locale = "auto";                           // "auto" (the page's language) or one of kUiLanguages
  Json strings = Json::object();                         // the site's words: {key: text or {language: text}}
  bool consent_required = false;
  Theme theme;
  VisitsSettings visits;
  double session_idle_ms = 30 * 60000.0;
  TransportSettings transport;
  LauncherSettings launcher;
  VideoSettings video;
  bool satisfaction = false;
  PrechatSurvey prechat;
  std::vector<Rule> rules;                               // sorted: priority desc, then config order
  double exit_intent_min_dwell_ms = 2000;                // exitIntent.minDwell: armed after this
  double exit_intent_touch_window_ms = 5000;             // exitIntent.touchWindow: true this long on return
  bool trace = false;                                    // a trace action per rule evaluation
  FactRegistry facts;                                    // built-ins + every custom fact named

  std::vector<std::string> zones() const;                // named zones the rules need offsets for
  bool rules_read(FactId fact) const;                    // some rule's condition reads it
};

struct ConfigResult {
  Config config;
  Errors errors;
};

ConfigResult parse_config(std::string_view json_text);
ConfigResult read_config(const Json& value);

}  // namespace parley
