// What only the SQLite store promises, beyond the Store contract (store_contract_test.cpp):
// WAL mode, the schema version and refusal of newer files, errors as values for bad files, a
// busy lock, and durability across a SIGKILL right after apply() returns.
#include <gtest/gtest.h>

#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "relay/sqlite_store.hpp"
#include "temp_dir.hpp"

namespace parley::relay {
namespace {

// Each test's folder: parley-sqlite-test-<random>.
struct TempDir : testing::TempDir {
  TempDir() : testing::TempDir("parley-sqlite-test-") {}
};

std::unique_ptr<Store> open_or_fail(const std::string& path, SqliteOptions options = {}) {
  auto opened = open_sqlite_store(path, options);
  if (auto* error = std::get_if<StoreError>(&opened)) {
    ADD_FAILURE() << error->code << ": " << error->message;
    return nullptr;
  }
  return std::move(std::get<std::unique_ptr<Store>>(opened));
}

// A read on the file through a second, plain SQLite connection: what is really on disk.
std::string query_text(const std::string& path, const char* sql) {
  sqlite3* db = nullptr;
  std::string out;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK) {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &statement, nullptr) == SQLITE_OK && sqlite3_step(statement) == SQLITE_ROW) {
      const unsigned char* text = sqlite3_column_text(statement, 0);
      if (text != nullptr) out = reinterpret_cast<const char*>(text);
    }
    sqlite3_finalize(statement);
  }
  sqlite3_close(db);
  return out;
}

void exec(const std::string& path, const char* sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr), SQLITE_OK);
  EXPECT_EQ(sqlite3_exec(db, sql, nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
  sqlite3_close(db);
}

ConversationRecord conversation(const std::string& id, const std::string& visitor_id, ConversationStatus status,
                                double updated_ms) {
  ConversationRecord record;
  record.id = id;
  record.visitor_id = visitor_id;
  record.channel = "chat";
  record.status = status;
  record.start_json = "{}";
  record.updated_ms = updated_ms;
  return record;
}

TEST(SqliteStore, TheFileIsInWalMode) {
  TempDir folder;
  auto store = open_or_fail(folder.file("relay.db"));
  EXPECT_EQ(query_text(folder.file("relay.db"), "PRAGMA journal_mode"), "wal");
}

TEST(SqliteStore, TheSchemaVersionIsRecorded) {
  TempDir folder;
  auto store = open_or_fail(folder.file("relay.db"));
  EXPECT_EQ(query_text(folder.file("relay.db"), "PRAGMA user_version"), std::to_string(kSqliteSchemaVersion));
  EXPECT_EQ(query_text(folder.file("relay.db"),
                       "SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name)"),
            "conversations,deliveries,messages,visitors");
}

TEST(SqliteStore, OpeningTwiceDoesNotMigrateAgain) {
  TempDir folder;
  { auto first = open_or_fail(folder.file("relay.db")); }
  auto second = open_or_fail(folder.file("relay.db"));
  EXPECT_NE(second, nullptr);
}

TEST(SqliteStore, AFileFromANewerRelayIsRefusedWithAClearError) {
  TempDir folder;
  { auto store = open_or_fail(folder.file("relay.db")); }
  exec(folder.file("relay.db"), "PRAGMA user_version = 99");
  auto opened = open_sqlite_store(folder.file("relay.db"));
  ASSERT_TRUE(std::holds_alternative<StoreError>(opened));
  const StoreError& error = std::get<StoreError>(opened);
  EXPECT_EQ(error.code, "schema");
  EXPECT_NE(error.message.find("99"), std::string::npos) << error.message;
  EXPECT_NE(error.message.find("newer"), std::string::npos) << error.message;
  // Refusing did not touch it.
  EXPECT_EQ(query_text(folder.file("relay.db"), "PRAGMA user_version"), "99");
}

TEST(SqliteStore, AFileThatIsNotADatabaseIsRefusedAsCorrupt) {
  TempDir folder;
  std::ofstream(folder.file("relay.db")) << std::string(8192, 'x');
  auto opened = open_sqlite_store(folder.file("relay.db"));
  ASSERT_TRUE(std::holds_alternative<StoreError>(opened));
  EXPECT_EQ(std::get<StoreError>(opened).code, "corrupt") << std::get<StoreError>(opened).message;
}

TEST(SqliteStore, AFolderThatDoesNotExistIsAnOpenError) {
  TempDir folder;
  auto opened = open_sqlite_store(folder.file("missing-folder/relay.db"));
  ASSERT_TRUE(std::holds_alternative<StoreError>(opened));
  EXPECT_EQ(std::get<StoreError>(opened).code, "open") << std::get<StoreError>(opened).message;
}

TEST(SqliteStore, BothSynchronousModesOpenAndKeepWrites) {
  TempDir folder;
  for (auto mode : {SqliteSynchronous::full, SqliteSynchronous::normal}) {
    std::string path = folder.file(mode == SqliteSynchronous::full ? "full.db" : "normal.db");
    {
      auto store = open_or_fail(path, {mode, 1000});
      ASSERT_NE(store, nullptr);
      EXPECT_FALSE(store->apply(std::vector<StoreWrite>{PutConversation{conversation("c1", "v1", ConversationStatus::queued, 1)}}));
    }
    EXPECT_EQ(query_text(path, "SELECT count(*) FROM conversations"), "1");
  }
}

TEST(SqliteStore, ABusyDatabaseIsABusyErrorAndNothingIsWritten) {
  TempDir folder;
  std::string path = folder.file("relay.db");
  auto store = open_or_fail(path, {SqliteSynchronous::full, 50});
  sqlite3* other = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &other), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(other, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);  // holds the write lock
  auto error = store->apply(std::vector<StoreWrite>{TouchVisitor{"v1", 1}});
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->code, "busy") << error->message;
  sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(other);
  EXPECT_FALSE(store->apply(std::vector<StoreWrite>{TouchVisitor{"v1", 1}}));  // and it recovers
}

// --- crash durability --------------------------------------------------------------------------

std::vector<StoreWrite> numbered_message(int number) {
  std::string id = "m-" + std::to_string(number);
  return {AppendMessage{MessageRecord{"c1", "visitor", id, R"({"type":"visitor.message","id":")" + id + R"("})", double(number)}},
          PutDelivery{DeliveryRecord{"agent:alex", id, R"({"conversationId":"c1"})", double(number)}}};
}

// In the child: opens the store, applies numbered writes forever, and after each apply() returns
// reports its number on report_fd (or, with kill_self_after, kills itself right there).
[[noreturn]] void child_applies(const std::string& path, int report_fd, int kill_self_after) {
  auto opened = open_sqlite_store(path);
  if (!std::holds_alternative<std::unique_ptr<Store>>(opened)) _exit(2);
  auto& store = std::get<std::unique_ptr<Store>>(opened);
  if (store->apply(std::vector<StoreWrite>{PutConversation{conversation("c1", "v1", ConversationStatus::assigned, 0)}}))
    _exit(3);
  for (int number = 0;; ++number) {
    if (store->apply(numbered_message(number))) _exit(4);
    if (number == kill_self_after) raise(SIGKILL);   // nothing after apply(): no close, no checkpoint
    if (report_fd >= 0 && write(report_fd, &number, sizeof number) != sizeof number) _exit(5);
  }
}

// Every message the child reported as applied (0..last_reported) is in the reopened store.
void expect_all_applied(const std::string& path, int last_applied) {
  auto store = open_or_fail(path);
  ASSERT_NE(store, nullptr);
  auto read = store->messages("c1");
  ASSERT_TRUE(std::holds_alternative<std::vector<MessageRecord>>(read));
  const auto& messages = std::get<std::vector<MessageRecord>>(read);
  ASSERT_GE(static_cast<int>(messages.size()), last_applied + 1);
  for (int number = 0; number <= last_applied; ++number) EXPECT_EQ(messages[number].id, "m-" + std::to_string(number));
  auto loaded = store->load(0);
  ASSERT_TRUE(std::holds_alternative<Snapshot>(loaded));
  EXPECT_GE(static_cast<int>(std::get<Snapshot>(loaded).deliveries.size()), last_applied + 1);
}

TEST(SqliteStoreCrash, WritesSurviveASigkillRightAfterApplyReturns) {
  TempDir folder;
  std::string path = folder.file("relay.db");
  constexpr int kLast = 25;
  pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) child_applies(path, -1, kLast);
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << "child exited with " << status;
  expect_all_applied(path, kLast);
}

TEST(SqliteStoreCrash, EveryReportedWriteSurvivesASigkillAtAnyMoment) {
  TempDir folder;
  std::string path = folder.file("relay.db");
  int pipe_fds[2];
  ASSERT_EQ(pipe(pipe_fds), 0);
  pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    close(pipe_fds[0]);
    child_applies(path, pipe_fds[1], -1);
  }
  close(pipe_fds[1]);
  // Killed while it is applying (most likely mid-transaction) once it has reported 40 writes.
  int last_reported = -1, number = 0;
  while (last_reported < 40 && read(pipe_fds[0], &number, sizeof number) == sizeof number) last_reported = number;
  kill(child, SIGKILL);
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  close(pipe_fds[0]);
  ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << "child exited with " << status;
  ASSERT_GE(last_reported, 40);
  expect_all_applied(path, last_reported);
}

}  // namespace
}  // namespace parley::relay
