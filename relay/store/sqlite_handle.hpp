// Thin RAII over the SQLite C API: a connection, a prepared statement (reset, not re-prepared,
// between uses), and the one place where a SQLite result code becomes a StoreError.
//
// Must not: throw, hide a result code (every call returns it or records it for step()).
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "relay/store.hpp"

namespace parley::relay {

// "busy" for locks, "corrupt" for a damaged or foreign file, "open" for a file that cannot be
// opened, "io" for everything else; the message says what was being done and SQLite's words.
StoreError store_error(sqlite3* db, int result_code, std::string_view doing);

class SqliteDatabase {
 public:
  SqliteDatabase() = default;
  ~SqliteDatabase();
  SqliteDatabase(const SqliteDatabase&) = delete;
  SqliteDatabase& operator=(const SqliteDatabase&) = delete;

  int open(const std::string& path);
  sqlite3* get() const { return db_; }
  // Runs statements without results (PRAGMAs, DDL, BEGIN/COMMIT).
  int exec(const char* sql);

 private:
  sqlite3* db_ = nullptr;
};

class SqliteStatement {
 public:
  SqliteStatement() = default;
  ~SqliteStatement();
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;

  // Prepared once, kept for the life of the store (SQLITE_PREPARE_PERSISTENT).
  int prepare(sqlite3* db, std::string_view sql);

  // Parameters are 1-based. Text is bound without a copy: it must outlive the next step().
  SqliteStatement& bind(int index, std::string_view text);
  SqliteStatement& bind(int index, double number);

  // SQLITE_ROW, SQLITE_DONE, or the first bind error / the step's error.
  int step();
  // Ready for the next use: rows released, parameters cleared.
  void reset();

  std::string column_text(int index) const;
  double column_double(int index) const;
  std::int64_t column_int64(int index) const;

 private:
  sqlite3_stmt* statement_ = nullptr;
  int bind_result_ = SQLITE_OK;
};

// Resets a statement when it goes out of scope, so an early return never leaves it mid-step
// (a statement mid-step keeps a read transaction open).
class StatementUse {
 public:
  explicit StatementUse(SqliteStatement& statement) : statement_(statement) {}
  ~StatementUse() { statement_.reset(); }
  StatementUse(const StatementUse&) = delete;
  StatementUse& operator=(const StatementUse&) = delete;
  SqliteStatement* operator->() { return &statement_; }

 private:
  SqliteStatement& statement_;
};

}  // namespace parley::relay
