#include "app/host.hpp"

#include <cstdlib>

#include "console/json_access.hpp"

namespace {

extern "C" {
// shell/js/console_library.js. Returned char* are malloc'd by JS: the caller frees them.
int parley_host_has_page(void);
char* parley_host_snapshot(double since_seq);
char* parley_host_dispatch(const char* event_json);
char* parley_host_configure(const char* config_text);
void parley_host_advance_clock(double ms);
void parley_host_close(void);
int parley_host_viewport_width(void);
int parley_host_viewport_height(void);
double parley_host_now(void);
double parley_host_pixel_ratio(void);
void parley_host_fit_canvas(int css_width, int css_height, int width, int height);
int parley_host_looking(void);
int parley_host_page_hidden(void);
void parley_host_alerts_enabled(int on);
void parley_host_title_badge(const char* prefix);
int parley_host_tone(void);
char* parley_host_setting(const char* key);
void parley_host_set_setting(const char* key, const char* value);
void parley_host_scope_keyboard(void);
void parley_host_report(const char* message);
char* parley_host_clipboard_get(void);
void parley_host_clipboard_set(const char* text);
int parley_host_desk_open(const char* channel);
void parley_host_desk_close(void);
void parley_host_desk_post(const char* envelope_json);
char* parley_host_desk_take(void);
char* parley_host_desk_channel_hint(void);
int parley_host_relay_open(const char* url);
void parley_host_relay_close(void);
void parley_host_relay_post(const char* envelope_json);
char* parley_host_relay_take(void);
char* parley_host_desk_relay_hint(void);
double parley_host_random(void);
void parley_host_call_start(const char* call_id, const char* video_source);
void parley_host_call_offer(const char* call_id, const char* sdp);
void parley_host_call_candidate(const char* call_id, const char* candidate_json);
void parley_host_call_close(const char* call_id);
char* parley_host_call_take_signals(void);
void parley_host_call_show(const char* call_id, const char* caption);
char* parley_host_call_status(const char* call_id);
}

std::string taken(char* text) {
  if (text == nullptr) return {};
  std::string out(text);
  std::free(text);
  return out;
}

parley::Json parsed(const std::string& text) { return parley::Json::parse(text, nullptr, /*allow_exceptions=*/false); }

std::string compact(const parley::Json& value) { return value.dump(-1, ' ', false, parley::Json::error_handler_t::replace); }

}  // namespace

namespace parley::console::host {

bool has_page() { return parley_host_has_page() != 0; }
std::string snapshot(double since_seq) { return taken(parley_host_snapshot(since_seq)); }
std::vector<ErrorRow> dispatch(const Json& event) { return read_error_rows(parsed(taken(parley_host_dispatch(compact(event).c_str())))); }
std::vector<ErrorRow> configure(const std::string& config_text) {
  return read_error_rows(parsed(taken(parley_host_configure(config_text.c_str()))));
}
void advance_clock(double ms) { parley_host_advance_clock(ms); }
void close_console() { parley_host_close(); }
int viewport_width() { return parley_host_viewport_width(); }
int viewport_height() { return parley_host_viewport_height(); }
double now_ms() { return parley_host_now(); }
double pixel_ratio() { return parley_host_pixel_ratio(); }
void fit_canvas(int css_width, int css_height, int width, int height) { parley_host_fit_canvas(css_width, css_height, width, height); }
bool looking() { return parley_host_looking() != 0; }
bool page_hidden() { return parley_host_page_hidden() != 0; }
void alerts_enabled(bool on) { parley_host_alerts_enabled(on ? 1 : 0); }
void title_badge(const std::string& prefix) { parley_host_title_badge(prefix.c_str()); }
bool tone() { return parley_host_tone() != 0; }
std::string setting(const std::string& key) { return taken(parley_host_setting(key.c_str())); }
void set_setting(const std::string& key, const std::string& value) { parley_host_set_setting(key.c_str(), value.c_str()); }
void scope_keyboard_to_canvas() { parley_host_scope_keyboard(); }
void report(const std::string& message) { parley_host_report(message.c_str()); }
std::string clipboard() { return taken(parley_host_clipboard_get()); }
void set_clipboard(const std::string& text) { parley_host_clipboard_set(text.c_str()); }

bool desk_open(const std::string& channel) { return parley_host_desk_open(channel.c_str()) != 0; }
void desk_close() { parley_host_desk_close(); }
void desk_post(const Json& envelope) { parley_host_desk_post(compact(envelope).c_str()); }
std::vector<Json> desk_take() {
  Json list = parsed(taken(parley_host_desk_take()));
  std::vector<Json> out;
  if (list.is_array())
    for (Json& envelope : list) out.push_back(std::move(envelope));
  return out;
}
std::string desk_channel_hint() { return taken(parley_host_desk_channel_hint()); }

bool relay_open(const std::string& url) { return parley_host_relay_open(url.c_str()) != 0; }
void relay_close() { parley_host_relay_close(); }
void relay_post(const Json& envelope) { parley_host_relay_post(compact(envelope).c_str()); }
std::vector<RelayEvent> relay_take() {
  Json list = parsed(taken(parley_host_relay_take()));
  std::vector<RelayEvent> out;
  if (!list.is_array()) return out;
  for (Json& item : list) {
    std::string what = item.is_array() && !item.empty() && item[0].is_string() ? item[0].get<std::string>() : "";
    RelayEvent event;
    if (what == "open") event.kind = RelayEvent::Kind::open;
    else if (what == "frame" && item.size() == 2) {
      event.kind = RelayEvent::Kind::frame;
      event.envelope = std::move(item[1]);
    } else if (what == "closed") {
      event.kind = RelayEvent::Kind::closed;
      event.close_code = item.size() == 2 && item[1].is_number_integer() ? item[1].get<int>() : 0;
    }
    out.push_back(std::move(event));
  }
  return out;
}
std::string desk_relay_hint() { return taken(parley_host_desk_relay_hint()); }
double random01() { return parley_host_random(); }

void call_media(const MediaCommand& command) {
  const char* id = command.call_id.c_str();
  switch (command.kind) {
    case MediaCommand::Kind::start: parley_host_call_start(id, command.video_source.c_str()); break;
    case MediaCommand::Kind::offer:
      if (command.payload.is_string()) parley_host_call_offer(id, command.payload.get_ref<const std::string&>().c_str());
      break;
    case MediaCommand::Kind::candidate: parley_host_call_candidate(id, compact(command.payload).c_str()); break;
    case MediaCommand::Kind::close: parley_host_call_close(id); break;
  }
}

std::vector<CallSignal> call_take_signals() {
  Json list = parsed(taken(parley_host_call_take_signals()));
  std::vector<CallSignal> out;
  if (!list.is_array()) return out;
  for (Json& entry : list) {
    const Json* fields = member(entry, "fields");
    out.push_back(CallSignal{string_at(entry, "callId"), string_at(entry, "type"), fields ? *fields : Json()});
  }
  return out;
}

void call_show(const std::string& call_id, const std::string& caption) { parley_host_call_show(call_id.c_str(), caption.c_str()); }

std::string call_connection(const std::string& call_id) {
  return string_at(parsed(taken(parley_host_call_status(call_id.c_str()))), "connection");
}

std::string call_problem(const std::string& call_id) {
  return string_at(parsed(taken(parley_host_call_status(call_id.c_str()))), "problem");
}

}  // namespace parley::console::host
