// A router under test: the real credentials (make_credentials) over a config with three agents,
// deterministic ids (a counter), a clock the test moves, and helpers to read what came out.
#pragma once

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <vector>

#include "relay/credentials.hpp"
#include "relay/relay_config.hpp"
#include "relay/router.hpp"

namespace parley::relay::testing {

using Json = nlohmann::json;

inline constexpr const char* kIdentityKey = "identity key for router tests, 32+ bytes";
inline constexpr const char* kJwtKey = "the site's jwt key for router tests, 32+ bytes";

inline std::string agent_token(const std::string& agent_id) { return "token-of-" + agent_id; }

inline RelayConfig config_with_agents(const std::vector<AgentAccount>& accounts) {
  RelayConfig config;
  config.identity_key = kIdentityKey;
  config.jwt_key = kJwtKey;
  for (const AgentAccount& account : accounts)
    config.agents.push_back(AgentEntry{account, sha256_hex(agent_token(account.id))});
  return config;
}

inline std::vector<AgentAccount> default_agents() {
  return {{"alex", "Alex", 3}, {"sam", "Sam", 3}, {"kim", "Kim", 3}};
}

inline Json parse(const std::string& text) { return Json::parse(text, nullptr, false); }

inline bool has_text(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

class RouterHarness {
 public:
  explicit RouterHarness(std::vector<AgentAccount> accounts = default_agents(), RouterLimits limits = {})
      : config_(config_with_agents(accounts)),
        credentials_(make_credentials(config_)),
        limits_(limits),
        router_(std::make_unique<Router>(*credentials_, limits_, [this] { return next_id(); })) {}

  Router& router() { return *router_; }
  const Credentials& credentials() const { return *credentials_; }
  double now = 1'800'000'000'000.0;   // 2027-01-15, as Unix milliseconds

  // A fresh router over the same credentials, as after a restart (ids keep counting).
  void restart() { router_ = std::make_unique<Router>(*credentials_, limits_, [this] { return next_id(); }); }

  // 22 url-safe characters, like the real random_token.
  std::string next_id() {
    std::string n = std::to_string(++ids_);
    return std::string(22 - n.size(), '0') + n;
  }

  ConnectionId open(Side side) {
    ConnectionId id = ++connections_;
    router_->opened(id, side, now);
    return id;
  }

  Effects raw(ConnectionId connection, const std::string& text) { return router_->received(connection, text, now); }

  Effects hello(ConnectionId connection, Side side, const std::string& credential) {
    Json frame = {{"v", 1}, {"kind", "hello"}, {"from", side == Side::visitor ? "visitor" : "agent"}};
    if (!credential.empty()) frame[side == Side::visitor ? "identity" : "token"] = credential;
    return raw(connection, frame.dump());
  }

  struct Visitor {
    ConnectionId connection = 0;
    std::string id;
    std::string identity;
    Effects welcome;
  };

  Visitor visitor(const std::string& identity = "") {
    Visitor visitor;
    visitor.connection = open(Side::visitor);
    visitor.welcome = hello(visitor.connection, Side::visitor, identity);
    for (const OutgoingFrame& frame : visitor.welcome.frames) {
      Json parsed = parse(frame.text);
      if (parsed.is_object() && parsed.value("kind", "") == "welcome") {
        visitor.id = parsed.value("visitorId", "");
        visitor.identity = parsed.value("identity", "");
      }
    }
    return visitor;
  }

  ConnectionId agent(const std::string& agent_id) {
    ConnectionId connection = open(Side::agent);
    hello(connection, Side::agent, agent_token(agent_id));
    return connection;
  }

  // An agent signed in with agent.status on.
  ConnectionId available_agent(const std::string& agent_id, bool chat = true, bool video = false) {
    ConnectionId connection = agent(agent_id);
    status(connection, chat, video);
    return connection;
  }

  Effects msg(ConnectionId connection, Side side, Json body) {
    Json frame = {{"v", 1}, {"kind", "msg"}, {"from", side == Side::visitor ? "visitor" : "agent"}, {"body", std::move(body)}};
    return raw(connection, frame.dump());
  }
  Effects visitor_msg(ConnectionId connection, Json body) { return msg(connection, Side::visitor, std::move(body)); }
  Effects agent_msg(ConnectionId connection, Json body) { return msg(connection, Side::agent, std::move(body)); }

  Effects ack(ConnectionId connection, Side side, const std::string& id) {
    Json frame = {{"v", 1}, {"kind", "ack"}, {"from", side == Side::visitor ? "visitor" : "agent"}, {"id", id}};
    return raw(connection, frame.dump());
  }

  Effects status(ConnectionId agent, bool chat, bool video) {
    return agent_msg(agent, {{"type", "agent.status"}, {"id", "st-" + next_id()}, {"chat", chat}, {"video", video}});
  }

  Effects start(ConnectionId visitor, const std::string& conversation_id, const std::string& channel = "chat",
                Json extra = Json::object()) {
    Json body = {{"type", "conversation.start"}, {"id", "start-" + conversation_id}, {"conversationId", conversation_id},
                 {"channel", channel}, {"context", Json::object()}, {"prechat", Json::array()}, {"locale", "en"}};
    if (channel == "video") {
      body["callId"] = "call-" + conversation_id;
      body["camera"] = "classic";
    }
    for (auto it = extra.begin(); it != extra.end(); ++it) body[it.key()] = it.value();
    return visitor_msg(visitor, body);
  }

  Effects say(ConnectionId visitor, const std::string& conversation_id, const std::string& id, const std::string& text) {
    return visitor_msg(visitor, {{"type", "visitor.message"}, {"id", id}, {"conversationId", conversation_id}, {"text", text}});
  }

  Effects reply(ConnectionId agent, const std::string& conversation_id, const std::string& id, const std::string& text) {
    return agent_msg(agent, {{"type", "agent.message"}, {"id", id}, {"conversationId", conversation_id}, {"text", text}});
  }

 private:
  RelayConfig config_;
  std::unique_ptr<Credentials> credentials_;
  RouterLimits limits_;
  std::unique_ptr<Router> router_;
  int ids_ = 0;
  ConnectionId connections_ = 0;
};

// Every frame sent to connection, parsed, in order.
inline std::vector<Json> frames_to(const Effects& effects, ConnectionId connection) {
  std::vector<Json> frames;
  for (const OutgoingFrame& frame : effects.frames)
    if (frame.connection == connection) frames.push_back(parse(frame.text));
  return frames;
}

// The bodies of the msg frames sent to connection with this type.
inline std::vector<Json> bodies_to(const Effects& effects, ConnectionId connection, const std::string& type) {
  std::vector<Json> bodies;
  for (const Json& frame : frames_to(effects, connection)) {
    if (frame.value("kind", "") != "msg") continue;
    auto body = frame.find("body");
    if (body != frame.end() && body->value("type", "") == type) bodies.push_back(*body);
  }
  return bodies;
}

inline bool acked(const Effects& effects, ConnectionId connection, const std::string& id) {
  for (const Json& frame : frames_to(effects, connection))
    if (frame.value("kind", "") == "ack" && frame.value("id", "") == id) return true;
  return false;
}

// The code of the error frame sent to connection ("" when none).
inline std::string error_code(const Effects& effects, ConnectionId connection) {
  for (const Json& frame : frames_to(effects, connection))
    if (frame.value("kind", "") == "error") return frame.value("code", "");
  return "";
}

inline bool closed_with(const Effects& effects, ConnectionId connection, std::uint16_t code) {
  for (const CloseRequest& close : effects.closes)
    if (close.connection == connection && close.code == code) return true;
  return false;
}

template <typename Write>
std::vector<Write> writes_of(const Effects& effects) {
  std::vector<Write> found;
  for (const StoreWrite& write : effects.writes)
    if (const auto* typed = std::get_if<Write>(&write)) found.push_back(*typed);
  return found;
}

}  // namespace parley::relay::testing
