// ClusterNode: gateway always, router while elected (cluster_node.hpp).
#include "cluster_node.hpp"

#include <cstdio>

#include <boost/asio/strand.hpp>

#include "store_commands.hpp"

namespace parley::relay::server {

namespace net = boost::asio;

namespace {

constexpr auto kElectionEvery = std::chrono::seconds(1);

}  // namespace

std::variant<std::unique_ptr<ClusterNode>, std::string> ClusterNode::start(boost::asio::io_context& io,
                                                                           const RelayConfig& config,
                                                                           const Credentials& credentials) {
  std::unique_ptr<ClusterNode> node(new ClusterNode(config, credentials));
  {
    // Opening the store migrates its schema (under its own lock), which the lease needs.
    auto store = open_configured_store(config);
    if (auto* message = std::get_if<std::string>(&store)) return "store: " + *message;
  }
  auto lease = open_postgres_lease(config.store_url);
  if (auto* error = std::get_if<StoreError>(&lease)) return "store: lease: " + error->code + ": " + error->message;
  node->lease_ = std::move(std::get<std::unique_ptr<PostgresLease>>(lease));
  auto instance = node->lease_->new_gateway_instance();
  if (auto* error = std::get_if<StoreError>(&instance)) return "store: " + error->code + ": " + error->message;

  ClusterNode* self = node.get();
  auto bus = cluster::NatsBus::open(config.cluster_nats, "parley-gateway-" + std::to_string(std::get<std::uint32_t>(instance)),
                                    [self](bool connected) {
                                      if (auto* gateway = self->gateway_ready_.load()) gateway->bus_state(connected);
                                    },
                                    net::make_strand(io));
  if (auto* message = std::get_if<std::string>(&bus)) return "bus: " + *message;
  node->bus_ = std::move(std::get<std::unique_ptr<cluster::NatsBus>>(bus));
  node->gateway_ = std::make_unique<ClusterGateway>(io, *node->bus_, std::get<std::uint32_t>(instance));
  if (!node->gateway_->start()) return "bus: cannot subscribe";
  node->gateway_ready_ = node->gateway_.get();
  std::fprintf(stderr, "parley-relay: cluster gateway %u\n", node->gateway_->instance());
  node->election_ = std::thread([self] { self->elect(); });
  return node;
}

ClusterNode::~ClusterNode() {
  end_election();
  bus_.reset();   // its handlers stop before the gateway they call goes
}

void ClusterNode::stop(std::uint16_t code, std::string reason, std::function<void()> on_drained) {
  end_election();   // the router role ended, the lease is free
  gateway_->close_all(code, std::move(reason), std::move(on_drained));
}

void ClusterNode::end_election() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (election_.joinable()) election_.join();
}

void ClusterNode::elect() {
  std::string last_problem;
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    if (router_) {
      if (router_->failed()) step_down("its commit failed");
      else if (!lease_->still_held()) step_down("the lease was lost");
    }
    if (!router_) {
      auto acquired = lease_->try_acquire();
      std::string problem;
      if (auto* error = std::get_if<StoreError>(&acquired)) {
        problem = error->code + ": " + error->message;
      } else if (auto epoch = std::get<std::optional<std::int64_t>>(acquired)) {
        auto started = ClusterRouter::start(config_, credentials_, *epoch);
        if (auto* message = std::get_if<std::string>(&started)) {
          problem = "router of epoch " + std::to_string(*epoch) + " could not start: " + *message;
          lease_->release();
        } else {
          router_ = std::move(std::get<std::unique_ptr<ClusterRouter>>(started));
          std::fprintf(stderr, "parley-relay: router of epoch %lld\n", static_cast<long long>(*epoch));
        }
      }
      // Once per kind of problem, not once a second.
      if (!problem.empty() && problem != last_problem) std::fprintf(stderr, "parley-relay: election: %s\n", problem.c_str());
      last_problem = problem;
    }
    lock.lock();
    wake_.wait_for(lock, kElectionEvery, [this] { return stopping_; });
  }
  lock.unlock();
  if (router_) step_down("the relay is stopping");
}

void ClusterNode::step_down(const char* why) {
  std::fprintf(stderr, "parley-relay: router of epoch %lld steps down: %s\n", static_cast<long long>(router_->epoch()), why);
  router_.reset();
  lease_->release();
}

}  // namespace parley::relay::server
