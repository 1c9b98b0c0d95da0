// The one place that calls the Router (router.hpp). Every call runs on one strand; their Effects
// are gathered and committed together in one Store::apply on a commit thread (group commit): while
// one commit is in flight, what arrives piles up for the next. Only after a commit returns are
// that batch's frames sent, then its closes, in router order. A failed commit sends nothing and
// ends this driver (by default the process, exit 1): the router's memory is ahead of the store,
// a restart from the store is the way back. One timer at router.next_deadline() calls tick().
//
// Must not: call the router off the strand, send a frame before its commit, touch the store
// anywhere but the commit thread (after start).
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>

#include "ws_connection.hpp"
#include "relay/router.hpp"
#include "relay/store.hpp"

namespace parley::relay::server {

// Wall-clock epoch milliseconds: the router's now_ms and the store's instants.
double wall_clock_ms();

class RouterDriver final : public ConnectionPort {
 public:
  // on_failure: a commit failed (or was fenced): nothing of it or after it is sent, and this
  // driver does nothing more; on_failure runs once on the commit thread. Default: print and exit
  // the process (a single relay restarts from the store).
  RouterDriver(boost::asio::io_context& io, Router& router, Store& store,
               std::function<void(const StoreError&)> on_failure = nullptr);
  ~RouterDriver();
  RouterDriver(const RouterDriver&) = delete;
  RouterDriver& operator=(const RouterDriver&) = delete;

  ConnectionId next_connection_id() override { return ++last_connection_id_; }

  // Posted to the router strand.
  void opened(ConnectionId id, Side side, std::shared_ptr<WsConnection> connection) override;
  void received(ConnectionId id, std::string text) override;
  void closed(ConnectionId id) override;

  // Shutdown: closes every connection with `code`; on_drained runs (on the strand) once they
  // are all gone and the last commit has returned.
  void close_all(std::uint16_t code, std::string reason, std::function<void()> on_drained);

  // Runs `work(store)` on the commit thread, after the commits before it (retention's prune).
  void with_store(std::function<void(Store&)> work);

  std::size_t connection_count() const { return connection_count_.load(); }

 private:
  void take(Effects&& effects);     // gather; schedule one flush for this turn
  void flush();
  void committed(Effects batch);
  void dispatch(Effects& batch);    // frames, then closes
  void arm_timer();
  void maybe_drained();

  boost::asio::io_context& io_;
  Router& router_;
  Store& store_;
  boost::asio::strand<boost::asio::io_context::executor_type> strand_;
  boost::asio::thread_pool commit_thread_{1};
  boost::asio::steady_timer tick_timer_;
  double armed_deadline_ = -1;

  std::unordered_map<ConnectionId, std::shared_ptr<WsConnection>> connections_;
  std::atomic<ConnectionId> last_connection_id_{0};
  std::atomic<std::size_t> connection_count_{0};

  Effects pending_;                 // gathered since the last flush
  bool flush_posted_ = false;
  bool commit_in_flight_ = false;
  std::function<void()> on_drained_;
  std::function<void(const StoreError&)> on_failure_;
};

}  // namespace parley::relay::server
