// Cost of the relay's routing core (relay/include/relay/router.hpp), frames in, effects out, no
// I/O: what one server thread spends per message before the store commit and the socket writes.
//
//   BM_RouterVisitorMessage/N   one visitor.message from a visitor with an assigned conversation
//                               to its agent, plus the agent's ack of that delivery (the steady
//                               state: without acks the pending list only grows), with N visitors
//                               connected (10, 1000, 10000), each with its conversation, spread
//                               over 10 agents. Visitors take turns.
//   BM_RouterStartAndEnd/A      conversation.start, its assignment to the least busy of A agents
//                               (10, 100), then agent.ended (which frees the slot): one
//                               conversation's routing life. Each assignment changes the team, so
//                               every agent connection gets a `team` state message: the
//                               A-dependent part.
//
// Credentials are a stand-in (no HMAC): their cost belongs to the handshake, which is not measured.
//
// Measured 2026-12-02, Release, 2 vCPU under a load average of ~20 (CPU time, median of 3):
//   VisitorMessage  10: 9.2 us   1,000: 10.0 us   10,000: 9.3 us   (flat: 1.0x from 10 to 10,000)
//   StartAndEnd     10 agents: 69 us (25 frames)   100 agents: 465 us (205 frames)   (6.7x)
// The start-and-end cost is the `team` broadcast: two per conversation (assigned, ended), each
// the whole team (about 80 bytes an agent) to every agent connection, so it grows as agents^2.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "relay/router.hpp"

namespace {

using namespace parley::relay;

class BenchCredentials : public Credentials {
 public:
  explicit BenchCredentials(int agent_count, int max_chats) {
    for (int i = 0; i < agent_count; ++i)
      agents_.push_back(AgentAccount{"agent" + std::to_string(i), "Agent " + std::to_string(i), max_chats});
  }
  std::string issue_identity(std::string_view visitor_id) const override { return "id." + std::string(visitor_id); }
  std::optional<std::string> verify_identity(std::string_view token) const override {
    if (!token.starts_with("id.")) return std::nullopt;
    return std::string(token.substr(3));
  }
  std::optional<AgentAccount> agent_for_token(std::string_view token) const override {
    for (const AgentAccount& agent : agents_)
      if (token == "token-" + agent.id) return agent;
    return std::nullopt;
  }
  JwtResult verify_jwt(std::string_view, double) const override { return {false, "", "no jwt key configured"}; }
  std::vector<AgentAccount> agents() const override { return agents_; }

 private:
  std::vector<AgentAccount> agents_;
};

struct Relay {
  Relay(int agent_count, int max_chats)
      : credentials(agent_count, max_chats),
        router(credentials, limits(), [this] {
          std::string n = std::to_string(++ids);
          return std::string(22 - std::min<std::size_t>(22, n.size()), '0') + n;
        }) {
    for (int i = 0; i < agent_count; ++i) {
      ConnectionId connection = ++connections;
      router.opened(connection, Side::agent, now);
      router.received(connection, R"({"v":1,"kind":"hello","from":"agent","token":"token-agent)" + std::to_string(i) + "\"}", now);
      router.received(connection, R"({"v":1,"kind":"msg","from":"agent","body":{"type":"agent.status","id":"s)" +
                                      std::to_string(i) + R"(","chat":true,"video":false}})", now);
      agent_connections.push_back(connection);
    }
  }

  static RouterLimits limits() {
    RouterLimits limits;
    // The benchmark sends far faster than any client may: the rate limit is not what is measured.
    limits.visitor_rate = {1e12, 1e12};
    limits.agent_rate = {1e12, 1e12};
    return limits;
  }

  ConnectionId visitor(std::string_view visitor_id) {
    ConnectionId connection = ++connections;
    router.opened(connection, Side::visitor, now);
    router.received(connection, R"({"v":1,"kind":"hello","from":"visitor","identity":"id.)" + std::string(visitor_id) + "\"}", now);
    return connection;
  }

  BenchCredentials credentials;
  std::uint64_t ids = 0;
  Router router;
  ConnectionId connections = 0;
  double now = 1'800'000'000'000.0;
  std::vector<ConnectionId> agent_connections;
};

std::string start_frame(const std::string& conversation_id) {
  return R"({"v":1,"kind":"msg","from":"visitor","body":{"type":"conversation.start","id":"s-)" + conversation_id +
         R"(","conversationId":")" + conversation_id +
         R"(","channel":"chat","context":{"Proactive rule":{"value":"kb-time-on-page","isDisplayable":true}},)"
         R"("prechat":[{"id":"name","label":"Your name","value":"Sam"}],"locale":"en","url":"https://shop.example/kb/returns"}})";
}

void BM_RouterVisitorMessage(benchmark::State& state) {
  const int visitor_count = static_cast<int>(state.range(0));
  constexpr int kAgents = 10;
  Relay relay(kAgents, visitor_count / kAgents + 1);
  struct Seat { ConnectionId visitor; ConnectionId agent; std::string conversation_id; };
  std::vector<Seat> seats;
  for (int i = 0; i < visitor_count; ++i) {
    std::string conversation_id = "conv-" + std::to_string(i);
    ConnectionId visitor = relay.visitor("visitor-" + std::to_string(i));
    Effects started = relay.router.received(visitor, start_frame(conversation_id), relay.now);
    ConnectionId agent = 0;
    for (const OutgoingFrame& frame : started.frames)
      if (frame.text.find("conversation.assigned") != std::string::npos) agent = frame.connection;
    seats.push_back({visitor, agent, conversation_id});
  }
  std::uint64_t sequence = 0, frames = 0;
  for (auto _ : state) {
    const Seat& seat = seats[sequence % seats.size()];
    const std::string id = "m-" + std::to_string(++sequence);
    Effects effects = relay.router.received(
        seat.visitor,
        R"({"v":1,"kind":"msg","from":"visitor","body":{"type":"visitor.message","id":")" + id + R"(","conversationId":")" +
            seat.conversation_id + R"(","text":"Hello, I have a question about my order, can you help?"}})",
        relay.now);
    Effects acked = relay.router.received(seat.agent, R"({"v":1,"kind":"ack","from":"agent","id":")" + id + "\"}", relay.now);
    frames += effects.frames.size();
    benchmark::DoNotOptimize(effects);
    benchmark::DoNotOptimize(acked);
  }
  state.counters["frames/op"] = benchmark::Counter(static_cast<double>(frames) / static_cast<double>(state.iterations()));
}
BENCHMARK(BM_RouterVisitorMessage)->Arg(10)->Arg(1000)->Arg(10000)->Iterations(200000);

void BM_RouterStartAndEnd(benchmark::State& state) {
  const int agent_count = static_cast<int>(state.range(0));
  Relay relay(agent_count, 3);
  ConnectionId visitor = relay.visitor("visitor-0");
  std::uint64_t sequence = 0, frames = 0;
  for (auto _ : state) {
    const std::string conversation_id = "conv-" + std::to_string(++sequence);
    Effects started = relay.router.received(visitor, start_frame(conversation_id), relay.now);
    ConnectionId agent = 0;
    for (const OutgoingFrame& frame : started.frames)
      if (frame.text.find("conversation.assigned") != std::string::npos) agent = frame.connection;
    Effects ended = relay.router.received(
        agent, R"({"v":1,"kind":"msg","from":"agent","body":{"type":"agent.ended","id":"e-)" + conversation_id +
                   R"(","conversationId":")" + conversation_id + "\"}}",
        relay.now);
    frames += started.frames.size() + ended.frames.size();
    relay.now += 1;
    benchmark::DoNotOptimize(ended);
  }
  state.counters["frames/op"] = benchmark::Counter(static_cast<double>(frames) / static_cast<double>(state.iterations()));
}
BENCHMARK(BM_RouterStartAndEnd)->Arg(10)->Arg(100)->Iterations(20000);

}  // namespace
