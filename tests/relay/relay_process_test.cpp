// parley-relay as a process (PARLEY_RELAY_BINARY): started on 127.0.0.1:0 with a config and a
// SQLite file in a temporary folder (or a PostgreSQL schema on the test server), driven over real
// WebSockets, killed with SIGKILL mid-conversation and restarted on the same store. Every wait is
// bounded; every process is stopped by its pid.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "postgres_server.hpp"
#include "relay/credentials.hpp"
#include "relay/postgres_store.hpp"
#include "relay/sqlite_store.hpp"
#include "relay_process_support.hpp"
#include "ws_test_client.hpp"

#ifdef PARLEY_RELAY_BINARY

namespace {

using namespace parley::relay::testing;
namespace fs = std::filesystem;

constexpr const char* kAgentToken = "process-test-token-alex";

// --- the fixture ---------------------------------------------------------------------------------

class RelayProcessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/parley-relay-test-XXXXXX";
    ASSERT_NE(mkdtemp(pattern), nullptr);
    dir_ = pattern;
    config_file_ = dir_ + "/relay.json";
    stderr_file_ = dir_ + "/relay.stderr";
    Json config = {
        {"listen", "127.0.0.1:8090"},   // --listen 127.0.0.1:0 overrides it (the config asks for a real port)
        {"store", {{"kind", "sqlite"}, {"path", "relay.db"}}},
        {"retentionDays", 30},
        {"origins", {kAllowedOrigin}},
        {"identityKey", "process-test identity key, 32 bytes or more"},
        {"agents", {{{"id", "alex"}, {"name", "Alex"}, {"tokenSha256", parley::relay::sha256_hex(kAgentToken)}, {"maxChats", 3}}}},
    };
    std::ofstream(config_file_) << config.dump(2);
  }

  void TearDown() override {
    if (relay_.pid > 0) {
      kill(relay_.pid, SIGKILL);
      wait_exit(relay_.pid, 2000ms);
    }
    if (relay_.stdout_fd >= 0) close(relay_.stdout_fd);
    if (HasFailure()) {
      std::ifstream log(stderr_file_);
      std::cerr << "relay stderr:\n" << log.rdbuf() << "\n";
    }
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }

  // Starts the relay and returns its port (0 when it did not say it listens within 10 s).
  std::uint16_t start_relay(const std::vector<std::string>& extra_args = {}) {
    std::vector<std::string> argv{PARLEY_RELAY_BINARY, "--config", config_file_, "--listen", "127.0.0.1:0"};
    argv.insert(argv.end(), extra_args.begin(), extra_args.end());
    relay_ = spawn(argv, stderr_file_);
    if (relay_.pid <= 0) return 0;
    std::string line = read_until(relay_.stdout_fd, 10000ms, [](const std::string& text) {
      return text.find('\n') != std::string::npos;
    });
    const std::string prefix = "parley-relay listening on ws://127.0.0.1:";
    if (line.rfind(prefix, 0) != 0) return 0;
    return static_cast<std::uint16_t>(std::atoi(line.c_str() + prefix.size()));
  }

  // Ends the relay with `signal` and returns its exit status (nullopt: it did not end in 5 s).
  std::optional<int> stop_relay(int signal) {
    kill(relay_.pid, signal);
    auto code = wait_exit(relay_.pid, 5000ms);
    if (!code) {
      kill(relay_.pid, SIGKILL);
      wait_exit(relay_.pid, 2000ms);
    }
    close(relay_.stdout_fd);
    relay_ = {};
    return code;
  }

  // Rewrites the config with `change` applied (before start_relay).
  void change_config(const std::function<void(Json&)>& change) {
    std::ifstream in(config_file_);
    Json config = Json::parse(in);
    change(config);
    std::ofstream(config_file_) << config.dump(2);
  }

  // The store the relay used, opened beside it (the config's kind).
  std::unique_ptr<parley::relay::Store> open_store() {
    auto opened = postgres_url_.empty() ? parley::relay::open_sqlite_store(dir_ + "/relay.db")
                                        : parley::relay::open_postgres_store(postgres_url_);
    auto* store = std::get_if<std::unique_ptr<parley::relay::Store>>(&opened);
    return store ? std::move(*store) : nullptr;
  }

  std::string dir_, config_file_, stderr_file_;
  std::string postgres_url_;   // "" for SQLite
  Child relay_;
};

// The tests about what the relay stores run against each store.kind: SQLite, and PostgreSQL in
// a fresh schema of the test process's server (postgres_server.hpp).
class RelayStoreProcessTest : public RelayProcessTest, public ::testing::WithParamInterface<std::string> {
 protected:
  void SetUp() override {
    RelayProcessTest::SetUp();
    if (GetParam() != "postgresql") return;
    std::string error;
    auto* server = parley::relay::testing::shared_postgres_server(error);
    ASSERT_NE(server, nullptr) << error;
    postgres_url_ = server->fresh_store_url(error);
    ASSERT_FALSE(postgres_url_.empty()) << error;
    change_config([&](Json& config) { config["store"] = {{"kind", "postgresql"}, {"url", postgres_url_}}; });
  }
};

INSTANTIATE_TEST_SUITE_P(StoreKind, RelayStoreProcessTest, ::testing::Values("sqlite", "postgresql"),
                         [](const ::testing::TestParamInfo<std::string>& info) { return info.param; });

// Agent signed in and taking chats.
bool sign_in_agent(Peer& agent, std::uint16_t port, bool set_status) {
  if (!agent.open(port, "/agent")) return false;
  if (!agent.send(Json{{"v", 1}, {"kind", "hello"}, {"from", "agent"}, {"token", kAgentToken}})) return false;
  if (!agent.await_kind("welcome")) return false;
  if (!set_status) return true;
  return agent.send_acknowledged({{"type", "agent.status"}, {"id", "a-status-" + std::to_string(port)}, {"chat", true}, {"video", false}});
}

// The welcome of a visitor hello (with `identity`, or a new identity when "").
std::optional<Json> greet_visitor(Peer& visitor, std::uint16_t port, const std::string& identity) {
  if (!visitor.open(port, "/visitor")) return std::nullopt;
  Json hello = {{"v", 1}, {"kind", "hello"}, {"from", "visitor"}};
  if (!identity.empty()) hello["identity"] = identity;
  if (!visitor.send(hello)) return std::nullopt;
  return visitor.await_kind("welcome");
}

// --- tests -----------------------------------------------------------------------------------------

TEST_P(RelayStoreProcessTest, AcknowledgedMessagesSurviveSigkillAndArriveExactlyOnce) {
  std::map<std::string, int> agent_got, visitor_got;
  Peer agent("agent", agent_got), visitor("visitor", visitor_got);

  std::uint16_t port = start_relay();
  ASSERT_NE(port, 0);
  ASSERT_TRUE(sign_in_agent(agent, port, true));
  auto welcome = greet_visitor(visitor, port, "");
  ASSERT_TRUE(welcome);
  const std::string identity = string_at(*welcome, "identity");
  const std::string visitor_id = string_at(*welcome, "visitorId");
  ASSERT_FALSE(identity.empty());

  // A conversation both ways while everyone is connected.
  ASSERT_TRUE(visitor.send_acknowledged({{"type", "visitor.hello"}, {"id", "v-hello"}}));
  ASSERT_TRUE(visitor.send_acknowledged(conversation_start("v-1", "c-1")));
  ASSERT_TRUE(visitor.await_msg("agent.joined"));
  ASSERT_TRUE(agent.await_msg("conversation.assigned"));
  ASSERT_TRUE(visitor.send_acknowledged(visitor_message("v-2", "c-1", "Hello, I have a question")));
  ASSERT_TRUE(agent.await_msg("visitor.message", "v-2"));
  // The agent's ack of v-2 went before a-1: a-1's ack means both are committed.
  ASSERT_TRUE(agent.send_acknowledged(agent_message("a-1", "c-1", "Hi, how can I help?")));
  ASSERT_TRUE(visitor.await_msg("agent.message", "a-1"));

  // The visitor leaves; the agent answers anyway (pending for the visitor), then leaves too.
  visitor.close();
  ASSERT_TRUE(agent.send_acknowledged(agent_message("a-2", "c-1", "Are you still there?")));
  agent.close();

  // The visitor comes back under its identity, gets a-2, writes twice to the absent agent.
  welcome = greet_visitor(visitor, port, identity);
  ASSERT_TRUE(welcome);
  EXPECT_EQ(string_at(*welcome, "visitorId"), visitor_id);
  ASSERT_TRUE(visitor.await_msg("agent.message", "a-2"));
  ASSERT_TRUE(visitor.send_acknowledged(visitor_message("v-3", "c-1", "Yes, still here")));
  ASSERT_TRUE(visitor.send_acknowledged(visitor_message("v-4", "c-1", "My order is late")));

  // The relay dies without a chance to flush anything.
  ASSERT_EQ(stop_relay(SIGKILL), 128 + SIGKILL);
  visitor.close();

  port = start_relay();
  ASSERT_NE(port, 0);
  ASSERT_TRUE(sign_in_agent(agent, port, false));
  ASSERT_TRUE(agent.await_msg("visitor.message", "v-3"));
  ASSERT_TRUE(agent.await_msg("visitor.message", "v-4"));
  ASSERT_TRUE(agent.send_acknowledged(agent_message("a-3", "c-1", "Let me check")));
  welcome = greet_visitor(visitor, port, identity);
  ASSERT_TRUE(welcome);
  EXPECT_EQ(string_at(*welcome, "visitorId"), visitor_id);
  ASSERT_TRUE(visitor.await_msg("agent.message", "a-3"));
  // One more each way: whatever was still owed would have come before these.
  ASSERT_TRUE(visitor.send_acknowledged(visitor_message("v-5", "c-1", "Thanks")));
  ASSERT_TRUE(agent.await_msg("visitor.message", "v-5"));
  ASSERT_TRUE(agent.send_acknowledged(agent_message("a-4", "c-1", "It ships tomorrow")));
  ASSERT_TRUE(visitor.await_msg("agent.message", "a-4"));
  agent.close();
  visitor.close();
  EXPECT_EQ(stop_relay(SIGTERM), 0);

  for (const char* id : {"v-2", "v-3", "v-4", "v-5"}) {
    EXPECT_EQ(agent_got[std::string("visitor.message:") + id], 1) << id;
  }
  for (const char* id : {"a-1", "a-2", "a-3", "a-4"}) {
    EXPECT_EQ(visitor_got[std::string("agent.message:") + id], 1) << id;
  }

  auto store = open_store();
  ASSERT_TRUE(store);
  auto messages = store->messages("c-1");
  ASSERT_TRUE(std::holds_alternative<std::vector<parley::relay::MessageRecord>>(messages));
  std::map<std::string, int> stored;
  for (const auto& message : std::get<std::vector<parley::relay::MessageRecord>>(messages)) ++stored[message.id];
  for (const char* id : {"v-2", "v-3", "v-4", "v-5", "a-1", "a-2", "a-3", "a-4"}) {
    EXPECT_EQ(stored[id], 1) << id;
  }
}

// --threads N: sessions read and write on N threads while the router stays on one strand. Eight
// visitors on eight client threads write at once; the agent gets every message once, and each
// conversation's in the order it was sent.
TEST_F(RelayProcessTest, WithFourThreadsConcurrentVisitorsArriveOnceAndInOrder) {
  static constexpr int kVisitors = 8, kMessages = 40;
  change_config([](Json& config) {
    config["agents"][0]["maxChats"] = kVisitors;
    config["limits"] = {{"visitorRate", {{"perSecond", 1000}, {"burst", 1000}}},
                        {"agentRate", {{"perSecond", 10000}, {"burst", 10000}}}};
  });
  std::uint16_t port = start_relay({"--threads", "4"});
  ASSERT_NE(port, 0);
  // Four io_context threads and the commit thread, at least (started just after "listening").
  auto thread_count = [&] {
    return std::distance(fs::directory_iterator("/proc/" + std::to_string(relay_.pid) + "/task"), fs::directory_iterator());
  };
  for (int i = 0; i < 200 && thread_count() < 5; ++i) std::this_thread::sleep_for(10ms);
  EXPECT_GE(thread_count(), 5);
  std::map<std::string, int> agent_got;
  Peer agent("agent", agent_got);
  ASSERT_TRUE(sign_in_agent(agent, port, true));

  std::vector<int> visitor_ok(kVisitors, 0);
  std::vector<std::thread> visitors;
  for (int v = 0; v < kVisitors; ++v) {
    visitors.emplace_back([&, v] {
      std::map<std::string, int> got;
      Peer visitor("visitor", got);
      const std::string conversation = "c-" + std::to_string(v);
      if (!greet_visitor(visitor, port, "")) return;
      if (!visitor.send_acknowledged(conversation_start("start-" + std::to_string(v), conversation))) return;
      // Pipelined: all sent, then all acknowledged.
      for (int m = 0; m < kMessages; ++m) {
        std::string id = "v" + std::to_string(v) + "-" + std::to_string(m);
        if (!visitor.send_msg(visitor_message(id, conversation, "message " + std::to_string(m)))) return;
      }
      for (int m = 0; m < kMessages; ++m)
        if (!visitor.await_ack("v" + std::to_string(v) + "-" + std::to_string(m))) return;
      visitor_ok[static_cast<std::size_t>(v)] = 1;
      visitor.close();
    });
  }
  // The agent reads on this thread meanwhile: every visitor.message, in arrival order.
  std::map<std::string, std::vector<std::string>> arrived;   // conversation -> message ids
  int received = 0;
  auto done = agent.await([&](const Json& frame) {
    if (string_at(frame, "kind") == "msg" && string_at(frame["body"], "type") == "visitor.message") {
      arrived[string_at(frame["body"], "conversationId")].push_back(string_at(frame["body"], "id"));
      ++received;
    }
    return received == kVisitors * kMessages;
  }, 30000ms);
  for (auto& thread : visitors) thread.join();
  ASSERT_TRUE(done) << received << " of " << kVisitors * kMessages << " messages reached the agent";
  for (int v = 0; v < kVisitors; ++v) {
    EXPECT_TRUE(visitor_ok[static_cast<std::size_t>(v)]) << "visitor " << v << " had every message acknowledged";
    std::vector<std::string> expected;
    for (int m = 0; m < kMessages; ++m) expected.push_back("v" + std::to_string(v) + "-" + std::to_string(m));
    EXPECT_EQ(arrived["c-" + std::to_string(v)], expected) << "conversation c-" << v;
  }
  for (const auto& [receipt, count] : agent_got)
    if (receipt.rfind("visitor.message:", 0) == 0) EXPECT_EQ(count, 1) << receipt;
  agent.close();
  EXPECT_EQ(stop_relay(SIGTERM), 0);
}

TEST_F(RelayProcessTest, HealthAnswersOkAndUnknownPathsAre404) {
  std::uint16_t port = start_relay();
  ASSERT_NE(port, 0);
  auto [status, body] = parley::relay::testing::http_get(port, "/health");
  EXPECT_EQ(status, 200);
  EXPECT_EQ(body.substr(0, 2), "ok");
  EXPECT_EQ(parley::relay::testing::http_get(port, "/elsewhere").first, 404);
  EXPECT_EQ(stop_relay(SIGTERM), 0);
}

TEST_F(RelayProcessTest, UpgradeFromAnOriginNotAllowedIs403) {
  std::uint16_t port = start_relay();
  ASSERT_NE(port, 0);
  WsTestClient foreign;
  auto opened = foreign.open(port, "/visitor", "https://elsewhere.test");
  EXPECT_FALSE(opened.upgraded);
  EXPECT_EQ(opened.http_status, 403);
  WsTestClient allowed;
  EXPECT_TRUE(allowed.open(port, "/agent", kAllowedOrigin).upgraded);
  allowed.close();
  EXPECT_EQ(stop_relay(SIGTERM), 0);
}

TEST_F(RelayProcessTest, FrameOver64KiBClosesWith1009AndTheRelayGoesOn) {
  std::uint16_t port = start_relay();
  ASSERT_NE(port, 0);
  std::map<std::string, int> got;
  Peer visitor("visitor", got);
  ASSERT_TRUE(greet_visitor(visitor, port, ""));
  visitor.client().send(std::string(70 * 1024, 'x'));   // may fail: the relay closes at the header
  EXPECT_FALSE(visitor.client().read(kStep));
  EXPECT_EQ(visitor.client().close_code(), 1009) << visitor.client().last_error();
  visitor.close();
  // The relay forgot that connection and serves the next one.
  Peer next("visitor", got);
  ASSERT_TRUE(greet_visitor(next, port, ""));
  EXPECT_TRUE(next.send_acknowledged({{"type", "visitor.hello"}, {"id", "v-after"}}));
  next.close();
  EXPECT_EQ(stop_relay(SIGTERM), 0);
}

TEST_P(RelayStoreProcessTest, ForgetDeletesAVisitorsConversation) {
  std::uint16_t port = start_relay();
  ASSERT_NE(port, 0);
  std::map<std::string, int> got;
  Peer visitor("visitor", got);
  auto welcome = greet_visitor(visitor, port, "");
  ASSERT_TRUE(welcome);
  ASSERT_TRUE(visitor.send_acknowledged(conversation_start("f-1", "c-forget")));
  ASSERT_TRUE(visitor.send_acknowledged(visitor_message("f-2", "c-forget", "Please forget me")));
  visitor.close();
  ASSERT_EQ(stop_relay(SIGTERM), 0);

  auto [code, out] = run_command({PARLEY_RELAY_BINARY, "forget", string_at(*welcome, "visitorId"), "--config", config_file_},
                                 stderr_file_);
  EXPECT_EQ(code, 0);
  EXPECT_NE(out.find("1 conversations"), std::string::npos) << out;

  auto store = open_store();
  ASSERT_TRUE(store);
  auto messages = store->messages("c-forget");
  ASSERT_TRUE(std::holds_alternative<std::vector<parley::relay::MessageRecord>>(messages));
  EXPECT_TRUE(std::get<std::vector<parley::relay::MessageRecord>>(messages).empty());
}

TEST_P(RelayStoreProcessTest, PruneRunsOnTheConfiguredStore) {
  auto [code, out] = run_command({PARLEY_RELAY_BINARY, "prune", "--config", config_file_}, stderr_file_);
  EXPECT_EQ(code, 0);
  EXPECT_EQ(out, "pruned: 0 conversations, 0 messages, 0 deliveries\n");
}

TEST_F(RelayProcessTest, AStoreThatCannotOpenStopsTheRelayWithoutPrintingTheUrl) {
  change_config([](Json& config) {
    config["store"] = {{"kind", "postgresql"}, {"url", "postgresql://relay:s3cret@127.0.0.1:1/parley"}};
  });
  auto [code, out] = run_command({PARLEY_RELAY_BINARY, "--config", config_file_}, stderr_file_);
  EXPECT_EQ(code, 1);
  std::ifstream log(stderr_file_);
  std::string printed((std::istreambuf_iterator<char>(log)), std::istreambuf_iterator<char>());
  EXPECT_NE(printed.find("postgresql: open:"), std::string::npos) << printed;
  EXPECT_EQ(printed.find("s3cret"), std::string::npos) << printed;
}

TEST_F(RelayProcessTest, CommandLineHashTokenAndErrors) {
  auto [code, out] = run_command({PARLEY_RELAY_BINARY, "hash-token", kAgentToken}, stderr_file_);
  EXPECT_EQ(code, 0);
  EXPECT_EQ(out, parley::relay::sha256_hex(kAgentToken) + "\n");
  EXPECT_EQ(run_command({PARLEY_RELAY_BINARY, "--bogus"}, stderr_file_).first, 2);
  std::ofstream(config_file_) << R"({"listen": 5})";
  EXPECT_EQ(run_command({PARLEY_RELAY_BINARY, "--config", config_file_}, stderr_file_).first, 2);
}

}  // namespace

#endif  // PARLEY_RELAY_BINARY
