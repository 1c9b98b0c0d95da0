// app/desk_link.hpp: the desk model (console/agent_desk.hpp) joined to its wire, one of two:
//
//   channel  a BroadcastChannel (shell/js/desk_channel.js): the visitors' tabs of this browser.
//            Opened by choice on a visitor page (one agent side per channel: the HTML desk in
//            another tab would be a second one), and at once in desk-only mode.
//   relay    a WebSocket to parley-relay (shell/js/desk_socket.js, relay/RELAY.md): the desk signs
//            in with `hello` + token on every connection, and reconnects by itself with a jittered
//            backoff (console/reconnect_backoff.hpp) when the socket closes, so a relay restart is
//            a short "Reconnecting…". A refused token is not retried until the agent says so.
//
// Once a frame pump() carries what the wire received into the model, posts what is due again
// (backoff), and posts what the model has to say. The agent's call media (shell/js/desk_video.js)
// is pumped the same way: the model's media commands go to it, its signalling goes back.
#pragma once

#include <string>

#include "console/agent_desk.hpp"
#include "console/reconnect_backoff.hpp"

namespace parley::console {

class DeskLink {
 public:
  enum class Wire { none, channel, relay };

  bool open(const std::string& channel, AgentDesk& desk, double now_ms);  // false: no BroadcastChannel here
  // Signs in to the relay at `url` with `token`; errors for a URL the desk must not open.
  Errors open_relay(const std::string& url, const std::string& token, AgentDesk& desk, double now_ms);
  void close();
  bool is_open() const noexcept { return wire_ != Wire::none; }
  Wire wire() const noexcept { return wire_; }
  const std::string& channel() const noexcept { return channel_; }
  const std::string& relay_url() const noexcept { return relay_url_; }
  void pump(AgentDesk& desk, double now_ms);
  // The relay connection as the agent reads it: "Connected as Alex", "Reconnecting… (in 3 s)", ...
  std::string relay_status(const AgentDesk& desk, double now_ms) const;

  // The agent's media for a call: the peer connection's state ("" without media), its problem.
  std::string call_connection(const std::string& call_id) const;
  std::string call_problem(const std::string& call_id) const;
  // The visitor video floating over the console ("" hides it), captioned with the visitor's devices.
  void show_call(const std::string& call_id, const std::string& caption);

 private:
  enum class Socket { closed, connecting, open };

  void pump_relay(AgentDesk& desk, double now_ms);
  void connect(double now_ms);
  void retry_later(double now_ms);

  Wire wire_ = Wire::none;
  std::string channel_;
  std::string relay_url_;
  Socket socket_ = Socket::closed;
  double retry_at_ms_ = 0;
  bool ever_connected_ = false;  // "Connecting…" the first time, "Reconnecting…" after
  ReconnectBackoff backoff_;
};

}  // namespace parley::console
