// One WebSocket connection after the upgrade, over plain TCP or TLS (the same template): reads
// text frames up to 64 KiB and hands them to its ConnectionPort, writes what the router sends
// through a bounded queue, closes when asked. Reports `opened` once the upgrade succeeded and
// `closed` exactly once, whatever ends it.
//
// Memory is what 10,000 idle visitors cost, so: no buffer is kept larger than a few KB between
// messages, the send queue is a vector (an empty std::deque already allocates ~600 bytes), and
// nothing is preallocated.
//
// Must not: call the router, block, write past send_queue_limit (the connection is cut instead).
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include <boost/asio/post.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

#include "ws_connection.hpp"

namespace parley::relay::server {

// RELAY.md §6: TRANSPORT.md's envelope limit. A bigger message closes the connection with 1009.
inline constexpr std::size_t kMaxFrameBytes = 65536;
// Between messages the read buffer is shrunk back when it grew beyond this.
inline constexpr std::size_t kIdleReadBufferBytes = 4096;

// Uniform in [0, range_ms): spreads timers; not a secret.
inline int jitter_ms(int range_ms) {
  thread_local std::minstd_rand generator{std::random_device{}()};
  return std::uniform_int_distribution<int>(0, range_ms - 1)(generator);
}

template <class Stream>
class WsSession : public WsConnection, public std::enable_shared_from_this<WsSession<Stream>> {
 public:
  WsSession(Stream&& stream, ConnectionPort& port, Side side, std::size_t send_queue_limit)
      : ws_(std::move(stream)), port_(port), id_(port.next_connection_id()), side_(side),
        send_queue_limit_(send_queue_limit) {}

  // Answers the upgrade request (already checked by decide_gate) and starts reading.
  template <class Request>
  void start(Request request) {
    namespace websocket = boost::beast::websocket;
    // The HTTP phase's deadline belongs to tcp_stream; from here on the websocket's own timers
    // (handshake, idle pings) take over, as Beast's docs ask.
    boost::beast::get_lowest_layer(ws_).expires_never();
    websocket::stream_base::timeout timeouts{};
    timeouts.handshake_timeout = std::chrono::seconds(10);
    // A silent peer (a laptop lid closed) is pinged after 23-30 s and dropped after 45-60 s. The
    // spread matters after a restart: thousands of visitors reconnect within seconds, and equal
    // timeouts would ping them all in the same few milliseconds, delaying every message behind.
    timeouts.idle_timeout = std::chrono::milliseconds(45000 + jitter_ms(15000));
    timeouts.keep_alive_pings = true;
    ws_.set_option(timeouts);
    ws_.read_message_max(kMaxFrameBytes);
    ws_.auto_fragment(false);
    ws_.async_accept(request, [self = this->shared_from_this()](boost::beast::error_code error) {
      self->on_accept(error);
    });
  }

  void deliver(std::vector<std::string> frames) override {
    boost::asio::post(ws_.get_executor(), [self = this->shared_from_this(), frames = std::move(frames)]() mutable {
      self->enqueue(std::move(frames));
    });
  }

  void close(std::uint16_t code, std::string reason) override {
    boost::asio::post(ws_.get_executor(), [self = this->shared_from_this(), code, reason = std::move(reason)]() mutable {
      if (self->ended_ || self->close_requested_) return;
      self->close_requested_ = true;
      self->close_reason_ = boost::beast::websocket::close_reason(static_cast<boost::beast::websocket::close_code>(code), reason);
      if (!self->writing_) self->write_next();
    });
  }

 private:
  void on_accept(boost::beast::error_code error) {
    if (error) return;   // the router never heard of it
    opened_ = true;
    port_.opened(id_, side_, this->shared_from_this());
    read_next();
  }

  void read_next() {
    ws_.async_read(read_buffer_, [self = this->shared_from_this()](boost::beast::error_code error, std::size_t) {
      self->on_read(error);
    });
  }

  void on_read(boost::beast::error_code error) {
    // Any error ends the connection: the peer closed, a frame over the limit (Beast has already
    // sent the 1009 close), a protocol error, an idle timeout, or a cut.
    if (error) return end();
    std::string text;
    // Binary frames are not part of the protocol: an empty text is what the router counts as a
    // bad frame (not JSON), so it answers and counts them like any other.
    if (ws_.got_text()) text = boost::beast::buffers_to_string(read_buffer_.data());
    read_buffer_.consume(read_buffer_.size());
    if (read_buffer_.capacity() > kIdleReadBufferBytes) read_buffer_.shrink_to_fit();
    port_.received(id_, std::move(text));
    read_next();
  }

  void enqueue(std::vector<std::string> frames) {
    if (ended_ || close_requested_) return;
    for (auto& frame : frames) {
      queued_bytes_ += frame.size();
      queue_.push_back(std::move(frame));
    }
    // A reader that does not keep up is cut rather than buffered without end: it reconnects and
    // the router resends what it had not acknowledged.
    if (queued_bytes_ > send_queue_limit_) return cut();
    if (!writing_) write_next();
  }

  void write_next() {
    if (ended_) return;
    if (queue_head_ == queue_.size()) {
      release_queue();
      if (close_requested_ && !closing_) {
        closing_ = true;
        ws_.async_close(close_reason_, [self = this->shared_from_this()](boost::beast::error_code) {
          // The pending read completes too (closed or aborted) and reports the end.
        });
      }
      return;
    }
    writing_ = true;
    ws_.text(true);
    ws_.async_write(boost::asio::buffer(queue_[queue_head_]),
                    [self = this->shared_from_this()](boost::beast::error_code error, std::size_t) {
                      self->on_write(error);
                    });
  }

  void on_write(boost::beast::error_code error) {
    writing_ = false;
    if (error) return cut();
    queued_bytes_ -= queue_[queue_head_].size();
    std::string().swap(queue_[queue_head_]);
    ++queue_head_;
    write_next();
  }

  void release_queue() {
    queue_head_ = 0;
    queued_bytes_ = 0;
    if (queue_.capacity() > 16) std::vector<std::string>().swap(queue_);
    else queue_.clear();
  }

  void cut() {
    boost::beast::error_code ignored;
    boost::beast::get_lowest_layer(ws_).socket().close(ignored);
    end();
  }

  void end() {
    if (ended_) return;
    ended_ = true;
    std::vector<std::string>().swap(queue_);
    queue_head_ = 0;
    queued_bytes_ = 0;
    if (opened_) port_.closed(id_);
  }

  boost::beast::websocket::stream<Stream> ws_;
  boost::beast::flat_buffer read_buffer_;
  ConnectionPort& port_;
  const ConnectionId id_;
  const Side side_;
  const std::size_t send_queue_limit_;

  std::vector<std::string> queue_;   // [queue_head_, end) waits; queue_[queue_head_] is being written
  std::size_t queue_head_ = 0;
  std::size_t queued_bytes_ = 0;
  boost::beast::websocket::close_reason close_reason_;
  bool opened_ = false, ended_ = false, writing_ = false, close_requested_ = false, closing_ = false;
};

}  // namespace parley::relay::server
