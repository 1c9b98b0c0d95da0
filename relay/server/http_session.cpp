// HttpSession: TLS handshake (optional), one request, decide_gate's answer (http_session.hpp).
#include "http_session.hpp"

#include <chrono>
#include <memory>
#include <optional>
#include <type_traits>

#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>

#include "http_gate.hpp"
#include "ws_session.hpp"

namespace parley::relay::server {

namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;

using PlainStream = beast::tcp_stream;
using TlsStream = beast::ssl_stream<beast::tcp_stream>;

constexpr auto kRequestTimeout = std::chrono::seconds(10);
constexpr std::uint32_t kHeaderLimitBytes = 8192;

template <class Stream>
class HttpSession : public std::enable_shared_from_this<HttpSession<Stream>> {
 public:
  static constexpr bool kTls = std::is_same_v<Stream, TlsStream>;

  HttpSession(Stream&& stream, const SessionSettings& settings) : stream_(std::move(stream)), settings_(settings) {}

  void run() {
    beast::get_lowest_layer(stream_).expires_after(kRequestTimeout);
    if constexpr (kTls) {
      stream_.async_handshake(net::ssl::stream_base::server, [self = this->shared_from_this()](beast::error_code error) {
        if (!error) self->read_request();
      });
    } else {
      read_request();
    }
  }

 private:
  void read_request() {
    parser_.emplace();
    parser_->header_limit(kHeaderLimitBytes);
    http::async_read(stream_, buffer_, *parser_, [self = this->shared_from_this()](beast::error_code error, std::size_t) {
      if (!error) self->on_request();
    });
  }

  void on_request() {
    const auto& request = parser_->get();
    auto origin = request.find(http::field::origin);
    GateRequest gate_request{
        std::string_view(request.method_string().data(), request.method_string().size()),
        std::string_view(request.target().data(), request.target().size()),
        origin == request.end() ? std::string_view() : std::string_view(origin->value().data(), origin->value().size()),
        beast::websocket::is_upgrade(request)};
    GateDecision decision = decide_gate(gate_request, settings_.origins);
    switch (decision.answer) {
      case GateAnswer::upgrade: {
        auto session = std::make_shared<WsSession<Stream>>(std::move(stream_), *settings_.port, decision.side,
                                                           settings_.send_queue_bytes);
        session->start(parser_->release());
        return;
      }
      // A relay of a cluster without a router cannot serve: load balancers send visitors elsewhere.
      case GateAnswer::health:
        return settings_.port->serving() ? respond(http::status::ok, "ok\n")
                                         : respond(http::status::service_unavailable, "no router\n");
      case GateAnswer::forbidden: return respond(http::status::forbidden, "origin not allowed\n");
      case GateAnswer::method_not_allowed: return respond(http::status::method_not_allowed, "method not allowed\n");
      case GateAnswer::not_found: return respond(http::status::not_found, "not found\n");
    }
  }

  void respond(http::status status, const char* body) {
    response_.emplace(status, parser_->get().version());
    response_->set(http::field::server, "parley-relay");
    response_->set(http::field::content_type, "text/plain; charset=utf-8");
    response_->keep_alive(false);
    response_->body() = body;
    response_->prepare_payload();
    http::async_write(stream_, *response_, [self = this->shared_from_this()](beast::error_code, std::size_t) {
      // One request per connection: say so at the TCP level (the peer reads the whole answer,
      // then sees the end of the stream).
      beast::error_code ignored;
      beast::get_lowest_layer(self->stream_).socket().shutdown(net::ip::tcp::socket::shutdown_send, ignored);
    });
  }

  Stream stream_;
  const SessionSettings& settings_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::empty_body>> parser_;
  std::optional<http::response<http::string_body>> response_;
};

}  // namespace

void start_http_session(net::ip::tcp::socket socket, const SessionSettings& settings) {
  if (settings.tls) {
    std::make_shared<HttpSession<TlsStream>>(TlsStream(std::move(socket), *settings.tls), settings)->run();
  } else {
    std::make_shared<HttpSession<PlainStream>>(PlainStream(std::move(socket)), settings)->run();
  }
}

}  // namespace parley::relay::server
