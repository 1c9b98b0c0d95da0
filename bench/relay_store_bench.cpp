// The cost of making messages durable in the SQLite store: one message (AppendMessage +
// PutDelivery, what the core writes for a chat line) per transaction, against batches of 10 and
// 100 per transaction (the server's group commit), with synchronous FULL (fsync per commit, the
// default) and NORMAL (fsync at checkpoints). items_per_second counts messages.
//
// The file lives in /tmp: run on the disk the relay will use for figures that mean anything, and
// compare rows of one run (the machine may be shared and noisy).
#include <benchmark/benchmark.h>

#include <cstdio>
#include <filesystem>
#include <string>
#include <variant>
#include <vector>

#include "relay/credentials.hpp"
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

// range(0): messages per transaction; range(1): 0 = synchronous FULL, 1 = NORMAL.
void BM_StoreCommitMessages(benchmark::State& state) {
  const auto batch = state.range(0);
  const SqliteOptions options{state.range(1) == 0 ? SqliteSynchronous::full : SqliteSynchronous::normal, 5000};
  const std::string path =
      (std::filesystem::temp_directory_path() / ("parley-store-bench-" + random_token() + ".db")).string();
  {
    auto opened = open_sqlite_store(path, options);
    if (auto* error = std::get_if<StoreError>(&opened)) {
      state.SkipWithError(error->message.c_str());
      return;
    }
    auto& store = std::get<std::unique_ptr<Store>>(opened);
    ConversationRecord conversation{"c1", "visitor-bench-0000000", "chat", ConversationStatus::assigned, "alex", "{}", 0, 0};
    std::vector<StoreWrite> writes{PutConversation{conversation}};
    if (store->apply(writes)) state.SkipWithError("cannot write the conversation");

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
  remove_database(path);
}

BENCHMARK(BM_StoreCommitMessages)
    ->ArgsProduct({{1, 10, 100}, {0, 1}})
    ->ArgNames({"batch", "normal"})
    ->UseRealTime()   // fsync time is wall time, not CPU time
    ->Unit(benchmark::kMicrosecond);

}  // namespace
