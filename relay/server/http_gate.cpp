// decide_gate: the HTTP rules of RELAY.md §1 (http_gate.hpp).
#include "http_gate.hpp"

#include <algorithm>

namespace parley::relay::server {

namespace {

std::string_view path_of(std::string_view target) {
  return target.substr(0, target.find('?'));
}

bool origin_allowed(std::string_view origin, const std::vector<std::string>& allowed_origins) {
  if (allowed_origins.empty()) return true;
  // Browsers always send Origin on a WebSocket upgrade; a request without one is not a page of
  // an allowed site, so it is refused when a list is configured.
  return std::any_of(allowed_origins.begin(), allowed_origins.end(),
                     [&](const std::string& allowed) { return allowed == origin; });
}

}  // namespace

GateDecision decide_gate(const GateRequest& request, const std::vector<std::string>& allowed_origins) {
  std::string_view path = path_of(request.target);
  if (path == "/health") {
    if (request.method != "GET" && request.method != "HEAD") return {GateAnswer::method_not_allowed};
    return {GateAnswer::health};
  }
  Side side;
  if (path == "/visitor") side = Side::visitor;
  else if (path == "/agent") side = Side::agent;
  else return {GateAnswer::not_found};
  if (!request.websocket_upgrade) return {GateAnswer::not_found};
  if (!origin_allowed(request.origin, allowed_origins)) return {GateAnswer::forbidden};
  return {GateAnswer::upgrade, side};
}

}  // namespace parley::relay::server
