// The accepting socket: every accepted connection gets its own strand and an HttpSession. When
// the process runs out of descriptors, accepting pauses briefly instead of spinning.
//
// Must not: read from a connection (http_session.cpp does), call the router.
#pragma once

#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>

#include "http_session.hpp"

namespace parley::relay::server {

class Listener {
 public:
  Listener(boost::asio::io_context& io, const SessionSettings& settings);
  // Binds and listens; "" on success, else what went wrong.
  std::string listen(const std::string& address, std::uint16_t port);
  boost::asio::ip::tcp::endpoint local_endpoint() const;
  void start();
  void stop();   // stops accepting; connections already accepted go on

 private:
  void accept_next();

  boost::asio::io_context& io_;
  const SessionSettings& settings_;
  boost::asio::ip::tcp::acceptor acceptor_;
  boost::asio::steady_timer pause_timer_;
};

}  // namespace parley::relay::server
