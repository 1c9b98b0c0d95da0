// Thin RAII over libpq: a connection that can be reset after a loss, a result freed on scope
// exit, statement parameters in text format, and the one place where a libpq failure (a
// SQLSTATE, or a connection that went away) becomes a StoreError.
//
// Must not: throw, build SQL from data (every value travels as a parameter), hide a failure
// (every call returns its result for the caller to check).
#pragma once

#include <libpq-fe.h>

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "relay/store.hpp"

namespace parley::relay {

struct PgResultFree {
  void operator()(PGresult* result) const { PQclear(result); }
};
// nullptr when libpq could not even make a result (out of memory, a connection already gone).
using PgResult = std::unique_ptr<PGresult, PgResultFree>;

// The parameters of one statement, in text format. Strings are passed by pointer, not copied:
// they must outlive the call that sends them. Numbers are formatted here, exactly (shortest
// round-trip form), so a double read back is the double written.
class PgParams {
 public:
  static constexpr int kMax = 8;   // the widest statement (a conversation) has 8

  PgParams() = default;
  // values() points into the object itself (formatted numbers): a copy would point into the original.
  PgParams(const PgParams&) = delete;
  PgParams& operator=(const PgParams&) = delete;

  PgParams& text(const std::string& value);
  PgParams& text(const char* value);   // a NUL-terminated string that outlives the call (a literal)
  PgParams& number(double value);

  int size() const { return size_; }
  const char* const* values() const { return values_.data(); }
  // Set when a value cannot be sent as given: libpq's text format stops at a NUL byte, so a
  // string holding one would be stored cut short, silently. Refused instead.
  const char* problem() const { return problem_; }

 private:
  bool take_slot();

  std::array<const char*, kMax> values_{};
  std::array<std::array<char, 32>, kMax> numbers_{};
  int size_ = 0;
  const char* problem_ = nullptr;
};

class PostgresConnection {
 public:
  PostgresConnection() = default;
  ~PostgresConnection();
  PostgresConnection(const PostgresConnection&) = delete;
  PostgresConnection& operator=(const PostgresConnection&) = delete;

  // Code "open" when the server cannot be reached or refuses us (the message is libpq's; the
  // URL, which may hold a password, is never part of it).
  std::optional<StoreError> connect(const std::string& url, int connect_timeout_s);
  // True once libpq has seen the connection break (server restart, network cut).
  bool lost() const { return PQstatus(conn_) != CONNECTION_OK; }
  // Reconnects with the same parameters; false if the server still cannot be reached.
  bool reset();
  // Inside a transaction block, possibly a failed one (which only ROLLBACK ends).
  bool in_transaction() const;

  PgResult exec(const char* sql);
  PgResult exec(const char* sql, const PgParams& params);
  PgResult prepare(const char* name, const char* sql);
  PgResult exec_prepared(const char* name, const PgParams& params);

  PGconn* get() const { return conn_; }

 private:
  PGconn* conn_ = nullptr;
};

// "busy" for lock waits, deadlocks and serialization failures, "corrupt" for damaged data,
// "open" for a missing database or refused credentials, "io" for everything else (a lost
// connection included); the message says what was being done and the server's words.
StoreError postgres_error(const PostgresConnection& connection, const PGresult* result, std::string_view doing);

// Nothing when result has the expected status; its error otherwise.
std::optional<StoreError> check(const PostgresConnection& connection, const PgResult& result, ExecStatusType expected,
                                std::string_view doing);

}  // namespace parley::relay
