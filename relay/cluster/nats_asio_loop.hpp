// A libnats connection driven by an Asio executor instead of libnats's own reader thread
// (natsOptions_SetEventLoop). Without it, a message reaching a relay wakes three threads: libnats's
// reader, the subscription's delivery thread, then the relay's event loop. With it, the relay's
// event loop reads the socket and hands the messages over itself: one wake-up per bus crossing
// instead of three, which is most of the cluster hop's cost on a busy machine (README, "the
// cluster's cost").
//
// Contents: NatsAsioLoop.
// Must not: call into libnats from its callbacks (libnats calls them holding its connection lock;
// they only set flags and post), take a lock of its own in them, throw.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>

struct __natsConnection;
struct __natsOptions;

namespace parley::relay::cluster {

class NatsAsioLoop : public std::enable_shared_from_this<NatsAsioLoop> {
 public:
  // `after_read` runs on `executor` after every read of the socket (the bus takes its messages
  // then), under the connection mutex: forget_connection() waits for it.
  NatsAsioLoop(boost::asio::any_io_executor executor, std::function<void()> after_read);
  ~NatsAsioLoop();

  // Makes connections opened with `options` use this loop. The loop must outlive them: its owner
  // keeps it until after natsConnection_Destroy (and posted work holds it as long as it waits).
  bool install(__natsOptions* options);
  // Before natsConnection_Destroy: no handler touches the connection after this returns.
  void forget_connection();

 private:
  friend struct NatsAsioLoopCallbacks;   // libnats's four callbacks (nats_asio_loop.cpp)

  // On the executor.
  void attach(int socket, unsigned generation);
  void arm_read(unsigned generation);
  void arm_write(unsigned generation);
  void write_now(unsigned generation);
  void release_descriptor();

  boost::asio::any_io_executor executor_;
  std::function<void()> after_read_;
  std::optional<boost::asio::posix::stream_descriptor> descriptor_;   // the executor's only
  bool read_armed_ = false;    // the executor's only
  bool write_armed_ = false;   // the executor's only
  // Set by libnats's callbacks (on any thread), read on the executor.
  std::atomic<unsigned> generation_{0};   // one per attachment (a reconnection is a new socket)
  std::atomic<bool> read_wanted_{false};
  std::atomic<bool> write_wanted_{false};
  // The connection, set when libnats attaches it; null once forgotten. The mutex is held while
  // libnats processes an event, so that forget_connection() waits for one in progress.
  std::mutex connection_mutex_;
  std::atomic<__natsConnection*> connection_{nullptr};
  int descriptor_copy_ = -1;   // descriptor_'s socket, for forget_connection's shutdown
};

}  // namespace parley::relay::cluster
