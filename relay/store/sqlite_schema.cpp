// Schema migrations of the SQLite store (sqlite_schema.hpp).
#include "sqlite_schema.hpp"

#include <array>
#include <string>

#include "newer_schema.hpp"
#include "relay/sqlite_store.hpp"

namespace parley::relay {
namespace {

// kMigrations[n] takes a file from version n to n+1.
//
// Version 1:
// - messages.seq and deliveries.seq are INTEGER PRIMARY KEY (rowid aliases) because accepted
//   order and put order are their meaning, and VACUUM may renumber an implicit rowid.
// - (recipient, message_id) is the deliveries' key, as a UNIQUE constraint beside seq.
// - messages are unique per (conversation_id, sender, id): the routing core remembers accepted
//   ids per conversation, and "visitor" is the sender of every visitor, whose ids may repeat
//   across visitors.
// - a message's conversation must exist, checked at commit (DEFERRABLE) so the order of writes
//   inside one apply() does not matter.
constexpr std::array<const char*, 1> kMigrations = {
    R"sql(
CREATE TABLE visitors (
  id TEXT PRIMARY KEY NOT NULL,
  seen_ms REAL NOT NULL
) WITHOUT ROWID;

CREATE TABLE conversations (
  id TEXT PRIMARY KEY NOT NULL,
  visitor_id TEXT NOT NULL,
  channel TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('queued', 'assigned', 'ended')),
  agent_id TEXT NOT NULL,
  start_json TEXT NOT NULL,
  created_ms REAL NOT NULL,
  updated_ms REAL NOT NULL
);
CREATE INDEX conversations_by_visitor ON conversations (visitor_id);
CREATE INDEX conversations_by_status ON conversations (status, updated_ms);

CREATE TABLE messages (
  seq INTEGER PRIMARY KEY,
  conversation_id TEXT NOT NULL REFERENCES conversations (id) DEFERRABLE INITIALLY DEFERRED,
  sender TEXT NOT NULL,
  id TEXT NOT NULL,
  body_json TEXT NOT NULL,
  at_ms REAL NOT NULL,
  UNIQUE (conversation_id, sender, id)
);

CREATE TABLE deliveries (
  seq INTEGER PRIMARY KEY,
  recipient TEXT NOT NULL,
  message_id TEXT NOT NULL,
  body_json TEXT NOT NULL,
  at_ms REAL NOT NULL,
  UNIQUE (recipient, message_id)
);
)sql",
};

static_assert(kMigrations.size() == kSqliteSchemaVersion, "one migration per schema version");

}  // namespace

std::optional<StoreError> read_schema_version(SqliteDatabase& database, int& version) {
  SqliteStatement statement;
  int result = statement.prepare(database.get(), "PRAGMA user_version");
  if (result != SQLITE_OK) return store_error(database.get(), result, "reading the schema version");
  result = statement.step();
  if (result != SQLITE_ROW) return store_error(database.get(), result, "reading the schema version");
  version = static_cast<int>(statement.column_int64(0));
  return std::nullopt;
}

std::optional<StoreError> migrate_sqlite_schema(SqliteDatabase& database) {
  sqlite3* db = database.get();
  int version = 0;
  if (auto error = read_schema_version(database, version)) return error;
  if (version == kSqliteSchemaVersion) return std::nullopt;
  if (version > kSqliteSchemaVersion || version < 0) return newer_schema_error(version, kSqliteSchemaVersion);

  // IMMEDIATE: takes the write lock first, so two relays opening one new file never both migrate.
  int result = database.exec("BEGIN IMMEDIATE");
  if (result != SQLITE_OK) return store_error(db, result, "starting the schema migration");
  // Read again under the lock: another process may have migrated it meanwhile.
  if (auto error = read_schema_version(database, version)) {
    database.exec("ROLLBACK");
    return error;
  }
  if (version >= kSqliteSchemaVersion || version < 0) {
    database.exec("ROLLBACK");
    if (version == kSqliteSchemaVersion) return std::nullopt;
    return newer_schema_error(version, kSqliteSchemaVersion);
  }
  for (int from = version; from < kSqliteSchemaVersion; ++from) {
    result = database.exec(kMigrations[static_cast<std::size_t>(from)]);
    if (result != SQLITE_OK) {
      StoreError error = store_error(db, result, "migrating the schema from version " + std::to_string(from));
      database.exec("ROLLBACK");
      return error;
    }
  }
  std::string set_version = "PRAGMA user_version = " + std::to_string(kSqliteSchemaVersion);
  result = database.exec(set_version.c_str());
  if (result == SQLITE_OK) result = database.exec("COMMIT");
  if (result != SQLITE_OK) {
    StoreError error = store_error(db, result, "committing the schema migration");
    database.exec("ROLLBACK");
    return error;
  }
  return std::nullopt;
}

}  // namespace parley::relay
