// app/host.hpp: the browser side of the console, wrapped once (shell/js/console_library.js).
//
// The JS side owns the page's hook (Parley's widget, when the console runs over a page), the
// overlay and the desk's BroadcastChannel. Strings cross as UTF-8 JSON text: arguments are
// borrowed for the call, results are allocated by JS and freed here. Nothing here throws.
#pragma once

#include <string>
#include <vector>

#include "console/desk_call.hpp"
#include "console/page_snapshot.hpp"

namespace parley::console::host {

bool has_page();                                  // false in desk-only mode (the agent desk page)
std::string snapshot(double since_seq);           // the page's snapshot (page_snapshot.hpp), "{}" without a page
std::vector<ErrorRow> dispatch(const Json& event); // the engine's errors for an injected event
std::vector<ErrorRow> configure(const std::string& config_text);
void advance_clock(double ms);
void close_console();                             // hides the overlay (Parley.inspect() shows it again)
int viewport_width();                             // the overlay's size in CSS pixels
int viewport_height();
double now_ms();                                  // Date.now()
double pixel_ratio();                             // window.devicePixelRatio (1 when the page has none)
// The canvas: a backing store of width x height device pixels shown in a CSS box of css_width x css_height.
void fit_canvas(int css_width, int css_height, int width, int height);
void scope_keyboard_to_canvas();                  // GLFW listens on window: keep keys to the canvas
void report(const std::string& message);          // lcw:error (errorCode 10) on the page, or the browser console
std::string clipboard();                          // the text last pasted into the console
void set_clipboard(const std::string& text);      // copied from the console

// The desk's alerts (shell/js/console_alerts.js) and settings kept in the page's localStorage.
bool looking();                                   // the page is visible and has the focus
bool page_hidden();                               // the tab is hidden (animation frames stop)
void alerts_enabled(bool on);                     // the tone may be armed by the next gesture
void title_badge(const std::string& prefix);      // "" or "(N) " before the page's own title
bool tone();                                      // false: no gesture has allowed audio yet
std::string setting(const std::string& key);      // "" when unset or storage is refused
void set_setting(const std::string& key, const std::string& value);

// The desk's channel.
bool desk_open(const std::string& channel);
void desk_close();
void desk_post(const Json& envelope);
std::vector<Json> desk_take();                    // envelopes received since the last call
std::string desk_channel_hint();                  // desk-only mode: the channel the page was given ("" else)

// The desk's WebSocket to parley-relay (shell/js/desk_socket.js), in the order things happened.
struct RelayEvent {
  enum class Kind { open, frame, bad, closed };
  Kind kind = Kind::bad;
  Json envelope;    // frame
  int close_code = 0;  // closed
};
bool relay_open(const std::string& url);          // false: the browser refused the URL
void relay_close();
void relay_post(const Json& envelope);            // dropped unless the socket is open
std::vector<RelayEvent> relay_take();
std::string desk_relay_hint();                    // desk-only mode: the relay URL the page was given ("" else)
double random01();                                // Math.random(): the reconnect jitter

// The desk's call media (shell/js/desk_video.js): the model's MediaCommands go in, the agent's
// signalling comes out.
struct CallSignal {
  std::string call_id;
  std::string type;  // "webrtc.answer" or "webrtc.candidate" (the model checks)
  Json fields;
};
void call_media(const MediaCommand& command);
std::vector<CallSignal> call_take_signals();
void call_show(const std::string& call_id, const std::string& caption);  // the call whose visitor video floats ("" none)
std::string call_connection(const std::string& call_id);  // the peer connection's state, "" without media
std::string call_problem(const std::string& call_id);     // the agent's media problem, "" when none

}  // namespace parley::console::host
