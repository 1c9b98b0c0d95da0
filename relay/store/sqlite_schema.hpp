// The SQLite store's schema and its migrations, versioned by PRAGMA user_version: each
// migration takes the file from version N to N+1, all pending ones run in one transaction at
// open. A file written by a newer relay is refused (its meaning may have changed under us).
//
// Must not: change a migration that has shipped (add a new one instead), throw.
#pragma once

#include <optional>

#include "relay/store.hpp"
#include "sqlite_handle.hpp"

namespace parley::relay {

// The file's user_version, or an error (a file that is not a database shows up here).
std::optional<StoreError> read_schema_version(SqliteDatabase& database, int& version);
// Brings the file to kSqliteSchemaVersion, or says why not ("schema" for a newer file).
std::optional<StoreError> migrate_sqlite_schema(SqliteDatabase& database);

}  // namespace parley::relay
