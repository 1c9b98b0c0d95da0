// One accepted WebSocket as the router driver sees it: something frames can be queued on and that
// can be closed. The Beast session behind it (ws_session.hpp) runs on its own strand; these calls
// may come from any thread and only post to it.
//
// Must not: call the router (the session reports to RouterDriver), block.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace parley::relay::server {

class WsConnection {
 public:
  virtual ~WsConnection() = default;
  // Queue text frames in this order. Beyond the send queue limit the connection is cut.
  virtual void deliver(std::vector<std::string> frames) = 0;
  // Close with a WebSocket close code once the frames queued before are written.
  virtual void close(std::uint16_t code, std::string reason) = 0;
};

}  // namespace parley::relay::server
