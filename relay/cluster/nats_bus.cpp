// NatsBus over libnats (nats_bus.hpp).
#include "nats_bus.hpp"

#include <nats/nats.h>

#include "nats_asio_loop.hpp"

#include <chrono>
#include <future>

namespace parley::relay::cluster {

// A synchronous subscription: libnats queues its messages while reading, take_messages() takes them.
struct NatsBus::Subscription {
  Handler handler;
  natsSubscription* subscription = nullptr;
  ~Subscription() { natsSubscription_Destroy(subscription); }
};

namespace {

struct OptionsFree {
  void operator()(natsOptions* options) const { natsOptions_Destroy(options); }
};

std::string failure(const char* doing, natsStatus status) {
  return std::string(doing) + ": " + natsStatus_GetText(status);
}

}  // namespace

void NatsBus::on_disconnected(natsConnection*, void* self) {
  auto* bus = static_cast<NatsBus*>(self);
  if (bus->on_state_ && !bus->closing_) bus->on_state_(false);
}

void NatsBus::on_reconnected(natsConnection*, void* self) {
  auto* bus = static_cast<NatsBus*>(self);
  if (bus->on_state_ && !bus->closing_) bus->on_state_(true);
}

void NatsBus::on_closed(natsConnection*, void* self) { static_cast<NatsBus*>(self)->closed_.set_value(); }

std::variant<std::unique_ptr<NatsBus>, std::string> NatsBus::open(const std::vector<std::string>& urls,
                                                                  const std::string& name, StateHandler on_state,
                                                                  boost::asio::any_io_executor executor,
                                                                  std::chrono::milliseconds ping_interval) {
  if (urls.empty()) return std::string("no NATS server url");
  natsOptions* raw = nullptr;
  if (natsStatus status = natsOptions_Create(&raw); status != NATS_OK) return failure("NATS options", status);
  std::unique_ptr<natsOptions, OptionsFree> options(raw);
  std::unique_ptr<NatsBus> bus(new NatsBus());
  bus->on_state_ = std::move(on_state);
  NatsBus* self = bus.get();
  bus->loop_ = std::make_shared<NatsAsioLoop>(std::move(executor), [self] { self->take_messages(); });

  std::vector<const char*> servers;
  for (const auto& url : urls) servers.push_back(url.c_str());
  natsStatus status = natsOptions_SetServers(raw, servers.data(), static_cast<int>(servers.size()));
  if (status == NATS_OK) status = natsOptions_SetName(raw, name.c_str());
  // For ever, quickly: while the bus is down every relay's connections are closed (CLUSTER.md).
  if (status == NATS_OK) status = natsOptions_SetMaxReconnect(raw, -1);
  if (status == NATS_OK) status = natsOptions_SetReconnectWait(raw, 250);
  if (status == NATS_OK) status = natsOptions_SetReconnectJitter(raw, 250, 1000);
  // A NATS server that vanished without closing TCP (a cut cable) is noticed within ~3 s,
  // like the relays' own heartbeats.
  if (status == NATS_OK) status = natsOptions_SetPingInterval(raw, ping_interval.count());
  if (status == NATS_OK) status = natsOptions_SetMaxPingsOut(raw, 2);
  if (status == NATS_OK) status = natsOptions_SetTimeout(raw, 2000);
  // Every publish written at once (on the executor's next turn): libnats otherwise batches in a
  // flusher thread that sleeps 1 ms first, and a visitor's message crosses the bus twice.
  if (status == NATS_OK) status = natsOptions_SetSendAsap(raw, true);
  if (status == NATS_OK && !bus->loop_->install(raw)) status = NATS_ERR;
  // What is published while disconnected is replayed after the reconnection; at most 1 MiB of it
  // (the relays' rules make a late copy harmless: stale epochs and unknown connections are dropped).
  if (status == NATS_OK) status = natsOptions_SetReconnectBufSize(raw, 1 << 20);
  if (status == NATS_OK) status = natsOptions_SetDisconnectedCB(raw, &NatsBus::on_disconnected, bus.get());
  if (status == NATS_OK) status = natsOptions_SetReconnectedCB(raw, &NatsBus::on_reconnected, bus.get());
  if (status == NATS_OK) status = natsOptions_SetClosedCB(raw, &NatsBus::on_closed, bus.get());
  // A server not up yet at start is retried as a lost one is; the first success is a reconnection too.
  if (status == NATS_OK) status = natsOptions_SetRetryOnFailedConnect(raw, true, &NatsBus::on_reconnected, bus.get());
  if (status != NATS_OK) return failure("NATS options", status);

  status = natsConnection_Connect(&bus->connection_, raw);
  if (status != NATS_OK && status != NATS_NOT_YET_CONNECTED) return failure("connecting to NATS", status);
  if (status == NATS_OK && bus->on_state_) bus->on_state_(true);
  return bus;
}

NatsBus::~NatsBus() {
  closing_ = true;
  if (connection_ != nullptr) {
    natsConnection_Close(connection_);
    closed_.get_future().wait_for(std::chrono::seconds(5));   // bounded: a libnats that never calls it
    loop_->forget_connection();   // a handler in progress has returned; none starts after
  }
  subscriptions_.clear();
  if (connection_ != nullptr) natsConnection_Destroy(connection_);
}

bool NatsBus::publish(const std::string& subject, std::string_view payload) {
  return natsConnection_Publish(connection_, subject.c_str(), payload.data(), static_cast<int>(payload.size())) == NATS_OK;
}

bool NatsBus::subscribe(const std::string& subject, Handler handler) {
  auto subscription = std::make_unique<Subscription>();
  subscription->handler = std::move(handler);
  std::lock_guard lock(subscriptions_mutex_);
  if (natsConnection_SubscribeSync(&subscription->subscription, connection_, subject.c_str()) != NATS_OK) {
    subscription->subscription = nullptr;
    return false;
  }
  // Far more than a second of traffic may wait for the handler before NATS drops (a slow consumer).
  natsSubscription_SetPendingLimits(subscription->subscription, 1 << 20, 256 << 20);
  subscriptions_.push_back(std::move(subscription));
  return true;
}

void NatsBus::take_messages() {
  std::lock_guard lock(subscriptions_mutex_);
  for (auto& subscription : subscriptions_) {
    int messages = 0;
    int bytes = 0;
    natsMsg* message = nullptr;
    while (natsSubscription_GetPending(subscription->subscription, &messages, &bytes) == NATS_OK && messages > 0 &&
           natsSubscription_NextMsg(&message, subscription->subscription, 0) == NATS_OK) {
      subscription->handler(std::string_view(natsMsg_GetData(message), static_cast<std::size_t>(natsMsg_GetDataLength(message))));
      natsMsg_Destroy(message);
    }
  }
}

bool NatsBus::connected() const { return natsConnection_Status(connection_) == NATS_CONN_STATUS_CONNECTED; }

}  // namespace parley::relay::cluster
