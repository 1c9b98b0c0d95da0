// The PostgreSQL store's schema and its migrations, versioned by the parley_schema table (one row
// per migration applied, so its history is readable). All pending migrations run at open in one
// transaction that first takes an advisory lock: relays of a cluster starting at once against a
// new database migrate it exactly once, the others wait and find it done. A database written by
// a newer relay is refused (code "schema") and left untouched.
//
// Must not: change a migration that has shipped (add a new one instead), throw.
#pragma once

#include <optional>

#include "postgres_connection.hpp"
#include "relay/store.hpp"

namespace parley::relay {

// Brings the database to kPostgresSchemaVersion, or says why not.
std::optional<StoreError> migrate_postgres_schema(PostgresConnection& connection);

}  // namespace parley::relay
