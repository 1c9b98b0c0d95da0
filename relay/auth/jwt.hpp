// The site's JWTs (RFC 7519), HS256 only (RFC 7518 §3.2): the one algorithm the relay shares a
// key for. Everything else, "none" first of all, is refused by name before any key is used.
//
// Must not: throw (untrusted JSON goes through nlohmann's non-throwing parse), accept an
// unsigned, expired or not-yet-valid token, put the token or key in a reason.
#pragma once

#include <string_view>

#include "relay/router.hpp"

namespace parley::relay {

// now_ms: Unix time in milliseconds; exp and nbf are Unix seconds (NumericDate) and are compared
// without leeway: the site's backend mints the token moments before the page uses it.
Credentials::JwtResult verify_hs256_jwt(std::string_view token, std::string_view key, double now_ms);

}  // namespace parley::relay
