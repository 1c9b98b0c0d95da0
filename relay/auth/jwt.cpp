// HS256 JWT verification (jwt.hpp).
#include "jwt.hpp"

#include <nlohmann/json.hpp>

#include "base64url.hpp"
#include "digest.hpp"

namespace parley::relay {
namespace {

using Json = nlohmann::json;

Credentials::JwtResult refused(std::string reason) { return {false, {}, std::move(reason)}; }

// A parsed JSON object, or a discarded/non-object value the caller rejects.
Json parse_object(std::string_view text) {
  return Json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
}

}  // namespace

Credentials::JwtResult verify_hs256_jwt(std::string_view token, std::string_view key, double now_ms) {
  if (key.empty()) return refused("no jwt key configured");
  std::size_t first_dot = token.find('.');
  std::size_t second_dot = first_dot == std::string_view::npos ? first_dot : token.find('.', first_dot + 1);
  if (second_dot == std::string_view::npos || token.find('.', second_dot + 1) != std::string_view::npos)
    return refused("not three parts");
  std::string_view header_part = token.substr(0, first_dot);
  std::string_view claims_part = token.substr(first_dot + 1, second_dot - first_dot - 1);
  std::string_view signature_part = token.substr(second_dot + 1);

  auto header_text = base64url_decode(header_part);
  if (!header_text) return refused("header is not base64url");
  Json header = parse_object(*header_text);
  if (header.is_discarded() || !header.is_object()) return refused("header is not a JSON object");
  auto alg = header.find("alg");
  if (alg == header.end() || !alg->is_string()) return refused("header has no alg");
  const std::string& alg_name = *alg->get_ptr<const std::string*>();
  if (alg_name == "none") return refused("alg none refused");
  if (alg_name != "HS256") return refused("alg " + alg_name.substr(0, 16) + " refused (HS256 only)");

  auto signature = base64url_decode(signature_part);
  if (!signature) return refused("signature is not base64url");
  std::string expected = hmac_sha256_bytes(key, token.substr(0, second_dot));
  if (!equal_in_constant_time(expected, *signature)) return refused("bad signature");

  // Only now, with the signature known good, are the claims worth reading.
  auto claims_text = base64url_decode(claims_part);
  if (!claims_text) return refused("claims are not base64url");
  Json claims = parse_object(*claims_text);
  if (claims.is_discarded() || !claims.is_object()) return refused("claims are not a JSON object");

  double now_seconds = now_ms / 1000.0;
  if (auto exp = claims.find("exp"); exp != claims.end()) {
    if (!exp->is_number()) return refused("exp is not a number");
    if (now_seconds >= exp->get<double>()) return refused("expired");  // get<double>: is_number() checked
  }
  if (auto nbf = claims.find("nbf"); nbf != claims.end()) {
    if (!nbf->is_number()) return refused("nbf is not a number");
    if (now_seconds < nbf->get<double>()) return refused("not yet valid");
  }
  return {true, claims.dump(), {}};
}

}  // namespace parley::relay
