// Visitor identity tokens: "v1.<visitorId>.<hex HMAC-SHA256(identityKey, "v1." + visitorId)>"
// (credentials.hpp). The visitor keeps the token; the relay keeps nothing but the key.
//
// Must not: accept a token whose MAC was not made with this key, compare MACs in variable time.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace parley::relay {

// visitor ids the relay makes are 22 base64url characters (random_token()); the router's injected
// id source promises at least 16, and tests use readable ones, so 16 to 64 are accepted.
inline constexpr std::size_t kMinVisitorIdLength = 16;
inline constexpr std::size_t kMaxVisitorIdLength = 64;

bool is_visitor_id(std::string_view text);

std::string sign_identity(std::string_view identity_key, std::string_view visitor_id);
// The visitor id, or nullopt when the token is malformed or its MAC is not this key's.
std::optional<std::string> verify_identity_token(std::string_view identity_key, std::string_view token);

}  // namespace parley::relay
