// make_credentials(): the real Credentials over the config's keys and agent list
// (credentials.hpp).
#include "relay/credentials.hpp"

#include "digest.hpp"
#include "identity_token.hpp"
#include "jwt.hpp"

namespace parley::relay {
namespace {

class ConfiguredCredentials final : public Credentials {
 public:
  explicit ConfiguredCredentials(const RelayConfig& config)
      : identity_key_(config.identity_key), jwt_key_(config.jwt_key), agents_(config.agents) {}

  std::string issue_identity(std::string_view visitor_id) const override {
    return sign_identity(identity_key_, visitor_id);
  }

  std::optional<std::string> verify_identity(std::string_view token) const override {
    return verify_identity_token(identity_key_, token);
  }

  std::optional<AgentAccount> agent_for_token(std::string_view token) const override {
    if (token.empty()) return std::nullopt;
    std::string token_hash = sha256_hex(token);
    // Every entry is compared, match or not, so timing does not tell which agent (if any) matched.
    const AgentEntry* match = nullptr;
    for (const AgentEntry& entry : agents_)
      if (equal_in_constant_time(token_hash, entry.token_sha256) && match == nullptr) match = &entry;
    if (match == nullptr) return std::nullopt;
    return match->account;
  }

  JwtResult verify_jwt(std::string_view token, double now_ms) const override {
    return verify_hs256_jwt(token, jwt_key_, now_ms);
  }

  std::vector<AgentAccount> agents() const override {
    std::vector<AgentAccount> accounts;
    accounts.reserve(agents_.size());
    for (const AgentEntry& entry : agents_) accounts.push_back(entry.account);
    return accounts;
  }

 private:
  std::string identity_key_;
  std::string jwt_key_;
  std::vector<AgentEntry> agents_;
};

}  // namespace

std::unique_ptr<Credentials> make_credentials(const RelayConfig& config) {
  return std::make_unique<ConfiguredCredentials>(config);
}

}  // namespace parley::relay
