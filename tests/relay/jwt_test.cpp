// verify_jwt: HS256 tokens from the site's backend, built here by an independent signer (the
// test's own base64url over hmac_sha256_hex), each refusal with its reason.
#include <gtest/gtest.h>

#include <string>

#include "jwt_builder.hpp"
#include "relay/credentials.hpp"

namespace parley::relay {
namespace {

constexpr const char* kJwtKey = "the site's jwt key, 32 bytes or more";
constexpr double kNowMs = 1'800'000'000'000.0;   // 2027-01-15, as Unix milliseconds
constexpr double kNowSeconds = kNowMs / 1000;

std::string base64url(const std::string& bytes) { return testing::jwt_base64url(bytes); }

std::string sign(const std::string& header_json, const std::string& claims_json, const std::string& key = kJwtKey) {
  return testing::signed_jwt(header_json, claims_json, key);
}

const std::string kHs256 = R"({"alg":"HS256","typ":"JWT"})";

class JwtTest : public ::testing::Test {
 protected:
  JwtTest() {
    RelayConfig config;
    config.identity_key = "identity key for tests, 32+ bytes long";
    config.jwt_key = kJwtKey;
    credentials_ = make_credentials(config);
  }
  Credentials::JwtResult verify(const std::string& token) const { return credentials_->verify_jwt(token, kNowMs); }

  std::unique_ptr<Credentials> credentials_;
};

std::string claims_expiring_at(double exp_seconds) {
  return R"({"sub":"customer-42","email":"ada@example.com","exp":)" + std::to_string(static_cast<long long>(exp_seconds)) + "}";
}

TEST_F(JwtTest, AValidTokenGivesItsClaimsAsAJsonObject) {
  auto result = verify(sign(kHs256, claims_expiring_at(kNowSeconds + 600)));
  ASSERT_TRUE(result.valid) << result.reason;
  EXPECT_EQ(result.reason, "");
  EXPECT_NE(result.claims_json.find(R"("sub":"customer-42")"), std::string::npos) << result.claims_json;
  EXPECT_NE(result.claims_json.find(R"("email":"ada@example.com")"), std::string::npos);
  EXPECT_EQ(result.claims_json.front(), '{');
}

TEST_F(JwtTest, ATokenWithoutExpOrNbfIsValid) {
  EXPECT_TRUE(verify(sign(kHs256, R"({"sub":"x"})")).valid);
}

TEST_F(JwtTest, AnExpiredTokenIsRefused) {
  auto result = verify(sign(kHs256, claims_expiring_at(kNowSeconds - 1)));
  EXPECT_FALSE(result.valid);
  EXPECT_EQ(result.reason, "expired");
  EXPECT_EQ(result.claims_json, "");
}

TEST_F(JwtTest, ATokenExpiringThisVerySecondIsRefused) {
  EXPECT_EQ(verify(sign(kHs256, claims_expiring_at(kNowSeconds))).reason, "expired");
}

TEST_F(JwtTest, ANotBeforeInTheFutureIsRefused) {
  auto result = verify(sign(kHs256, R"({"sub":"x","nbf":)" + std::to_string(static_cast<long long>(kNowSeconds + 60)) + "}"));
  EXPECT_FALSE(result.valid);
  EXPECT_EQ(result.reason, "not yet valid");
}

TEST_F(JwtTest, ANotBeforeInThePastIsAccepted) {
  EXPECT_TRUE(verify(sign(kHs256, R"({"nbf":)" + std::to_string(static_cast<long long>(kNowSeconds - 60)) + "}")).valid);
}

TEST_F(JwtTest, ExpAndNbfThatAreNotNumbersAreRefused) {
  EXPECT_EQ(verify(sign(kHs256, R"({"exp":"tomorrow"})")).reason, "exp is not a number");
  EXPECT_EQ(verify(sign(kHs256, R"({"nbf":null})")).reason, "nbf is not a number");
}

TEST_F(JwtTest, AlgNoneIsRefusedEvenWithoutASignature) {
  std::string unsigned_token = base64url(R"({"alg":"none"})") + "." + base64url(R"({"sub":"x"})") + ".";
  auto result = verify(unsigned_token);
  EXPECT_FALSE(result.valid);
  EXPECT_EQ(result.reason, "alg none refused");
}

TEST_F(JwtTest, AlgHs512IsRefused) {
  // Signed with the right key, but another algorithm is never accepted.
  auto result = verify(sign(R"({"alg":"HS512"})", R"({"sub":"x"})"));
  EXPECT_FALSE(result.valid);
  EXPECT_EQ(result.reason, "alg HS512 refused (HS256 only)");
}

TEST_F(JwtTest, ACriticalHeaderExtensionIsRefused) {
  EXPECT_EQ(verify(sign(R"({"alg":"HS256","crit":["exp"],"exp":1})", R"({"sub":"x"})")).reason, "crit header not supported");
}

TEST_F(JwtTest, AMissingAlgIsRefused) {
  EXPECT_EQ(verify(sign(R"({"typ":"JWT"})", R"({"sub":"x"})")).reason, "header has no alg");
}

TEST_F(JwtTest, ATokenSignedWithAnotherKeyIsRefused) {
  auto result = verify(sign(kHs256, R"({"sub":"x"})", "another key that is also 32 bytes long"));
  EXPECT_FALSE(result.valid);
  EXPECT_EQ(result.reason, "bad signature");
}

TEST_F(JwtTest, ChangedClaimsBreakTheSignature) {
  std::string token = sign(kHs256, R"({"sub":"customer-42"})");
  std::string forged_claims = base64url(R"({"sub":"customer-43"})");
  std::size_t first = token.find('.'), second = token.rfind('.');
  std::string forged = token.substr(0, first + 1) + forged_claims + token.substr(second);
  EXPECT_EQ(verify(forged).reason, "bad signature");
}

TEST_F(JwtTest, BadBase64IsRefused) {
  std::string token = sign(kHs256, R"({"sub":"x"})");
  EXPECT_EQ(verify("e*J." + token.substr(token.find('.') + 1)).reason, "header is not base64url");
  EXPECT_EQ(verify(token + "=").reason, "signature is not base64url");  // padding is not base64url
  std::string with_plus = token;
  with_plus[with_plus.rfind('.') + 1] = '+';
  EXPECT_EQ(verify(with_plus).reason, "signature is not base64url");
}

TEST_F(JwtTest, BadJsonInTheHeaderIsRefused) {
  EXPECT_EQ(verify(sign(R"({"alg":"HS256")", R"({"sub":"x"})")).reason, "header is not a JSON object");
  EXPECT_EQ(verify(sign(R"(["HS256"])", R"({"sub":"x"})")).reason, "header is not a JSON object");
}

TEST_F(JwtTest, TokensThatAreNotThreePartsAreRefused) {
  std::string token = sign(kHs256, R"({"sub":"x"})");
  EXPECT_EQ(verify("").reason, "not three parts");
  EXPECT_EQ(verify("abc").reason, "not three parts");
  EXPECT_EQ(verify(token.substr(0, token.rfind('.'))).reason, "not three parts");
  EXPECT_EQ(verify(token + ".extra").reason, "not three parts");
}

TEST_F(JwtTest, ClaimsThatAreNotAnObjectAreRefused) {
  EXPECT_EQ(verify(sign(kHs256, R"([1,2,3])")).reason, "claims are not a JSON object");
  EXPECT_EQ(verify(sign(kHs256, R"("sub")")).reason, "claims are not a JSON object");
  EXPECT_EQ(verify(sign(kHs256, R"({"sub":)")).reason, "claims are not a JSON object");
}

TEST(JwtWithoutKey, EveryTokenIsRefusedWhenNoKeyIsConfigured) {
  RelayConfig config;
  config.identity_key = "identity key for tests, 32+ bytes long";
  auto result = make_credentials(config)->verify_jwt(sign(kHs256, R"({"sub":"x"})", ""), kNowMs);
  EXPECT_FALSE(result.valid);
  EXPECT_EQ(result.reason, "no jwt key configured");
}

}  // namespace
}  // namespace parley::relay
