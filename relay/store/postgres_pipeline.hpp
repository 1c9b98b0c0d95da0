// One transaction in libpq's pipeline mode: every statement is sent before any result is read,
// so a transaction of N statements costs one round trip to the server instead of N (on loopback
// ~0.1 ms each, more across a network: the group commit's batches would pay it per write).
//
// Must not: throw, leave the connection in pipeline mode, report a statement as done before its
// result is read (finish() reads them all).
#pragma once

#include <optional>
#include <string_view>

#include "postgres_connection.hpp"
#include "relay/store.hpp"

namespace parley::relay {

class PgPipeline {
 public:
  explicit PgPipeline(PostgresConnection& connection) : connection_(connection) {}
  ~PgPipeline();   // out of pipeline mode even if finish() was not called
  PgPipeline(const PgPipeline&) = delete;
  PgPipeline& operator=(const PgPipeline&) = delete;

  std::optional<StoreError> enter(std::string_view doing);
  // Queue a statement without parameters (BEGIN, COMMIT, ROLLBACK), or a prepared one. A failure
  // to send is kept for finish().
  void send(const char* sql);
  void send_prepared(const char* name, const PgParams& params);
  // Sends what is queued, reads every result in order and leaves pipeline mode: the first
  // statement's error (those after it are skipped by the server), or nothing when all succeeded.
  std::optional<StoreError> finish(std::string_view doing);

 private:
  PostgresConnection& connection_;
  bool entered_ = false;
  int queued_ = 0;
  bool send_failed_ = false;
};

}  // namespace parley::relay
