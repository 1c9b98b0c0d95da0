// The router election on PostgreSQL (postgres_lease.hpp).
#include "relay/postgres_lease.hpp"

#include <cstdlib>

#include "postgres_connection.hpp"

namespace parley::relay {
namespace {

// A constant every parley-relay uses (not the migration's: a migration must not wait for the router).
constexpr const char* kTryLock = "SELECT pg_try_advisory_lock(123707614340474)";
constexpr const char* kUnlock = "SELECT pg_advisory_unlock(123707614340474)";
constexpr const char* kBumpEpoch = "UPDATE parley_leader SET epoch = epoch + 1 WHERE id = 1 RETURNING epoch";
constexpr const char* kNextInstance = "SELECT nextval('parley_gateway_instance')";

class Lease final : public PostgresLease {
 public:
  std::optional<StoreError> open(const std::string& url, int connect_timeout_s) {
    return connection_.connect(url, connect_timeout_s);
  }

  std::variant<std::uint32_t, StoreError> new_gateway_instance() override {
    if (auto error = ready()) return *error;
    std::string value;
    if (auto error = single_value(kNextInstance, "numbering this gateway", value)) return *error;
    return static_cast<std::uint32_t>(std::strtoul(value.c_str(), nullptr, 10));
  }

  std::variant<std::optional<std::int64_t>, StoreError> try_acquire() override {
    if (auto error = ready()) return *error;
    std::string locked;
    if (auto error = single_value(kTryLock, "trying the router lock", locked)) return *error;
    if (locked != "t") return std::optional<std::int64_t>{};
    holding_ = true;
    std::string epoch;
    if (auto error = single_value(kBumpEpoch, "starting a router epoch", epoch)) {
      release();
      return *error;
    }
    return std::optional<std::int64_t>{std::strtoll(epoch.c_str(), nullptr, 10)};
  }

  bool still_held() override {
    if (!holding_) return false;
    PgResult result = connection_.exec("SELECT 1");
    if (result && PQresultStatus(result.get()) == PGRES_TUPLES_OK) return true;
    holding_ = false;   // the session broke, and the server dropped the lock with it
    return false;
  }

  void release() override {
    if (!holding_) return;
    holding_ = false;
    PgResult result = connection_.exec(kUnlock);
    if (!result || PQresultStatus(result.get()) != PGRES_TUPLES_OK) connection_.reset();   // a new session holds nothing
  }

 private:
  std::optional<StoreError> ready() {
    if (PQconsumeInput(connection_.get()) == 0 || connection_.lost()) {
      holding_ = false;
      if (!connection_.reset()) return postgres_error(connection_, nullptr, "reconnecting to PostgreSQL");
    }
    return std::nullopt;
  }

  std::optional<StoreError> single_value(const char* sql, const char* doing, std::string& value) {
    PgResult result = connection_.exec(sql);
    if (auto error = check(connection_, result, PGRES_TUPLES_OK, doing)) return error;
    if (PQntuples(result.get()) != 1 || PQgetisnull(result.get(), 0, 0))
      return StoreError{"schema", std::string(doing) + ": no row (is the schema migrated?)"};
    value = PQgetvalue(result.get(), 0, 0);
    return std::nullopt;
  }

  PostgresConnection connection_;
  bool holding_ = false;
};

}  // namespace

std::variant<std::unique_ptr<PostgresLease>, StoreError> open_postgres_lease(const std::string& url,
                                                                              int connect_timeout_s) {
  auto lease = std::make_unique<Lease>();
  if (auto error = lease->open(url, connect_timeout_s)) return *error;
  return std::unique_ptr<PostgresLease>(std::move(lease));
}

}  // namespace parley::relay
