// SHA-256 and HMAC-SHA256 over OpenSSL's EVP interfaces, and the constant-time comparison every
// secret check goes through.
//
// Must not: throw, log or keep the data or keys it is given.
#pragma once

#include <string>
#include <string_view>

namespace parley::relay {

// Raw 32-byte digests (std::string as a byte container).
std::string sha256_bytes(std::string_view data);
std::string hmac_sha256_bytes(std::string_view key, std::string_view data);

std::string to_lower_hex(std::string_view bytes);

// True when a and b are equal; the time taken depends on their lengths only, never on where they
// differ (CRYPTO_memcmp), so a guesser learns nothing from timing.
bool equal_in_constant_time(std::string_view a, std::string_view b);

}  // namespace parley::relay
