// The real Credentials (relay/auth): visitor identity tokens and agents' bearer tokens, each rule
// with its error twin, over real OpenSSL.
#include <gtest/gtest.h>

#include "relay/credentials.hpp"

namespace parley::relay {
namespace {

constexpr const char* kIdentityKey = "identity key for tests, 32+ bytes long";
constexpr const char* kVisitorId = "Q2x1c3Rlci1WaXNpdG9yMQ";  // 22 url-safe characters

RelayConfig config_with_agents() {
  RelayConfig config;
  config.identity_key = kIdentityKey;
  config.agents.push_back({{"alex", "Alex", 3}, sha256_hex("demo-alex")});
  config.agents.push_back({{"sam", "Sam", 2}, sha256_hex("demo-sam")});
  return config;
}

TEST(Sha256Hex, MatchesTheKnownDigestOfAbc) {
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(HmacSha256Hex, MatchesRfc4231TestCase2) {
  EXPECT_EQ(hmac_sha256_hex("Jefe", "what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(RandomToken, Is22UrlSafeCharactersAndDiffersEachTime) {
  std::string first = random_token();
  std::string second = random_token();
  EXPECT_EQ(first.size(), 22u);
  EXPECT_EQ(first.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"), std::string::npos);
  EXPECT_NE(first, second);
}

TEST(IdentityToken, HasTheDocumentedShape) {
  auto credentials = make_credentials(config_with_agents());
  std::string token = credentials->issue_identity(kVisitorId);
  EXPECT_EQ(token, std::string("v1.") + kVisitorId + "." + hmac_sha256_hex(kIdentityKey, std::string("v1.") + kVisitorId));
}

TEST(IdentityToken, ASignedTokenVerifiesToItsVisitor) {
  auto credentials = make_credentials(config_with_agents());
  EXPECT_EQ(credentials->verify_identity(credentials->issue_identity(kVisitorId)), kVisitorId);
}

TEST(IdentityToken, ARandomVisitorIdRoundTrips) {
  auto credentials = make_credentials(config_with_agents());
  std::string visitor_id = random_token();
  EXPECT_EQ(credentials->verify_identity(credentials->issue_identity(visitor_id)), visitor_id);
}

TEST(IdentityToken, ATamperedVisitorIdIsRefused) {
  auto credentials = make_credentials(config_with_agents());
  std::string token = credentials->issue_identity(kVisitorId);
  token[5] = token[5] == 'x' ? 'y' : 'x';
  EXPECT_EQ(credentials->verify_identity(token), std::nullopt);
}

TEST(IdentityToken, ATamperedMacIsRefused) {
  auto credentials = make_credentials(config_with_agents());
  std::string token = credentials->issue_identity(kVisitorId);
  token.back() = token.back() == '0' ? '1' : '0';
  EXPECT_EQ(credentials->verify_identity(token), std::nullopt);
}

TEST(IdentityToken, ATokenSignedWithAnotherKeyIsRefused) {
  RelayConfig other = config_with_agents();
  other.identity_key = "another identity key, also 32+ bytes";
  std::string foreign = make_credentials(other)->issue_identity(kVisitorId);
  EXPECT_EQ(make_credentials(config_with_agents())->verify_identity(foreign), std::nullopt);
}

TEST(IdentityToken, MalformedTokensAreRefused) {
  auto credentials = make_credentials(config_with_agents());
  std::string good = credentials->issue_identity(kVisitorId);
  std::string mac = good.substr(good.rfind('.') + 1);
  for (const std::string& token : {
           std::string(""), std::string("v1"), std::string("v1."), std::string("v1.."),
           "v2." + good.substr(3),                                   // another version
           good + ".",                                                // a fourth part
           "v1." + std::string(kVisitorId) + "." + mac.substr(0, 63),  // short MAC
           "v1." + std::string(kVisitorId) + "." + std::string(64, 'A'),  // upper-case hex
           "v1.short." + hmac_sha256_hex(kIdentityKey, "v1.short"),   // id too short, yet well signed
           "v1.has+plus/slash1234567." + hmac_sha256_hex(kIdentityKey, "v1.has+plus/slash1234567"),
           " " + good}) {
    EXPECT_EQ(credentials->verify_identity(token), std::nullopt) << token;
  }
}

TEST(IdentityToken, AnEmptyIdentityKeyVerifiesNothing) {
  RelayConfig config;
  auto credentials = make_credentials(config);
  EXPECT_EQ(credentials->verify_identity(credentials->issue_identity(kVisitorId)), std::nullopt);
}

TEST(AgentToken, TheRightTokenNamesItsAgent) {
  auto credentials = make_credentials(config_with_agents());
  auto sam = credentials->agent_for_token("demo-sam");
  ASSERT_TRUE(sam.has_value());
  EXPECT_EQ(sam->id, "sam");
  EXPECT_EQ(sam->name, "Sam");
  EXPECT_EQ(sam->max_chats, 2);
}

TEST(AgentToken, AWrongTokenNamesNobody) {
  auto credentials = make_credentials(config_with_agents());
  EXPECT_EQ(credentials->agent_for_token("demo-sam "), std::nullopt);
  EXPECT_EQ(credentials->agent_for_token("demo-bob"), std::nullopt);
  EXPECT_EQ(credentials->agent_for_token(sha256_hex("demo-sam")), std::nullopt);  // the hash is not the token
}

TEST(AgentToken, AnEmptyTokenNamesNobody) {
  RelayConfig config = config_with_agents();
  config.agents.push_back({{"blank", "Blank", 1}, sha256_hex("")});  // even when someone configured it
  EXPECT_EQ(make_credentials(config)->agent_for_token(""), std::nullopt);
}

TEST(AgentList, ListsEveryConfiguredAgentInOrder) {
  auto agents = make_credentials(config_with_agents())->agents();
  ASSERT_EQ(agents.size(), 2u);
  EXPECT_EQ(agents[0].id, "alex");
  EXPECT_EQ(agents[1].id, "sam");
}

}  // namespace
}  // namespace parley::relay
