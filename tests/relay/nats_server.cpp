// A throwaway NATS server for tests (nats_server.hpp).
#include "nats_server.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include "loopback_port.hpp"

namespace parley::relay::testing {
namespace {

using namespace std::chrono_literals;

std::string find_binary() {
  const char* root = std::getenv("PARLEY_NATS_SERVER");
  std::string path = root != nullptr && *root != '\0' ? root : "/usr/sbin/nats-server";
  return access(path.c_str(), X_OK) == 0 ? path : "";
}

void reap(pid_t pid) {
  auto deadline = std::chrono::steady_clock::now() + 5s;
  while (waitpid(pid, nullptr, WNOHANG) == 0 && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(10ms);
}

}  // namespace

std::unique_ptr<NatsServer> NatsServer::start(std::string& error) {
  std::unique_ptr<NatsServer> server(new NatsServer());
  server->binary_ = find_binary();
  if (server->binary_.empty()) {
    error = "the cluster tests need a real NATS server and /usr/sbin/nats-server was not found: run ./dev setup "
            "(it installs the Debian package nats-server)";
    return nullptr;
  }
  server->log_ = (std::filesystem::temp_directory_path() / ("parley-nats-" + std::to_string(getpid()) + ".log")).string();
  server->port_ = free_loopback_port();
  error = server->launch();
  return error.empty() ? std::move(server) : nullptr;
}

std::string NatsServer::launch() {
  pid_t parent = getpid();
  pid_t pid = fork();
  if (pid == 0) {
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(1);
    int log_fd = open(log_.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (log_fd >= 0) {
      dup2(log_fd, STDOUT_FILENO);
      dup2(log_fd, STDERR_FILENO);
    }
    std::string port = std::to_string(port_);
    execl(binary_.c_str(), binary_.c_str(), "--addr", "127.0.0.1", "--port", port.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  if (pid < 0) return "cannot fork nats-server";
  pid_ = pid;
  if (!await_listener(port_, 10000ms)) {
    kill_now();
    return "nats-server did not listen on port " + std::to_string(port_) + " within 10 s (log: " + log_ + ")";
  }
  return "";
}

void NatsServer::kill_now() {
  if (pid_ <= 0) return;
  kill(pid_, SIGKILL);
  reap(pid_);
  pid_ = -1;
}

std::string NatsServer::start_again() {
  kill_now();
  return launch();
}

NatsServer::~NatsServer() {
  kill_now();
  std::error_code ignored;
  std::filesystem::remove(log_, ignored);
}

}  // namespace parley::relay::testing
