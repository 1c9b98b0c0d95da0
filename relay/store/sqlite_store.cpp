// The SQLite Store (sqlite_store.hpp): WAL, FULL synchronous by default, every write of one
// apply() in one BEGIN IMMEDIATE transaction, statements prepared once at open.
#include "relay/sqlite_store.hpp"

#include <memory>
#include <type_traits>

#include "sqlite_handle.hpp"
#include "sqlite_schema.hpp"

namespace parley::relay {
namespace {

// The conversations a forget() or prune() removes, named once so every DELETE of one call agrees.
#define PARLEY_VISITOR_CONVERSATIONS "SELECT id FROM conversations WHERE visitor_id = ?1"
#define PARLEY_PRUNED_CONVERSATIONS "SELECT id FROM conversations WHERE status = 'ended' AND updated_ms < ?1"
// A delivery's conversation is the conversationId inside its body (DeliveryRecord has no column
// for it). CASE, unlike AND, is guaranteed to skip json_extract on text that is not JSON, which
// would otherwise fail the whole statement.
#define PARLEY_DELIVERY_CONVERSATION \
  "CASE WHEN json_valid(body_json) THEN json_extract(body_json, '$.conversationId') END"

constexpr const char* kPutConversation =
    "INSERT INTO conversations (id, visitor_id, channel, status, agent_id, start_json, created_ms, updated_ms) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
    "ON CONFLICT (id) DO UPDATE SET visitor_id = excluded.visitor_id, channel = excluded.channel, "
    "status = excluded.status, agent_id = excluded.agent_id, start_json = excluded.start_json, "
    "created_ms = excluded.created_ms, updated_ms = excluded.updated_ms";
constexpr const char* kAppendMessage =
    "INSERT INTO messages (conversation_id, sender, id, body_json, at_ms) VALUES (?1, ?2, ?3, ?4, ?5) "
    "ON CONFLICT (conversation_id, sender, id) DO NOTHING";
// An update keeps the delivery's place (seq) in the order it was first put.
constexpr const char* kPutDelivery =
    "INSERT INTO deliveries (recipient, message_id, body_json, at_ms) VALUES (?1, ?2, ?3, ?4) "
    "ON CONFLICT (recipient, message_id) DO UPDATE SET body_json = excluded.body_json, at_ms = excluded.at_ms";
constexpr const char* kDropDelivery = "DELETE FROM deliveries WHERE recipient = ?1 AND message_id = ?2";
constexpr const char* kTouchVisitor =
    "INSERT INTO visitors (id, seen_ms) VALUES (?1, ?2) "
    "ON CONFLICT (id) DO UPDATE SET seen_ms = max(seen_ms, excluded.seen_ms)";

constexpr const char* kLoadConversations =
    "SELECT id, visitor_id, channel, status, agent_id, start_json, created_ms, updated_ms FROM conversations "
    "WHERE status <> 'ended' OR updated_ms >= ?1 ORDER BY created_ms, rowid";
constexpr const char* kLoadMessages =
    "SELECT m.conversation_id, m.sender, m.id, m.body_json, m.at_ms FROM messages m "
    "JOIN conversations c ON c.id = m.conversation_id "
    "WHERE c.status <> 'ended' OR c.updated_ms >= ?1 ORDER BY m.seq";
constexpr const char* kLoadDeliveries = "SELECT recipient, message_id, body_json, at_ms FROM deliveries ORDER BY seq";
constexpr const char* kConversationMessages =
    "SELECT conversation_id, sender, id, body_json, at_ms FROM messages WHERE conversation_id = ?1 ORDER BY seq";

constexpr const char* kForgetDeliveries =
    "DELETE FROM deliveries WHERE recipient = 'visitor:' || ?1 OR " PARLEY_DELIVERY_CONVERSATION
    " IN (" PARLEY_VISITOR_CONVERSATIONS ")";
constexpr const char* kForgetMessages = "DELETE FROM messages WHERE conversation_id IN (" PARLEY_VISITOR_CONVERSATIONS ")";
constexpr const char* kForgetConversations = "DELETE FROM conversations WHERE visitor_id = ?1";
constexpr const char* kForgetVisitor = "DELETE FROM visitors WHERE id = ?1";

constexpr const char* kPruneDeliveries =
    "DELETE FROM deliveries WHERE " PARLEY_DELIVERY_CONVERSATION " IN (" PARLEY_PRUNED_CONVERSATIONS ")";
constexpr const char* kPruneMessages = "DELETE FROM messages WHERE conversation_id IN (" PARLEY_PRUNED_CONVERSATIONS ")";
constexpr const char* kPruneConversations = "DELETE FROM conversations WHERE status = 'ended' AND updated_ms < ?1";
constexpr const char* kPruneVisitors =
    "DELETE FROM visitors WHERE seen_ms < ?1 "
    "AND NOT EXISTS (SELECT 1 FROM conversations c WHERE c.visitor_id = visitors.id)";

#undef PARLEY_VISITOR_CONVERSATIONS
#undef PARLEY_PRUNED_CONVERSATIONS
#undef PARLEY_DELIVERY_CONVERSATION

// Every statement the store runs, prepared once at open.
struct Statements {
  SqliteStatement begin_write, begin_read, commit, rollback;
  SqliteStatement put_conversation, append_message, put_delivery, drop_delivery, touch_visitor;
  SqliteStatement load_conversations, load_messages, load_deliveries, conversation_messages;
  SqliteStatement forget_deliveries, forget_messages, forget_conversations, forget_visitor;
  SqliteStatement prune_deliveries, prune_messages, prune_conversations, prune_visitors;

  int prepare_all(sqlite3* db) {
    const std::pair<SqliteStatement*, const char*> table[] = {
        {&begin_write, "BEGIN IMMEDIATE"},  // the write lock up front: no deadlock upgrading a read
        {&begin_read, "BEGIN"},
        {&commit, "COMMIT"},
        {&rollback, "ROLLBACK"},
        {&put_conversation, kPutConversation},
        {&append_message, kAppendMessage},
        {&put_delivery, kPutDelivery},
        {&drop_delivery, kDropDelivery},
        {&touch_visitor, kTouchVisitor},
        {&load_conversations, kLoadConversations},
        {&load_messages, kLoadMessages},
        {&load_deliveries, kLoadDeliveries},
        {&conversation_messages, kConversationMessages},
        {&forget_deliveries, kForgetDeliveries},
        {&forget_messages, kForgetMessages},
        {&forget_conversations, kForgetConversations},
        {&forget_visitor, kForgetVisitor},
        {&prune_deliveries, kPruneDeliveries},
        {&prune_messages, kPruneMessages},
        {&prune_conversations, kPruneConversations},
        {&prune_visitors, kPruneVisitors},
    };
    for (const auto& [statement, sql] : table) {
      int result = statement->prepare(db, sql);
      if (result != SQLITE_OK) return result;
    }
    return SQLITE_OK;
  }
};

MessageRecord read_message(const SqliteStatement& row) {
  return MessageRecord{row.column_text(0), row.column_text(1), row.column_text(2), row.column_text(3), row.column_double(4)};
}

class SqliteStore final : public Store {
 public:
  std::optional<StoreError> open(const std::string& path, const SqliteOptions& options) {
    int result = database_.open(path);
    if (result != SQLITE_OK) return store_error(database_.get(), result, "opening " + path);
    sqlite3* db = database_.get();
    sqlite3_extended_result_codes(db, 1);
    sqlite3_busy_timeout(db, options.busy_timeout_ms);
    // The first read of a file that is not a database fails here, as "corrupt".
    int version = 0;
    if (auto error = read_schema_version(database_, version)) return error;
    if (auto error = enable_wal()) return error;
    const char* synchronous = options.synchronous == SqliteSynchronous::full ? "PRAGMA synchronous = FULL"
                                                                               : "PRAGMA synchronous = NORMAL";
    result = database_.exec(synchronous);
    if (result == SQLITE_OK) result = database_.exec("PRAGMA foreign_keys = ON");
    if (result != SQLITE_OK) return store_error(db, result, "configuring " + path);
    if (auto error = migrate_sqlite_schema(database_)) return error;
    result = statements_.prepare_all(db);
    if (result != SQLITE_OK) return store_error(db, result, "preparing statements");
    return std::nullopt;
  }

  std::optional<StoreError> apply(std::span<const StoreWrite> writes) override {
    if (writes.empty()) return std::nullopt;
    return in_transaction(statements_.begin_write, "applying writes", [&]() -> std::optional<StoreError> {
      for (const StoreWrite& write : writes) {
        int result = std::visit([&](const auto& each) { return run(each); }, write);
        if (result != SQLITE_DONE) return store_error(database_.get(), result, "applying writes");
      }
      return std::nullopt;
    });
  }

  std::variant<Snapshot, StoreError> load(double ended_after_ms) override {
    Snapshot snapshot;
    auto error = in_transaction(statements_.begin_read, "loading the snapshot", [&]() -> std::optional<StoreError> {
      if (auto failure = read_conversations(ended_after_ms, snapshot.conversations)) return failure;
      if (auto failure = read_rows(statements_.load_messages, ended_after_ms, snapshot.messages, read_message))
        return failure;
      return read_rows(statements_.load_deliveries, std::nullopt, snapshot.deliveries, [](const SqliteStatement& row) {
        return DeliveryRecord{row.column_text(0), row.column_text(1), row.column_text(2), row.column_double(3)};
      });
    });
    if (error) return *error;
    return snapshot;
  }

  std::variant<ForgetCounts, StoreError> forget(const std::string& visitor_id) override {
    ForgetCounts counts;
    auto error = in_transaction(statements_.begin_write, "forgetting a visitor", [&]() -> std::optional<StoreError> {
      // Deliveries and messages first: they find their rows through the conversations.
      std::int64_t visitors = 0;
      if (auto failure = delete_rows(statements_.forget_deliveries, visitor_id, counts.deliveries)) return failure;
      if (auto failure = delete_rows(statements_.forget_messages, visitor_id, counts.messages)) return failure;
      if (auto failure = delete_rows(statements_.forget_conversations, visitor_id, counts.conversations)) return failure;
      return delete_rows(statements_.forget_visitor, visitor_id, visitors);
    });
    if (error) return *error;
    return counts;
  }

  std::variant<ForgetCounts, StoreError> prune(double cutoff_ms) override {
    ForgetCounts counts;
    auto error = in_transaction(statements_.begin_write, "pruning", [&]() -> std::optional<StoreError> {
      std::int64_t visitors = 0;
      if (auto failure = delete_rows(statements_.prune_deliveries, cutoff_ms, counts.deliveries)) return failure;
      if (auto failure = delete_rows(statements_.prune_messages, cutoff_ms, counts.messages)) return failure;
      if (auto failure = delete_rows(statements_.prune_conversations, cutoff_ms, counts.conversations)) return failure;
      return delete_rows(statements_.prune_visitors, cutoff_ms, visitors);  // after: "no conversation left"
    });
    if (error) return *error;
    return counts;
  }

  std::variant<std::vector<MessageRecord>, StoreError> messages(const std::string& conversation_id) override {
    std::vector<MessageRecord> messages;
    if (auto error = read_rows(statements_.conversation_messages, std::string_view(conversation_id), messages, read_message))
      return *error;
    return messages;
  }

 private:
  std::optional<StoreError> enable_wal() {
    SqliteStatement statement;
    int result = statement.prepare(database_.get(), "PRAGMA journal_mode = WAL");
    if (result == SQLITE_OK) result = statement.step();
    if (result != SQLITE_ROW) return store_error(database_.get(), result, "switching to WAL mode");
    std::string mode = statement.column_text(0);
    if (mode != "wal") return StoreError{"open", "the database cannot use WAL mode (journal mode is " + mode + ")"};
    return std::nullopt;
  }

  // begin, body, commit; a rollback on any failure, so a failed call leaves nothing behind and
  // the connection ready for the next one.
  template <typename Body>
  std::optional<StoreError> in_transaction(SqliteStatement& begin, const char* doing, Body&& body) {
    int result = step_once(begin);
    if (result != SQLITE_DONE) return store_error(database_.get(), result, doing);
    std::optional<StoreError> error = body();
    if (!error) {
      result = step_once(statements_.commit);
      if (result != SQLITE_DONE) error = store_error(database_.get(), result, std::string(doing) + " (commit)");
    }
    // A failed COMMIT (a deferred foreign key, a busy lock) leaves the transaction open.
    if (error && sqlite3_get_autocommit(database_.get()) == 0) step_once(statements_.rollback);
    return error;
  }

  static int step_once(SqliteStatement& statement) {
    StatementUse use(statement);
    return use->step();
  }

  int run(const PutConversation& write) {
    const ConversationRecord& c = write.conversation;
    StatementUse use(statements_.put_conversation);
    use->bind(1, c.id).bind(2, c.visitor_id).bind(3, c.channel).bind(4, std::string_view(to_string(c.status)));
    use->bind(5, c.agent_id).bind(6, c.start_json).bind(7, c.created_ms).bind(8, c.updated_ms);
    return use->step();
  }

  int run(const AppendMessage& write) {
    const MessageRecord& m = write.message;
    StatementUse use(statements_.append_message);
    use->bind(1, m.conversation_id).bind(2, m.sender).bind(3, m.id).bind(4, m.body_json).bind(5, m.at_ms);
    return use->step();
  }

  int run(const PutDelivery& write) {
    const DeliveryRecord& d = write.delivery;
    StatementUse use(statements_.put_delivery);
    use->bind(1, d.recipient).bind(2, d.message_id).bind(3, d.body_json).bind(4, d.at_ms);
    return use->step();
  }

  int run(const DropDelivery& write) {
    StatementUse use(statements_.drop_delivery);
    use->bind(1, write.recipient).bind(2, write.message_id);
    return use->step();
  }

  int run(const TouchVisitor& write) {
    StatementUse use(statements_.touch_visitor);
    use->bind(1, write.visitor_id).bind(2, write.seen_ms);
    return use->step();
  }

  std::optional<StoreError> read_conversations(double ended_after_ms, std::vector<ConversationRecord>& out) {
    StatementUse use(statements_.load_conversations);
    use->bind(1, ended_after_ms);
    int result;
    while ((result = use->step()) == SQLITE_ROW) {
      ConversationRecord record;
      record.id = use->column_text(0);
      record.visitor_id = use->column_text(1);
      record.channel = use->column_text(2);
      std::string status = use->column_text(3);
      auto parsed = conversation_status_from(status);
      if (!parsed) return StoreError{"corrupt", "conversation " + record.id + " has unknown status \"" + status + "\""};
      record.status = *parsed;
      record.agent_id = use->column_text(4);
      record.start_json = use->column_text(5);
      record.created_ms = use->column_double(6);
      record.updated_ms = use->column_double(7);
      out.push_back(std::move(record));
    }
    if (result != SQLITE_DONE) return store_error(database_.get(), result, "loading conversations");
    return std::nullopt;
  }

  // Runs a SELECT with at most one parameter, turning each row into a T with read.
  template <typename Parameter, typename T, typename Read>
  std::optional<StoreError> read_rows(SqliteStatement& statement, const Parameter& parameter, std::vector<T>& out, Read read) {
    StatementUse use(statement);
    if constexpr (!std::is_same_v<Parameter, std::nullopt_t>) use->bind(1, parameter);
    int result;
    while ((result = use->step()) == SQLITE_ROW) out.push_back(read(statement));
    if (result != SQLITE_DONE) return store_error(database_.get(), result, "reading rows");
    return std::nullopt;
  }

  template <typename Parameter>
  std::optional<StoreError> delete_rows(SqliteStatement& statement, const Parameter& parameter, std::int64_t& count) {
    StatementUse use(statement);
    use->bind(1, parameter);
    int result = use->step();
    if (result != SQLITE_DONE) return store_error(database_.get(), result, "deleting rows");
    count += sqlite3_changes64(database_.get());
    return std::nullopt;
  }

  SqliteDatabase database_;   // declared first: destroyed after every statement
  Statements statements_;
};

}  // namespace

std::variant<std::unique_ptr<Store>, StoreError> open_sqlite_store(const std::string& path, SqliteOptions options) {
  auto store = std::make_unique<SqliteStore>();
  if (auto error = store->open(path, options)) return *error;
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace parley::relay
