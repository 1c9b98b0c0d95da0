// parley/engine.hpp: the engine, a pure state machine.
//
//   browser facts --events--> Engine::handle(event, now_ms) --> actions + next deadline
//
// The engine never reads a clock, a cookie or the DOM and never calls out: time comes in as
// `now_ms` (epoch ms) on every call, browser facts come in as events (JSON objects with a
// "type"), and effects go out as actions (JSON objects with a "type") that the runtime drains
// with take_actions(). next_deadline_ms() is the next instant at which something can change
// without an event: the runtime arms one timer for it, and none when it is infinite.
//
// Events (the runtime's and the host's inputs), actions and the view model are documented in
// wasm-glue/PROTOCOL.md. Every event is validated before it changes anything: a bad event
// returns its errors and leaves the state as it was.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "parley/agent_context.hpp"
#include "parley/chat_presence.hpp"
#include "parley/config.hpp"
#include "parley/connection_status.hpp"
#include "parley/conversation.hpp"
#include "parley/inspector_trail.hpp"
#include "parley/persisted_state.hpp"
#include "parley/rule_scheduler.hpp"
#include "parley/split_point.hpp"
#include "parley/video_call.hpp"

namespace parley {

inline constexpr double kDefaultInviteExpiryMs = 60000;

using ZoneOffsets = std::map<std::string, int, std::less<>>;

// True when every error is an ignored unknown key: the event may still take effect.
bool only_unknown_keys(const Errors& errors);

// Where the country fact came from, weakest first.
enum class CountrySource { none, timezone, geolocation, host };
std::string_view to_string(CountrySource source) noexcept;

// A visitor's message: sent, then delivered (the transport's ack), then read (the agent's side).
enum class Receipt : std::uint8_t { sent, delivered, read };

struct ChatMessage {
  std::string id;
  std::string from;  // "visitor", "agent", "system"
  std::string text;
  double at_ms = 0;
  std::string author;          // agent: its name when it wrote ("" unnamed)
  std::string avatar;          // agent: the picture it sent with agent.joined ("" none)
  Receipt receipt = Receipt::sent;
};

class Engine {
 public:
  Engine();

  // Replaces the config; facts, counters and the conversation are kept. Returns every error
  // (with its JSON pointer); the valid rest of the config is in force.
  Errors configure(std::string_view config_json);
  Errors configure_value(const Json& config);  // the same, already parsed
  // A config whose text the runtime could not take (not JSON, over 1 MiB): reports `errors` and
  // keeps the previous config, as configure() does for such a text.
  Errors refuse_config(Errors errors);

  Errors handle(const Json& event, double now_ms);
  Errors handle_json(std::string_view event_json, double now_ms);

  // Drains the queued actions (oldest first).
  std::vector<Json> take_actions();
  double next_deadline_ms() const;

  const Config& config() const noexcept { return config_; }
  // The config's rules read the country: the page load looks the time zone up (settle_country).
  bool rules_read_country() const { return config_.rules_read(fact_id(BuiltinFact::country)); }
  const Errors& config_errors() const noexcept { return config_errors_; }
  ConversationState state() const noexcept { return state_; }
  VideoState video_state() const noexcept { return video_; }
  const FactState& facts() const noexcept { return facts_; }
  const RuleScheduler& rules() const noexcept { return rules_; }
  Json view() const;
  // The view's "theme" alone: configure's result holds it too, so the widget builds its stylesheet
  // ahead of the first render without reading the whole view.
  Json theme_view() const;
  // Everything the QA console shows: facts, rules and why, storage, context. The time zone's
  // country is looked up first if nothing has yet (settle_country).
  Json inspect(double now_ms);

 private:
  struct Invitation {
    // Copied from the rule, so a new config cannot pull it away. Empty id: the host asked.
    std::string rule_id;
    AfterDecline after_decline{AfterDecline::Kind::none, 0};
    Json rule_context = Json::object();
    LocalizedText message;
    // What the rule or host asked for; what it offers follows availability while it shows
    // (Engine::invitation_channel).
    Channel asked = Channel::chat;
    bool prechat = false;
    double expires_at_ms = kNever;
    Reason reason;  // what the rule read when it fired (reason_facts)
    Json rule_json() const { return rule_id.empty() ? Json() : Json(rule_id); }
  };

  using Handler = Errors (Engine::*)(const Json&, double);
  struct EventHandler {
    std::string_view type;
    Handler handler;
  };
  static const EventHandler kHandlers[];

  Errors apply(ConfigResult result);
  void apply_zone_offsets(const ZoneOffsets& offsets);
  // The `country` fact from the page's time zone (zone_country.hpp), unless a stronger source gave
  // it first. Looked up when first needed: at the page load if a rule reads the country, else when
  // the inspector shows it or a new config's rules come to read it. It is a split point
  // (split_point.hpp), so the zone table (5 KB) stays out of the start path of the pages that do
  // not need it: a page whose rules read the country waits for parley.deferred.wasm before its
  // start (runtime/loader.js, configure's readsCountry).
  void settle_country();

  // Events.
  Errors on_page_load(const Json& event, double now_ms);
  Errors on_visibility(const Json& event, double now_ms);
  Errors on_pointer_leave(const Json& event, double now_ms);
  Errors on_pointer_enter(const Json& event, double now_ms);
  Errors on_activity(const Json& event, double now_ms);
  Errors on_scroll(const Json& event, double now_ms);
  Errors on_navigate(const Json& event, double now_ms);
  Errors on_set_fact(const Json& event, double now_ms);
  Errors on_country(const Json& event, double now_ms);
  Errors on_availability(const Json& event, double now_ms);
  Errors on_connection(const Json& event, double now_ms);
  Errors on_referrer(const Json& event, double now_ms);
  Errors on_zone_offsets(const Json& event, double now_ms);
  Errors on_consent(const Json& event, double now_ms);
  Errors on_start_proactive_chat(const Json& event, double now_ms);
  Errors on_accept(const Json& event, double now_ms);
  Errors on_decline(const Json& event, double now_ms);
  Errors on_start_chat(const Json& event, double now_ms);
  Errors on_close_chat(const Json& event, double now_ms);
  Errors on_end_chat(const Json& event, double now_ms);
  Errors on_prechat_change(const Json& event, double now_ms);
  Errors on_prechat_submit(const Json& event, double now_ms);
  Errors on_send_message(const Json& event, double now_ms);
  Errors on_received(const Json& event, double now_ms);
  Errors on_transport_message(const Json& message, ObjectReader& fields, const std::string& type,
                              const std::optional<std::string>& conversation,
                              const std::optional<std::string>& id, double now_ms);
  Errors on_minimize(const Json& event, double now_ms);
  Errors on_maximize(const Json& event, double now_ms);
  Errors on_rate(const Json& event, double now_ms);
  Errors on_tick(const Json& event, double now_ms);
  Errors on_draft(const Json& event, double now_ms);
  Errors on_mirror(const Json& event, double now_ms);
  Errors on_delivered(const Json& event, double now_ms);
  Errors on_composer_blur(const Json& event, double now_ms);

  // The video call (engine_video.cpp).
  Errors on_video_accept(const Json& event, double now_ms);
  Errors on_video_decline(const Json& event, double now_ms);
  Errors on_hang_up(const Json& event, double now_ms);
  Errors on_video_retry(const Json& event, double now_ms);
  Errors on_camera(const Json& event, double now_ms);
  Errors on_microphone(const Json& event, double now_ms);
  Errors on_media_ready(const Json& event, double now_ms);
  Errors on_media_error(const Json& event, double now_ms);
  Errors on_call_connected(const Json& event, double now_ms);
  Errors on_call_failed(const Json& event, double now_ms);
  Errors on_video_message(const std::string& type, ObjectReader& fields, double now_ms);
  Errors fire_video(VideoTrigger trigger, double now_ms);
  void perform_video(VideoEffect effect, VideoState from, double now_ms);
  void call_ended(VideoEnd end);
  void video_deadline_passed(double now_ms);
  void camera_failed(std::string reason);
  void request_media(double now_ms);
  void send_media_state(std::string_view permission);
  void push_media_action();
  bool camera_allowed() const noexcept { return config_.video.camera != CameraMode::one_way; }
  Json video_view(Locale lang) const;  // while call_on(video_); a split point
  bool video_button_here() const;  // launcher.video names this page

  // The state machine.
  Errors fire(Trigger trigger, double now_ms);
  bool guard_holds(Guard guard) const;
  void perform(Effect effect, double now_ms);
  void perform_conversation(Effect effect, double now_ms);  // a split point

  // Rules.
  void run_rules(double now_ms);
  // Why a rule may not fire now (none when it may); `until_ms` is set when the block lifts by itself.
  RuleReason block_reason(std::uint32_t rule, double now_ms, double& until_ms) const;
  std::optional<Channel> offered_channel(Channel wanted) const;
  Channel invitation_channel() const;  // what the invitation on screen offers now
  CapRecord cap_record(std::uint32_t rule) const;  // its frequency cap's count, in its scope
  void record_fire(std::uint32_t rule, double now_ms);
  // Why no rule can fire now (none when rules may fire): an invitation or conversation shows.
  RuleReason rules_paused() const;
  void trace_rules();  // config "trace": a trace action per rule evaluated; a split point

  // Page, session and storage.
  // `cookies`: document.cookie when the runtime sent it (always on pageLoad).
  void begin_page_view(std::string url, std::optional<std::string_view> cookies, double now_ms);
  void set_fact(BuiltinFact fact, FactValue value);
  void set_fact(FactId fact, FactValue value);
  void touch_session(double now_ms, bool force_write);
  void persist(double now_ms);
  void set_cookie(std::string_view name, std::string value, int days, std::string path);
  bool may_store() const noexcept { return !config_.consent_required || consent_granted_; }

  // Conversation helpers.
  Errors read_host_context(ObjectReader& reader, std::string_view key);
  void maximized_by_start_chat();
  std::string next_id();
  void send(Json message);
  void emit(std::string_view name, Json detail = Json::object());
  void add_message(std::string from, std::string text, double now_ms, std::string id = {});
  void send_typing(std::optional<bool> on);  // the visitor's typing state, when it changed
  void presence_deadline_passed(double now_ms);
  void mark_read(const std::optional<std::string>& up_to);
  Locale locale() const noexcept;
  bool chat_shows() const noexcept;  // the chat panel is on screen (Loading, Active, InActive)
  void render();
  // The view's panels, each while it is on screen (view()); but the invitation's, split points
  // (parley/split_point.hpp).
  Json invitation_view(Locale lang) const;
  Json prechat_view(Locale lang) const;
  Json chat_view(Locale lang) const;
  Json postchat_view(Locale lang) const;

  // The conversation across reloads and navigation (sessionStorage through `store` actions),
  // and across the site's tabs (the `mirror` event).
  Json conversation_snapshot() const;  // of a state a reload restores; a split point
  bool adopt_conversation(const std::string& saved, std::string* call);
  void clear_conversation();
  void restore_conversation(const std::string& saved);  // a split point
  void store_conversation();

  Config config_;
  Errors config_errors_;
  FactState facts_;
  RuleScheduler rules_;
  ConversationState state_ = ConversationState::Closed;
  std::vector<Json> actions_;
  Json last_view_;
  double last_now_ms_ = 0;
  std::map<std::string, FactValue, std::less<>> unread_facts_;  // setFact names no rule reads

  // Page view.
  bool page_loaded_ = false;
  bool page_loaded_once_ = false;
  std::string page_id_ = "p";
  std::uint64_t id_counter_ = 0;
  Locale page_locale_ = Locale::en;
  std::string page_language_ = "en";    // the widget's language (view.locale): one of kUiLanguages
  bool touch_device_ = false;
  bool consent_granted_ = false;
  bool had_conversation_ = false;
  double exit_intent_until_ms_ = kNever;  // touch: exitIntent resets then
  double hidden_at_ms_ = -kNever;
  std::string counter_path_ = "/";
  std::uint32_t page_views_ = 0;
  SessionState session_;
  VisitorState visitor_;
  double last_session_write_ms_ = -kNever;
  CountrySource country_source_ = CountrySource::none;
  // The page's time zone until its country is looked up (settle_country), and when it came.
  std::string unsettled_zone_;
  double unsettled_zone_at_ms_ = 0;
  std::vector<std::string> recent_message_ids_;  // de-duplication of incoming messages

  ConnectionStatus connection_;     // the wire to the agents, as the runtime reports it

  // Invitation and conversation.
  std::optional<Invitation> invitation_;
  Channel conversation_channel_ = Channel::chat;
  Json host_context_ = Json::object();
  Json agent_context_ = Json::object();
  Json prechat_answers_ = Json::object();
  ValidatedAnswers prechat_validation_;
  std::string conversation_id_;
  std::string agent_name_;
  std::string agent_avatar_;        // from agent.joined, else theme.agentAvatar shows
  std::string agent_reply_time_;    // from agent.joined (1 to 200 bytes): beside its name in the header
  ChatPresence presence_;           // typing, both ways
  std::string auth_token_;          // from the host's token provider, sent with conversation.start
  std::string stored_conversation_; // what was last stored, to store only changes
  bool queued_ = false;
  bool minimized_ = false;
  int unread_ = 0;
  std::vector<ChatMessage> transcript_;
  std::string draft_;               // typed in the composer, not sent yet
  int pending_rating_ = 0;
  double blocked_until_ms_ = kNever;  // earliest instant an armed-but-blocked rule may fire
  std::vector<std::pair<std::uint32_t, RuleReason>> last_block_reasons_;  // armed rules held back

  // The video call.
  VideoState video_ = VideoState::none;
  std::string call_id_;
  bool agent_in_call_ = false;     // video.join came
  bool call_connected_ = false;    // the peer connection is up
  bool camera_on_ = false;
  bool camera_pending_ = false;    // the browser is asked for the camera
  bool microphone_muted_ = false;
  double media_deadline_ms_ = kNever;  // the browser's prompt must be answered by then
  std::string media_error_;        // "" or denied, no_device, busy, timeout, failed

  InspectorTrail trail_;  // what the console shows (Engine::inspect); nothing decides on it
};

}  // namespace parley
