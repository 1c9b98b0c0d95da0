// Visitor identity tokens (identity_token.hpp).
#include "identity_token.hpp"

#include "digest.hpp"

namespace parley::relay {
namespace {

constexpr std::string_view kVersionPrefix = "v1.";
constexpr std::size_t kMacHexLength = 64;

bool is_url_safe(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

bool is_lower_hex(std::string_view text) {
  for (char c : text)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

}  // namespace

bool is_visitor_id(std::string_view text) {
  if (text.size() < kMinVisitorIdLength || text.size() > kMaxVisitorIdLength) return false;
  for (char c : text)
    if (!is_url_safe(c)) return false;
  return true;
}

std::string sign_identity(std::string_view identity_key, std::string_view visitor_id) {
  std::string signed_part = std::string(kVersionPrefix) + std::string(visitor_id);
  return signed_part + "." + to_lower_hex(hmac_sha256_bytes(identity_key, signed_part));
}

std::optional<std::string> verify_identity_token(std::string_view identity_key, std::string_view token) {
  if (identity_key.empty()) return std::nullopt;  // an unconfigured key signs nothing
  if (token.substr(0, kVersionPrefix.size()) != kVersionPrefix) return std::nullopt;
  std::size_t last_dot = token.rfind('.');
  if (last_dot < kVersionPrefix.size()) return std::nullopt;
  std::string_view visitor_id = token.substr(kVersionPrefix.size(), last_dot - kVersionPrefix.size());
  std::string_view mac_hex = token.substr(last_dot + 1);
  if (!is_visitor_id(visitor_id) || mac_hex.size() != kMacHexLength || !is_lower_hex(mac_hex)) return std::nullopt;
  std::string expected = to_lower_hex(hmac_sha256_bytes(identity_key, token.substr(0, last_dot)));
  if (!equal_in_constant_time(expected, mac_hex)) return std::nullopt;
  return std::string(visitor_id);
}

}  // namespace parley::relay
