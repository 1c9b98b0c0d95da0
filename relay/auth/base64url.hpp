// base64url without padding (RFC 4648 §5), as JWTs and the relay's random ids use it.
//
// Must not: accept padding, whitespace or the standard alphabet's '+' and '/' (a JWT that carries
// them was not produced by a conforming signer, and accepting two spellings of one token invites
// confusion); throw.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace parley::relay {

std::string base64url_encode(std::string_view bytes);
// nullopt for any character outside [A-Za-z0-9_-], a length of 1 mod 4, or non-zero unused bits
// in the last character (so every byte string has exactly one accepted spelling).
std::optional<std::string> base64url_decode(std::string_view text);

}  // namespace parley::relay
