// ClusterRouter: the routing core behind the bus (cluster_router.hpp).
#include "cluster_router.hpp"

#include <cstdio>

#include <boost/asio/post.hpp>

#include "relay/credentials.hpp"
#include "store_commands.hpp"

namespace parley::relay::server {

namespace net = boost::asio;
using cluster::BusKind;
using cluster::BusMessage;

namespace {

constexpr auto kBeatEvery = std::chrono::seconds(1);
constexpr auto kGatewaySilenceLimit = std::chrono::seconds(3);

// A connection on a gateway: its frames and closes go to that gateway's subject, tagged with the
// router's epoch (a gateway drops what an earlier router says), through the outbox (one bus
// message per gateway per turn).
class RemoteConnection final : public WsConnection {
 public:
  RemoteConnection(cluster::BusOutbox& outbox, std::int64_t epoch, ConnectionId id)
      : outbox_(outbox), subject_(cluster::gateway_subject(cluster::gateway_of(id))), epoch_(epoch), id_(id) {}

  void deliver(std::vector<std::string> frames) override {
    // Split under the bus's payload limit (a reconnection may resend many stored deliveries).
    BusMessage message(BusKind::deliver, epoch_, id_);
    std::size_t bytes = 0;
    for (auto& frame : frames) {
      if (!message.frames.empty() && bytes + frame.size() + 4 > cluster::kMaxBusPayload / 2) {
        outbox_.add(subject_, encode(message));
        message.frames.clear();
        bytes = 0;
      }
      bytes += frame.size() + 4;
      message.frames.push_back(std::move(frame));
    }
    if (!message.frames.empty()) outbox_.add(subject_, encode(message));
  }
  void close(std::uint16_t code, std::string reason) override {
    BusMessage message(BusKind::close, epoch_, id_);
    message.code = code;
    message.text = std::move(reason);
    outbox_.add(subject_, encode(message));
  }

 private:
  cluster::BusOutbox& outbox_;
  const std::string subject_;
  const std::int64_t epoch_;
  const ConnectionId id_;
};

}  // namespace

ClusterRouter::ClusterRouter(const RelayConfig& config, const Credentials& credentials, std::int64_t epoch)
    : config_(config), epoch_(epoch), router_(credentials, config.limits, [] { return random_token(); }),
      beat_timer_(io_) {}

std::variant<std::unique_ptr<ClusterRouter>, std::string> ClusterRouter::start(const RelayConfig& config,
                                                                               const Credentials& credentials,
                                                                               std::int64_t epoch) {
  std::unique_ptr<ClusterRouter> role(new ClusterRouter(config, credentials, epoch));
  auto opened = open_configured_store(config, epoch);
  if (auto* message = std::get_if<std::string>(&opened)) return "store: " + *message;
  role->store_ = std::move(std::get<std::unique_ptr<Store>>(opened));
  if (auto error = restore_router(*role->store_, role->router_)) return "store: " + *error;
  prune_now(*role->store_, config);

  ClusterRouter* self = role.get();
  role->driver_ = std::make_unique<RouterDriver>(role->io_, role->router_, *role->store_, [self](const StoreError& error) {
    std::fprintf(stderr, "parley-relay: router of epoch %lld: commit failed (%s): %s; stepping down\n",
                 static_cast<long long>(self->epoch_), error.code.c_str(), error.message.c_str());
    self->failed_ = true;
  });

  auto bus = cluster::NatsBus::open(config.cluster_nats, "parley-router", nullptr, role->io_.get_executor());
  if (auto* message = std::get_if<std::string>(&bus)) return "bus: " + *message;
  role->bus_ = std::move(std::get<std::unique_ptr<cluster::NatsBus>>(bus));
  role->to_gateways_ = std::make_unique<cluster::BusOutbox>(
      *role->bus_, [self](std::function<void()> flush) { net::post(self->io_, std::move(flush)); });
  if (!role->bus_->subscribe(cluster::kRouterSubject, [self](std::string_view payload) { self->on_message(payload); }))
    return "bus: cannot subscribe to " + std::string(cluster::kRouterSubject);

  net::post(role->io_, [self] { self->beat(); });
  role->thread_ = std::thread([self] { self->io_.run(); });
  return role;
}

ClusterRouter::~ClusterRouter() {
  io_.stop();        // nothing more is handled, dispatched or flushed
  if (thread_.joinable()) thread_.join();
  bus_.reset();      // unsubscribed: a handler still running has returned (it only posts to io_)
  driver_.reset();   // waits for a commit in flight
}

void ClusterRouter::on_message(std::string_view payload) {   // on io_ (the bus reads there)
  auto messages = cluster::decode_all(payload);
  if (messages) handle(std::move(*messages));   // else foreign
}

void ClusterRouter::handle(std::vector<BusMessage> messages) {
  auto now = std::chrono::steady_clock::now();
  for (BusMessage& message : messages) {
    if (message.epoch == epoch_) handle_one(message, now);   // else meant for another router
  }
}

void ClusterRouter::handle_one(BusMessage& message, std::chrono::steady_clock::time_point now) {
  std::uint32_t gateway_id = message.kind == BusKind::alive ? message.gateway : cluster::gateway_of(message.connection);
  switch (message.kind) {
    case BusKind::alive:
      gateways_[gateway_id].last_heard = now;
      return;
    case BusKind::opened: {
      Gateway& gateway = gateways_[gateway_id];
      gateway.last_heard = now;
      if (!gateway.connections.insert(message.connection).second) return;   // a copy
      driver_->opened(message.connection, message.side,
                      std::make_shared<RemoteConnection>(*to_gateways_, epoch_, message.connection));
      return;
    }
    case BusKind::frame: {
      auto gateway = gateways_.find(gateway_id);
      if (gateway == gateways_.end() || gateway->second.connections.count(message.connection) == 0) {
        // Its `opened` was lost, or this router dropped its gateway: the gateway must close it.
        BusMessage close(BusKind::close, epoch_, message.connection);
        close.code = 1012;
        close.text = "service restart";
        publish_to_gateway(gateway_id, close);
        return;
      }
      gateway->second.last_heard = now;
      driver_->received(message.connection, std::move(message.text));
      return;
    }
    case BusKind::closed: {
      auto gateway = gateways_.find(gateway_id);
      if (gateway == gateways_.end() || gateway->second.connections.erase(message.connection) == 0) return;
      driver_->closed(message.connection);
      return;
    }
    default:
      return;   // router -> gateway kinds: not ours
  }
}

void ClusterRouter::beat() {
  bus_->publish(cluster::kEpochSubject, encode(BusMessage(BusKind::epoch, epoch_)));
  auto now = std::chrono::steady_clock::now();
  for (auto it = gateways_.begin(); it != gateways_.end();) {
    if (now - it->second.last_heard <= kGatewaySilenceLimit) {
      ++it;
      continue;
    }
    // A gateway that died, or cannot reach us: its connections end here, as closed ones do. If
    // it is alive after all, the reset makes it close them too (its peers reconnect).
    std::fprintf(stderr, "parley-relay: router: gateway %u silent; dropping its %zu connection(s)\n", it->first,
                 it->second.connections.size());
    for (ConnectionId id : it->second.connections) driver_->closed(id);
    publish_to_gateway(it->first, BusMessage(BusKind::reset, epoch_));
    it = gateways_.erase(it);
  }
  // Retention, on the commit thread like every store call, every 6 h of reign.
  if (now - last_prune_ > kRetentionEvery) {
    last_prune_ = now;
    driver_->with_store([this](Store& store) { prune_now(store, config_); });
  }
  beat_timer_.expires_after(kBeatEvery);
  beat_timer_.async_wait([this](boost::system::error_code error) {
    if (!error) beat();
  });
}

void ClusterRouter::publish_to_gateway(std::uint32_t gateway, const BusMessage& message) {
  to_gateways_->add(cluster::gateway_subject(gateway), encode(message));
}

}  // namespace parley::relay::server
