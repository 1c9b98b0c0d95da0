// ClusterGateway: connections forwarded to the router over the bus (cluster_gateway.hpp).
#include "cluster_gateway.hpp"

#include <cstdio>
#include <vector>

#include <boost/asio/post.hpp>

#include "../cluster/bus_message.hpp"

namespace parley::relay::server {

namespace net = boost::asio;
using cluster::BusKind;
using cluster::BusMessage;

namespace {

constexpr auto kHeartbeatEvery = std::chrono::seconds(1);
constexpr auto kRouterSilenceLimit = std::chrono::seconds(3);
constexpr std::uint16_t kServiceRestart = 1012;
constexpr std::uint16_t kTryAgainLater = 1013;

}  // namespace

ClusterGateway::ClusterGateway(net::io_context& io, cluster::NatsBus& bus, std::uint32_t instance)
    : io_(io), bus_(bus), to_router_(bus, [&io](std::function<void()> flush) { net::post(io, std::move(flush)); }),
      instance_(instance), last_connection_id_(cluster::first_connection_id(instance)),
      heartbeat_timer_(io) {}

ClusterGateway::~ClusterGateway() = default;

bool ClusterGateway::start() {
  bool subscribed = bus_.subscribe(cluster::gateway_subject(instance_), [this](std::string_view payload) {
    on_router_message(payload);
  });
  subscribed = subscribed && bus_.subscribe(cluster::kEpochSubject, [this](std::string_view payload) { on_epoch(payload); });
  if (subscribed) heartbeat();
  return subscribed;
}

void ClusterGateway::bus_state(bool connected) {
  if (connected) return;   // the router is present again once its epoch is heard
  std::lock_guard lock(mutex_);
  lose_router_locked("the bus is down");
}

void ClusterGateway::opened(ConnectionId id, Side side, std::shared_ptr<WsConnection> connection) {
  std::unique_lock lock(mutex_);
  if (!router_present_ || stopping_) {
    const char* reason = stopping_ ? "relay stopping" : "no router yet";
    lock.unlock();
    connection->close(kTryAgainLater, reason);
    return;
  }
  connections_.emplace(id, Entry{connection, epoch_});
  BusMessage message(BusKind::opened, epoch_, id);
  message.side = side;
  to_router_.add(cluster::kRouterSubject, encode(message));
}

void ClusterGateway::received(ConnectionId id, std::string text) {
  std::lock_guard lock(mutex_);
  auto found = connections_.find(id);
  if (found == connections_.end()) return;
  BusMessage message(BusKind::frame, found->second.epoch, id);
  message.text = std::move(text);
  to_router_.add(cluster::kRouterSubject, encode(message));
}

void ClusterGateway::closed(ConnectionId id) {
  std::lock_guard lock(mutex_);
  auto found = connections_.find(id);
  if (found == connections_.end()) return;
  to_router_.add(cluster::kRouterSubject, encode(BusMessage(BusKind::closed, found->second.epoch, id)));
  connections_.erase(found);
  maybe_drained_locked();
}

bool ClusterGateway::serving() {
  std::lock_guard lock(mutex_);
  return router_present_ && !stopping_;
}

void ClusterGateway::close_all(std::uint16_t code, std::string reason, std::function<void()> on_drained) {
  std::lock_guard lock(mutex_);
  stopping_ = true;
  on_drained_ = std::move(on_drained);
  heartbeat_timer_.cancel();
  for (auto& [id, entry] : connections_) entry.connection->close(code, reason);
  maybe_drained_locked();
}

void ClusterGateway::on_router_message(std::string_view payload) {
  auto messages = cluster::decode_all(payload);
  if (!messages) return;
  std::lock_guard lock(mutex_);
  for (BusMessage& message : *messages) {
    if (message.kind == BusKind::reset) {
      if (message.epoch == epoch_) lose_router_locked("the router lost this gateway");
      continue;
    }
    if (message.kind != BusKind::deliver && message.kind != BusKind::close) continue;
    auto found = connections_.find(message.connection);
    // A late word from an earlier router, or for a connection already gone: nothing to do.
    if (found == connections_.end() || found->second.epoch != message.epoch) continue;
    if (message.kind == BusKind::deliver) found->second.connection->deliver(std::move(message.frames));
    else found->second.connection->close(message.code, std::move(message.text));
  }
}

void ClusterGateway::on_epoch(std::string_view payload) {
  auto message = cluster::decode(payload);
  if (!message || message->kind != BusKind::epoch || message->epoch <= 0) return;
  std::lock_guard lock(mutex_);
  if (message->epoch < epoch_) return;   // a deposed router that does not know it yet
  if (message->epoch > epoch_) {
    if (epoch_ != 0) lose_router_locked("a new router was elected");
    epoch_ = message->epoch;
  }
  router_present_ = true;
  last_beat_ = std::chrono::steady_clock::now();
}

void ClusterGateway::heartbeat() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return;
    BusMessage alive(BusKind::alive, epoch_);
    alive.gateway = instance_;
    to_router_.add(cluster::kRouterSubject, encode(alive));
    if (router_present_ && std::chrono::steady_clock::now() - last_beat_ > kRouterSilenceLimit)
      lose_router_locked("the router is silent");
  }
  heartbeat_timer_.expires_after(kHeartbeatEvery);
  heartbeat_timer_.async_wait([this](boost::system::error_code error) {
    if (!error) heartbeat();
  });
}

void ClusterGateway::lose_router_locked(const char* reason) {
  if (router_present_ || !connections_.empty()) {
    std::fprintf(stderr, "parley-relay: gateway %u: %s; closing %zu connection(s) with 1012\n", instance_, reason,
                 connections_.size());
  }
  router_present_ = false;
  for (auto& [id, entry] : connections_) entry.connection->close(kServiceRestart, "service restart");
}

void ClusterGateway::maybe_drained_locked() {
  if (!on_drained_ || !connections_.empty()) return;
  // Outside our lock and off the caller's stack: on_drained may stop the io_context.
  net::post(io_, std::move(on_drained_));
  on_drained_ = nullptr;   // once
}

}  // namespace parley::relay::server
