// The relay's config file (JSON, read with nlohmann's non-throwing accessors): every problem
// reported with its JSON pointer, like the widget's config. Example: relay/relay.example.json.
//
//   {
//     "listen": "127.0.0.1:8090",            // address:port
//     "threads": 1,                           // io_context threads (--threads overrides)
//     "store": {"kind": "sqlite", "path": "parley-relay.db"},   // relative to the config file
//     (sqlite may add "synchronous": "full" (default: an acknowledged message survives a power cut)
//      or "normal" (survives a crash or kill -9 of the relay, may lose the last commits on power
//      loss; the p99 latency then does not wait on the disk's fsync))
//  or "store": {"kind": "postgresql", "url": "postgresql://relay@db.internal:5432/parley"},
//                                             // a libpq URI; relays of a cluster share the database
//     "retentionDays": 30,                    // ended conversations older than this are deleted
//     "origins": ["https://shop.example"],    // allowed Origin headers; [] allows any (development)
//     "identityKey": "...",                   // HMAC-SHA256 key for visitor identities, >= 32 bytes
//     "auth": {"jwtKey": "..."},              // HS256 key for the site's authToken; optional
//     "agents": [{"id": "alex", "name": "Alex", "tokenSha256": "<64 hex>", "maxChats": 3,
//                 "avatar": "https://...", "replyTime": "Usually replies within 2 minutes"}],
//                                             // avatar (https://, at most 2048 bytes) and replyTime
//                                             // (at most 200 bytes) optional: the visitor's header
//     "tls": {"certificate": "cert.pem", "privateKey": "key.pem"},  // optional; else plain ws
//     "limits": {"visitorRate": {"perSecond": 20, "burst": 60},
//                "agentRate": {"perSecond": 200, "burst": 400},
//                "sendQueueBytes": 1048576},
//     "cluster": {"nats": ["nats://127.0.0.1:4222"]}   // optional: one relay of a cluster (CLUSTER.md);
//                                             // needs store.kind "postgresql"
//   }
//
// Must not: throw, open files other than the one it is given, start anything.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "relay/router.hpp"

namespace parley::relay {

struct ConfigError {
  std::string message;
  std::string path;   // JSON pointer into the config
};

struct AgentEntry {
  AgentAccount account;
  std::string token_sha256;   // lowercase hex of SHA-256(token): tokens are never stored in clear
};

struct RelayConfig {
  std::string listen_address = "127.0.0.1";
  std::uint16_t listen_port = 8090;
  int threads = 1;
  std::string store_kind = "sqlite";
  std::string store_path = "parley-relay.db";   // resolved against the config file's folder
  std::string store_url;                        // kind "postgresql": a libpq connection URI (may hold a password: never printed)
  bool store_sync_full = true;                  // sqlite "synchronous": "full" (default) or "normal"
  int retention_days = 30;
  std::vector<std::string> origins;
  std::string identity_key;
  std::string jwt_key;                          // "" : authTokens are never valid
  std::vector<AgentEntry> agents;
  std::string tls_certificate, tls_private_key; // both or neither
  RouterLimits limits;
  std::size_t send_queue_bytes = 1 << 20;
  bool cluster = false;                         // "cluster" present: one relay of several (CLUSTER.md)
  std::vector<std::string> cluster_nats;        // its NATS server URLs
};

struct ConfigResult {
  RelayConfig config;
  std::vector<ConfigError> errors;   // empty: usable
};

// text: the file's contents; base_dir: its folder (relative paths are resolved against it).
ConfigResult parse_relay_config(std::string_view text, const std::string& base_dir);
// Reads and parses a file; a missing file is one error with path "".
ConfigResult load_relay_config(const std::string& file);

}  // namespace parley::relay
