// One accepted WebSocket as the router driver sees it: something frames can be queued on and that
// can be closed (WsConnection); and where a session reports what happens to it (ConnectionPort:
// the RouterDriver of a single relay, or a cluster gateway that forwards to the router). The Beast
// session behind it (ws_session.hpp) runs on its own strand; these calls may come from any thread
// and only post to it.
//
// Must not: call the router (the session reports to its port), block.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "relay/router.hpp"

namespace parley::relay::server {

class WsConnection {
 public:
  virtual ~WsConnection() = default;
  // Queue text frames in this order. Beyond the send queue limit the connection is cut.
  virtual void deliver(std::vector<std::string> frames) = 0;
  // Close with a WebSocket close code once the frames queued before are written.
  virtual void close(std::uint16_t code, std::string reason) = 0;
};

class ConnectionPort {
 public:
  virtual ~ConnectionPort() = default;
  virtual ConnectionId next_connection_id() = 0;
  // A session reports opened first and closed exactly once, last; from any thread.
  virtual void opened(ConnectionId id, Side side, std::shared_ptr<WsConnection> connection) = 0;
  virtual void received(ConnectionId id, std::string text) = 0;
  virtual void closed(ConnectionId id) = 0;
  // Whether a new connection would be served now (/health answers 503 otherwise).
  virtual bool serving() { return true; }
};

}  // namespace parley::relay::server
