// Three parley-relay processes in a cluster (relay/CLUSTER.md) on a real NATS server and a real
// PostgreSQL server, both throwaway and on loopback ports: visitors and agents spread over the
// relays, then each fault of the cluster issue in turn: a relay that is not the router killed with
// SIGKILL and restarted, the router relay the same, NATS killed for 5 s, PostgreSQL restarted. A message is sent just before each fault
// without waiting for its ack, as a widget's outbox does. After each fault everyone reconnects
// (to any live relay) and resends what was not acknowledged, then the test checks: every
// acknowledged message is stored exactly once and reached the other side (a redelivery of an
// unacknowledged delivery is dropped by id, as the widget's transport does, and counted), and
// every conversation still has its one agent. The counts are printed.
//
// Every wait is bounded (a fault's recovery has 45 s); every process is stopped by its pid.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "loopback_port.hpp"
#include "nats_server.hpp"
#include "postgres_server.hpp"
#include "relay/credentials.hpp"
#include "relay_process_support.hpp"

#ifdef PARLEY_RELAY_BINARY

namespace {

using namespace parley::relay::testing;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr int kRelays = 3;
constexpr auto kRecovery = 45s;
const std::vector<std::string> kAgents = {"alex", "sam", "kim"};
constexpr int kVisitors = 6;

std::string agent_token(const std::string& agent) { return "cluster-test-token-" + agent; }

// The test's own ids: chat messages, as opposed to statuses, hellos and conversation starts.
bool is_chat_message(const std::string& id) {
  return id.find("-status-") == std::string::npos && id.rfind("start-", 0) != 0 && id.rfind("hello-", 0) != 0;
}

// A visitor or an agent with a widget's or a desk's persistence: its identity (or token), the
// msgs it sent that were not acknowledged yet (resent after every reconnection), and what it
// received, deduplicated by id as TRANSPORT.md's receivers do.
struct Member {
  Member(std::string name, bool agent) : name(std::move(name)), agent(agent), peer(agent ? "agent" : "visitor", wire_receipts) {
    peer.quiet = true;
    peer.on_msg = [this](const Json& body) {
      std::string key = string_at(body, "type") + ":" + string_at(body, "id");
      if (!received.insert(key).second) ++redelivered;
      if (string_at(body, "type") == "conversation.assigned") conversations.insert(string_at(body, "conversationId"));
      if (string_at(body, "type") == "agent.joined") joined_agent = string_at(body, "agentName");
    };
  }

  std::string name;
  bool agent;
  std::map<std::string, int> wire_receipts;
  Peer peer;
  std::string identity;                     // a visitor's, from its first welcome
  int relay = 0;                            // the relay tried first
  bool connected = false;
  std::map<std::string, Json> outbox;       // id -> body, until acknowledged
  std::set<std::string> acknowledged;       // ids the relay acknowledged (committed)
  std::set<std::string> received;           // "type:id"
  std::set<std::string> conversations;      // an agent's, from conversation.assigned
  std::string joined_agent;                 // a visitor's, from agent.joined
  int redelivered = 0;
  int reconnections = 0;
};

class ClusterProcessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string error;
    postgres_ = PostgresServer::start(error);
    ASSERT_NE(postgres_, nullptr) << error;
    nats_ = NatsServer::start(error);
    ASSERT_NE(nats_, nullptr) << error;
    char pattern[] = "/tmp/parley-cluster-test-XXXXXX";
    ASSERT_NE(mkdtemp(pattern), nullptr);
    dir_ = pattern;
    Json agents = Json::array();
    for (const auto& agent : kAgents)
      agents.push_back({{"id", agent}, {"name", agent}, {"tokenSha256", parley::relay::sha256_hex(agent_token(agent))}, {"maxChats", 4}});
    Json config = {
        {"listen", "127.0.0.1:8090"},
        {"store", {{"kind", "postgresql"}, {"url", postgres_->url("postgres")}}},
        {"origins", {kAllowedOrigin}},
        {"identityKey", "cluster-test identity key, 32 bytes or more"},
        {"agents", agents},
        {"cluster", {{"nats", {nats_->url()}}}},
    };
    std::ofstream(dir_ + "/relay.json") << config.dump(2);
    for (int i = 0; i < kRelays; ++i) {
      ports_.push_back(free_loopback_port());
      relays_.emplace_back();
      ASSERT_TRUE(start_relay(i)) << "relay " << i << ":\n" << stderr_of(i);
    }
  }

  void TearDown() override {
    for (auto& member : members_) member->peer.close();
    for (int i = 0; i < static_cast<int>(relays_.size()); ++i) stop_relay(i, SIGKILL);
    if (HasFailure()) {
      for (int i = 0; i < static_cast<int>(relays_.size()); ++i) std::cerr << "relay " << i << " stderr:\n" << stderr_of(i) << "\n";
    }
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }

  std::string stderr_file(int i) const { return dir_ + "/relay-" + std::to_string(i) + ".stderr"; }
  std::string stderr_of(int i) const {
    std::ifstream in(stderr_file(i));
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  }

  bool start_relay(int i) {
    std::string listen = "127.0.0.1:" + std::to_string(ports_[i]);
    relays_[i] = spawn({PARLEY_RELAY_BINARY, "--config", dir_ + "/relay.json", "--listen", listen}, stderr_file(i));
    if (relays_[i].pid <= 0) return false;
    std::string line = read_until(relays_[i].stdout_fd, 15000ms, [](const std::string& text) { return text.find('\n') != std::string::npos; });
    return line.rfind("parley-relay listening on ws://", 0) == 0;
  }

  // The exit status (nullopt: it had to be killed after 5 s, or was not running).
  std::optional<int> stop_relay(int i, int signal) {
    if (relays_[i].pid <= 0) return std::nullopt;
    kill(relays_[i].pid, signal);
    auto status = wait_exit(relays_[i].pid, 5000ms);
    if (!status) {
      kill(relays_[i].pid, SIGKILL);
      wait_exit(relays_[i].pid, 2000ms);
    }
    close(relays_[i].stdout_fd);
    relays_[i] = {};
    return status;
  }

  // The relay whose stderr announced the highest router epoch (-1 if none did), and that epoch.
  std::pair<int, long long> router_relay() const {
    int best = -1;
    long long best_epoch = 0;
    for (int i = 0; i < kRelays; ++i) {
      std::string log = stderr_of(i);
      for (std::size_t at = log.find("router of epoch "); at != std::string::npos; at = log.find("router of epoch ", at + 1)) {
        long long epoch = std::atoll(log.c_str() + at + 16);
        std::size_t line_end = log.find('\n', at);
        bool announced = log.compare(at + 16, line_end - at - 16, std::to_string(epoch)) == 0;   // not "... steps down"
        if (announced && epoch > best_epoch) {
          best_epoch = epoch;
          best = i;
        }
      }
    }
    return {best, best_epoch};
  }

  // Whether every relay's /health answers `status` within the timeout.
  bool every_health_is(int status, Millis timeout) {
    auto deadline = Clock::now() + timeout;
    for (;;) {
      bool all = true;
      for (int i = 0; i < kRelays; ++i) all = all && http_get(ports_[i], "/health", 1000ms).first == status;
      if (all) return true;
      if (Clock::now() > deadline) return false;
      std::this_thread::sleep_for(100ms);
    }
  }

  Member& add(const std::string& name, bool agent, int relay) {
    members_.push_back(std::make_unique<Member>(name, agent));
    members_.back()->relay = relay;
    return *members_.back();
  }

  // Hello on each relay in turn from the member's own, until a welcome (a relay without a
  // router closes at once with 1013); then an agent says its status, and the outbox is resent.
  bool reconnect(Member& member, Clock::time_point deadline) {
    member.peer.close();
    member.connected = false;
    for (int attempt = 0; Clock::now() < deadline; ++attempt) {
      int relay = (member.relay + attempt) % kRelays;
      if (member.peer.open(ports_[relay], member.agent ? "/agent" : "/visitor")) {
        Json hello = {{"v", 1}, {"kind", "hello"}, {"from", member.agent ? "agent" : "visitor"}};
        if (member.agent) hello["token"] = agent_token(member.name);
        else if (!member.identity.empty()) hello["identity"] = member.identity;
        if (member.peer.send(hello)) {
          if (auto welcome = member.peer.await_kind("welcome")) {
            if (!member.agent && member.identity.empty()) member.identity = string_at(*welcome, "identity");
            member.connected = true;
            ++member.reconnections;
            if (member.agent) send(member, {{"type", "agent.status"}, {"id", member.name + "-status-" + std::to_string(++status_count_)},
                                            {"chat", true}, {"video", false}});
            for (const auto& [id, body] : member.outbox) member.peer.send_msg(body);
            return true;
          }
        }
      }
      member.peer.close();
      std::this_thread::sleep_for(attempt % kRelays == kRelays - 1 ? 500ms : 50ms);
    }
    return false;
  }

  void send(Member& member, const Json& body) {
    member.outbox[string_at(body, "id")] = body;
    if (member.connected) member.peer.send_msg(body);
  }

  // Reads until `done()` holds, reconnecting whenever the connection ends; false at the deadline.
  bool pump_until(Member& member, const std::function<bool()>& done, Clock::time_point deadline) {
    auto take_acks = [&](const Json& frame) {
      if (string_at(frame, "kind") == "ack") {
        std::string id = string_at(frame, "id");
        if (member.outbox.erase(id) > 0) member.acknowledged.insert(id);
      }
      return done();
    };
    while (!done()) {
      if (Clock::now() >= deadline) return false;
      if (!member.connected && !reconnect(member, deadline)) return false;
      auto left = std::chrono::duration_cast<Millis>(deadline - Clock::now());
      if (member.peer.await(take_acks, std::min<Millis>(left, 8000ms))) continue;
      member.connected = false;   // ended, or quiet for 8 s: start again on a connection of its own
    }
    return true;
  }

  bool settle(Member& member, Clock::time_point deadline) {
    return pump_until(member, [&] { return member.outbox.empty(); }, deadline);
  }

  // Every member's outbox acknowledged; false (and which member) past the deadline.
  void settle_all(Clock::time_point deadline) {
    for (auto& member : members_) EXPECT_TRUE(settle(*member, deadline)) << member->name << " still has " << member->outbox.size() << " unacknowledged";
  }

  // What each side acknowledged reached the other side.
  void expect_everything_received(Clock::time_point deadline) {
    for (auto& receiver : members_) {
      std::vector<std::string> expected;
      for (auto& sender : members_) {
        if (sender->agent == receiver->agent) continue;
        for (const auto& id : sender->acknowledged) {
          if (!is_chat_message(id)) continue;
          const std::string& conversation = conversation_of_[id];
          bool mine = receiver->agent ? receiver->conversations.count(conversation) > 0 : owner_of_[conversation] == receiver->name;
          if (mine) expected.push_back((sender->agent ? "agent.message:" : "visitor.message:") + id);
        }
      }
      bool all = pump_until(*receiver, [&] {
        return std::all_of(expected.begin(), expected.end(), [&](const std::string& key) { return receiver->received.count(key) > 0; });
      }, deadline);
      EXPECT_TRUE(all) << receiver->name << " misses acknowledged messages";
      for (const auto& key : expected) EXPECT_EQ(receiver->received.count(key), 1u) << receiver->name << " never got " << key;
    }
  }

  // A message from every visitor, and an answer from every agent in each of its conversations.
  void exchange(const std::string& tag, bool wait) {
    for (auto& member : members_) {
      if (member->agent) continue;
      std::string id = member->name + "-" + tag;
      conversation_of_[id] = "c-" + member->name;
      send(*member, visitor_message(id, "c-" + member->name, "visitor says " + tag));
    }
    if (!wait) return;
    auto deadline = Clock::now() + kRecovery;
    settle_all(deadline);
    for (auto& member : members_) {
      if (!member->agent) continue;
      for (const auto& conversation : member->conversations) {
        std::string id = member->name + "-" + tag + "-" + conversation;
        conversation_of_[id] = conversation;
        send(*member, agent_message(id, conversation, "agent says " + tag));
      }
    }
    settle_all(deadline);
  }

  // The store: each acknowledged message once, each conversation assigned to its first agent.
  void check_store_and_print(const std::string& fault, Clock::duration recovery) {
    std::string url = postgres_->url("postgres");
    auto rows = query_column(url, "SELECT id FROM messages");
    std::map<std::string, int> stored;
    for (const auto& id : rows) ++stored[id];
    int acknowledged = 0, redelivered = 0, reconnections = 0;
    for (auto& member : members_) {
      redelivered += member->redelivered;
      reconnections += member->reconnections;
      for (const auto& id : member->acknowledged) {
        if (!is_chat_message(id)) continue;
        ++acknowledged;
        EXPECT_EQ(stored[id], 1) << id << " stored " << stored[id] << " times";
      }
    }
    int conversations = 0;
    for (const auto& [conversation, agent] : assigned_) {
      auto now = query_column(url, "SELECT status || ' ' || agent_id FROM conversations WHERE id = '" + conversation + "'");
      EXPECT_EQ(now, std::vector<std::string>{"assigned " + agent}) << conversation;
      int holders = 0;
      for (auto& member : members_) holders += member->agent && member->conversations.count(conversation) ? 1 : 0;
      EXPECT_EQ(holders, 1) << conversation << " was assigned to " << holders << " agents";
      ++conversations;
    }
    auto [router, epoch] = router_relay();
    std::cout << "[cluster] after " << fault << ": router relay " << router << " (epoch " << epoch << "); " << acknowledged << " acknowledged messages, each stored once and received; "
              << redelivered << " redeliveries dropped by id; " << conversations << " conversations, each with one agent; "
              << reconnections << " connections so far; recovered in "
              << std::chrono::duration_cast<std::chrono::milliseconds>(recovery).count() << " ms\n";
  }

  std::unique_ptr<PostgresServer> postgres_;
  std::unique_ptr<NatsServer> nats_;
  std::string dir_;
  std::vector<std::uint16_t> ports_;
  std::vector<Child> relays_;
  std::vector<std::unique_ptr<Member>> members_;
  std::map<std::string, std::string> conversation_of_;   // message id -> conversation
  std::map<std::string, std::string> owner_of_;          // conversation -> visitor name
  std::map<std::string, std::string> assigned_;          // conversation -> agent at the start
  int status_count_ = 0;
};

TEST_F(ClusterProcessTest, EveryAcknowledgedMessageSurvivesEachFaultExactlyOnceWithOneAgentPerConversation) {
  EXPECT_TRUE(every_health_is(200, 10000ms)) << "every relay serves once a router is elected";
  auto deadline = Clock::now() + kRecovery;
  // Agents first (a conversation started before any agent is online waits in the queue).
  for (std::size_t i = 0; i < kAgents.size(); ++i) ASSERT_TRUE(reconnect(add(kAgents[i], true, static_cast<int>(i) % kRelays), deadline));
  for (auto& member : members_) ASSERT_TRUE(settle(*member, deadline)) << member->name;
  for (int v = 0; v < kVisitors; ++v) {
    Member& visitor = add("v" + std::to_string(v), false, v % kRelays);
    ASSERT_TRUE(reconnect(visitor, deadline)) << visitor.name;
    std::string conversation = "c-" + visitor.name;
    owner_of_[conversation] = visitor.name;
    send(visitor, {{"type", "visitor.hello"}, {"id", "hello-" + visitor.name}});
    send(visitor, conversation_start("start-" + visitor.name, conversation));
    ASSERT_TRUE(settle(visitor, deadline)) << visitor.name;
  }
  // Every conversation reaches one agent: the visitor is told who, that agent gets it.
  for (auto& visitor : members_) {
    if (visitor->agent) continue;
    ASSERT_TRUE(pump_until(*visitor, [&] { return !visitor->joined_agent.empty(); }, deadline)) << visitor->name;
    std::string conversation = "c-" + visitor->name;
    auto agent = std::find_if(members_.begin(), members_.end(), [&](auto& m) { return m->agent && m->name == visitor->joined_agent; });
    ASSERT_NE(agent, members_.end()) << visitor->joined_agent;
    ASSERT_TRUE(pump_until(**agent, [&] { return (*agent)->conversations.count(conversation) > 0; }, deadline));
    assigned_[conversation] = (*agent)->name;
  }
  ASSERT_EQ(assigned_.size(), static_cast<std::size_t>(kVisitors)) << "every conversation assigned once the agents are online";
  exchange("before", true);
  expect_everything_received(Clock::now() + kRecovery);
  check_store_and_print("start", 0s);

  struct Fault {
    std::string name;
    std::function<void()> inject;
  };
  std::vector<Fault> faults = {
      {"kill -9 of a relay that is not the router, then its restart", [&] {
         int router = router_relay().first;
         ASSERT_GE(router, 0) << "no relay said it is the router";
         int other = (router + 1) % kRelays;
         stop_relay(other, SIGKILL);
         std::this_thread::sleep_for(1s);
         ASSERT_TRUE(start_relay(other)) << stderr_of(other);
       }},
      {"kill -9 of the router relay, then its restart", [&] {
         int router = router_relay().first;
         ASSERT_GE(router, 0) << "no relay said it is the router";
         stop_relay(router, SIGKILL);
         std::this_thread::sleep_for(1s);
         ASSERT_TRUE(start_relay(router)) << stderr_of(router);
       }},
      {"NATS down for 5 s", [&] {
         nats_->kill_now();
         auto killed = Clock::now();
         EXPECT_TRUE(every_health_is(503, 4000ms)) << "without the bus no relay can serve: load balancers are told";
         std::this_thread::sleep_until(killed + 5s);
         ASSERT_EQ(nats_->start_again(), "");
       }},
      {"a PostgreSQL restart", [&] {
         ASSERT_TRUE(postgres_->shut_down());
         ASSERT_EQ(postgres_->start_again(), "");
       }},
  };
  int round = 0;
  for (auto& fault : faults) {
    SCOPED_TRACE(fault.name);
    ++round;
    long long epoch_before = router_relay().second;
    // In flight when the fault strikes: sent, not waited for.
    exchange("inflight" + std::to_string(round), false);
    auto started = Clock::now();
    fault.inject();
    if (HasFatalFailure()) return;
    settle_all(Clock::now() + kRecovery);
    auto recovery = Clock::now() - started;
    exchange("after" + std::to_string(round), true);
    expect_everything_received(Clock::now() + kRecovery);
    check_store_and_print(fault.name, recovery);
    // The router died, or its database session did: another election. A gateway's death or
    // NATS's does not touch the lease: the same router serves on.
    if (round == 2 || round == 4) EXPECT_GT(router_relay().second, epoch_before) << "a new router epoch";
    else EXPECT_EQ(router_relay().second, epoch_before) << "the router kept its epoch";
    if (HasFailure()) return;
  }
  // SIGTERM: each relay closes its connections (the router role ends, the lease is freed) and exits 0.
  for (auto& member : members_) member->peer.close();
  for (int i = 0; i < kRelays; ++i) EXPECT_EQ(stop_relay(i, SIGTERM), 0) << "relay " << i;
}

}  // namespace

#endif  // PARLEY_RELAY_BINARY
