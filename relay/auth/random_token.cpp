// random_token(): 128 bits from OpenSSL's CSPRNG, base64url (credentials.hpp).
#include <openssl/rand.h>

#include <cstdio>
#include <cstdlib>

#include "base64url.hpp"
#include "relay/credentials.hpp"

namespace parley::relay {

std::string random_token() {
  unsigned char bytes[16];
  // Without randomness every visitor id and identity would be guessable; there is no safe way
  // to go on, and RAND_bytes fails only when the OS entropy source is gone.
  if (RAND_bytes(bytes, sizeof bytes) != 1) {
    std::fputs("parley-relay: RAND_bytes failed, cannot make unguessable ids\n", stderr);
    std::abort();
  }
  return base64url_encode(std::string_view(reinterpret_cast<const char*>(bytes), sizeof bytes));
}

}  // namespace parley::relay
