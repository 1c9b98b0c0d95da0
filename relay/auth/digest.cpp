// SHA-256, HMAC-SHA256, hex and constant-time comparison (digest.hpp; credentials.hpp's helpers).
#include "digest.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <cstdlib>

#include "relay/credentials.hpp"

namespace parley::relay {

std::string sha256_bytes(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  // EVP_Digest only fails when OpenSSL itself is broken (no SHA-256 provider); an empty digest
  // then never equals a real one, so every check that depends on it fails closed.
  if (EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha256(), nullptr) != 1) return {};
  return std::string(reinterpret_cast<const char*>(digest), length);
}

std::string hmac_sha256_bytes(std::string_view key, std::string_view data) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  // HMAC() with an empty key needs a non-null pointer; "" provides one.
  const void* key_data = key.empty() ? static_cast<const void*>("") : key.data();
  if (HMAC(EVP_sha256(), key_data, static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(data.data()),
           data.size(), mac, &length) == nullptr)
    return {};
  return std::string(reinterpret_cast<const char*>(mac), length);
}

std::string to_lower_hex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (char c : bytes) {
    auto byte = static_cast<unsigned char>(c);
    out += kDigits[byte >> 4];
    out += kDigits[byte & 15];
  }
  return out;
}

bool equal_in_constant_time(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string sha256_hex(std::string_view data) { return to_lower_hex(sha256_bytes(data)); }

std::string hmac_sha256_hex(std::string_view key, std::string_view data) {
  return to_lower_hex(hmac_sha256_bytes(key, data));
}

}  // namespace parley::relay
