// The cluster's election on PostgreSQL (CLUSTER.md): one session of its own per relay. The router
// is the relay whose session holds an advisory lock; winning it bumps parley_leader.epoch, the
// number every commit of that router is fenced with (PostgresOptions::fence_epoch). The lock dies
// with the session, so a router that crashed or lost the database frees the role by itself.
// Also hands out gateway instance numbers.
//
// Contents: PostgresLease, open_postgres_lease.
// Must not: throw, block longer than the connect timeout per call, be used by two threads at once.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>

#include "relay/store.hpp"

namespace parley::relay {

class PostgresLease {
 public:
  virtual ~PostgresLease() = default;
  // A gateway instance number, 1..16777215, never the same twice in a row across the cluster.
  virtual std::variant<std::uint32_t, StoreError> new_gateway_instance() = 0;
  // Tries to become the router: the new epoch when this session now holds the lock (and bumped
  // the epoch), nullopt when another session holds it. A lost connection is reopened first.
  virtual std::variant<std::optional<std::int64_t>, StoreError> try_acquire() = 0;
  // Whether the lock is still ours: a round trip on the session (false once it broke: the
  // server released the lock with it). Only meaningful after try_acquire returned an epoch.
  virtual bool still_held() = 0;
  // Gives the role up: unlocks (or drops the session when it cannot).
  virtual void release() = 0;
};

// Connects (the schema must exist: open the store first, it migrates).
std::variant<std::unique_ptr<PostgresLease>, StoreError> open_postgres_lease(const std::string& url,
                                                                              int connect_timeout_s = 5);

}  // namespace parley::relay
