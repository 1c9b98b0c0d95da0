// What only the PostgreSQL store promises, beyond the Store contract (store_contract_test.cpp):
// the schema version and refusal of newer databases, relays of a cluster starting at once, errors
// as values (unreachable server, missing database, a held lock, text PostgreSQL cannot hold), and
// a server restart as an ordinary event: at most one failed call, nothing committed lost.
//
// Every test gets a fresh schema on the process's throwaway server (postgres_server.hpp); the
// restart tests a server of their own.
#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <chrono>
#include <latch>
#include <memory>
#include <string>
#include <thread>
#include <variant>
#include <vector>

#include "postgres_server.hpp"
#include "relay/postgres_store.hpp"

namespace parley::relay {
namespace {

using Rows = std::vector<std::string>;

ConversationRecord conversation(const std::string& id, const std::string& visitor_id) {
  ConversationRecord record;
  record.id = id;
  record.visitor_id = visitor_id;
  record.channel = "chat";
  record.status = ConversationStatus::assigned;
  record.agent_id = "alex";
  record.start_json = "{}";
  return record;
}

std::vector<StoreWrite> numbered_message(int number) {
  std::string id = "m-" + std::to_string(number);
  return {AppendMessage{MessageRecord{"c1", "visitor", id, R"({"type":"visitor.message","id":")" + id + R"("})", double(number)}},
          PutDelivery{DeliveryRecord{"agent:alex", id, R"({"conversationId":"c1"})", double(number)}}};
}

Rows ids_of(const std::vector<MessageRecord>& messages) {
  Rows ids;
  for (const auto& message : messages) ids.push_back(message.id);
  return ids;
}

class PostgresStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string error;
    server_ = testing::shared_postgres_server(error);
    ASSERT_NE(server_, nullptr) << error;
    url_ = server_->fresh_store_url(error);
    ASSERT_FALSE(url_.empty()) << error;
  }

  std::unique_ptr<Store> open_or_fail(PostgresOptions options = {}) {
    auto opened = open_postgres_store(url_, options);
    if (auto* error = std::get_if<StoreError>(&opened)) {
      ADD_FAILURE() << error->code << ": " << error->message;
      return nullptr;
    }
    return std::move(std::get<std::unique_ptr<Store>>(opened));
  }

  StoreError open_error(const std::string& url) {
    auto opened = open_postgres_store(url, PostgresOptions{2, 5000});
    EXPECT_TRUE(std::holds_alternative<StoreError>(opened));
    return std::holds_alternative<StoreError>(opened) ? std::get<StoreError>(opened) : StoreError{};
  }

  Rows query(const std::string& sql) { return testing::query_column(url_, sql); }

  Rows stored_messages(Store& store) {
    auto read = store.messages("c1");
    EXPECT_TRUE(std::holds_alternative<std::vector<MessageRecord>>(read)) << std::get<StoreError>(read).message;
    return std::holds_alternative<std::vector<MessageRecord>>(read) ? ids_of(std::get<std::vector<MessageRecord>>(read))
                                                                    : Rows{};
  }

  testing::PostgresServer* server_ = nullptr;
  std::string url_;
};

// --- schema ------------------------------------------------------------------------------------

TEST_F(PostgresStoreTest, TheSchemaVersionIsRecorded) {
  auto store = open_or_fail();
  Rows versions;
  for (int version = 1; version <= kPostgresSchemaVersion; ++version) versions.push_back(std::to_string(version));
  EXPECT_EQ(query("SELECT version FROM parley_schema ORDER BY version"), versions) << "each migration, in order";
  EXPECT_EQ(query("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"),
            (Rows{"conversations", "deliveries", "messages", "parley_leader", "parley_schema", "visitors"}));
}

TEST_F(PostgresStoreTest, OpeningAgainDoesNotMigrateAgain) {
  { auto first = open_or_fail(); }
  Rows applied = query("SELECT applied_at FROM parley_schema");
  auto second = open_or_fail();
  EXPECT_NE(second, nullptr);
  EXPECT_EQ(query("SELECT applied_at FROM parley_schema"), applied);
}

TEST_F(PostgresStoreTest, ADatabaseFromANewerRelayIsRefusedWithAClearErrorAndLeftAlone) {
  { auto store = open_or_fail(); }
  query("INSERT INTO parley_schema (version) VALUES (99)");
  StoreError error = open_error(url_);
  EXPECT_EQ(error.code, "schema");
  EXPECT_NE(error.message.find("99"), std::string::npos) << error.message;
  EXPECT_NE(error.message.find("newer"), std::string::npos) << error.message;
  EXPECT_EQ(query("SELECT max(version) FROM parley_schema"), Rows{"99"});
  EXPECT_EQ(query("SELECT count(*) FROM pg_tables WHERE tablename = 'messages' AND schemaname = current_schema()"), Rows{"1"});
}

TEST_F(PostgresStoreTest, ThreeRelaysStartingAtOnceOnANewDatabaseMigrateItOnce) {
  constexpr int kRelays = 3;
  std::latch start(kRelays);
  std::vector<std::variant<std::unique_ptr<Store>, StoreError>> opened(kRelays);
  std::vector<std::thread> relays;
  for (int i = 0; i < kRelays; ++i) {
    relays.emplace_back([&, i] {
      start.arrive_and_wait();   // all three connect and migrate at the same moment
      opened[i] = open_postgres_store(url_);
    });
  }
  for (auto& relay : relays) relay.join();

  for (int i = 0; i < kRelays; ++i) {
    ASSERT_TRUE(std::holds_alternative<std::unique_ptr<Store>>(opened[i]))
        << "relay " << i << ": " << std::get<StoreError>(opened[i]).message;
  }
  EXPECT_EQ(query("SELECT count(*) FROM parley_schema"), Rows{std::to_string(kPostgresSchemaVersion)}) << "each migration once";
  // And each of them can write: the schema is whole.
  for (int i = 0; i < kRelays; ++i) {
    auto& store = std::get<std::unique_ptr<Store>>(opened[i]);
    EXPECT_FALSE(store->apply(std::vector<StoreWrite>{TouchVisitor{"v" + std::to_string(i), 1}}));
  }
  EXPECT_EQ(query("SELECT count(*) FROM visitors"), Rows{"3"});
}

// --- errors as values --------------------------------------------------------------------------

TEST_F(PostgresStoreTest, AServerNobodyListensOnIsAnOpenError) {
  auto started = std::chrono::steady_clock::now();
  StoreError error = open_error("postgresql://parley@127.0.0.1:1/parley");
  EXPECT_EQ(error.code, "open") << error.message;
  EXPECT_NE(error.message.find("connecting"), std::string::npos) << error.message;
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5));
}

TEST_F(PostgresStoreTest, AMissingDatabaseIsAnOpenError) {
  StoreError error = open_error(server_->url("no_such_database"));
  EXPECT_EQ(error.code, "open");
  EXPECT_NE(error.message.find("no_such_database"), std::string::npos) << error.message;
}

TEST_F(PostgresStoreTest, ATableLockedByAnotherSessionIsABusyErrorAndNothingIsWritten) {
  auto store = open_or_fail(PostgresOptions{10, 100});
  ASSERT_NE(store, nullptr);
  PGconn* other = PQconnectdb(url_.c_str());
  ASSERT_EQ(PQstatus(other), CONNECTION_OK) << PQerrorMessage(other);
  PQclear(PQexec(other, "BEGIN"));
  PGresult* locked = PQexec(other, "LOCK TABLE visitors IN ACCESS EXCLUSIVE MODE");
  EXPECT_EQ(PQresultStatus(locked), PGRES_COMMAND_OK) << PQerrorMessage(other);
  PQclear(locked);

  auto error = store->apply(std::vector<StoreWrite>{PutConversation{conversation("c1", "v1")}, TouchVisitor{"v1", 1}});
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->code, "busy") << error->message;

  PQclear(PQexec(other, "ROLLBACK"));
  PQfinish(other);
  EXPECT_EQ(query("SELECT count(*) FROM conversations"), Rows{"0"});   // the whole apply, not a part
  EXPECT_FALSE(store->apply(std::vector<StoreWrite>{TouchVisitor{"v1", 1}}));  // and it recovers
}

TEST_F(PostgresStoreTest, TextWithANulBytePostgresqlCannotHoldIsRefusedNotCutShort) {
  auto store = open_or_fail();
  ASSERT_NE(store, nullptr);
  ConversationRecord record = conversation("c1", "v1");
  record.start_json = std::string("{\"a\":\"x", 7) + '\0' + "y\"}";
  auto error = store->apply(std::vector<StoreWrite>{PutConversation{record}});
  ASSERT_TRUE(error.has_value());
  EXPECT_NE(error->message.find("NUL"), std::string::npos) << error->message;
  EXPECT_EQ(query("SELECT count(*) FROM conversations"), Rows{"0"});
  EXPECT_FALSE(store->apply(std::vector<StoreWrite>{PutConversation{conversation("c1", "v1")}}));
}

TEST_F(PostgresStoreTest, TimesReadBackExactlyEvenWhereTheServerRoundsFloatsForDisplay) {
  url_ += "%20-cextra_float_digits%3D0";   // as an old client's setting would: 15 significant digits
  auto store = open_or_fail();
  ASSERT_NE(store, nullptr);
  ConversationRecord record = conversation("c1", "v1");
  record.created_ms = 1733148723123.4567;   // 17 significant digits
  record.updated_ms = 0.1 + 0.2;
  ASSERT_FALSE(store->apply(std::vector<StoreWrite>{PutConversation{record}}));
  auto loaded = store->load(0);
  ASSERT_TRUE(std::holds_alternative<Snapshot>(loaded));
  ASSERT_EQ(std::get<Snapshot>(loaded).conversations.size(), 1u);
  EXPECT_EQ(std::get<Snapshot>(loaded).conversations[0].created_ms, record.created_ms);
  EXPECT_EQ(std::get<Snapshot>(loaded).conversations[0].updated_ms, record.updated_ms);
}

// --- the server restarting -----------------------------------------------------------------------

// Each restart test has a server of its own, so restarting it disturbs no other test (and its
// shutdown checkpoint covers one test's writes, not every test's).
// The store lives in the server's own `postgres` database: the cluster is as fresh as it.
class PostgresRestartTest : public PostgresStoreTest {
 protected:
  void SetUp() override {
    std::string error;
    own_server_ = testing::PostgresServer::start(error);
    ASSERT_NE(own_server_, nullptr) << error;
    server_ = own_server_.get();
    url_ = server_->url("postgres");
  }

  // A store holding conversation c1 and its first message, committed.
  std::unique_ptr<Store> store_with_a_message() {
    auto store = open_or_fail();
    if (store == nullptr) return nullptr;
    EXPECT_FALSE(store->apply(std::vector<StoreWrite>{PutConversation{conversation("c1", "v1")}}));
    EXPECT_FALSE(store->apply(numbered_message(0)));
    return store;
  }

  std::unique_ptr<testing::PostgresServer> own_server_;
};

// Applies message `number` until it succeeds; how many calls failed (each must be "io").
int failures_until_applied(Store& store, int number) {
  int failures = 0;
  while (failures < 3) {
    auto error = store.apply(numbered_message(number));
    if (!error) break;
    EXPECT_EQ(error->code, "io") << error->message;
    ++failures;
  }
  return failures;
}

TEST_F(PostgresRestartTest, ARestartBetweenTwoAppliesCostsAtMostOneFailedCallAndLosesNothingCommitted) {
  auto store = store_with_a_message();
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(server_->shut_down());
  ASSERT_EQ(server_->start_again(), "");

  EXPECT_LE(failures_until_applied(*store, 1), 1);
  EXPECT_EQ(stored_messages(*store), (Rows{"m-0", "m-1"}));
  auto loaded = store->load(0);
  ASSERT_TRUE(std::holds_alternative<Snapshot>(loaded));
  EXPECT_EQ(std::get<Snapshot>(loaded).deliveries.size(), 2u);
  // A relay starting now finds the same.
  auto reopened = open_or_fail();
  ASSERT_NE(reopened, nullptr);
  EXPECT_EQ(stored_messages(*reopened), (Rows{"m-0", "m-1"}));
}

TEST_F(PostgresRestartTest, WhileTheServerIsDownEveryCallIsAnIoErrorSoonAndTheStoreComesBack) {
  auto store = store_with_a_message();
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(server_->shut_down());
  auto started = std::chrono::steady_clock::now();
  auto applied = store->apply(numbered_message(1));
  ASSERT_TRUE(applied.has_value());
  EXPECT_EQ(applied->code, "io") << applied->message;
  auto read = store->messages("c1");
  ASSERT_TRUE(std::holds_alternative<StoreError>(read));
  EXPECT_EQ(std::get<StoreError>(read).code, "io");
  auto loaded = store->load(0);
  ASSERT_TRUE(std::holds_alternative<StoreError>(loaded));
  EXPECT_EQ(std::get<StoreError>(loaded).code, "io");
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5));   // refused, not hung
  ASSERT_EQ(server_->start_again(), "");

  EXPECT_LE(failures_until_applied(*store, 1), 1);
  EXPECT_EQ(stored_messages(*store), (Rows{"m-0", "m-1"}));
}

}  // namespace
}  // namespace parley::relay
