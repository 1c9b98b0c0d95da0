// What the relay's process tests share (relay_process_test.cpp, cluster_process_test.cpp): child
// processes started and stopped by pid with bounded waits, and a Peer speaking the protocol as a
// widget or a desk does (acknowledging every msg it receives, counting them by type and id).
//
// Must not: wait without a deadline.
#pragma once

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "ws_test_client.hpp"

namespace parley::relay::testing {

using namespace std::chrono_literals;
using Json = nlohmann::json;

inline constexpr const char* kAllowedOrigin = "http://shop.test";
inline constexpr Millis kStep = 5000ms;

// --- processes -------------------------------------------------------------------------------

struct Child {
  pid_t pid = -1;
  int stdout_fd = -1;
};

inline Child spawn(const std::vector<std::string>& argv, const std::string& stderr_file) {
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) return {};
  pid_t pid = fork();
  if (pid == 0) {
    dup2(fds[1], STDOUT_FILENO);
    int err = open(stderr_file.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (err >= 0) dup2(err, STDERR_FILENO);
    std::vector<char*> args;
    for (const auto& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
    args.push_back(nullptr);
    execv(args[0], args.data());
    _exit(127);
  }
  close(fds[1]);
  return {pid, fds[0]};
}

// Bytes from fd until `stop(text)` or EOF or the deadline.
inline std::string read_until(int fd, Millis timeout, const std::function<bool(const std::string&)>& stop) {
  std::string text;
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!stop(text)) {
    auto left = std::chrono::duration_cast<Millis>(deadline - std::chrono::steady_clock::now()).count();
    if (left <= 0) break;
    pollfd pfd{fd, POLLIN, 0};
    if (poll(&pfd, 1, static_cast<int>(left)) <= 0) continue;
    char chunk[256];
    ssize_t n = read(fd, chunk, sizeof chunk);
    if (n <= 0) break;
    text.append(chunk, static_cast<std::size_t>(n));
  }
  return text;
}

// The exit status (WEXITSTATUS, or 128 + signal), or nullopt if it did not end in time.
inline std::optional<int> wait_exit(pid_t pid, Millis timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    int status = 0;
    pid_t done = waitpid(pid, &status, WNOHANG);
    if (done == pid) return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    if (done < 0 || std::chrono::steady_clock::now() > deadline) return std::nullopt;
    std::this_thread::sleep_for(10ms);
  }
}

// A one-shot command: its exit code and stdout (killed if it runs past the timeout).
inline std::pair<int, std::string> run_command(const std::vector<std::string>& argv, const std::string& stderr_file,
                                        Millis timeout = 10000ms) {
  Child child = spawn(argv, stderr_file);
  if (child.pid <= 0) return {-1, ""};
  std::string out = read_until(child.stdout_fd, timeout, [](const std::string&) { return false; });
  close(child.stdout_fd);
  auto code = wait_exit(child.pid, 2000ms);
  if (!code) {
    kill(child.pid, SIGKILL);
    wait_exit(child.pid, 2000ms);
    return {-1, out};
  }
  return {*code, out};
}

// --- the protocol as a desk or a widget speaks it ------------------------------------------------

inline std::string string_at(const Json& object, const char* key) {
  if (!object.is_object()) return "";
  auto found = object.find(key);
  return found != object.end() && found->is_string() ? found->get<std::string>() : "";
}

// One side's connection: acknowledges every msg it receives (as TRANSPORT.md's receivers do) and
// counts what it received by "type:id" in `receipts`, across reconnections.
class Peer {
 public:
  Peer(std::string from, std::map<std::string, int>& receipts) : from_(std::move(from)), receipts_(receipts) {}

  bool open(std::uint16_t port, const std::string& path) {
    client_ = std::make_unique<WsTestClient>();
    unclaimed_.clear();
    return client_->open(port, path, kAllowedOrigin).upgraded;
  }
  void close() {
    if (client_) client_->close();
    client_.reset();
  }

  bool send(const Json& frame) { return client_->send(frame.dump()); }
  bool send_msg(const Json& body) { return send(Json{{"v", 1}, {"kind", "msg"}, {"from", from_}, {"body", body}}); }

  // Frames until one matches; nullopt at the deadline or the end of the connection.
  std::optional<Json> await(const std::function<bool(const Json&)>& match, Millis timeout = kStep) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
      auto left = std::chrono::duration_cast<Millis>(deadline - std::chrono::steady_clock::now());
      auto text = left > 0ms ? client_->read(left) : std::nullopt;
      if (!text) {
        // What did come, for the failure message.
        if (!quiet) {
          std::cerr << from_ << " waited in vain; last frames:\n";
          for (const auto& seen : seen_) std::cerr << "  " << seen.substr(0, 300) << "\n";
        }
        return std::nullopt;
      }
      seen_.push_back(*text);
      if (seen_.size() > 12) seen_.erase(seen_.begin());
      Json frame = Json::parse(*text, nullptr, false);
      if (frame.is_discarded()) continue;
      if (string_at(frame, "kind") == "msg") {
        const Json& body = frame["body"];
        ++receipts_[string_at(body, "type") + ":" + string_at(body, "id")];
        if (on_msg) on_msg(body);
        unclaimed_.push_back(body);
        send(Json{{"v", 1}, {"kind", "ack"}, {"from", from_}, {"id", string_at(body, "id")}});
      }
      if (match(frame)) return frame;
    }
  }
  std::optional<Json> await_kind(const std::string& kind) {
    return await([&](const Json& f) { return string_at(f, "kind") == kind; });
  }
  bool await_ack(const std::string& id) {
    return await([&](const Json& f) { return string_at(f, "kind") == "ack" && string_at(f, "id") == id; }).has_value();
  }
  // A msg of this type (and this id, when given), received earlier or now; its body. Frames come
  // in no promised order (an agent.joined may come before the ack of its conversation.start), so
  // msgs read while waiting for something else are kept until taken here.
  std::optional<Json> await_msg(const std::string& type, const std::string& id = "") {
    auto matches = [&](const Json& body) {
      return string_at(body, "type") == type && (id.empty() || string_at(body, "id") == id);
    };
    for (auto it = unclaimed_.begin(); it != unclaimed_.end(); ++it) {
      if (matches(*it)) {
        Json body = *it;
        unclaimed_.erase(it);
        return body;
      }
    }
    auto frame = await([&](const Json& f) { return string_at(f, "kind") == "msg" && matches(f["body"]); });
    if (!frame) return std::nullopt;
    unclaimed_.pop_back();   // await kept it last
    return (*frame)["body"];
  }
  // Sends a msg and waits for its ack (the relay acknowledges after its commit).
  bool send_acknowledged(const Json& body) { return send_msg(body) && await_ack(string_at(body, "id")); }

  WsTestClient& client() { return *client_; }
  // Called with every msg body received, before it is acknowledged.
  std::function<void(const Json&)> on_msg;
  // Not printing the last frames when a wait fails (a test that expects connections to break).
  bool quiet = false;

 private:
  std::string from_;
  std::map<std::string, int>& receipts_;
  std::unique_ptr<WsTestClient> client_;
  std::vector<std::string> seen_;
  std::vector<Json> unclaimed_;
};

inline Json visitor_message(const std::string& id, const std::string& conversation, const std::string& text) {
  return {{"type", "visitor.message"}, {"id", id}, {"conversationId", conversation}, {"text", text}};
}
inline Json agent_message(const std::string& id, const std::string& conversation, const std::string& text) {
  return {{"type", "agent.message"}, {"id", id}, {"conversationId", conversation}, {"text", text}};
}
inline Json conversation_start(const std::string& id, const std::string& conversation) {
  return {{"type", "conversation.start"}, {"id", id}, {"conversationId", conversation}, {"channel", "chat"},
          {"context", Json::object()}, {"prechat", Json::array()}, {"locale", "en"}};
}

}  // namespace parley::relay::testing
