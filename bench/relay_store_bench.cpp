// The cost of making messages durable in the relay's stores: one message (AppendMessage +
// PutDelivery, what the core writes for a chat line) per transaction, against batches of 10 and
// 100 per transaction (the server's group commit). items_per_second counts messages.
//
// - SQLite, with synchronous FULL (fsync per commit, the default) and NORMAL (fsync at
//   checkpoints), and the slow commits of batches of 10 (BM_StoreCommitTail). The file lives in
//   /tmp.
// - PostgreSQL (synchronous_commit on, fsync on): a throwaway server on loopback started by the
//   bench (tests/relay/postgres_server.hpp, a fresh schema per run), or the server of
//   PARLEY_BENCH_POSTGRES_URL (a libpq URI of a scratch database: the bench writes a conversation
//   there), which is where the network's round trips show.
//
// Run on the disk the relay will use for figures that mean anything, and compare rows of one run
// (the machine may be shared and noisy).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <string>
#include <variant>
#include <vector>

#include "postgres_server.hpp"
#include "relay/credentials.hpp"
#include "relay/postgres_store.hpp"
#include "relay/sqlite_store.hpp"

namespace {

using namespace parley::relay;

void remove_database(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm"}) std::remove((path + suffix).c_str());
}

void append_message(std::vector<StoreWrite>& writes, std::int64_t number) {
  std::string id = "m-" + std::to_string(number);
  std::string body = R"({"type":"visitor.message","id":")" + id +
                     R"(","conversationId":"c1","text":"Hello, is the blue one still in stock in size 38?"})";
  writes.push_back(AppendMessage{MessageRecord{"c1", "visitor", id, body, double(number)}});
  writes.push_back(PutDelivery{DeliveryRecord{"agent:alex", id, body, double(number)}});
}

// The opened store with the bench's conversation c1 written, or nullptr (the benchmark then
// skipped with the reason).
std::unique_ptr<Store> with_conversation(benchmark::State& state, std::variant<std::unique_ptr<Store>, StoreError> opened) {
  if (auto* error = std::get_if<StoreError>(&opened)) {
    state.SkipWithError(error->message.c_str());
    return nullptr;
  }
  auto store = std::move(std::get<std::unique_ptr<Store>>(opened));
  ConversationRecord conversation{"c1", "visitor-bench-0000000", "chat", ConversationStatus::assigned, "alex", "{}", 0, 0};
  if (store->apply(std::vector<StoreWrite>{PutConversation{conversation}})) {
    state.SkipWithError("cannot write the conversation");
    return nullptr;
  }
  return store;
}

// Commits batches of `batch` messages into one conversation of a freshly opened store until the
// benchmark has its measure.
void commit_messages(benchmark::State& state, std::variant<std::unique_ptr<Store>, StoreError> opened) {
  const auto batch = state.range(0);
  auto store = with_conversation(state, std::move(opened));
  if (store == nullptr) return;
  std::vector<StoreWrite> writes;
  std::int64_t messages = 0;
  for (auto _ : state) {
    writes.clear();
    for (std::int64_t i = 0; i < batch; ++i) append_message(writes, messages++);
    if (auto error = store->apply(writes)) {
      state.SkipWithError(error->message.c_str());
      break;
    }
  }
  state.SetItemsProcessed(messages);
  state.counters["messages/txn"] = static_cast<double>(batch);
}

// range(0): messages per transaction; range(1): 0 = synchronous FULL, 1 = NORMAL.
void BM_StoreCommitMessages(benchmark::State& state) {
  const SqliteOptions options{state.range(1) == 0 ? SqliteSynchronous::full : SqliteSynchronous::normal, 5000};
  const std::string path =
      (std::filesystem::temp_directory_path() / ("parley-store-bench-" + random_token() + ".db")).string();
  commit_messages(state, open_sqlite_store(path, options));
  remove_database(path);
}

BENCHMARK(BM_StoreCommitMessages)
    ->ArgsProduct({{1, 10, 100}, {0, 1}})
    ->ArgNames({"batch", "normal"})
    ->UseRealTime()   // fsync time is wall time, not CPU time
    ->Unit(benchmark::kMicrosecond);

// The slow commits, which the mean hides and the relay's p99 feels: batches of 10 with synchronous
// FULL (the server's group commit under load), SQLite's autocheckpoint included (a commit every
// ~1,000 WAL pages also copies them into the database file). Counters: p99 and worst commit, µs.
//
// Tried and dropped: checkpoints on a thread and connection of their own (PASSIVE, FULL past a
// WAL limit). On one disk the checkpoint's fsyncs compete with the commits': the mean commit went
// from 1.8 to 3.4 ms and the p99 from 14 to 20 ms in the same run.
void BM_StoreCommitTail(benchmark::State& state) {
  const std::string path =
      (std::filesystem::temp_directory_path() / ("parley-store-tail-" + random_token() + ".db")).string();
  if (auto store = with_conversation(state, open_sqlite_store(path))) {
    std::vector<StoreWrite> writes;
    std::vector<double> commit_us;
    std::int64_t messages = 0;
    for (auto _ : state) {
      writes.clear();
      for (int i = 0; i < 10; ++i) append_message(writes, messages++);
      auto started = std::chrono::steady_clock::now();
      if (auto error = store->apply(writes)) {
        state.SkipWithError(error->message.c_str());
        break;
      }
      commit_us.push_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - started).count());
    }
    std::sort(commit_us.begin(), commit_us.end());
    if (!commit_us.empty()) {
      state.counters["p99_us"] = commit_us[commit_us.size() * 99 / 100];
      state.counters["max_us"] = commit_us.back();
    }
    state.SetItemsProcessed(messages);
  }
  remove_database(path);
}

BENCHMARK(BM_StoreCommitTail)
    ->Iterations(3000)   // ~30,000 messages: several checkpoints in each run
    ->UseRealTime()
    ->Unit(benchmark::kMicrosecond);

// A store in tables nobody else uses: a fresh schema of the bench's own server, or the database
// of PARLEY_BENCH_POSTGRES_URL without the bench's conversation of an earlier run (whose message
// ids would be ignored as duplicates instead of written).
std::variant<std::unique_ptr<Store>, StoreError> open_postgres_for_bench() {
  const char* given = std::getenv("PARLEY_BENCH_POSTGRES_URL");
  if (given != nullptr && *given != '\0') {
    auto opened = open_postgres_store(given);
    if (auto* store = std::get_if<std::unique_ptr<Store>>(&opened)) {
      auto forgot = (*store)->forget("visitor-bench-0000000");
      if (auto* error = std::get_if<StoreError>(&forgot)) return *error;
    }
    return opened;
  }
  std::string error;
  auto* server = parley::relay::testing::shared_postgres_server(error);
  std::string url = server != nullptr ? server->fresh_store_url(error) : "";
  if (url.empty()) return StoreError{"open", error};
  return open_postgres_store(url);
}

// range(0): messages per transaction. synchronous_commit on: a commit returns once its WAL is
// flushed (fsync), as SQLite's FULL.
void BM_PostgresCommitMessages(benchmark::State& state) { commit_messages(state, open_postgres_for_bench()); }

BENCHMARK(BM_PostgresCommitMessages)
    ->Arg(1)
    ->Arg(10)
    ->Arg(100)
    ->ArgName("batch")
    ->UseRealTime()
    ->Unit(benchmark::kMicrosecond);

}  // namespace
