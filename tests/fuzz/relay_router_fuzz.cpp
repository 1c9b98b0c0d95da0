// The relay's routing core (relay/router.hpp) fed untrusted frames as the server hands them over:
// the frame reader in its production path, then the handlers of every message type, the
// conversations, queue and deliveries they change. Any connected visitor or agent can send
// anything: a crash here stops the relay for everyone.
// Input: one line per step, from a fixed start (two visitors and two agents signed in, agent
// "alex" taking chats and video):
//   "v FRAME", "w FRAME"   a text frame from visitor 1 or 2
//   "a FRAME", "b FRAME"   a text frame from agent alex or sam
//   "~v", "~a"             that connection closes and comes back (hello again, same credential)
//   "+MS"                  MS milliseconds pass (tick at every deadline: resends, hello timeouts)
// Checks: every frame the relay sends is a JSON object (clients parse it), the stats never go
// negative, the next deadline moves forward after its tick.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <map>
#include <optional>
#include <string>

#include "fuzz_support.hpp"
#include "relay/router.hpp"

namespace {

using namespace parley::relay;
using parley::fuzz::check;
using Json = nlohmann::json;

const AgentAccount kAlex{"alex", "Alex", 3};
const AgentAccount kSam{"sam", "Sam", 3};

// The real credentials are HMAC and JWT over OpenSSL, which a fuzzer cannot forge anyway: a
// plain stand-in keeps identities and tokens guessable from the dictionary.
class PlainCredentials : public Credentials {
 public:
  std::string issue_identity(std::string_view visitor_id) const override { return "id:" + std::string(visitor_id); }
  std::optional<std::string> verify_identity(std::string_view token) const override {
    if (!token.starts_with("id:")) return std::nullopt;
    return std::string(token.substr(3));
  }
  std::optional<AgentAccount> agent_for_token(std::string_view token) const override {
    if (token == "token-alex") return kAlex;
    if (token == "token-sam") return kSam;
    return std::nullopt;
  }
  JwtResult verify_jwt(std::string_view token, double) const override {
    if (token == "good-jwt") return {true, R"({"sub":"customer-7","name":"Amy"})", ""};
    return {false, "", "bad signature"};
  }
  std::vector<AgentAccount> agents() const override { return {kAlex, kSam}; }
};

struct Endpoint {
  Side side;
  std::string credential;  // sent in hello
  ConnectionId connection = 0;
};

class RelayUnderTest {
 public:
  RelayUnderTest() : router_(credentials_, RouterLimits{}, [this] { return "r" + std::to_string(++ids_); }) {
    endpoints_ = {{'v', {Side::visitor, ""}}, {'w', {Side::visitor, ""}},
                  {'a', {Side::agent, "token-alex"}}, {'b', {Side::agent, "token-sam"}}};
    for (auto& [name, endpoint] : endpoints_) connect(endpoint);
    send(endpoints_['a'].connection, R"({"v":1,"kind":"msg","from":"agent","body":{"type":"agent.status","id":"s1","chat":true,"video":true}})");
  }

  void step(std::string_view line) {
    if (line.size() >= 2 && line[0] == '~') {
      if (auto it = endpoints_.find(line[1]); it != endpoints_.end()) {
        take(router_.closed(it->second.connection, now_ms_));
        connect(it->second);
      }
    } else if (line.starts_with('+')) {
      long long delay_ms = 0;  // up to 10 digits: ~115 days
      std::from_chars(line.data() + 1, line.data() + std::min<std::size_t>(line.size(), 11), delay_ms);
      wait(static_cast<double>(delay_ms));
    } else if (line.size() >= 2 && line[1] == ' ') {
      if (auto it = endpoints_.find(line[0]); it != endpoints_.end()) send(it->second.connection, line.substr(2));
    }
  }

 private:
  void connect(Endpoint& endpoint) {
    endpoint.connection = ++connections_;
    take(router_.opened(endpoint.connection, endpoint.side, now_ms_));
    Json hello = {{"v", 1}, {"kind", "hello"}, {"from", endpoint.side == Side::visitor ? "visitor" : "agent"}};
    if (!endpoint.credential.empty()) hello[endpoint.side == Side::visitor ? "identity" : "token"] = endpoint.credential;
    send(endpoint.connection, hello.dump());
  }

  void send(ConnectionId connection, std::string_view text) { take(router_.received(connection, text, now_ms_)); }

  void wait(double delay_ms) {
    if (!(delay_ms > 0)) return;
    double target_ms = now_ms_ + delay_ms;
    for (int ticks = 0; ticks < 100; ++ticks) {
      double deadline = router_.next_deadline();
      if (deadline < 0 || deadline > target_ms) break;
      if (deadline > now_ms_) now_ms_ = deadline;
      take(router_.tick(now_ms_));
      double next = router_.next_deadline();
      check(next < 0 || next > now_ms_, "the router's next deadline does not move forward after its tick");
    }
    if (target_ms > now_ms_) now_ms_ = target_ms;
  }

  void take(const Effects& effects) {
    for (const OutgoingFrame& frame : effects.frames) {
      Json parsed = Json::parse(frame.text, nullptr, false);
      check(parsed.is_object(), "the relay sent a frame that is not a JSON object");
      // A visitor keeps its identity, as the widget does (a cookie), for its next hello.
      auto identity = parsed.find("identity");
      if (identity == parsed.end() || !identity->is_string()) continue;
      for (auto& [name, endpoint] : endpoints_)
        if (endpoint.connection == frame.connection && endpoint.side == Side::visitor)
          endpoint.credential = identity->get<std::string>();
    }
    RouterStats stats = router_.stats();
    for (std::int64_t count : {stats.connections, stats.visitors_online, stats.agents_online, stats.conversations_open,
                               stats.queued, stats.pending_deliveries})
      check(count >= 0, "a router count went negative");
  }

  PlainCredentials credentials_;
  Router router_;
  std::map<char, Endpoint> endpoints_;
  ConnectionId connections_ = 0;
  int ids_ = 0;
  double now_ms_ = 1800000000000.0;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  RelayUnderTest relay;
  std::string_view rest = parley::fuzz::as_text(data, size);
  while (!rest.empty()) {
    auto [line, tail] = parley::fuzz::split_first_line(rest);
    relay.step(line);
    rest = tail;
  }
  return 0;
}
