// The real Credentials: visitor identities signed with HMAC-SHA256, agents' bearer tokens checked
// against the SHA-256 in the config, the site's JWTs (HS256) verified. OpenSSL (libssl-dev).
//
// Identity token: "v1.<visitorId>.<hex HMAC-SHA256(identityKey, "v1." + visitorId)>", visitorId
// 22 url-safe characters (128 random bits). Comparisons are constant-time.
//
// Must not: throw, log secrets, accept "alg": "none" or any algorithm but HS256.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "relay/relay_config.hpp"
#include "relay/router.hpp"

namespace parley::relay {

std::unique_ptr<Credentials> make_credentials(const RelayConfig& config);

// Helpers shared with the CLI and tests.
std::string sha256_hex(std::string_view data);
std::string hmac_sha256_hex(std::string_view key, std::string_view data);
// 128 random bits from OpenSSL's RAND_bytes, base64url without padding (22 characters).
std::string random_token();

}  // namespace parley::relay
