// RouterDriver: router calls on one strand, group commit on the commit thread, then frames, then
// closes (router_driver.hpp).
#include "router_driver.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include <boost/asio/bind_executor.hpp>
#include <boost/asio/post.hpp>

namespace parley::relay::server {

namespace net = boost::asio;

double wall_clock_ms() {
  using namespace std::chrono;
  return static_cast<double>(duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count());
}

RouterDriver::RouterDriver(net::io_context& io, Router& router, Store& store,
                           std::function<void(const StoreError&)> on_failure)
    : io_(io), router_(router), store_(store), strand_(net::make_strand(io)), tick_timer_(strand_),
      on_failure_(std::move(on_failure)) {
  if (!on_failure_) {
    on_failure_ = [](const StoreError& error) {
      // Exiting is the way back to a consistent state: the supervisor restarts the relay from
      // the store, and clients resend what was not acknowledged.
      std::fprintf(stderr, "parley-relay: commit failed (%s): %s; exiting\n", error.code.c_str(), error.message.c_str());
      std::fflush(stderr);
      std::_Exit(1);
    };
  }
}

RouterDriver::~RouterDriver() {
  commit_thread_.join();
}

void RouterDriver::opened(ConnectionId id, Side side, std::shared_ptr<WsConnection> connection) {
  net::post(strand_, [this, id, side, connection = std::move(connection)]() mutable {
    connections_.emplace(id, std::move(connection));
    ++connection_count_;
    take(router_.opened(id, side, wall_clock_ms()));
  });
}

void RouterDriver::received(ConnectionId id, std::string text) {
  net::post(strand_, [this, id, text = std::move(text)] {
    take(router_.received(id, text, wall_clock_ms()));
  });
}

void RouterDriver::closed(ConnectionId id) {
  net::post(strand_, [this, id] {
    if (connections_.erase(id) == 0) return;
    --connection_count_;
    take(router_.closed(id, wall_clock_ms()));
  });
}

void RouterDriver::close_all(std::uint16_t code, std::string reason, std::function<void()> on_drained) {
  net::post(strand_, [this, code, reason = std::move(reason), on_drained = std::move(on_drained)]() mutable {
    on_drained_ = std::move(on_drained);
    for (auto& [id, connection] : connections_) connection->close(code, reason);
    maybe_drained();
  });
}

void RouterDriver::with_store(std::function<void(Store&)> work) {
  net::post(commit_thread_, [this, work = std::move(work)] { work(store_); });
}

void RouterDriver::take(Effects&& effects) {
  if (!effects.empty()) pending_.append(std::move(effects));
  // One flush per turn of the event loop: it runs after the handlers already queued on the
  // strand, so whatever arrived together is committed together.
  if (!flush_posted_) {
    flush_posted_ = true;
    net::post(strand_, [this] { flush(); });
  }
}

void RouterDriver::flush() {
  flush_posted_ = false;
  arm_timer();
  // A commit in flight: everything waits for it, frames without writes too, since they may
  // depend on what it writes. committed() flushes again.
  if (commit_in_flight_) return;
  if (pending_.empty()) return maybe_drained();
  Effects batch = std::move(pending_);
  pending_ = Effects{};
  if (batch.writes.empty()) {
    dispatch(batch);
    return maybe_drained();
  }
  commit_in_flight_ = true;
  net::post(commit_thread_, [this, batch = std::move(batch)]() mutable {
    if (auto error = store_.apply(batch.writes)) {
      // Nothing of this batch is sent, and commit_in_flight_ stays set: nothing after it either.
      on_failure_(*error);
      return;
    }
    net::post(strand_, [this, batch = std::move(batch)]() mutable { committed(std::move(batch)); });
  });
}

void RouterDriver::committed(Effects batch) {
  commit_in_flight_ = false;
  dispatch(batch);
  if (!pending_.empty()) flush();
  else maybe_drained();
}

void RouterDriver::dispatch(Effects& batch) {
  // One post per connection for its frames of this batch, in router order.
  std::unordered_map<ConnectionId, std::vector<std::string>> frames_by_connection;
  for (auto& frame : batch.frames) frames_by_connection[frame.connection].push_back(std::move(frame.text));
  for (auto& [id, frames] : frames_by_connection) {
    auto found = connections_.find(id);
    if (found != connections_.end()) found->second->deliver(std::move(frames));
  }
  for (auto& close : batch.closes) {
    auto found = connections_.find(close.connection);
    if (found != connections_.end()) found->second->close(close.code, std::move(close.reason));
  }
}

void RouterDriver::arm_timer() {
  double deadline = router_.next_deadline();
  if (deadline == armed_deadline_) return;
  armed_deadline_ = deadline;
  if (deadline < 0) {
    tick_timer_.cancel();
    return;
  }
  double delay_ms = std::max(0.0, deadline - wall_clock_ms());
  tick_timer_.expires_after(std::chrono::milliseconds(static_cast<long long>(std::ceil(delay_ms))));
  tick_timer_.async_wait(net::bind_executor(strand_, [this](boost::system::error_code error) {
    if (error) return;   // re-armed or cancelled
    armed_deadline_ = -1;
    take(router_.tick(wall_clock_ms()));
  }));
}

void RouterDriver::maybe_drained() {
  if (!on_drained_ || !connections_.empty() || commit_in_flight_ || !pending_.empty()) return;
  auto on_drained = std::move(on_drained_);
  on_drained_ = nullptr;
  on_drained();
}

}  // namespace parley::relay::server
