// parley/connection_status.hpp: what the visitor is told about the wire to the agents.
//
// The runtime reports the wire's state (`connection` event: connecting, online, offline); this
// part decides when the chat says "Reconnecting…": only once the wire has been away from online
// for a grace period, so a quick reconnect (a relay restart, a network switch) does not flash.
// It knows nothing of the view model or the conversation: the engine asks it.
#pragma once

#include <string_view>

#include "parley/fact_state.hpp"  // kNever

namespace parley {

enum class ConnectionState { connecting, online, offline };

std::string_view to_string(ConnectionState state) noexcept;

inline constexpr double kReconnectingGraceMs = 3000;  // away this long before the chat says so

class ConnectionStatus {
 public:
  // A new state from the runtime; returns whether it changed (lcw:connectionChanged fires then).
  bool update(ConnectionState state, double now_ms) noexcept;
  // Time passed: once the grace is over, the status shows.
  void advance(double now_ms) noexcept;

  ConnectionState state() const noexcept { return state_; }
  bool reconnecting_shown() const noexcept { return shown_; }
  // When the status will show, or kNever (online, or already shown).
  double next_deadline_ms() const noexcept;

 private:
  // Online until told otherwise: a host's own transport (Parley.setTransport) may never report.
  ConnectionState state_ = ConnectionState::online;
  double away_since_ms_ = kNever;  // when it left online; connecting <-> offline keeps it
  bool shown_ = false;
};

}  // namespace parley
