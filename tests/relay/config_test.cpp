// parse_relay_config / load_relay_config: the example parses clean; every rule has an error twin
// that names its JSON pointer; relative paths are resolved against the config's folder.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "relay/credentials.hpp"
#include "relay/relay_config.hpp"

namespace parley::relay {
namespace {

using Json = nlohmann::json;

const std::filesystem::path kExampleFile =
    std::filesystem::path(__FILE__).parent_path() / ".." / ".." / "relay" / "relay.example.json";

// A small valid config; each test breaks one thing in it.
Json valid_config() {
  Json config = Json::object();
  config["listen"] = "127.0.0.1:8090";
  config["identityKey"] = std::string(32, 'k');
  config["agents"] = Json::array();
  Json alex = Json::object();
  alex["id"] = "alex";
  alex["name"] = "Alex";
  alex["tokenSha256"] = sha256_hex("demo-alex");
  config["agents"].push_back(alex);
  return config;
}

ConfigResult parse(const Json& config, const std::string& base_dir = "/etc/parley") {
  return parse_relay_config(config.dump(), base_dir);
}

// The errors' pointers, for a readable failure message.
std::string describe(const std::vector<ConfigError>& errors) {
  std::string out;
  for (const auto& error : errors) out += "  " + error.path + ": " + error.message + "\n";
  return out;
}

// Exactly one error, at pointer.
void expect_one_error_at(const ConfigResult& result, const std::string& pointer) {
  ASSERT_EQ(result.errors.size(), 1u) << describe(result.errors);
  EXPECT_EQ(result.errors[0].path, pointer) << result.errors[0].message;
  EXPECT_FALSE(result.errors[0].message.empty());
}

TEST(RelayConfig, TheExampleParsesClean) {
  ConfigResult result = load_relay_config(kExampleFile.string());
  ASSERT_TRUE(result.errors.empty()) << describe(result.errors);
  const RelayConfig& config = result.config;
  EXPECT_EQ(config.listen_address, "127.0.0.1");
  EXPECT_EQ(config.listen_port, 8090);
  EXPECT_EQ(config.store_kind, "sqlite");
  EXPECT_EQ(config.store_path, (kExampleFile.parent_path() / "parley-relay.db").lexically_normal().string());
  EXPECT_EQ(config.origins, (std::vector<std::string>{"http://127.0.0.1:8080", "http://localhost:8080"}));
  ASSERT_EQ(config.agents.size(), 2u);
  EXPECT_EQ(config.agents[0].account.id, "alex");
  EXPECT_EQ(config.agents[1].account.id, "sam");
  EXPECT_EQ(config.agents[0].account.max_chats, 3);
  EXPECT_GE(config.identity_key.size(), 32u);
  EXPECT_FALSE(config.jwt_key.empty());
}

TEST(RelayConfig, TheClusterDeploymentExampleParsesClean) {
  ConfigResult result = load_relay_config((kExampleFile.parent_path() / "deploy" / "relay.cluster.json").string());
  ASSERT_TRUE(result.errors.empty()) << describe(result.errors);
  EXPECT_TRUE(result.config.cluster);
  EXPECT_EQ(result.config.cluster_nats, std::vector<std::string>{"nats://nats:4222"});
  ASSERT_EQ(result.config.agents.size(), 1u);
  EXPECT_EQ(result.config.agents[0].token_sha256, sha256_hex("demo-alex")) << "the token compose.yaml's comment names";
}

TEST(RelayConfig, TheExampleAgentsSignInWithTheDemoTokens) {
  ConfigResult result = load_relay_config(kExampleFile.string());
  auto credentials = make_credentials(result.config);
  EXPECT_EQ(credentials->agent_for_token("demo-alex")->id, "alex");
  EXPECT_EQ(credentials->agent_for_token("demo-sam")->id, "sam");
  EXPECT_EQ(credentials->agent_for_token("demo-bob"), std::nullopt);
}

TEST(RelayConfig, AValidConfigHasNoErrorsAndDefaults) {
  ConfigResult result = parse(valid_config());
  ASSERT_TRUE(result.errors.empty()) << describe(result.errors);
  EXPECT_EQ(result.config.threads, 1);
  EXPECT_EQ(result.config.retention_days, 30);
  EXPECT_EQ(result.config.agents[0].account.max_chats, 3);
  EXPECT_EQ(result.config.store_path, "/etc/parley/parley-relay.db");  // the default is resolved too
  EXPECT_TRUE(result.config.tls_certificate.empty());
}

TEST(RelayConfig, AFileThatIsMissingIsOneErrorAtTheRoot) {
  ConfigResult result = load_relay_config("/nonexistent/parley/relay.json");
  expect_one_error_at(result, "");
}

TEST(RelayConfig, TextThatIsNotJsonIsOneErrorAtTheRoot) {
  expect_one_error_at(parse_relay_config("{\"listen\": ", "/"), "");
  expect_one_error_at(parse_relay_config("[]", "/"), "");
}

TEST(RelayConfig, UnknownKeysAreReportedWhereTheyAre) {
  Json config = valid_config();
  config["listn"] = "x";
  expect_one_error_at(parse(config), "/listn");
  config = valid_config();
  config["agents"][0]["maxChat"] = 2;
  expect_one_error_at(parse(config), "/agents/0/maxChat");
  config = valid_config();
  config["limits"] = Json::parse(R"({"visitorRate": {"perSecond": 5, "brust": 9}})");
  expect_one_error_at(parse(config), "/limits/visitorRate/brust");
}

TEST(RelayConfig, AKeyWithASlashIsEscapedInItsPointer) {
  Json config = valid_config();
  config["a/b~c"] = 1;
  expect_one_error_at(parse(config), "/a~1b~0c");
}

TEST(RelayConfig, WrongTypesAreReported) {
  Json config = valid_config();
  config["threads"] = "2";
  expect_one_error_at(parse(config), "/threads");
  config = valid_config();
  config["origins"] = "http://localhost:8080";
  expect_one_error_at(parse(config), "/origins");
  config = valid_config();
  config["origins"] = Json::parse(R"(["http://localhost:8080", 8080])");
  expect_one_error_at(parse(config), "/origins/1");
  config = valid_config();
  config["store"] = "parley.db";
  expect_one_error_at(parse(config), "/store");
}

TEST(RelayConfig, ListenIsAddressColonPort) {
  for (const char* bad : {"8090", "127.0.0.1", "127.0.0.1:", ":8090", "127.0.0.1:0", "127.0.0.1:65536",
                          "127.0.0.1:80a", "::1:8090"}) {
    Json config = valid_config();
    config["listen"] = bad;
    expect_one_error_at(parse(config), "/listen");
  }
  Json config = valid_config();
  config["listen"] = "[::1]:9000";
  ConfigResult result = parse(config);
  ASSERT_TRUE(result.errors.empty()) << describe(result.errors);
  EXPECT_EQ(result.config.listen_address, "::1");
  EXPECT_EQ(result.config.listen_port, 9000);
}

TEST(RelayConfig, OriginsAreSchemeHostAndPort) {
  Json config = valid_config();
  config["origins"] = Json::parse(R"(["https://shop.example", "https://shop.example/", "shop.example"])");
  ConfigResult result = parse(config);
  ASSERT_EQ(result.errors.size(), 2u) << describe(result.errors);
  EXPECT_EQ(result.errors[0].path, "/origins/1");
  EXPECT_EQ(result.errors[1].path, "/origins/2");
  EXPECT_EQ(result.config.origins, std::vector<std::string>{"https://shop.example"});
}

TEST(RelayConfig, TheIdentityKeyIsRequiredAndAtLeast32Bytes) {
  Json config = valid_config();
  config.erase("identityKey");
  expect_one_error_at(parse(config), "/identityKey");
  config["identityKey"] = std::string(31, 'k');
  expect_one_error_at(parse(config), "/identityKey");
}

TEST(RelayConfig, TheJwtKeyIsAtLeast32Bytes) {
  Json config = valid_config();
  config["auth"] = Json::parse(R"({"jwtKey": "short"})");
  expect_one_error_at(parse(config), "/auth/jwtKey");
  config["auth"]["jwtKey"] = std::string(32, 'j');
  EXPECT_TRUE(parse(config).errors.empty());
}

TEST(RelayConfig, AnAgentNeedsAnIdANameAndA64HexTokenHash) {
  for (const char* key : {"id", "name", "tokenSha256"}) {
    Json config = valid_config();
    config["agents"][0].erase(key);
    ConfigResult result = parse(config);
    expect_one_error_at(result, std::string("/agents/0/") + key);
    EXPECT_TRUE(result.config.agents.empty());  // a half-read agent is never listed
  }
  Json config = valid_config();
  config["agents"][0]["tokenSha256"] = std::string(63, 'a');
  expect_one_error_at(parse(config), "/agents/0/tokenSha256");
  config["agents"][0]["tokenSha256"] = std::string(63, 'a') + "g";
  expect_one_error_at(parse(config), "/agents/0/tokenSha256");
  config["agents"][0]["tokenSha256"] = "demo-alex";   // the token itself, not its hash
  expect_one_error_at(parse(config), "/agents/0/tokenSha256");
}

TEST(RelayConfig, AnUpperCaseTokenHashIsStoredLowerCase) {
  Json config = valid_config();
  std::string hash = sha256_hex("demo-alex");
  for (char& c : hash) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  config["agents"][0]["tokenSha256"] = hash;
  ConfigResult result = parse(config);
  ASSERT_TRUE(result.errors.empty()) << describe(result.errors);
  EXPECT_EQ(make_credentials(result.config)->agent_for_token("demo-alex")->id, "alex");
}

TEST(RelayConfig, AnAgentThatIsNotAnObjectIsReported) {
  Json config = valid_config();
  config["agents"].push_back("sam");
  expect_one_error_at(parse(config), "/agents/1");
}

TEST(RelayConfig, DuplicateAgentIdsAreReportedAtTheSecond) {
  Json config = valid_config();
  Json twin = config["agents"][0];
  twin["name"] = "Alex Two";
  config["agents"].push_back(twin);
  ConfigResult result = parse(config);
  expect_one_error_at(result, "/agents/1/id");
  ASSERT_EQ(result.config.agents.size(), 1u);
  EXPECT_EQ(result.config.agents[0].account.name, "Alex");
}

TEST(RelayConfig, MaxChatsIsAWholeNumberFrom1To100) {
  Json config = valid_config();
  config["agents"][0]["maxChats"] = 0;
  expect_one_error_at(parse(config), "/agents/0/maxChats");
  config["agents"][0]["maxChats"] = 2.5;
  expect_one_error_at(parse(config), "/agents/0/maxChats");
  config["agents"][0]["maxChats"] = 5;
  EXPECT_EQ(parse(config).config.agents[0].account.max_chats, 5);
}

TEST(RelayConfig, AnAgentsAvatarAndReplyTimeAreCheckedWithTheWidgetsLimits) {
  Json config = valid_config();
  EXPECT_EQ(parse(config).config.agents[0].account.avatar, "");
  config["agents"][0]["avatar"] = "http://cdn.example/alex.png";
  expect_one_error_at(parse(config), "/agents/0/avatar");
  config["agents"][0]["avatar"] = "https://cdn.example/" + std::string(2048, 'a');
  expect_one_error_at(parse(config), "/agents/0/avatar");
  config["agents"][0]["avatar"] = "https://cdn.example/alex.png";
  config["agents"][0]["replyTime"] = "";
  expect_one_error_at(parse(config), "/agents/0/replyTime");
  config["agents"][0]["replyTime"] = std::string(201, 'x');
  expect_one_error_at(parse(config), "/agents/0/replyTime");
  config["agents"][0]["replyTime"] = "Usually replies within 2 minutes";
  ConfigResult result = parse(config);
  ASSERT_TRUE(result.errors.empty());
  EXPECT_EQ(result.config.agents[0].account.avatar, "https://cdn.example/alex.png");
  EXPECT_EQ(result.config.agents[0].account.reply_time, "Usually replies within 2 minutes");
}

TEST(RelayConfig, TlsNeedsBothPathsOrNeither) {
  Json config = valid_config();
  config["tls"] = Json::parse(R"({"certificate": "cert.pem"})");
  expect_one_error_at(parse(config), "/tls/privateKey");
  config["tls"] = Json::parse(R"({"privateKey": "key.pem"})");
  expect_one_error_at(parse(config), "/tls/certificate");
  config["tls"] = Json::parse(R"({"certificate": "cert.pem", "privateKey": "/secrets/key.pem"})");
  ConfigResult result = parse(config);
  ASSERT_TRUE(result.errors.empty()) << describe(result.errors);
  EXPECT_EQ(result.config.tls_certificate, "/etc/parley/cert.pem");
  EXPECT_EQ(result.config.tls_private_key, "/secrets/key.pem");
}

TEST(RelayConfig, ThreadsAreFrom1To64) {
  for (int bad : {0, 65, -1}) {
    Json config = valid_config();
    config["threads"] = bad;
    expect_one_error_at(parse(config), "/threads");
  }
  Json config = valid_config();
  config["threads"] = 64;
  EXPECT_EQ(parse(config).config.threads, 64);
}

TEST(RelayConfig, RetentionDaysAreAtLeastOne) {
  Json config = valid_config();
  config["retentionDays"] = 0;
  expect_one_error_at(parse(config), "/retentionDays");
  config["retentionDays"] = 1;
  EXPECT_EQ(parse(config).config.retention_days, 1);
}

TEST(RelayConfig, TheStoreKindIsSqliteOrPostgresqlWithAUrl) {
  Json config = valid_config();
  config["store"] = Json::parse(R"({"kind": "mysql"})");
  expect_one_error_at(parse(config), "/store/kind");
  config["store"] = Json::parse(R"({"kind": "sqlite", "synchronous": "off"})");
  expect_one_error_at(parse(config), "/store/synchronous");
  config["store"] = Json::parse(R"({"kind": "postgresql", "url": "postgresql://x@127.0.0.1/p", "synchronous": "normal"})");
  expect_one_error_at(parse(config), "/store/synchronous");
  config["store"] = Json::parse(R"({"kind": "postgresql"})");
  expect_one_error_at(parse(config), "/store/url");
  config["store"] = Json::parse(R"({"kind": "postgresql", "url": ""})");
  expect_one_error_at(parse(config), "/store/url");
  config["store"] = Json::parse(R"({"kind": "postgresql", "url": "postgresql://relay@db/parley"})");
  ConfigResult result = parse(config);
  ASSERT_TRUE(result.errors.empty()) << describe(result.errors);
  EXPECT_EQ(result.config.store_kind, "postgresql");
  EXPECT_EQ(result.config.store_url, "postgresql://relay@db/parley");
  EXPECT_TRUE(result.config.store_sync_full) << "FULL unless asked";
  config["store"] = Json::parse(R"({"kind": "sqlite", "synchronous": "normal"})");
  result = parse(config);
  ASSERT_TRUE(result.errors.empty()) << describe(result.errors);
  EXPECT_FALSE(result.config.store_sync_full);
}

TEST(RelayConfig, AClusterListsItsNatsServersAndSharesAPostgresqlStore) {
  Json config = valid_config();
  config["store"] = Json::parse(R"({"kind": "postgresql", "url": "postgresql://relay@db/parley"})");
  config["cluster"] = Json::parse(R"({"nats": ["nats://10.0.0.5:4222", "tls://10.0.0.6:4222"]})");
  ConfigResult result = parse(config);
  ASSERT_TRUE(result.errors.empty()) << describe(result.errors);
  EXPECT_TRUE(result.config.cluster);
  EXPECT_EQ(result.config.cluster_nats, (std::vector<std::string>{"nats://10.0.0.5:4222", "tls://10.0.0.6:4222"}));

  config["cluster"] = Json::parse(R"({"nats": ["nats://10.0.0.5:4222", "http://10.0.0.6"]})");
  expect_one_error_at(parse(config), "/cluster/nats/1");
  config["cluster"] = Json::parse(R"({"nats": []})");
  expect_one_error_at(parse(config), "/cluster/nats");
  config["cluster"] = Json::parse(R"({})");
  expect_one_error_at(parse(config), "/cluster/nats");
  config["cluster"] = Json::parse(R"({"nats": ["nats://10.0.0.5:4222"], "gossip": true})");
  expect_one_error_at(parse(config), "/cluster/gossip");
  // Relays on SQLite files of their own would each be a router: refused.
  config["store"] = Json::parse(R"({"kind": "sqlite"})");
  config["cluster"] = Json::parse(R"({"nats": ["nats://10.0.0.5:4222"]})");
  expect_one_error_at(parse(config), "/cluster");
  EXPECT_FALSE(parse(valid_config()).config.cluster) << "one relay unless asked";
}

TEST(RelayConfig, LimitsAreRead) {
  Json config = valid_config();
  config["limits"] = Json::parse(
      R"({"visitorRate": {"perSecond": 5, "burst": 10}, "agentRate": {"perSecond": 50, "burst": 100}, "sendQueueBytes": 4096})");
  ConfigResult result = parse(config);
  ASSERT_TRUE(result.errors.empty()) << describe(result.errors);
  EXPECT_EQ(result.config.limits.visitor_rate.per_second, 5);
  EXPECT_EQ(result.config.limits.visitor_rate.burst, 10);
  EXPECT_EQ(result.config.limits.agent_rate.per_second, 50);
  EXPECT_EQ(result.config.send_queue_bytes, 4096u);
  config["limits"]["visitorRate"]["perSecond"] = 0;
  expect_one_error_at(parse(config), "/limits/visitorRate/perSecond");
}

TEST(RelayConfig, RelativePathsAreResolvedAgainstTheConfigFolder) {
  Json config = valid_config();
  config["store"] = Json::parse(R"({"path": "data/../relay.db"})");
  EXPECT_EQ(parse(config, "/srv/parley").config.store_path, "/srv/parley/relay.db");
  config["store"]["path"] = "/var/lib/parley/relay.db";
  EXPECT_EQ(parse(config, "/srv/parley").config.store_path, "/var/lib/parley/relay.db");
}

TEST(RelayConfig, LoadResolvesAgainstTheFilesOwnFolder) {
  std::filesystem::path folder = std::filesystem::temp_directory_path() / ("parley-config-test-" + random_token());
  std::filesystem::create_directories(folder);
  Json config = valid_config();
  config["store"] = Json::parse(R"({"path": "state/relay.db"})");
  std::ofstream(folder / "relay.json") << config.dump();
  ConfigResult result = load_relay_config((folder / "relay.json").string());
  std::filesystem::remove_all(folder);
  ASSERT_TRUE(result.errors.empty()) << describe(result.errors);
  EXPECT_EQ(result.config.store_path, (folder / "state" / "relay.db").string());
}

TEST(RelayConfig, EveryErrorIsReportedAndTheRestIsStillRead) {
  Json config = valid_config();
  config["threads"] = 0;
  config["listen"] = "nowhere";
  config["retentionDays"] = 7;
  config["origins"] = Json::parse(R"(["https://shop.example"])");
  ConfigResult result = parse(config);
  ASSERT_EQ(result.errors.size(), 2u) << describe(result.errors);
  EXPECT_EQ(result.config.retention_days, 7);
  EXPECT_EQ(result.config.origins.size(), 1u);
  EXPECT_EQ(result.config.agents.size(), 1u);
}

}  // namespace
}  // namespace parley::relay
