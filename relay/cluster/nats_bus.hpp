// The bus between relays: a NATS core connection (libnats), at most once, in order per publisher
// and subject. Connects in the background and reconnects for ever (a NATS server that restarts
// is an ordinary event); every change of state is reported, since a gateway must drop its
// connections when the path to the router broke (CLUSTER.md).
//
// The connection is driven by the owner's Asio executor (nats_asio_loop.hpp): messages are read and
// handled there, with no thread of libnats's in between.
//
// Contents: NatsBus.
// Must not: block a caller on the network (publish only queues), throw.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <boost/asio/any_io_executor.hpp>

struct __natsConnection;
struct __natsSubscription;

namespace parley::relay::cluster {

class NatsAsioLoop;

class NatsBus {
 public:
  // Runs on the bus's executor, under the bus's lock (it must not destroy the bus); the payload is
  // valid during the call only.
  using Handler = std::function<void(std::string_view payload)>;
  // Runs on a libnats thread. true: connected (again); false: the connection to NATS is down.
  using StateHandler = std::function<void(bool connected)>;

  // Starts connecting to `urls` (nats://host:port) in the background; an error only for an
  // unusable argument or an out-of-memory. `name` shows in the NATS server's monitoring.
  // `executor` reads the connection and runs the handlers: one thread at a time (a strand, or an
  // io_context run by one thread). A server that missed two pings is taken for lost.
  static std::variant<std::unique_ptr<NatsBus>, std::string> open(
      const std::vector<std::string>& urls, const std::string& name, StateHandler on_state,
      boost::asio::any_io_executor executor, std::chrono::milliseconds ping_interval = std::chrono::seconds(1));
  // Waits for a handler in progress; from any thread but a handler's.
  ~NatsBus();
  NatsBus(const NatsBus&) = delete;
  NatsBus& operator=(const NatsBus&) = delete;

  // Queues one message; false when NATS refused it (the connection is closed or the payload too big).
  bool publish(const std::string& subject, std::string_view payload);
  // Every message on `subject` from now on, until the bus is destroyed. False on failure.
  bool subscribe(const std::string& subject, Handler handler);
  bool connected() const;

 private:
  NatsBus() = default;
  struct Subscription;
  void take_messages();   // after each read, on the executor
  static void on_disconnected(__natsConnection*, void* self);
  static void on_reconnected(__natsConnection*, void* self);
  static void on_closed(__natsConnection*, void* self);

  __natsConnection* connection_ = nullptr;
  StateHandler on_state_;
  // libnats calls the connection's handlers on a thread of its own, also after Close returned:
  // the destructor stops passing them on, then waits for the closed handler, always the last.
  std::atomic<bool> closing_{false};
  std::promise<void> closed_;
  std::shared_ptr<NatsAsioLoop> loop_;
  std::mutex subscriptions_mutex_;
  std::vector<std::unique_ptr<Subscription>> subscriptions_;
};

}  // namespace parley::relay::cluster
