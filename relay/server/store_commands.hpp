// The store as the command line and the server reach it: opening the configured store, restoring
// a router from it, retention, and the one-shot commands `forget` and `prune`, which print what
// they deleted.
//
// Both stores serialize writers (SQLite's lock, PostgreSQL's transactions), so `forget` works
// beside a running relay, whose router may still hold the conversation in memory until it
// restarts: forget on a stopped relay to be thorough.
//
// Must not: keep the store open longer than the command.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>

#include "cli_args.hpp"
#include "relay/relay_config.hpp"
#include "relay/router.hpp"
#include "relay/store.hpp"

namespace parley::relay::server {

// The store the config names (store.kind: "sqlite" or "postgresql"); an error message otherwise.
// fence_epoch: a cluster router's epoch (PostgresOptions::fence_epoch); 0 for a single relay.
std::variant<std::unique_ptr<Store>, std::string> open_configured_store(const RelayConfig& config,
                                                                        std::int64_t fence_epoch = 0);

// The config file loaded, or its errors printed to stderr (one line each, with the JSON path).
std::optional<RelayConfig> load_config_or_report(const std::string& file);

// Exit codes as main's: 0, 1 (store failure), 2 (bad config).
int run_forget(const CliArgs& args);
int run_prune(const CliArgs& args);

// The retention cutoff for `now_ms`: ended conversations before it are deleted.
double retention_cutoff_ms(const RelayConfig& config, double now_ms);
// How often a serving relay (or a cluster's router) applies retention, besides at start.
inline constexpr auto kRetentionEvery = std::chrono::hours(6);
// Deletes what retention says, now; a failure is printed, not fatal.
void prune_now(Store& store, const RelayConfig& config);
// The store's snapshot (open conversations, and those ended within the last hour) into a new router.
std::optional<std::string> restore_router(Store& store, Router& router);

}  // namespace parley::relay::server
