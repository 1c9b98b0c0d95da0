// The Store contract (store.hpp), written once as a typed suite over a store factory so that
// every implementation runs the same tests: SQLite (a file in a fresh folder) and PostgreSQL (a
// fresh schema on the test process's throwaway server, postgres_server.hpp).
//
// A factory is constructed with a fresh, empty temporary folder and has open(), which opens the
// same store again each time it is called (reopen = the relay restarting), and stored(sql), the
// first column of a query through a connection of its own: visitors are never read back through
// the interface, so their retention is checked in the table both stores name alike.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

#include "postgres_server.hpp"
#include "relay/postgres_store.hpp"
#include "relay/sqlite_store.hpp"
#include "temp_dir.hpp"

namespace parley::relay {
namespace {

struct SqliteStoreFactory {
  explicit SqliteStoreFactory(const std::filesystem::path& folder) : file(folder / "relay.db") {}
  std::variant<std::unique_ptr<Store>, StoreError> open() const { return open_sqlite_store(file.string()); }

  std::vector<std::string> stored(const std::string& sql) const {
    std::vector<std::string> column;
    sqlite3* db = nullptr;
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK &&
        sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) == SQLITE_OK) {
      while (sqlite3_step(statement) == SQLITE_ROW) {
        const unsigned char* text = sqlite3_column_text(statement, 0);
        column.emplace_back(text != nullptr ? reinterpret_cast<const char*>(text) : "");
      }
    } else {
      column.push_back(std::string("error: ") + sqlite3_errmsg(db));
    }
    sqlite3_finalize(statement);
    sqlite3_close(db);
    return column;
  }

  std::filesystem::path file;
};

// A fresh schema on the test process's server. When the server cannot start (PostgreSQL not
// installed), open() fails every test with the reason: these tests never pass by being skipped.
struct PostgresStoreFactory {
  explicit PostgresStoreFactory(const std::filesystem::path&) {
    if (auto* server = testing::shared_postgres_server(error)) url = server->fresh_store_url(error);
  }
  std::variant<std::unique_ptr<Store>, StoreError> open() const {
    if (!error.empty()) return StoreError{"open", error};
    return open_postgres_store(url);
  }
  std::vector<std::string> stored(const std::string& sql) const { return testing::query_column(url, sql); }
  std::string url, error;
};

using StoreImplementations = ::testing::Types<SqliteStoreFactory, PostgresStoreFactory>;

// StoreContract/Sqlite.*, StoreContract/Postgres.*: the implementation in every test's name.
struct StoreName {
  template <typename Factory>
  static std::string GetName(int) {
    return std::is_same_v<Factory, SqliteStoreFactory> ? "Sqlite" : "Postgres";
  }
};

ConversationRecord conversation(const std::string& id, const std::string& visitor_id,
                                ConversationStatus status = ConversationStatus::assigned, double updated_ms = 1000) {
  ConversationRecord record;
  record.id = id;
  record.visitor_id = visitor_id;
  record.channel = "chat";
  record.status = status;
  record.agent_id = status == ConversationStatus::queued ? "" : "alex";
  record.start_json = R"({"type":"conversation.start","conversationId":")" + id + R"("})";
  record.created_ms = 500;
  record.updated_ms = updated_ms;
  return record;
}

MessageRecord message(const std::string& conversation_id, const std::string& sender, const std::string& id,
                      double at_ms = 1000) {
  return MessageRecord{conversation_id, sender, id,
                       R"({"type":"visitor.message","id":")" + id + R"(","conversationId":")" + conversation_id +
                           R"(","text":"hello"})",
                       at_ms};
}

// A delivery of a message of conversation_id (its body names the conversation, as real ones do).
DeliveryRecord delivery(const std::string& recipient, const std::string& message_id, const std::string& conversation_id,
                        double at_ms = 1000) {
  return DeliveryRecord{recipient, message_id,
                        R"({"type":"agent.message","id":")" + message_id + R"(","conversationId":")" + conversation_id +
                            R"(","text":"hi"})",
                        at_ms};
}

// One visitor's whole conversation: the conversation, a message each way, a delivery each way.
std::vector<StoreWrite> visitor_with_conversation(const std::string& visitor_id, const std::string& conversation_id,
                                                  ConversationStatus status = ConversationStatus::assigned,
                                                  double updated_ms = 1000) {
  return {
      TouchVisitor{visitor_id, updated_ms},
      PutConversation{conversation(conversation_id, visitor_id, status, updated_ms)},
      AppendMessage{message(conversation_id, "visitor", conversation_id + "-v1")},
      AppendMessage{message(conversation_id, "agent:alex", conversation_id + "-a1")},
      PutDelivery{delivery("agent:alex", conversation_id + "-v1", conversation_id)},
      PutDelivery{delivery("visitor:" + visitor_id, conversation_id + "-a1", conversation_id)},
  };
}

template <typename Factory>
class StoreContract : public ::testing::Test {
 protected:
  StoreContract() : folder_("parley-store-test-"), factory_(folder_.path()) { reopen(); }

  void reopen() {
    store_.reset();  // closed before it is opened again, as across a restart
    auto opened = factory_.open();
    ASSERT_TRUE(std::holds_alternative<std::unique_ptr<Store>>(opened)) << std::get<StoreError>(opened).message;
    store_ = std::move(std::get<std::unique_ptr<Store>>(opened));
  }

  void apply_ok(const std::vector<StoreWrite>& writes) {
    auto error = store_->apply(writes);
    ASSERT_FALSE(error.has_value()) << error->code << ": " << error->message;
  }

  Snapshot load(double ended_after_ms = 0) {
    auto loaded = store_->load(ended_after_ms);
    EXPECT_TRUE(std::holds_alternative<Snapshot>(loaded)) << std::get<StoreError>(loaded).message;
    return std::holds_alternative<Snapshot>(loaded) ? std::get<Snapshot>(loaded) : Snapshot{};
  }

  std::vector<MessageRecord> messages(const std::string& conversation_id) {
    auto read = store_->messages(conversation_id);
    EXPECT_TRUE(std::holds_alternative<std::vector<MessageRecord>>(read)) << std::get<StoreError>(read).message;
    return std::holds_alternative<std::vector<MessageRecord>>(read) ? std::get<std::vector<MessageRecord>>(read)
                                                                    : std::vector<MessageRecord>{};
  }

  ForgetCounts counts_of(std::variant<ForgetCounts, StoreError> result) {
    EXPECT_TRUE(std::holds_alternative<ForgetCounts>(result)) << std::get<StoreError>(result).message;
    return std::holds_alternative<ForgetCounts>(result) ? std::get<ForgetCounts>(result) : ForgetCounts{-1, -1, -1};
  }

  testing::TempDir folder_;
  Factory factory_;
  std::unique_ptr<Store> store_;
};

TYPED_TEST_SUITE(StoreContract, StoreImplementations, StoreName);

std::vector<std::string> ids_of(const std::vector<MessageRecord>& messages) {
  std::vector<std::string> ids;
  for (const auto& m : messages) ids.push_back(m.id);
  return ids;
}

std::vector<std::string> ids_of(const std::vector<DeliveryRecord>& deliveries) {
  std::vector<std::string> ids;
  for (const auto& d : deliveries) ids.push_back(d.recipient + "/" + d.message_id);
  return ids;
}

std::vector<std::string> ids_of(const std::vector<ConversationRecord>& conversations) {
  std::vector<std::string> ids;
  for (const auto& c : conversations) ids.push_back(c.id);
  return ids;
}

TYPED_TEST(StoreContract, ANewStoreLoadsEmpty) {
  Snapshot snapshot = this->load();
  EXPECT_TRUE(snapshot.conversations.empty());
  EXPECT_TRUE(snapshot.messages.empty());
  EXPECT_TRUE(snapshot.deliveries.empty());
}

TYPED_TEST(StoreContract, ApplyThenLoadRoundTripsEveryField) {
  ConversationRecord written = conversation("c1", "visitor-aaaaaaaaaaaa", ConversationStatus::assigned, 2500.5);
  written.channel = "video";
  MessageRecord said = message("c1", "visitor", "k3x9-1", 2000.25);
  DeliveryRecord owed = delivery("agent:alex", "k3x9-1", "c1", 2000.25);
  this->apply_ok({PutConversation{written}, AppendMessage{said}, PutDelivery{owed}});

  Snapshot snapshot = this->load();
  ASSERT_EQ(snapshot.conversations.size(), 1u);
  const ConversationRecord& read = snapshot.conversations[0];
  EXPECT_EQ(read.id, written.id);
  EXPECT_EQ(read.visitor_id, written.visitor_id);
  EXPECT_EQ(read.channel, "video");
  EXPECT_EQ(read.status, ConversationStatus::assigned);
  EXPECT_EQ(read.agent_id, "alex");
  EXPECT_EQ(read.start_json, written.start_json);
  EXPECT_EQ(read.created_ms, 500);
  EXPECT_EQ(read.updated_ms, 2500.5);
  ASSERT_EQ(snapshot.messages.size(), 1u);
  EXPECT_EQ(snapshot.messages[0].conversation_id, "c1");
  EXPECT_EQ(snapshot.messages[0].sender, "visitor");
  EXPECT_EQ(snapshot.messages[0].id, "k3x9-1");
  EXPECT_EQ(snapshot.messages[0].body_json, said.body_json);
  EXPECT_EQ(snapshot.messages[0].at_ms, 2000.25);
  ASSERT_EQ(snapshot.deliveries.size(), 1u);
  EXPECT_EQ(snapshot.deliveries[0].recipient, "agent:alex");
  EXPECT_EQ(snapshot.deliveries[0].message_id, "k3x9-1");
  EXPECT_EQ(snapshot.deliveries[0].body_json, owed.body_json);
  EXPECT_EQ(snapshot.deliveries[0].at_ms, 2000.25);
}

TYPED_TEST(StoreContract, AnEmptyApplySucceedsAndWritesNothing) {
  this->apply_ok({});
  EXPECT_TRUE(this->load().conversations.empty());
}

TYPED_TEST(StoreContract, PutConversationReplacesById) {
  this->apply_ok({PutConversation{conversation("c1", "v1", ConversationStatus::queued, 1000)}});
  this->apply_ok({PutConversation{conversation("c1", "v1", ConversationStatus::ended, 3000)}});
  Snapshot snapshot = this->load(0);
  ASSERT_EQ(snapshot.conversations.size(), 1u);
  EXPECT_EQ(snapshot.conversations[0].status, ConversationStatus::ended);
  EXPECT_EQ(snapshot.conversations[0].agent_id, "alex");
  EXPECT_EQ(snapshot.conversations[0].updated_ms, 3000);
}

TYPED_TEST(StoreContract, AFailingWriteInsideApplyLeavesNothing) {
  // The last write names a conversation that does not exist: the whole apply must fail, and the
  // writes before it (in the same call) must not be there afterwards.
  std::vector<StoreWrite> writes = visitor_with_conversation("v1", "c1");
  writes.push_back(AppendMessage{message("no-such-conversation", "visitor", "orphan")});
  auto error = this->store_->apply(writes);
  ASSERT_TRUE(error.has_value());
  EXPECT_FALSE(error->message.empty());
  Snapshot snapshot = this->load();
  EXPECT_TRUE(snapshot.conversations.empty());
  EXPECT_TRUE(snapshot.messages.empty());
  EXPECT_TRUE(snapshot.deliveries.empty());
  EXPECT_TRUE(this->messages("c1").empty());
}

TYPED_TEST(StoreContract, TheStoreStillWorksAfterAFailedApply) {
  auto error = this->store_->apply(std::vector<StoreWrite>{AppendMessage{message("nowhere", "visitor", "m1")}});
  ASSERT_TRUE(error.has_value());
  this->apply_ok(visitor_with_conversation("v1", "c1"));
  EXPECT_EQ(this->load().conversations.size(), 1u);
}

TYPED_TEST(StoreContract, TheOrderOfWritesInsideOneApplyDoesNotMatter) {
  // A message written before its conversation, in the same apply, is fine: the check is at commit.
  this->apply_ok({AppendMessage{message("c1", "visitor", "m1")}, PutConversation{conversation("c1", "v1")}});
  EXPECT_EQ(ids_of(this->messages("c1")), std::vector<std::string>{"m1"});
}

TYPED_TEST(StoreContract, ADuplicateMessageIsIgnoredAndTheFirstKept) {
  this->apply_ok({PutConversation{conversation("c1", "v1")}, AppendMessage{message("c1", "visitor", "m1", 1000)}});
  MessageRecord again = message("c1", "visitor", "m1", 9999);
  again.body_json = R"({"type":"visitor.message","id":"m1","text":"changed"})";
  this->apply_ok({AppendMessage{again}});
  auto stored = this->messages("c1");
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored[0].at_ms, 1000);
  EXPECT_NE(stored[0].body_json.find("hello"), std::string::npos);
}

TYPED_TEST(StoreContract, TheSameIdFromAnotherSenderOrConversationIsAnotherMessage) {
  this->apply_ok({PutConversation{conversation("c1", "v1")}, PutConversation{conversation("c2", "v2")},
                  AppendMessage{message("c1", "visitor", "m1")}, AppendMessage{message("c1", "agent:alex", "m1")},
                  AppendMessage{message("c2", "visitor", "m1")}});
  EXPECT_EQ(this->messages("c1").size(), 2u);
  EXPECT_EQ(this->messages("c2").size(), 1u);
}

TYPED_TEST(StoreContract, MessagesComeInAcceptedOrderNotTimestampOrder) {
  this->apply_ok({PutConversation{conversation("c1", "v1")}, AppendMessage{message("c1", "visitor", "late", 3000)},
                  AppendMessage{message("c1", "agent:alex", "early", 1000)}});
  this->apply_ok({AppendMessage{message("c1", "visitor", "b-next", 2000)}});
  EXPECT_EQ(ids_of(this->messages("c1")), (std::vector<std::string>{"late", "early", "b-next"}));
  EXPECT_EQ(ids_of(this->load().messages), (std::vector<std::string>{"late", "early", "b-next"}));
}

TYPED_TEST(StoreContract, MessagesOfAnUnknownConversationAreEmpty) {
  EXPECT_TRUE(this->messages("nobody").empty());
}

TYPED_TEST(StoreContract, DeliveriesArePutInOrderAndDropped) {
  this->apply_ok({PutConversation{conversation("c1", "v1")}});
  this->apply_ok({PutDelivery{delivery("agent:alex", "m3", "c1")}, PutDelivery{delivery("visitor:v1", "m1", "c1")}});
  this->apply_ok({PutDelivery{delivery("agent:alex", "m2", "c1")}});
  EXPECT_EQ(ids_of(this->load().deliveries),
            (std::vector<std::string>{"agent:alex/m3", "visitor:v1/m1", "agent:alex/m2"}));

  this->apply_ok({DropDelivery{"visitor:v1", "m1"}});
  EXPECT_EQ(ids_of(this->load().deliveries), (std::vector<std::string>{"agent:alex/m3", "agent:alex/m2"}));
}

TYPED_TEST(StoreContract, PuttingADeliveryAgainReplacesItInPlace) {
  this->apply_ok({PutDelivery{delivery("agent:alex", "m1", "c1", 1000)}, PutDelivery{delivery("agent:alex", "m2", "c1")}});
  DeliveryRecord updated = delivery("agent:alex", "m1", "c1", 5000);
  updated.body_json = R"({"type":"agent.message","id":"m1","text":"updated"})";
  this->apply_ok({PutDelivery{updated}});
  Snapshot snapshot = this->load();
  ASSERT_EQ(ids_of(snapshot.deliveries), (std::vector<std::string>{"agent:alex/m1", "agent:alex/m2"}));
  EXPECT_EQ(snapshot.deliveries[0].body_json, updated.body_json);
  EXPECT_EQ(snapshot.deliveries[0].at_ms, 5000);
}

TYPED_TEST(StoreContract, DroppingADeliveryThatIsNotThereIsNotAnError) {
  this->apply_ok({DropDelivery{"agent:alex", "never-put"}});
  this->apply_ok({PutDelivery{delivery("agent:alex", "m1", "c1")}, DropDelivery{"agent:sam", "m1"}});
  EXPECT_EQ(this->load().deliveries.size(), 1u);  // the same message id for someone else stays
}

TYPED_TEST(StoreContract, LoadKeepsOpenConversationsAndOnlyRecentlyEndedOnes) {
  this->apply_ok({PutConversation{conversation("queued", "v1", ConversationStatus::queued, 100)},
                  PutConversation{conversation("assigned", "v2", ConversationStatus::assigned, 100)},
                  PutConversation{conversation("ended-old", "v3", ConversationStatus::ended, 4999)},
                  PutConversation{conversation("ended-at-cutoff", "v4", ConversationStatus::ended, 5000)},
                  PutConversation{conversation("ended-recent", "v5", ConversationStatus::ended, 6000)},
                  AppendMessage{message("ended-old", "visitor", "old-1")},
                  AppendMessage{message("ended-recent", "visitor", "recent-1")},
                  AppendMessage{message("queued", "visitor", "queued-1")}});
  Snapshot snapshot = this->load(5000);
  std::vector<std::string> loaded = ids_of(snapshot.conversations);
  std::sort(loaded.begin(), loaded.end());
  EXPECT_EQ(loaded, (std::vector<std::string>{"assigned", "ended-at-cutoff", "ended-recent", "queued"}));
  EXPECT_EQ(ids_of(snapshot.messages), (std::vector<std::string>{"recent-1", "queued-1"}));
  // The ended conversation left out of the snapshot is still stored (until prune).
  EXPECT_EQ(this->messages("ended-old").size(), 1u);
}

TYPED_TEST(StoreContract, ForgetRemovesExactlyOneVisitorsData) {
  this->apply_ok(visitor_with_conversation("forget-me", "c1"));
  this->apply_ok({PutConversation{conversation("c2", "forget-me", ConversationStatus::ended, 2000)},
                  AppendMessage{message("c2", "visitor", "c2-v1")}});
  this->apply_ok(visitor_with_conversation("keep-me", "c3"));

  ForgetCounts counts = this->counts_of(this->store_->forget("forget-me"));
  EXPECT_EQ(counts.conversations, 2);
  EXPECT_EQ(counts.messages, 3);
  EXPECT_EQ(counts.deliveries, 2);   // the one addressed to the visitor, and the agent's one of its conversation

  Snapshot snapshot = this->load(0);
  EXPECT_EQ(ids_of(snapshot.conversations), std::vector<std::string>{"c3"});
  EXPECT_EQ(ids_of(snapshot.messages), (std::vector<std::string>{"c3-v1", "c3-a1"}));
  EXPECT_EQ(ids_of(snapshot.deliveries), (std::vector<std::string>{"agent:alex/c3-v1", "visitor:keep-me/c3-a1"}));
  EXPECT_TRUE(this->messages("c1").empty());
  EXPECT_TRUE(this->messages("c2").empty());
}

TYPED_TEST(StoreContract, ForgettingAnUnknownVisitorRemovesNothing) {
  this->apply_ok(visitor_with_conversation("keep-me", "c1"));
  ForgetCounts counts = this->counts_of(this->store_->forget("nobody"));
  EXPECT_EQ(counts.conversations, 0);
  EXPECT_EQ(counts.messages, 0);
  EXPECT_EQ(counts.deliveries, 0);
  EXPECT_EQ(this->load().messages.size(), 2u);
}

TYPED_TEST(StoreContract, ForgetDoesNotMatchOtherVisitorsByPrefix) {
  this->apply_ok(visitor_with_conversation("ab", "c1"));
  this->apply_ok(visitor_with_conversation("abc", "c2"));
  this->apply_ok(visitor_with_conversation("a%", "c3"));
  this->counts_of(this->store_->forget("a%"));
  EXPECT_EQ(ids_of(this->load().conversations), (std::vector<std::string>{"c1", "c2"}));
  EXPECT_EQ(this->load().deliveries.size(), 4u);
}

TYPED_TEST(StoreContract, ADeliveryWhoseBodyIsNotJsonDoesNotStopForgetOrPrune) {
  this->apply_ok(visitor_with_conversation("v1", "c1", ConversationStatus::ended, 1000));
  this->apply_ok({PutDelivery{DeliveryRecord{"agent:alex", "odd", "not json {", 1000}}});
  ForgetCounts counts = this->counts_of(this->store_->forget("v1"));
  EXPECT_EQ(counts.conversations, 1);
  EXPECT_EQ(counts.deliveries, 2);
  this->counts_of(this->store_->prune(5000));
  EXPECT_EQ(ids_of(this->load().deliveries), std::vector<std::string>{"agent:alex/odd"});
}

TYPED_TEST(StoreContract, PruneRemovesEndedConversationsOlderThanTheCutoff) {
  this->apply_ok(visitor_with_conversation("v-old", "old", ConversationStatus::ended, 1000));
  this->apply_ok(visitor_with_conversation("v-new", "new", ConversationStatus::ended, 9000));
  this->apply_ok(visitor_with_conversation("v-open", "open", ConversationStatus::assigned, 1000));

  ForgetCounts counts = this->counts_of(this->store_->prune(5000));
  EXPECT_EQ(counts.conversations, 1);
  EXPECT_EQ(counts.messages, 2);
  EXPECT_EQ(counts.deliveries, 2);

  Snapshot snapshot = this->load(0);
  std::vector<std::string> left = ids_of(snapshot.conversations);
  std::sort(left.begin(), left.end());
  EXPECT_EQ(left, (std::vector<std::string>{"new", "open"}));   // an open conversation is never pruned, however old
  EXPECT_TRUE(this->messages("old").empty());
  EXPECT_EQ(this->messages("new").size(), 2u);
  EXPECT_EQ(snapshot.deliveries.size(), 4u);
}

TYPED_TEST(StoreContract, PruningTwiceRemovesNothingTheSecondTime) {
  this->apply_ok(visitor_with_conversation("v-old", "old", ConversationStatus::ended, 1000));
  this->counts_of(this->store_->prune(5000));
  ForgetCounts again = this->counts_of(this->store_->prune(5000));
  EXPECT_EQ(again.conversations + again.messages + again.deliveries, 0);
}

TYPED_TEST(StoreContract, TouchVisitorKeepsTheLatestSighting) {
  this->apply_ok({TouchVisitor{"v1", 5000}, TouchVisitor{"v1", 3000}});
  this->apply_ok({TouchVisitor{"v1", 4000}});
  EXPECT_EQ(this->factory_.stored("SELECT CAST(seen_ms AS INTEGER) FROM visitors WHERE id = 'v1'"),
            std::vector<std::string>{"5000"});
}

TYPED_TEST(StoreContract, PruneDeletesIdleVisitorsWithNoConversationLeft) {
  this->apply_ok({
      TouchVisitor{"idle", 1000},                 // old, no conversation: pruned
      TouchVisitor{"ended-old", 1000},            // old, its only conversation pruned too: pruned
      PutConversation{conversation("c1", "ended-old", ConversationStatus::ended, 1000)},
      TouchVisitor{"still-open", 1000},           // old, but a conversation still open: kept
      PutConversation{conversation("c2", "still-open", ConversationStatus::assigned, 1000)},
      TouchVisitor{"recent", 9000},               // seen after the cutoff: kept
  });
  this->counts_of(this->store_->prune(5000));
  EXPECT_EQ(this->factory_.stored("SELECT id FROM visitors ORDER BY id"),
            (std::vector<std::string>{"recent", "still-open"}));
}

TYPED_TEST(StoreContract, ForgetDeletesTheVisitorRow) {
  this->apply_ok({TouchVisitor{"v1", 1}, TouchVisitor{"v2", 1}});
  this->counts_of(this->store_->forget("v1"));
  EXPECT_EQ(this->factory_.stored("SELECT id FROM visitors ORDER BY id"), std::vector<std::string>{"v2"});
}

TYPED_TEST(StoreContract, ReopeningKeepsEverything) {
  this->apply_ok(visitor_with_conversation("v1", "c1"));
  this->apply_ok({PutConversation{conversation("c2", "v2", ConversationStatus::queued)},
                  AppendMessage{message("c2", "visitor", "c2-v1")}, DropDelivery{"agent:alex", "c1-v1"}});
  Snapshot before = this->load(0);
  this->reopen();
  Snapshot after = this->load(0);
  EXPECT_EQ(ids_of(after.conversations), ids_of(before.conversations));
  EXPECT_EQ(ids_of(after.messages), ids_of(before.messages));
  EXPECT_EQ(ids_of(after.deliveries), ids_of(before.deliveries));
  EXPECT_EQ(ids_of(after.messages), (std::vector<std::string>{"c1-v1", "c1-a1", "c2-v1"}));
  EXPECT_EQ(ids_of(after.deliveries), std::vector<std::string>{"visitor:v1/c1-a1"});
}

}  // namespace
}  // namespace parley::relay
