// PgPipeline (postgres_pipeline.hpp).
#include "postgres_pipeline.hpp"

namespace parley::relay {

PgPipeline::~PgPipeline() {
  // Fails on a broken connection (results never collected): the next call's reset clears it.
  if (entered_) PQexitPipelineMode(connection_.get());
}

std::optional<StoreError> PgPipeline::enter(std::string_view doing) {
  if (PQenterPipelineMode(connection_.get()) != 1) return postgres_error(connection_, nullptr, doing);
  entered_ = true;
  return std::nullopt;
}

void PgPipeline::send(const char* sql) {
  if (send_failed_) return;
  if (PQsendQueryParams(connection_.get(), sql, 0, nullptr, nullptr, nullptr, nullptr, 0) == 1) ++queued_;
  else send_failed_ = true;
}

void PgPipeline::send_prepared(const char* name, const PgParams& params) {
  if (send_failed_) return;
  // libpq copies the parameters into its output buffer here: they need not outlive the call.
  if (PQsendQueryPrepared(connection_.get(), name, params.size(), params.values(), nullptr, nullptr, 0) == 1) ++queued_;
  else send_failed_ = true;
}

std::optional<StoreError> PgPipeline::finish(std::string_view doing) {
  PGconn* conn = connection_.get();
  if (send_failed_ || PQpipelineSync(conn) != 1) return postgres_error(connection_, nullptr, doing);
  std::optional<StoreError> first;
  for (int i = 0; i < queued_; ++i) {
    PgResult result(PQgetResult(conn));
    if (result == nullptr) return first ? first : postgres_error(connection_, nullptr, doing);   // connection gone
    ExecStatusType status = PQresultStatus(result.get());
    // PIPELINE_ABORTED: skipped because an earlier statement failed, whose error is the one to report.
    // TUPLES_OK: a SELECT run for its side effect or its check (the fence).
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && status != PGRES_PIPELINE_ABORTED && !first)
      first = postgres_error(connection_, result.get(), doing);
    PgResult end_of_statement(PQgetResult(conn));   // NULL after each statement's result
  }
  PgResult sync(PQgetResult(conn));
  if (sync == nullptr || PQresultStatus(sync.get()) != PGRES_PIPELINE_SYNC) {
    if (!first) first = postgres_error(connection_, sync.get(), doing);
    return first;
  }
  if (PQexitPipelineMode(conn) == 1) entered_ = false;
  return first;
}

}  // namespace parley::relay
