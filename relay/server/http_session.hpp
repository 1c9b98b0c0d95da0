// The first moments of an accepted TCP connection: the TLS handshake when the relay serves wss,
// one HTTP request read within 10 s, then decide_gate's answer: /health, 403, 404, or the
// WebSocket upgrade handed to a WsSession on the same stream.
//
// Must not: read more than one request (no keep-alive), accept a request body, call the router.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>

#include "ws_connection.hpp"

namespace parley::relay::server {

struct SessionSettings {
  ConnectionPort* port = nullptr;                    // the RouterDriver, or a cluster gateway
  std::vector<std::string> origins;                  // config.origins; [] allows any
  std::size_t send_queue_bytes = 1 << 20;            // config limits.sendQueueBytes
  boost::asio::ssl::context* tls = nullptr;          // nullptr: plain ws
};

// Takes the socket; the session keeps itself alive through its pending operations.
void start_http_session(boost::asio::ip::tcp::socket socket, const SessionSettings& settings);

}  // namespace parley::relay::server
