#include "app/host.hpp"

#include <cstdlib>

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
void parley_host_scope_keyboard(void);
void parley_host_report(const char* message);
char* parley_host_clipboard_get(void);
void parley_host_clipboard_set(const char* text);
int parley_host_desk_open(const char* channel);
void parley_host_desk_close(void);
void parley_host_desk_post(const char* envelope_json);
char* parley_host_desk_take(void);
char* parley_host_desk_channel_hint(void);
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

}  // namespace parley::console::host
