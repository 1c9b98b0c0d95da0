// The relay's routing core: connections, visitors, agents, conversations and the queue as data;
// frames in, effects out. No sockets, no clock, no I/O: time comes in as now_ms, effects go out as
// data (store writes to commit first, then frames to send, then connections to close), exactly
// like the widget's engine. Wire protocol: relay/RELAY.md.
//
// Contents: Side, RouterLimits, Effects, Credentials (injected), Router.
// Must not: touch the network or the disk, read a clock, throw, trust a frame.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "relay/store.hpp"

namespace parley::relay {

using ConnectionId = std::uint64_t;

enum class Side { visitor, agent };

struct AgentAccount {
  std::string id;
  std::string name;
  int max_chats = 3;
  std::string avatar;      // an https:// URL, or empty: agent.joined's agentAvatar
  std::string reply_time;  // "Usually replies within 2 minutes", or empty: agent.joined's replyTime
};

// Identity and tokens, injected so the core stays pure (the real one is HMAC/JWT over OpenSSL).
class Credentials {
 public:
  virtual ~Credentials() = default;
  // A new signed visitor identity token for visitor_id.
  virtual std::string issue_identity(std::string_view visitor_id) const = 0;
  // The visitor id inside a token this relay signed; nullopt for anything else.
  virtual std::optional<std::string> verify_identity(std::string_view token) const = 0;
  // The agent whose bearer token this is; nullopt for anything else.
  virtual std::optional<AgentAccount> agent_for_token(std::string_view token) const = 0;
  // The claims of a site's JWT as JSON object text, or the reason it was refused.
  struct JwtResult { bool valid = false; std::string claims_json; std::string reason; };
  virtual JwtResult verify_jwt(std::string_view token, double now_ms) const = 0;
  // Every agent the config lists (for the team and transfers).
  virtual std::vector<AgentAccount> agents() const = 0;
};

struct RateLimit {
  double per_second = 20;
  double burst = 60;
};

struct RouterLimits {
  RateLimit visitor_rate{20, 60};
  RateLimit agent_rate{200, 400};
  double hello_timeout_ms = 10000;
  double resend_after_ms = 30000;     // an unacknowledged delivery is sent again after this
  int bad_frames_to_close = 10;
  int rate_errors_to_close = 10;
};

struct OutgoingFrame {
  ConnectionId connection = 0;
  std::string text;
};

struct CloseRequest {
  ConnectionId connection = 0;
  std::uint16_t code = 1008;   // WebSocket close code (1008 policy, 1009 too big)
  std::string reason;
};

// What one call asks the server to do, in this order: commit writes (one transaction); send
// frames; close connections. The server may gather the effects of several calls and commit them
// together (group commit), as long as no frame of theirs leaves before that commit. If a commit
// fails, the server sends none of those frames and exits: the router's memory is now ahead of
// the store, and a restart from the store is the way back (clients resend what was not
// acknowledged; nothing acknowledged was lost).
struct Effects {
  std::vector<StoreWrite> writes;
  std::vector<OutgoingFrame> frames;
  std::vector<CloseRequest> closes;

  void append(Effects&& other);
  bool empty() const { return writes.empty() && frames.empty() && closes.empty(); }
};

struct RouterStats {
  std::int64_t connections = 0, visitors_online = 0, agents_online = 0;
  std::int64_t conversations_open = 0, queued = 0, pending_deliveries = 0;
  std::int64_t frames_in = 0, frames_out = 0, bad_frames = 0, rate_limited = 0, duplicates = 0;
};

class Router {
 public:
  // random_id: a fresh random token (at least 16 url-safe characters) for visitor ids and the
  // relay's own message ids; injected so tests are deterministic.
  Router(const Credentials& credentials, RouterLimits limits, std::function<std::string()> random_id);
  ~Router();
  Router(const Router&) = delete;
  Router& operator=(const Router&) = delete;

  // At start, before any connection: the store's snapshot.
  void restore(const Snapshot& snapshot);

  // A WebSocket was accepted (origin already checked by the server) on /visitor or /agent.
  Effects opened(ConnectionId connection, Side side, double now_ms);
  // One text frame (untrusted, any size the server let through).
  Effects received(ConnectionId connection, std::string_view text, double now_ms);
  // The connection is gone (closed by either side, or cut by the server).
  Effects closed(ConnectionId connection, double now_ms);
  // Time passed: hello timeouts, resends. Call at next_deadline().
  Effects tick(double now_ms);
  // The next instant tick() has work, or -1.
  double next_deadline() const;

  RouterStats stats() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace parley::relay
