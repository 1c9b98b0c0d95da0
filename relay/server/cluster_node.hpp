// One relay of a cluster (CLUSTER.md): always a gateway, and the router while it holds the
// election's lease. The election runs on a thread of its own, once a second: try the lease when
// not the router; when the router, check the lease is still held and the role still healthy,
// and step down otherwise (the lease released, another relay or this one is elected next).
//
// Must not: run a router without the lease, block the io_context's threads on PostgreSQL.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <variant>

#include <boost/asio/io_context.hpp>

#include "../cluster/nats_bus.hpp"
#include "cluster_gateway.hpp"
#include "cluster_router.hpp"
#include "relay/postgres_lease.hpp"
#include "relay/relay_config.hpp"

namespace parley::relay::server {

class ClusterNode {
 public:
  // Migrates the store, numbers this gateway, connects the bus, starts the election. An error
  // message when the store or the bus cannot be used at all.
  static std::variant<std::unique_ptr<ClusterNode>, std::string> start(boost::asio::io_context& io,
                                                                       const RelayConfig& config,
                                                                       const Credentials& credentials);
  ~ClusterNode();

  ConnectionPort& port() { return *gateway_; }
  // Shutdown: the election stops (the router role ends and frees the lease at once), then every
  // connection is closed with `code`; on_drained runs when they are gone.
  void stop(std::uint16_t code, std::string reason, std::function<void()> on_drained);

 private:
  ClusterNode(const RelayConfig& config, const Credentials& credentials) : config_(config), credentials_(credentials) {}
  void elect();            // the election thread
  void end_election();     // stops it and waits: the router role, if any, has ended
  void step_down(const char* why);

  const RelayConfig& config_;
  const Credentials& credentials_;
  std::unique_ptr<PostgresLease> lease_;            // the election thread only (after start)
  std::unique_ptr<ClusterRouter> router_;           // the election thread only
  std::unique_ptr<cluster::NatsBus> bus_;
  std::unique_ptr<ClusterGateway> gateway_;
  std::atomic<ClusterGateway*> gateway_ready_{nullptr};   // for the bus's state handler (another thread)

  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread election_;
};

}  // namespace parley::relay::server
