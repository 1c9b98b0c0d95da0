// A real, throwaway NATS server for the cluster's tests (no mocks): Debian's nats-server on a free
// loopback port, stopped by its pid; it can be killed and started again on the same port (the
// "NATS down for 5 s" fault). A missing binary is a failure that says to run ./dev setup.
//
// Must not: leave a server running (it gets SIGKILL if the test process dies).
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <memory>
#include <string>

namespace parley::relay::testing {

class NatsServer {
 public:
  static std::unique_ptr<NatsServer> start(std::string& error);
  ~NatsServer();
  NatsServer(const NatsServer&) = delete;
  NatsServer& operator=(const NatsServer&) = delete;

  std::string url() const { return "nats://127.0.0.1:" + std::to_string(port_); }
  std::uint16_t port() const { return port_; }
  void kill_now();            // SIGKILL, waited for
  std::string start_again();  // same port; "" when it accepts connections, else why not

 private:
  NatsServer() = default;
  std::string launch();

  std::string binary_, log_;
  std::uint16_t port_ = 0;
  pid_t pid_ = -1;
};

}  // namespace parley::relay::testing
