// Every relay of a cluster is a gateway (CLUSTER.md): its WebSocket sessions report here instead
// of to a RouterDriver, and their events go to the router over the bus; what the router sends
// for them comes back on this gateway's subject. A gateway keeps no routing state, only its open
// connections and the router it works with (the highest epoch heard).
//
// When the path to the router breaks (the bus is down, a new router epoch, or no epoch heard for
// 3 s) every connection is closed with 1012: visitors and desks reconnect and resend their
// outboxes, and the router's de-duplication keeps one copy. Without a router, a new connection is
// closed at once with 1013 (try again later).
//
// Must not: route, touch the store, call a connection or the bus while that could block (both
// only queue), trust a bus message.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string_view>
#include <unordered_map>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include "../cluster/bus_outbox.hpp"
#include "../cluster/nats_bus.hpp"
#include "ws_connection.hpp"

namespace parley::relay::server {

class ClusterGateway final : public ConnectionPort {
 public:
  ClusterGateway(boost::asio::io_context& io, cluster::NatsBus& bus, std::uint32_t instance);
  ~ClusterGateway() override;

  // Subscribes to its subject and the router's epoch, starts the heartbeat.
  bool start();
  // The bus went down (false) or came back (true): wired to NatsBus's state handler.
  void bus_state(bool connected);

  ConnectionId next_connection_id() override { return ++last_connection_id_; }
  void opened(ConnectionId id, Side side, std::shared_ptr<WsConnection> connection) override;
  void received(ConnectionId id, std::string text) override;
  void closed(ConnectionId id) override;
  bool serving() override;   // a router is present and the relay is not stopping

  // Shutdown: closes every connection with `code`; on_drained runs once they are all gone.
  void close_all(std::uint16_t code, std::string reason, std::function<void()> on_drained);

  std::uint32_t instance() const { return instance_; }

 private:
  struct Entry {
    std::shared_ptr<WsConnection> connection;
    std::int64_t epoch = 0;   // the router's it was opened under
  };

  void on_router_message(std::string_view payload);
  void on_epoch(std::string_view payload);
  void heartbeat();
  // Locked: closes every connection (their sessions report closed() later) and forgets the router.
  void lose_router_locked(const char* reason);
  void maybe_drained_locked();

  boost::asio::io_context& io_;
  cluster::NatsBus& bus_;
  cluster::BusOutbox to_router_;   // one bus message per turn of the io_context
  const std::uint32_t instance_;
  std::atomic<ConnectionId> last_connection_id_;
  boost::asio::steady_timer heartbeat_timer_;

  std::mutex mutex_;
  std::unordered_map<ConnectionId, Entry> connections_;
  std::int64_t epoch_ = 0;               // the highest router epoch heard
  bool router_present_ = false;          // an epoch beat within the last 3 s, bus up
  std::chrono::steady_clock::time_point last_beat_{};
  bool stopping_ = false;                // close_all was called: no new connection, no heartbeat
  std::function<void()> on_drained_;     // until it ran
};

}  // namespace parley::relay::server
