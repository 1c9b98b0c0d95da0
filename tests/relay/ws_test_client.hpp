// A blocking WebSocket client for the relay's process tests, with a deadline on every call: each
// operation runs the client's own io_context for at most its timeout, and a missed deadline closes
// the socket (the test fails, it never hangs). Also one plain HTTP GET, for /health.
//
// Must not: run anything in the background (nothing answers pings between calls: keep test
// steps under the relay's 30 s ping interval).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

namespace parley::relay::testing {

namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
namespace net = boost::asio;
using Millis = std::chrono::milliseconds;

class WsTestClient {
 public:
  struct Opened {
    bool upgraded = false;
    int http_status = 0;     // the refusal's status when not upgraded (0: no HTTP answer)
    std::string error;
  };

  Opened open(std::uint16_t port, const std::string& path, const std::string& origin, Millis timeout = Millis(5000)) {
    Opened opened;
    auto& socket = beast::get_lowest_layer(ws_);
    net::ip::tcp::endpoint endpoint(net::ip::make_address("127.0.0.1"), port);
    beast::error_code error;
    bool connected = run(timeout, [&](auto done) {
      socket.async_connect(endpoint, [&, done](beast::error_code ec) { error = ec; done(); });
    });
    if (!connected || error) {
      opened.error = "connect: " + (connected ? error.message() : std::string("timeout"));
      return opened;
    }
    if (!origin.empty()) {
      ws_.set_option(websocket::stream_base::decorator([origin](websocket::request_type& request) {
        request.set(http::field::origin, origin);
      }));
    }
    websocket::response_type response;
    bool answered = run(timeout, [&](auto done) {
      ws_.async_handshake(response, "127.0.0.1:" + std::to_string(port), path,
                          [&, done](beast::error_code ec) { error = ec; done(); });
    });
    opened.http_status = static_cast<int>(response.result_int());
    if (!answered || error) {
      opened.error = "handshake: " + (answered ? error.message() : std::string("timeout"));
      return opened;
    }
    ws_.read_message_max(0);
    opened.upgraded = true;
    return opened;
  }

  bool send(const std::string& text, Millis timeout = Millis(5000)) {
    beast::error_code error;
    ws_.text(true);
    bool finished = run(timeout, [&](auto done) {
      ws_.async_write(net::buffer(text), [&, done](beast::error_code ec, std::size_t) { error = ec; done(); });
    });
    return finished && !error;
  }

  // The next text frame; nullopt when the connection ended or the deadline passed (close_code()
  // then says what the relay's close frame carried, if any).
  std::optional<std::string> read(Millis timeout = Millis(5000)) {
    beast::error_code error;
    bool finished = run(timeout, [&](auto done) {
      ws_.async_read(buffer_, [&, done](beast::error_code ec, std::size_t) { error = ec; done(); });
    });
    if (!finished || error) {
      if (error == websocket::error::closed) close_code_ = ws_.reason().code;
      return std::nullopt;
    }
    std::string text = beast::buffers_to_string(buffer_.data());
    buffer_.consume(buffer_.size());
    return text;
  }

  int close_code() const { return close_code_; }

  // A clean close handshake (bounded); the socket is closed either way.
  void close(Millis timeout = Millis(2000)) {
    if (ws_.is_open()) {
      run(timeout, [&](auto done) {
        ws_.async_close(websocket::close_code::normal, [done](beast::error_code) { done(); });
      });
    }
    beast::get_lowest_layer(ws_).close();
  }

 private:
  // Starts one operation (it calls done() on completion) and runs the io_context until then, or
  // until the timeout: then the socket is closed and the aborted handler drained.
  template <class Start>
  bool run(Millis timeout, Start start) {
    bool finished = false;
    io_.restart();
    start([&finished] { finished = true; });
    io_.run_for(timeout);
    if (!finished) {
      beast::get_lowest_layer(ws_).close();
      io_.restart();
      io_.run_for(Millis(1000));
    }
    return finished;
  }

  net::io_context io_;
  websocket::stream<beast::tcp_stream> ws_{io_};
  beast::flat_buffer buffer_;
  int close_code_ = 0;
};

// GET `target` over plain HTTP: the status and body, or status 0 on failure or timeout.
inline std::pair<int, std::string> http_get(std::uint16_t port, const std::string& target, Millis timeout = Millis(5000)) {
  net::io_context io;
  beast::tcp_stream stream(io);
  stream.expires_after(timeout);
  http::request<http::empty_body> request(http::verb::get, target, 11);
  request.set(http::field::host, "127.0.0.1");
  http::response<http::string_body> response;
  beast::flat_buffer buffer;
  int status = 0;
  net::ip::tcp::endpoint endpoint(net::ip::make_address("127.0.0.1"), port);
  stream.async_connect(endpoint, [&](beast::error_code error) {
    if (error) return;
    http::async_write(stream, request, [&](beast::error_code write_error, std::size_t) {
      if (write_error) return;
      http::async_read(stream, buffer, response, [&](beast::error_code read_error, std::size_t) {
        if (!read_error) status = static_cast<int>(response.result_int());
      });
    });
  });
  io.run_for(timeout + Millis(500));
  return {status, response.body()};
}

}  // namespace parley::relay::testing
