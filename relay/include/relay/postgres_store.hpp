// The cluster Store: PostgreSQL through libpq (store.hpp), so several relays can share one
// database. One connection per Store, used by one thread at a time (the server's commit loop).
//
// Contents: PostgresOptions, open_postgres_store, kPostgresSchemaVersion.
// Must not: throw (every libpq failure is a StoreError), open a database newer than it understands.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <variant>

#include "relay/store.hpp"

namespace parley::relay {

// The schema this build writes (the highest version in the parley_schema table); older databases
// are migrated at open, newer ones refused with code "schema".
inline constexpr int kPostgresSchemaVersion = 2;

struct PostgresOptions {
  int connect_timeout_s = 10;   // a server that does not answer: "open" at start, "io" later, never a hang
  int lock_timeout_ms = 5000;   // how long a write waits for another session's lock before "busy"
  // In a cluster, the router epoch this store commits under (CLUSTER.md): every apply() checks
  // in its transaction that it is still the current one, and fails with code "fenced"
  // otherwise. 0: not fenced (a single relay).
  std::int64_t fence_epoch = 0;
};

// Connects to url (a libpq connection URI, "postgresql://user@host:port/db", or key=value
// conninfo) and migrates the schema. A lost connection later is an "io" error for the call that
// met it; the next call reconnects.
std::variant<std::unique_ptr<Store>, StoreError> open_postgres_store(const std::string& url, PostgresOptions options = {});

}  // namespace parley::relay
