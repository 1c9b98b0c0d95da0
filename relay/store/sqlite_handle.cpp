// SQLite RAII wrappers and result codes as StoreErrors (sqlite_handle.hpp).
#include "sqlite_handle.hpp"

namespace parley::relay {

StoreError store_error(sqlite3* db, int result_code, std::string_view doing) {
  std::string code;
  switch (result_code & 0xFF) {  // the primary code; extended codes refine it
    case SQLITE_BUSY:
    case SQLITE_LOCKED: code = "busy"; break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB: code = "corrupt"; break;
    case SQLITE_CANTOPEN: code = "open"; break;
    default: code = "io"; break;
  }
  std::string message(doing);
  message += ": ";
  // The connection's message is the precise one when it belongs to this code.
  if (db != nullptr && sqlite3_errcode(db) == result_code) message += sqlite3_errmsg(db);
  else message += sqlite3_errstr(result_code);
  return {std::move(code), std::move(message)};
}

SqliteDatabase::~SqliteDatabase() {
  // close_v2: closes once the last statement is finalized, whatever the destruction order.
  if (db_ != nullptr) sqlite3_close_v2(db_);
}

int SqliteDatabase::open(const std::string& path) {
  // NOMUTEX: a Store is used by one thread at a time (sqlite_store.hpp); SQLite's own locking
  // of the connection would be pure cost.
  return sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
}

int SqliteDatabase::exec(const char* sql) { return sqlite3_exec(db_, sql, nullptr, nullptr, nullptr); }

SqliteStatement::~SqliteStatement() { sqlite3_finalize(statement_); }

int SqliteStatement::prepare(sqlite3* db, std::string_view sql) {
  return sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &statement_, nullptr);
}

SqliteStatement& SqliteStatement::bind(int index, std::string_view text) {
  int result = sqlite3_bind_text(statement_, index, text.data(), static_cast<int>(text.size()), SQLITE_STATIC);
  if (bind_result_ == SQLITE_OK) bind_result_ = result;
  return *this;
}

SqliteStatement& SqliteStatement::bind(int index, double number) {
  int result = sqlite3_bind_double(statement_, index, number);
  if (bind_result_ == SQLITE_OK) bind_result_ = result;
  return *this;
}

int SqliteStatement::step() {
  if (bind_result_ != SQLITE_OK) return bind_result_;
  return sqlite3_step(statement_);
}

void SqliteStatement::reset() {
  sqlite3_reset(statement_);
  sqlite3_clear_bindings(statement_);
  bind_result_ = SQLITE_OK;
}

std::string SqliteStatement::column_text(int index) const {
  const unsigned char* text = sqlite3_column_text(statement_, index);
  int size = sqlite3_column_bytes(statement_, index);
  if (text == nullptr) return {};
  return std::string(reinterpret_cast<const char*>(text), static_cast<std::size_t>(size));
}

double SqliteStatement::column_double(int index) const { return sqlite3_column_double(statement_, index); }

std::int64_t SqliteStatement::column_int64(int index) const { return sqlite3_column_int64(statement_, index); }

}  // namespace parley::relay
