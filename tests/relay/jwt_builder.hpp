// Builds HS256 JWTs for the relay's tests, independently of relay/auth's own base64url (so a bug
// there cannot hide behind the same bug here). Test-only.
#pragma once

#include <string>

#include "relay/credentials.hpp"

namespace parley::relay::testing {

inline std::string jwt_base64url(const std::string& bytes) {
  static const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  int bits = 0;
  unsigned buffer = 0;
  for (unsigned char c : bytes) {
    buffer = (buffer << 8) | c;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += alphabet[(buffer >> bits) & 63];
    }
  }
  if (bits > 0) out += alphabet[(buffer << (6 - bits)) & 63];
  return out;
}

// header.claims.signature, signed with key (HMAC-SHA256 of the first two parts).
inline std::string signed_jwt(const std::string& header_json, const std::string& claims_json, const std::string& key) {
  std::string signing_input = jwt_base64url(header_json) + "." + jwt_base64url(claims_json);
  std::string hex = hmac_sha256_hex(key, signing_input), bytes;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) bytes += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
  return signing_input + "." + jwt_base64url(bytes);
}

}  // namespace parley::relay::testing
