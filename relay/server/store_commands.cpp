// open_configured_store, forget, prune (store_commands.hpp).
#include "store_commands.hpp"

#include <cstdio>

#include "relay/postgres_store.hpp"
#include "relay/sqlite_store.hpp"
#include "router_driver.hpp"

namespace parley::relay::server {

namespace {
constexpr double kRestoreEndedWithinMs = 3600.0 * 1000;   // a late rating still finds its conversation
}  // namespace

std::variant<std::unique_ptr<Store>, std::string> open_configured_store(const RelayConfig& config,
                                                                        std::int64_t fence_epoch) {
  // The PostgreSQL URL is never printed: it may hold a password.
  const bool postgresql = config.store_kind == "postgresql";
  SqliteOptions sqlite_options;
  sqlite_options.synchronous = config.store_sync_full ? SqliteSynchronous::full : SqliteSynchronous::normal;
  PostgresOptions postgres_options;
  postgres_options.fence_epoch = fence_epoch;
  auto opened = postgresql ? open_postgres_store(config.store_url, postgres_options)
                           : open_sqlite_store(config.store_path, sqlite_options);
  if (auto* error = std::get_if<StoreError>(&opened)) {
    return (postgresql ? std::string("postgresql") : config.store_path) + ": " + error->code + ": " + error->message;
  }
  return std::move(std::get<std::unique_ptr<Store>>(opened));
}

std::optional<RelayConfig> load_config_or_report(const std::string& file) {
  ConfigResult result = load_relay_config(file);
  if (result.errors.empty()) return std::move(result.config);
  for (const auto& error : result.errors) {
    std::fprintf(stderr, "parley-relay: %s: %s%s%s\n", file.c_str(), error.path.c_str(),
                 error.path.empty() ? "" : ": ", error.message.c_str());
  }
  return std::nullopt;
}

double retention_cutoff_ms(const RelayConfig& config, double now_ms) {
  return now_ms - static_cast<double>(config.retention_days) * 24 * 3600 * 1000;
}

void prune_now(Store& store, const RelayConfig& config) {
  auto result = store.prune(retention_cutoff_ms(config, wall_clock_ms()));
  if (auto* error = std::get_if<StoreError>(&result)) {
    std::fprintf(stderr, "parley-relay: retention: %s: %s\n", error->code.c_str(), error->message.c_str());
    return;
  }
  const auto& counts = std::get<ForgetCounts>(result);
  if (counts.conversations > 0) {
    std::fprintf(stderr, "parley-relay: retention: %lld ended conversations deleted\n",
                 static_cast<long long>(counts.conversations));
  }
}

std::optional<std::string> restore_router(Store& store, Router& router) {
  auto snapshot = store.load(wall_clock_ms() - kRestoreEndedWithinMs);
  if (auto* error = std::get_if<StoreError>(&snapshot)) return "load: " + error->code + ": " + error->message;
  router.restore(std::get<Snapshot>(snapshot));
  return std::nullopt;
}

namespace {

void print_counts(const char* what, const ForgetCounts& counts) {
  std::printf("%s: %lld conversations, %lld messages, %lld deliveries\n", what,
              static_cast<long long>(counts.conversations), static_cast<long long>(counts.messages),
              static_cast<long long>(counts.deliveries));
}

template <class Command>
int run_store_command(const CliArgs& args, const char* label, Command command) {
  auto config = load_config_or_report(args.config_file);
  if (!config) return 2;
  auto opened = open_configured_store(*config);
  if (auto* message = std::get_if<std::string>(&opened)) {
    std::fprintf(stderr, "parley-relay: store: %s\n", message->c_str());
    return 1;
  }
  auto& store = *std::get<std::unique_ptr<Store>>(opened);
  std::variant<ForgetCounts, StoreError> result = command(store, *config);
  if (auto* error = std::get_if<StoreError>(&result)) {
    std::fprintf(stderr, "parley-relay: %s: %s: %s\n", label, error->code.c_str(), error->message.c_str());
    return 1;
  }
  print_counts(label, std::get<ForgetCounts>(result));
  return 0;
}

}  // namespace

int run_forget(const CliArgs& args) {
  std::string label = "forgot " + args.visitor_id;
  return run_store_command(args, label.c_str(), [&](Store& store, const RelayConfig&) {
    return store.forget(args.visitor_id);
  });
}

int run_prune(const CliArgs& args) {
  return run_store_command(args, "pruned", [&](Store& store, const RelayConfig& config) {
    return store.prune(retention_cutoff_ms(config, wall_clock_ms()));
  });
}

}  // namespace parley::relay::server
