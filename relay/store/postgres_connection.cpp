// libpq RAII, parameters and SQLSTATEs as StoreErrors (postgres_connection.hpp).
#include "postgres_connection.hpp"

#include <charconv>
#include <cstring>

namespace parley::relay {

bool PgParams::take_slot() {
  if (size_ < kMax) return true;
  if (problem_ == nullptr) problem_ = "more statement parameters than PgParams holds";
  return false;
}

PgParams& PgParams::text(const std::string& value) {
  if (!take_slot()) return *this;
  if (value.find('\0') != std::string::npos && problem_ == nullptr)
    problem_ = "a text value holds a NUL byte, which PostgreSQL text cannot store";
  values_[static_cast<std::size_t>(size_++)] = value.c_str();
  return *this;
}

PgParams& PgParams::text(const char* value) {
  if (take_slot()) values_[static_cast<std::size_t>(size_++)] = value;
  return *this;
}

PgParams& PgParams::number(double value) {
  if (!take_slot()) return *this;
  auto& buffer = numbers_[static_cast<std::size_t>(size_)];
  // Shortest round-trip form: float8 parses it back to the same double. 32 bytes always suffice.
  auto [end, error] = std::to_chars(buffer.data(), buffer.data() + buffer.size() - 1, value);
  if (error != std::errc()) end = buffer.data();
  *end = '\0';
  values_[static_cast<std::size_t>(size_++)] = buffer.data();
  return *this;
}

PostgresConnection::~PostgresConnection() {
  if (conn_ != nullptr) PQfinish(conn_);
}

std::optional<StoreError> PostgresConnection::connect(const std::string& url, int connect_timeout_s) {
  std::string timeout = std::to_string(connect_timeout_s);
  // Keywords are applied in order and dbname (the URL, expanded) comes last: the URL may
  // override our defaults. UTF8: the records' text is UTF-8, whatever the server's default.
  // Keepalives and a TCP user timeout: a server gone without closing TCP (a network cut) fails
  // the call that waits on it within ~10 s instead of never (a cluster's router then steps down).
  const char* keywords[] = {"connect_timeout", "application_name", "client_encoding", "keepalives", "keepalives_idle",
                            "keepalives_interval", "keepalives_count", "tcp_user_timeout", "dbname", nullptr};
  const char* values[] = {timeout.c_str(), "parley-relay", "UTF8", "1", "5", "2", "3", "10000", url.c_str(), nullptr};
  conn_ = PQconnectdbParams(keywords, values, /*expand_dbname=*/1);
  if (conn_ == nullptr) return StoreError{"open", "connecting to PostgreSQL: out of memory"};
  // libpq prints server notices to stderr by default, among them the FATAL of a server shutting
  // down while we are idle: a line without context in the relay's log. Whatever matters comes
  // back as a StoreError of the call that meets it.
  PQsetNoticeProcessor(conn_, [](void*, const char*) {}, nullptr);
  if (PQstatus(conn_) == CONNECTION_OK) return std::nullopt;
  StoreError error = postgres_error(*this, nullptr, "connecting to PostgreSQL");
  error.code = "open";   // at start, unreachable and refused are the same news: the store cannot open
  return error;
}

bool PostgresConnection::reset() {
  PQreset(conn_);
  return PQstatus(conn_) == CONNECTION_OK;
}

bool PostgresConnection::in_transaction() const {
  PGTransactionStatusType status = PQtransactionStatus(conn_);
  return status == PQTRANS_INTRANS || status == PQTRANS_INERROR;
}

PgResult PostgresConnection::exec(const char* sql) { return PgResult(PQexec(conn_, sql)); }

PgResult PostgresConnection::exec(const char* sql, const PgParams& params) {
  return PgResult(PQexecParams(conn_, sql, params.size(), nullptr, params.values(), nullptr, nullptr, 0));
}

PgResult PostgresConnection::prepare(const char* name, const char* sql) {
  return PgResult(PQprepare(conn_, name, sql, 0, nullptr));
}

PgResult PostgresConnection::exec_prepared(const char* name, const PgParams& params) {
  return PgResult(PQexecPrepared(conn_, name, params.size(), params.values(), nullptr, nullptr, 0));
}

namespace {

std::string code_of_sqlstate(std::string_view state) {
  if (state == "40001" || state == "40P01" || state == "55P03" || state == "55006" || state == "57014") return "busy";
  if (state == "XX001" || state == "XX002") return "corrupt";
  if (state == "3D000" || state == "28000" || state == "28P01") return "open";
  if (state == "PF001") return "fenced";   // parley_check_epoch: another router was elected (CLUSTER.md)
  return "io";
}

// libpq's messages end with a newline (and sometimes carry a second line): one line is enough.
std::string first_line(const char* text) {
  if (text == nullptr) return {};
  std::string line(text);
  line = line.substr(0, line.find('\n'));
  return line;
}

}  // namespace

StoreError postgres_error(const PostgresConnection& connection, const PGresult* result, std::string_view doing) {
  std::string message(doing);
  message += ": ";
  const char* state = result != nullptr ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  std::string words = result != nullptr ? first_line(PQresultErrorMessage(result)) : "";
  if (words.empty()) words = first_line(PQerrorMessage(connection.get()));
  if (words.empty() && result != nullptr) words = std::string("unexpected ") + PQresStatus(PQresultStatus(result));
  message += words;
  if (state == nullptr) return {"io", std::move(message)};   // no SQLSTATE: the connection itself failed
  message += " (SQLSTATE ";
  message += state;
  message += ")";
  return {code_of_sqlstate(state), std::move(message)};
}

std::optional<StoreError> check(const PostgresConnection& connection, const PgResult& result, ExecStatusType expected,
                                std::string_view doing) {
  if (result != nullptr && PQresultStatus(result.get()) == expected) return std::nullopt;
  return postgres_error(connection, result.get(), doing);
}

}  // namespace parley::relay
