// parse_relay_config / load_relay_config (relay_config.hpp): one reader per section, every
// problem collected with its JSON pointer, and whatever is valid still read (so one run of the
// relay shows every mistake in a config, not the first).
#include "relay/relay_config.hpp"

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "config_reader.hpp"

namespace parley::relay {
namespace {

constexpr std::size_t kMinKeyBytes = 32;   // HS256 keys as long as the hash (RFC 7518 §3.2)
constexpr std::size_t kSha256HexLength = 64;
constexpr std::size_t kMaxAgentIdLength = 64;

std::string resolve_against(const std::string& base_dir, const std::string& path) {
  std::filesystem::path candidate(path);
  if (candidate.is_absolute() || base_dir.empty()) return path;
  return (std::filesystem::path(base_dir) / candidate).lexically_normal().string();
}

bool is_hex(std::string_view text) {
  for (char c : text)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) return false;
  return true;
}

std::string to_lower(std::string text) {
  for (char& c : text)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return text;
}

// Agent ids travel inside "agent:<id>" recipients and in frames: a small, safe alphabet.
bool is_agent_id(std::string_view text) {
  if (text.empty() || text.size() > kMaxAgentIdLength) return false;
  for (char c : text)
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.'))
      return false;
  return true;
}

// "host:port" or "[v6]:port" with a port in 1..65535.
bool split_listen(const std::string& text, std::string& address, std::uint16_t& port) {
  std::size_t colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == text.size()) return false;
  std::string host = text.substr(0, colon);
  std::string digits = text.substr(colon + 1);
  if (digits.size() > 5) return false;
  unsigned long value = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + static_cast<unsigned long>(c - '0');
  }
  if (value < 1 || value > 65535) return false;
  if (host.front() == '[') {
    if (host.size() < 3 || host.back() != ']') return false;
    host = host.substr(1, host.size() - 2);
  } else if (host.find(':') != std::string::npos) {
    return false;  // a bare IPv6 address is ambiguous: write it [::1]:8090
  }
  address = host;
  port = static_cast<std::uint16_t>(value);
  return true;
}

// An Origin header value: scheme://host[:port], no path (browsers send exactly that).
bool is_origin(std::string_view text) {
  std::string_view rest;
  if (text.substr(0, 7) == "http://") rest = text.substr(7);
  else if (text.substr(0, 8) == "https://") rest = text.substr(8);
  else return false;
  return !rest.empty() && rest.find('/') == std::string_view::npos;
}

// One parse: the config being filled, the errors found, the folder paths are relative to.
struct ConfigParser {
  RelayConfig& config;
  std::vector<ConfigError>& errors;
  const std::string& base_dir;

  void read_root(const Json& document) {
    ConfigReader root(document, "", errors);
    read_listen(root);
    if (auto threads = root.integer("threads", 1, 64)) config.threads = static_cast<int>(*threads);
    read_store(root);
    if (auto days = root.integer("retentionDays", 1, 36500)) config.retention_days = static_cast<int>(*days);
    read_origins(root);
    read_identity_key(root);
    read_auth(root);
    read_agents(root);
    read_tls(root);
    read_limits(root);
    read_cluster(root);
    root.report_unknown_keys();
  }

  // "cluster": {"nats": ["nats://host:4222", ...]} (CLUSTER.md); PostgreSQL is the cluster's store.
  void read_cluster(ConfigReader& root) {
    const Json* value = root.object("cluster");
    if (value == nullptr) return;
    ConfigReader cluster(*value, root.path_of("cluster"), errors);
    config.cluster = true;
    if (const Json* urls = cluster.array("nats")) {
      std::string path = cluster.path_of("nats");
      if (urls->empty() || urls->size() > 16) errors.push_back({"\"nats\" lists 1 to 16 NATS server URLs", path});
      for (std::size_t i = 0; i < urls->size(); ++i) {
        const auto* url = (*urls)[i].get_ptr<const std::string*>();
        if (url == nullptr || (url->rfind("nats://", 0) != 0 && url->rfind("tls://", 0) != 0) || url->size() <= 7) {
          errors.push_back({"a NATS URL is nats://host:port (or tls://host:port)", pointer_append(path, i)});
        } else {
          config.cluster_nats.push_back(*url);
        }
      }
    } else if (cluster.find("nats") == nullptr) {
      cluster.error("nats", "\"nats\" is required: the NATS servers the relays of the cluster talk through");
    }
    if (config.store_kind != "postgresql")
      root.error("cluster", "a cluster shares its store: \"store.kind\" must be \"postgresql\"");
    cluster.report_unknown_keys();
  }

  void read_listen(ConfigReader& root) {
    auto listen = root.string("listen");
    if (!listen) return;
    if (!split_listen(*listen, config.listen_address, config.listen_port))
      root.error("listen", "\"listen\" must be address:port (like 127.0.0.1:8090), got \"" + *listen + "\"");
  }

  void read_store(ConfigReader& root) {
    config.store_path = resolve_against(base_dir, config.store_path);  // the default is relative too
    const Json* value = root.object("store");
    if (value == nullptr) return;
    ConfigReader store(*value, root.path_of("store"), errors);
    if (auto kind = store.string("kind")) {
      if (*kind == "sqlite" || *kind == "postgresql") config.store_kind = *kind;
      else store.error("kind", "\"kind\" must be \"sqlite\" or \"postgresql\", got \"" + *kind + "\"");
    }
    if (auto path = store.string("path")) {
      if (path->empty()) store.error("path", "\"path\" must not be empty");
      else config.store_path = resolve_against(base_dir, *path);
    }
    if (auto url = store.string("url")) {
      if (url->empty()) store.error("url", "\"url\" must not be empty (a libpq connection URI, postgresql://user@host:port/db)");
      else config.store_url = *url;
    }
    if (auto synchronous = store.string("synchronous")) {
      if (*synchronous == "full" || *synchronous == "normal") config.store_sync_full = *synchronous == "full";
      else store.error("synchronous", "\"synchronous\" must be \"full\" or \"normal\", got \"" + *synchronous + "\"");
      if (config.store_kind != "sqlite") store.error("synchronous", "\"synchronous\" applies to kind \"sqlite\" only");
    }
    if (config.store_kind == "postgresql" && config.store_url.empty() && store.find("url") == nullptr)
      store.error("url", "\"url\" is required when \"kind\" is \"postgresql\"");
    store.report_unknown_keys();
  }

  void read_origins(ConfigReader& root) {
    const Json* value = root.array("origins");
    if (value == nullptr) return;
    std::string path = root.path_of("origins");
    for (std::size_t i = 0; i < value->size(); ++i) {
      const Json& item = (*value)[i];
      const auto* origin = item.get_ptr<const std::string*>();
      if (origin == nullptr) {
        errors.push_back({"an origin must be a string, got " + std::string(json_type_name(item)), pointer_append(path, i)});
      } else if (!is_origin(*origin)) {
        errors.push_back({"an origin is scheme://host[:port] with no path (like https://shop.example), got \"" + *origin + "\"",
                          pointer_append(path, i)});
      } else {
        config.origins.push_back(*origin);
      }
    }
  }

  void read_identity_key(ConfigReader& root) {
    auto key = root.required_string("identityKey");
    if (!key) return;
    if (key->size() < kMinKeyBytes)
      root.error("identityKey", "\"identityKey\" must be at least 32 bytes, got " + std::to_string(key->size()));
    else config.identity_key = *key;
  }

  void read_auth(ConfigReader& root) {
    const Json* value = root.object("auth");
    if (value == nullptr) return;
    ConfigReader auth(*value, root.path_of("auth"), errors);
    if (auto key = auth.string("jwtKey")) {
      if (key->size() < kMinKeyBytes)
        auth.error("jwtKey", "\"jwtKey\" must be at least 32 bytes, got " + std::to_string(key->size()));
      else config.jwt_key = *key;
    }
    auth.report_unknown_keys();
  }

  void read_agents(ConfigReader& root) {
    const Json* value = root.array("agents");
    if (value == nullptr) return;
    std::string path = root.path_of("agents");
    std::set<std::string> seen_ids;
    for (std::size_t i = 0; i < value->size(); ++i) {
      ConfigReader agent((*value)[i], pointer_append(path, i), errors);
      if (!agent.is_object()) continue;
      std::size_t errors_before = errors.size();
      AgentEntry entry;
      if (auto id = agent.required_string("id")) {
        if (!is_agent_id(*id))
          agent.error("id", "\"id\" must be 1 to 64 of A-Z a-z 0-9 . _ -, got \"" + *id + "\"");
        else if (!seen_ids.insert(*id).second)
          agent.error("id", "duplicate agent id \"" + *id + "\"");
        else entry.account.id = *id;
      }
      if (auto name = agent.required_string("name")) {
        if (name->empty()) agent.error("name", "\"name\" must not be empty");
        else entry.account.name = *name;
      }
      if (auto hash = agent.required_string("tokenSha256")) {
        if (hash->size() != kSha256HexLength || !is_hex(*hash))
          agent.error("tokenSha256", "\"tokenSha256\" must be 64 hex digits (the SHA-256 of the token)");
        else entry.token_sha256 = to_lower(*hash);
      }
      if (auto max_chats = agent.integer("maxChats", 1, 100)) entry.account.max_chats = static_cast<int>(*max_chats);
      // What the visitor's widget shows of this agent (TRANSPORT.md, agent.joined): checked here
      // with the widget's own limits, so nothing the widget would drop is configured.
      if (auto avatar = agent.string("avatar")) {
        if (!avatar->starts_with("https://") || avatar->size() > 2048)
          agent.error("avatar", "\"avatar\" is an https:// URL of at most 2048 bytes");
        else entry.account.avatar = *avatar;
      }
      if (auto reply_time = agent.string("replyTime")) {
        if (reply_time->empty() || reply_time->size() > 200)
          agent.error("replyTime", "\"replyTime\" is a text of 1 to 200 bytes");
        else entry.account.reply_time = *reply_time;
      }
      agent.report_unknown_keys();
      // A half-read agent is never listed: a typo must not produce an account nobody meant.
      if (errors.size() == errors_before) config.agents.push_back(std::move(entry));
    }
  }

  void read_tls(ConfigReader& root) {
    const Json* value = root.object("tls");
    if (value == nullptr) return;
    ConfigReader tls(*value, root.path_of("tls"), errors);
    auto certificate = tls.string("certificate");
    auto private_key = tls.string("privateKey");
    bool has_certificate = tls.find("certificate") != nullptr;
    bool has_private_key = tls.find("privateKey") != nullptr;
    if (has_certificate && !has_private_key) tls.error("privateKey", "\"privateKey\" is required with \"certificate\"");
    if (has_private_key && !has_certificate) tls.error("certificate", "\"certificate\" is required with \"privateKey\"");
    if (certificate && certificate->empty()) tls.error("certificate", "\"certificate\" must not be empty");
    if (private_key && private_key->empty()) tls.error("privateKey", "\"privateKey\" must not be empty");
    if (certificate && private_key && !certificate->empty() && !private_key->empty()) {
      config.tls_certificate = resolve_against(base_dir, *certificate);
      config.tls_private_key = resolve_against(base_dir, *private_key);
    }
    tls.report_unknown_keys();
  }

  void read_rate(ConfigReader& limits, std::string_view key, RateLimit& rate) {
    const Json* value = limits.object(key);
    if (value == nullptr) return;
    ConfigReader reader(*value, limits.path_of(key), errors);
    if (auto per_second = reader.number("perSecond", 0.001, 1e6)) rate.per_second = *per_second;
    if (auto burst = reader.number("burst", 1, 1e6)) rate.burst = *burst;
    reader.report_unknown_keys();
  }

  void read_limits(ConfigReader& root) {
    const Json* value = root.object("limits");
    if (value == nullptr) return;
    ConfigReader limits(*value, root.path_of("limits"), errors);
    read_rate(limits, "visitorRate", config.limits.visitor_rate);
    read_rate(limits, "agentRate", config.limits.agent_rate);
    if (auto bytes = limits.integer("sendQueueBytes", 1024, std::int64_t{1} << 30))
      config.send_queue_bytes = static_cast<std::size_t>(*bytes);
    limits.report_unknown_keys();
  }
};

}  // namespace

ConfigResult parse_relay_config(std::string_view text, const std::string& base_dir) {
  ConfigResult result;
  Json document = Json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded()) {
    result.errors.push_back({"the config is not valid JSON", ""});
    return result;
  }
  ConfigParser parser{result.config, result.errors, base_dir};
  parser.read_root(document);
  return result;
}

ConfigResult load_relay_config(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    ConfigResult result;
    result.errors.push_back({"cannot read the config file " + file, ""});
    return result;
  }
  std::ostringstream contents;
  contents << in.rdbuf();
  std::string base_dir = std::filesystem::path(file).parent_path().string();
  return parse_relay_config(contents.str(), base_dir.empty() ? "." : base_dir);
}

}  // namespace parley::relay
