// The router of a cluster (CLUSTER.md): the relay that won the election runs the routing core
// and the group commit exactly as a single relay does (RouterDriver), on a thread of its own,
// with a store fenced by its epoch. Its connections are remote: they live on gateways, which
// send their events on the bus; a frame for one is published to its gateway.
//
// Every second it publishes its epoch and forgets the connections of a gateway not heard for 3 s
// (as if they closed: agents go offline, conversations stay assigned). A failed or fenced commit
// ends the role (failed() turns true; the node steps down and the next router starts from the
// store).
//
// Must not: commit without the fence, accept a bus message of another epoch, outlive its bus
// subscription (the destructor unsubscribes first).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <variant>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include "../cluster/bus_message.hpp"
#include "../cluster/bus_outbox.hpp"
#include "../cluster/nats_bus.hpp"
#include "relay/relay_config.hpp"
#include "relay/router.hpp"
#include "relay/store.hpp"
#include "router_driver.hpp"

namespace parley::relay::server {

class ClusterRouter {
 public:
  // Opens the store fenced with `epoch`, loads its snapshot, connects its own bus connection and
  // starts beating. An error message when any of it failed (the caller releases the lease).
  static std::variant<std::unique_ptr<ClusterRouter>, std::string> start(const RelayConfig& config,
                                                                         const Credentials& credentials,
                                                                         std::int64_t epoch);
  ~ClusterRouter();
  ClusterRouter(const ClusterRouter&) = delete;
  ClusterRouter& operator=(const ClusterRouter&) = delete;

  bool failed() const { return failed_.load(); }
  std::int64_t epoch() const { return epoch_; }

 private:
  ClusterRouter(const RelayConfig& config, const Credentials& credentials, std::int64_t epoch);
  struct Gateway {
    std::chrono::steady_clock::time_point last_heard;
    std::unordered_set<ConnectionId> connections;
  };

  void on_message(std::string_view payload);   // on io_, where the bus is read
  void handle(std::vector<cluster::BusMessage> messages);   // the role's thread
  void handle_one(cluster::BusMessage& message, std::chrono::steady_clock::time_point now);
  void beat();
  void publish_to_gateway(std::uint32_t gateway, const cluster::BusMessage& message);

  const RelayConfig& config_;
  const std::int64_t epoch_;
  boost::asio::io_context io_;
  std::unique_ptr<Store> store_;
  Router router_;
  std::unique_ptr<RouterDriver> driver_;
  std::unique_ptr<cluster::NatsBus> bus_;
  std::unique_ptr<cluster::BusOutbox> to_gateways_;   // flushed once per turn of io_
  boost::asio::steady_timer beat_timer_;
  std::unordered_map<std::uint32_t, Gateway> gateways_;   // the role's thread only
  std::chrono::steady_clock::time_point last_prune_ = std::chrono::steady_clock::now();   // start() pruned
  std::atomic<bool> failed_{false};
  std::thread thread_;
};

}  // namespace parley::relay::server
