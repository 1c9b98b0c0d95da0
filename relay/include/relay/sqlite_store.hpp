// The embedded Store: one SQLite file in WAL mode (store.hpp). One writer process per file; one
// thread at a time per Store (the server's commit loop).
//
// Contents: SqliteOptions, open_sqlite_store, kSqliteSchemaVersion.
// Must not: throw (every SQLite failure is a StoreError), open a file newer than it understands.
#pragma once

#include <memory>
#include <string>
#include <variant>

#include "relay/store.hpp"

namespace parley::relay {

// The schema this build writes (PRAGMA user_version); older files are migrated at open, newer
// ones refused with code "schema".
inline constexpr int kSqliteSchemaVersion = 1;

enum class SqliteSynchronous {
  full,     // fsync the WAL on every commit: an acknowledged message survives a power cut (default)
  normal,   // fsync at checkpoints only: survives a crash of the relay, may lose the last commits on power loss
};

struct SqliteOptions {
  SqliteSynchronous synchronous = SqliteSynchronous::full;
  int busy_timeout_ms = 5000;   // how long a commit waits for another connection's lock (a tool, a backup)
};

// Opens (creating if absent) and migrates the database at path.
std::variant<std::unique_ptr<Store>, StoreError> open_sqlite_store(const std::string& path, SqliteOptions options = {});

}  // namespace parley::relay
