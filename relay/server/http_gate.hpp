// What the relay answers to one HTTP request, before any WebSocket frame: /health, an upgrade on
// /visitor or /agent from an allowed Origin, or a refusal (RELAY.md §1). A pure decision, so the
// rules are tested without sockets; http_session.cpp carries it out.
//
// Must not: touch a socket, read the config file, log.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "relay/router.hpp"

namespace parley::relay::server {

enum class GateAnswer {
  health,            // 200 "ok"
  upgrade,           // WebSocket on `side`
  forbidden,         // 403: Origin not in config.origins
  not_found,         // 404: any other path, or a plain GET on /visitor or /agent
  method_not_allowed // 405: /health with another method
};

struct GateDecision {
  GateAnswer answer = GateAnswer::not_found;
  Side side = Side::visitor;   // for GateAnswer::upgrade
};

struct GateRequest {
  std::string_view method;     // "GET"
  std::string_view target;     // "/visitor?x=1": the query is ignored
  std::string_view origin;     // the Origin header, "" when absent
  bool websocket_upgrade = false;
};

// allowed_origins: config.origins; empty allows any Origin (development).
GateDecision decide_gate(const GateRequest& request, const std::vector<std::string>& allowed_origins);

}  // namespace parley::relay::server
