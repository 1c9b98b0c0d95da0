#include "parley/connection_status.hpp"

namespace parley {

std::string_view to_string(ConnectionState state) noexcept {
  switch (state) {
    case ConnectionState::connecting: return "connecting";
    case ConnectionState::online: return "online";
    case ConnectionState::offline: return "offline";
  }
  return "online";
}

bool ConnectionStatus::update(ConnectionState state, double now_ms) noexcept {
  if (state == state_) return false;
  if (state == ConnectionState::online) {
    away_since_ms_ = kNever;
    shown_ = false;
  } else if (state_ == ConnectionState::online) {
    away_since_ms_ = now_ms;
  }
  state_ = state;
  advance(now_ms);
  return true;
}

void ConnectionStatus::advance(double now_ms) noexcept {
  if (state_ != ConnectionState::online && now_ms >= away_since_ms_ + kReconnectingGraceMs) shown_ = true;
}

double ConnectionStatus::next_deadline_ms() const noexcept {
  return state_ == ConnectionState::online || shown_ ? kNever : away_since_ms_ + kReconnectingGraceMs;
}

}  // namespace parley
