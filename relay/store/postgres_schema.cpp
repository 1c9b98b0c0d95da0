// Schema migrations of the PostgreSQL store (postgres_schema.hpp).
#include "postgres_schema.hpp"

#include <array>
#include <cstdlib>
#include <string>

#include "newer_schema.hpp"
#include "relay/postgres_store.hpp"

namespace parley::relay {
namespace {

// kMigrations[n] takes a database from version n to n+1. The tables mean what the SQLite
// store's mean (sqlite_schema.cpp), so both pass the same contract tests:
//
// Version 1:
// - messages.seq and deliveries.seq (identity columns) are accepted order and put order; an
//   upsert keeps a row's seq, so a delivery put again keeps its place. conversations.seq breaks
//   ties of created_ms in load order, as SQLite's rowid does.
// - messages are unique per (conversation_id, sender, id): the routing core remembers accepted
//   ids per conversation, and "visitor" is the sender of every visitor.
// - a message's conversation must exist, checked at commit (DEFERRABLE) so the order of writes
//   inside one apply() does not matter.
// - parley_delivery_conversation: a delivery's conversation is the conversationId inside its
//   body (the record has no column for it). A body that is not JSON has none, instead of failing
//   the whole forget() or prune() (SQLite's json_valid guard; PostgreSQL 15 has no IS JSON).
constexpr std::array<const char*, 2> kMigrations = {
    R"sql(
CREATE TABLE visitors (
  id text PRIMARY KEY,
  seen_ms double precision NOT NULL
);

CREATE TABLE conversations (
  id text PRIMARY KEY,
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  visitor_id text NOT NULL,
  channel text NOT NULL,
  status text NOT NULL CHECK (status IN ('queued', 'assigned', 'ended')),
  agent_id text NOT NULL,
  start_json text NOT NULL,
  created_ms double precision NOT NULL,
  updated_ms double precision NOT NULL
);
CREATE INDEX conversations_by_visitor ON conversations (visitor_id);
CREATE INDEX conversations_by_status ON conversations (status, updated_ms);

CREATE TABLE messages (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  conversation_id text NOT NULL REFERENCES conversations (id) DEFERRABLE INITIALLY DEFERRED,
  sender text NOT NULL,
  id text NOT NULL,
  body_json text NOT NULL,
  at_ms double precision NOT NULL,
  UNIQUE (conversation_id, sender, id)
);

CREATE TABLE deliveries (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  recipient text NOT NULL,
  message_id text NOT NULL,
  body_json text NOT NULL,
  at_ms double precision NOT NULL,
  UNIQUE (recipient, message_id)
);

CREATE FUNCTION parley_delivery_conversation(body_json text) RETURNS text
LANGUAGE plpgsql IMMUTABLE STRICT AS $$
BEGIN
  RETURN body_json::json ->> 'conversationId';
EXCEPTION WHEN others THEN
  RETURN NULL;
END
$$;
)sql",
    // Version 2: the cluster (CLUSTER.md). parley_leader.epoch counts router elections; a router's
    // commits check it is still theirs (parley_check_epoch, FOR SHARE: an election's UPDATE waits
    // for a commit in flight, and a commit after it fails: "fenced", SQLSTATE PF001). Gateway
    // instances number connection ids (24 bits, reused after 16 million starts).
    R"sql(
CREATE TABLE parley_leader (
  id integer PRIMARY KEY CHECK (id = 1),
  epoch bigint NOT NULL
);
INSERT INTO parley_leader (id, epoch) VALUES (1, 0);

CREATE SEQUENCE parley_gateway_instance MINVALUE 1 MAXVALUE 16777215 CYCLE;

CREATE FUNCTION parley_check_epoch(expected bigint) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM parley_leader WHERE id = 1 AND epoch = expected FOR SHARE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'router epoch % is no longer the current one', expected USING ERRCODE = 'PF001';
  END IF;
END
$$;
)sql",
};

static_assert(kMigrations.size() == kPostgresSchemaVersion, "one migration per schema version");

// Held until the migrating transaction ends; a constant every parley-relay uses ("parley").
constexpr const char* kTakeMigrationLock = "SELECT pg_advisory_xact_lock(123707614340473)";
constexpr const char* kSchemaTableExists = "SELECT to_regclass('parley_schema') IS NOT NULL";
constexpr const char* kCreateSchemaTable =
    "CREATE TABLE parley_schema (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())";
constexpr const char* kReadVersion = "SELECT coalesce(max(version), 0) FROM parley_schema";
constexpr const char* kRecordVersion = "INSERT INTO parley_schema (version) VALUES ($1)";

// The single value of a one-row, one-column query, as text.
std::optional<StoreError> query_value(PostgresConnection& connection, const char* sql, std::string& value) {
  PgResult result = connection.exec(sql);
  if (auto error = check(connection, result, PGRES_TUPLES_OK, "reading the schema version")) return error;
  if (PQntuples(result.get()) != 1 || PQnfields(result.get()) != 1 || PQgetisnull(result.get(), 0, 0))
    return StoreError{"schema", std::string("unexpected answer to: ") + sql};
  value = PQgetvalue(result.get(), 0, 0);
  return std::nullopt;
}

// What runs inside the locked transaction; the caller commits or rolls back.
std::optional<StoreError> migrate_locked(PostgresConnection& connection, bool& changed) {
  if (auto error = check(connection, connection.exec(kTakeMigrationLock), PGRES_TUPLES_OK, "locking the schema"))
    return error;
  std::string exists, version_text = "0";
  if (auto error = query_value(connection, kSchemaTableExists, exists)) return error;
  if (exists == "t") {
    if (auto error = query_value(connection, kReadVersion, version_text)) return error;
  }
  int version = std::atoi(version_text.c_str());
  if (version > kPostgresSchemaVersion || version < 0) return newer_schema_error(version, kPostgresSchemaVersion);
  if (version == kPostgresSchemaVersion) return std::nullopt;

  changed = true;
  if (exists != "t") {
    if (auto error = check(connection, connection.exec(kCreateSchemaTable), PGRES_COMMAND_OK, "creating parley_schema"))
      return error;
  }
  for (int from = version; from < kPostgresSchemaVersion; ++from) {
    std::string doing = "migrating the schema from version " + std::to_string(from);
    // Several statements in one string: PQexec runs them all, inside our transaction.
    if (auto error = check(connection, connection.exec(kMigrations[static_cast<std::size_t>(from)]),
                           PGRES_COMMAND_OK, doing))
      return error;
    PgParams params;
    std::string to = std::to_string(from + 1);
    params.text(to);
    if (auto error = check(connection, connection.exec(kRecordVersion, params), PGRES_COMMAND_OK, doing)) return error;
  }
  return std::nullopt;
}

}  // namespace

std::optional<StoreError> migrate_postgres_schema(PostgresConnection& connection) {
  if (auto error = check(connection, connection.exec("BEGIN"), PGRES_COMMAND_OK, "starting the schema migration"))
    return error;
  bool changed = false;
  std::optional<StoreError> error = migrate_locked(connection, changed);
  // Nothing changed (up to date, or refused): ROLLBACK, which also releases the lock.
  const char* end = error || !changed ? "ROLLBACK" : "COMMIT";
  PgResult ended = connection.exec(end);
  if (!error && changed) error = check(connection, ended, PGRES_COMMAND_OK, "committing the schema migration");
  return error;
}

}  // namespace parley::relay
