// The PostgreSQL Store (postgres_store.hpp): every write of one apply() in one BEGIN ... COMMIT
// sent as one pipeline, statements prepared once per connection, a lost connection reported once
// and reopened by the next call.
#include "relay/postgres_store.hpp"

#include <charconv>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "postgres_connection.hpp"
#include "postgres_pipeline.hpp"
#include "postgres_schema.hpp"
#include "postgres_statements.hpp"

namespace parley::relay {
namespace {

// One row of a text-format result. A NULL, or a number that does not parse, marks the row bad
// (the schema says NOT NULL everywhere: that would be a damaged or foreign table).
class Row {
 public:
  Row(const PGresult* result, int row) : result_(result), row_(row) {}

  std::string text(int column) {
    if (PQgetisnull(result_, row_, column)) {
      bad_ = true;
      return {};
    }
    return std::string(PQgetvalue(result_, row_, column), static_cast<std::size_t>(PQgetlength(result_, row_, column)));
  }

  double number(int column) {
    std::string value = text(column);
    double number = 0;
    auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), number);
    if (error != std::errc() || end != value.data() + value.size()) bad_ = true;
    return number;
  }

  bool bad() const { return bad_; }

 private:
  const PGresult* result_;
  int row_;
  bool bad_ = false;
};

MessageRecord read_message(Row& row) {
  return MessageRecord{row.text(0), row.text(1), row.text(2), row.text(3), row.number(4)};
}

DeliveryRecord read_delivery(Row& row) {
  return DeliveryRecord{row.text(0), row.text(1), row.text(2), row.number(3)};
}

// A write's parameters, filled into params (they point into the write); its statement's name.
const char* fill(const PutConversation& write, PgParams& params) {
  const ConversationRecord& c = write.conversation;
  params.text(c.id).text(c.visitor_id).text(c.channel).text(to_string(c.status)).text(c.agent_id);
  params.text(c.start_json).number(c.created_ms).number(c.updated_ms);
  return pg::kPutConversation;
}

const char* fill(const AppendMessage& write, PgParams& params) {
  const MessageRecord& m = write.message;
  params.text(m.conversation_id).text(m.sender).text(m.id).text(m.body_json).number(m.at_ms);
  return pg::kAppendMessage;
}

const char* fill(const PutDelivery& write, PgParams& params) {
  const DeliveryRecord& d = write.delivery;
  params.text(d.recipient).text(d.message_id).text(d.body_json).number(d.at_ms);
  return pg::kPutDelivery;
}

const char* fill(const DropDelivery& write, PgParams& params) {
  params.text(write.recipient).text(write.message_id);
  return pg::kDropDelivery;
}

const char* fill(const TouchVisitor& write, PgParams& params) {
  params.text(write.visitor_id).number(write.seen_ms);
  return pg::kTouchVisitor;
}

class PostgresStore final : public Store {
 public:
  std::optional<StoreError> open(const std::string& url, const PostgresOptions& options) {
    options_ = options;
    if (auto error = connection_.connect(url, options.connect_timeout_s)) return error;
    if (auto error = migrate_postgres_schema(connection_)) return error;
    return start_session();
  }

  std::optional<StoreError> apply(std::span<const StoreWrite> writes) override {
    if (writes.empty()) return std::nullopt;
    if (auto error = ready()) return error;
    std::optional<StoreError> error = apply_in_pipeline(writes);
    // A failed statement leaves the transaction open and aborted (a failed COMMIT has ended it).
    if (error && !connection_.lost() && connection_.in_transaction()) connection_.exec("ROLLBACK");
    return error;
  }

  std::variant<Snapshot, StoreError> load(double ended_after_ms) override {
    Snapshot snapshot;
    // One snapshot for the three reads, as SQLite's read transaction gives.
    auto error = in_transaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", "loading the snapshot",
                                [&]() -> std::optional<StoreError> {
                                  PgParams after;
                                  after.number(ended_after_ms);
                                  if (auto failure = read_conversations(after, snapshot.conversations)) return failure;
                                  if (auto failure = read_rows(pg::kLoadMessages, after, snapshot.messages, read_message))
                                    return failure;
                                  return read_rows(pg::kLoadDeliveries, PgParams{}, snapshot.deliveries, read_delivery);
                                });
    if (error) return *error;
    return snapshot;
  }

  std::variant<ForgetCounts, StoreError> forget(const std::string& visitor_id) override {
    PgParams visitor;
    visitor.text(visitor_id);
    return delete_in_transaction("forgetting a visitor", visitor,
                                 {pg::kForgetDeliveries, pg::kForgetMessages, pg::kForgetConversations, pg::kForgetVisitor});
  }

  std::variant<ForgetCounts, StoreError> prune(double cutoff_ms) override {
    PgParams cutoff;
    cutoff.number(cutoff_ms);
    return delete_in_transaction("pruning", cutoff,
                                 {pg::kPruneDeliveries, pg::kPruneMessages, pg::kPruneConversations, pg::kPruneVisitors});
  }

  std::variant<std::vector<MessageRecord>, StoreError> messages(const std::string& conversation_id) override {
    std::vector<MessageRecord> messages;
    if (auto error = ready()) return *error;
    PgParams conversation;
    conversation.text(conversation_id);
    if (auto error = read_rows(pg::kConversationMessages, conversation, messages, read_message)) return *error;
    return messages;
  }

 private:
  // What every session needs, again after each reconnect: our lock timeout, doubles printed
  // exactly (extra_float_digits > 0: the shortest form that reads back the same; a role or server
  // set to 0 would round them to 15 digits), our statements.
  std::optional<StoreError> start_session() {
    PgParams timeout;
    std::string milliseconds = std::to_string(options_.lock_timeout_ms);
    timeout.text(milliseconds);
    PgResult set = connection_.exec(
        "SELECT set_config('lock_timeout', $1, false), set_config('extra_float_digits', '1', false)", timeout);
    if (auto error = check(connection_, set, PGRES_TUPLES_OK, "configuring the session")) return error;
    if (auto error = pg::prepare_statements(connection_)) return error;
    session_ready_ = true;
    return std::nullopt;
  }

  // Reconnects after a loss. Reading what the server sent since the last call first lets a
  // connection closed by a server restart be noticed (and replaced) before it fails a call.
  std::optional<StoreError> ready() {
    if (PQconsumeInput(connection_.get()) == 0 || connection_.lost()) {
      session_ready_ = false;
      if (!connection_.reset()) return postgres_error(connection_, nullptr, "reconnecting to PostgreSQL");
    }
    if (!session_ready_) return start_session();
    return std::nullopt;
  }

  // One round trip for the whole transaction (postgres_pipeline.hpp): BEGIN, every write, COMMIT.
  std::optional<StoreError> apply_in_pipeline(std::span<const StoreWrite> writes) {
    PgPipeline pipeline(connection_);
    if (auto error = pipeline.enter("applying writes")) return error;
    pipeline.send("BEGIN");
    // First, so a fenced router's transaction fails before it wrote anything (and the row lock
    // it takes holds a concurrent election back until this commit ends).
    PgParams fence;
    if (options_.fence_epoch != 0) {
      fence.number(static_cast<double>(options_.fence_epoch));
      pipeline.send_prepared(pg::kCheckEpoch, fence);
    }
    std::optional<StoreError> refused;   // a value PostgreSQL cannot hold: nothing is committed
    for (const StoreWrite& write : writes) {
      PgParams params;
      const char* statement = std::visit([&](const auto& each) { return fill(each, params); }, write);
      if (params.problem() != nullptr) {
        refused = StoreError{"io", std::string(statement) + ": " + params.problem()};
        break;
      }
      pipeline.send_prepared(statement, params);
    }
    pipeline.send(refused ? "ROLLBACK" : "COMMIT");
    std::optional<StoreError> error = pipeline.finish("applying writes");
    return refused ? refused : error;
  }

  // begin, body, commit; a rollback on any failure, so a failed call leaves nothing behind and
  // the session ready for the next one. A failed COMMIT has already ended the transaction.
  template <typename Body>
  std::optional<StoreError> in_transaction(const char* begin, const char* doing, Body&& body) {
    if (auto error = ready()) return error;
    if (auto error = check(connection_, connection_.exec(begin), PGRES_COMMAND_OK, doing)) return error;
    std::optional<StoreError> error = body();
    if (!error) error = check(connection_, connection_.exec("COMMIT"), PGRES_COMMAND_OK, std::string(doing) + " (commit)");
    if (error && !connection_.lost() && connection_.in_transaction()) connection_.exec("ROLLBACK");
    return error;
  }

  // A prepared statement run with params, its result kept when it has the expected status.
  std::optional<StoreError> execute(const char* statement, const PgParams& params, ExecStatusType expected,
                                    PgResult& result) {
    if (params.problem() != nullptr) return StoreError{"io", std::string(statement) + ": " + params.problem()};
    result = connection_.exec_prepared(statement, params);
    return check(connection_, result, expected, statement);
  }

  std::optional<StoreError> read_conversations(const PgParams& params, std::vector<ConversationRecord>& out) {
    PgResult result;
    if (auto error = execute(pg::kLoadConversations, params, PGRES_TUPLES_OK, result)) return error;
    for (int i = 0, rows = PQntuples(result.get()); i < rows; ++i) {
      Row row(result.get(), i);
      ConversationRecord record;
      record.id = row.text(0);
      record.visitor_id = row.text(1);
      record.channel = row.text(2);
      std::string status = row.text(3);
      auto parsed = conversation_status_from(status);
      if (!parsed) return StoreError{"corrupt", "conversation " + record.id + " has unknown status \"" + status + "\""};
      record.status = *parsed;
      record.agent_id = row.text(4);
      record.start_json = row.text(5);
      record.created_ms = row.number(6);
      record.updated_ms = row.number(7);
      if (row.bad()) return StoreError{"corrupt", "conversation " + record.id + " has a NULL or unreadable column"};
      out.push_back(std::move(record));
    }
    return std::nullopt;
  }

  // Runs a SELECT, turning each row into a T with read.
  template <typename T, typename Read>
  std::optional<StoreError> read_rows(const char* statement, const PgParams& params, std::vector<T>& out, Read read) {
    PgResult result;
    if (auto error = execute(statement, params, PGRES_TUPLES_OK, result)) return error;
    for (int i = 0, rows = PQntuples(result.get()); i < rows; ++i) {
      Row row(result.get(), i);
      out.push_back(read(row));
      if (row.bad()) return StoreError{"corrupt", std::string(statement) + ": a NULL or unreadable column"};
    }
    return std::nullopt;
  }

  // The deletes of a forget() or prune(), in one transaction and in this order: deliveries and
  // messages find their rows through the conversations, and a visitor goes once it has no
  // conversation left.
  struct DeleteStatements {
    const char* deliveries;
    const char* messages;
    const char* conversations;
    const char* visitors;
  };

  std::variant<ForgetCounts, StoreError> delete_in_transaction(const char* doing, const PgParams& params,
                                                               const DeleteStatements& statements) {
    ForgetCounts counts;
    std::int64_t visitors = 0;
    auto error = in_transaction("BEGIN", doing, [&]() -> std::optional<StoreError> {
      if (auto failure = delete_rows(statements.deliveries, params, counts.deliveries)) return failure;
      if (auto failure = delete_rows(statements.messages, params, counts.messages)) return failure;
      if (auto failure = delete_rows(statements.conversations, params, counts.conversations)) return failure;
      return delete_rows(statements.visitors, params, visitors);
    });
    if (error) return *error;
    return counts;
  }

  std::optional<StoreError> delete_rows(const char* statement, const PgParams& params, std::int64_t& count) {
    PgResult result;
    if (auto error = execute(statement, params, PGRES_COMMAND_OK, result)) return error;
    const char* affected = PQcmdTuples(result.get());
    std::int64_t rows = 0;
    std::from_chars(affected, affected + std::char_traits<char>::length(affected), rows);
    count += rows;
    return std::nullopt;
  }

  PostgresConnection connection_;
  PostgresOptions options_;
  bool session_ready_ = false;
};

}  // namespace

std::variant<std::unique_ptr<Store>, StoreError> open_postgres_store(const std::string& url, PostgresOptions options) {
  auto store = std::make_unique<PostgresStore>();
  if (auto error = store->open(url, options)) return *error;
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace parley::relay
