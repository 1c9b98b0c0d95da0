// Listener: accept loop (listener.hpp).
#include "listener.hpp"

#include <chrono>
#include <cstdio>

#include <boost/asio/strand.hpp>

namespace parley::relay::server {

namespace net = boost::asio;
using net::ip::tcp;

Listener::Listener(net::io_context& io, const SessionSettings& settings)
    : io_(io), settings_(settings), acceptor_(net::make_strand(io)), pause_timer_(acceptor_.get_executor()) {}

std::string Listener::listen(const std::string& address, std::uint16_t port) {
  boost::system::error_code error;
  auto ip = net::ip::make_address(address, error);
  if (error) return "not an IP address: " + address;
  tcp::endpoint endpoint(ip, port);
  acceptor_.open(endpoint.protocol(), error);
  if (!error) acceptor_.set_option(net::socket_base::reuse_address(true), error);
  if (!error) acceptor_.bind(endpoint, error);
  if (!error) acceptor_.listen(net::socket_base::max_listen_connections, error);
  if (error) return address + ":" + std::to_string(port) + ": " + error.message();
  return "";
}

tcp::endpoint Listener::local_endpoint() const {
  boost::system::error_code ignored;
  return acceptor_.local_endpoint(ignored);
}

void Listener::start() {
  net::post(acceptor_.get_executor(), [this] { accept_next(); });
}

void Listener::stop() {
  net::post(acceptor_.get_executor(), [this] {
    boost::system::error_code ignored;
    pause_timer_.cancel();
    acceptor_.close(ignored);
  });
}

void Listener::accept_next() {
  if (!acceptor_.is_open()) return;
  acceptor_.async_accept(net::make_strand(io_), [this](boost::system::error_code error, tcp::socket socket) {
    if (error == net::error::operation_aborted || !acceptor_.is_open()) return;
    if (error) {
      // EMFILE/ENFILE and the like: the pending connection stays in the backlog; try again soon
      // rather than spinning on the same error.
      std::fprintf(stderr, "parley-relay: accept: %s\n", error.message().c_str());
      pause_timer_.expires_after(std::chrono::milliseconds(100));
      pause_timer_.async_wait([this](boost::system::error_code wait_error) {
        if (!wait_error) accept_next();
      });
      return;
    }
    boost::system::error_code ignored;
    socket.set_option(tcp::no_delay(true), ignored);
    start_http_session(std::move(socket), settings_);
    accept_next();
  });
}

}  // namespace parley::relay::server
