#include "console/desk_relay.hpp"

#include <algorithm>
#include <cmath>

#include "console/json_access.hpp"

namespace parley::console {
namespace {

constexpr std::size_t kMaxEntries = 100;      // context entries and survey answers shown
constexpr std::size_t kMaxIdBytes = 256;      // TRANSPORT.md's id limit
constexpr std::size_t kMaxValueBytes = 4000;  // a context value or an answer, as shown

std::optional<std::string> id_at(const Json& object, std::string_view key) {
  std::string id = string_at(object, key);
  if (id.empty() || id.size() > kMaxIdBytes) return std::nullopt;
  return id;
}

int count_at(const Json& object, std::string_view key) {
  std::optional<double> number = number_at(object, key);
  if (!number || !std::isfinite(*number)) return 0;
  return static_cast<int>(std::clamp(std::round(*number), 0.0, 1e6));
}

}  // namespace

std::string_view to_string(RelayPhase phase) noexcept {
  switch (phase) {
    case RelayPhase::offline: return "offline";
    case RelayPhase::signing_in: return "signing-in";
    case RelayPhase::connected: return "connected";
    case RelayPhase::refused: return "refused";
  }
  return "offline";
}

std::string bounded_text(std::string_view text, std::size_t max_bytes) {
  std::size_t cut = std::min(text.size(), max_bytes);
  while (cut > 0 && cut < text.size() && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // not mid-character
  return std::string(text.substr(0, cut));
}

void read_context(const Json* value, TextPairs& displayable, int& hidden) {
  displayable.clear();
  hidden = 0;
  if (value == nullptr || !value->is_object()) return;
  std::size_t seen = 0;
  for (auto it = value->begin(); it != value->end() && seen < kMaxEntries; ++it, ++seen) {
    const Json* entry_value = member(*it, "value");
    if (entry_value == nullptr || !(entry_value->is_string() || entry_value->is_number() || entry_value->is_boolean()))
      continue;
    if (bool_at(*it, "isDisplayable", true))
      displayable.emplace_back(bounded_text(it.key(), kMaxEntries), bounded_text(value_text(*entry_value), kMaxValueBytes));
    else hidden += 1;
  }
}

void read_prechat(const Json* value, TextPairs& answers) {
  answers.clear();
  if (value == nullptr || !value->is_array()) return;
  for (const Json& answer : *value) {
    if (!answer.is_object()) continue;
    if (answers.size() >= kMaxEntries) break;
    const Json* id = member(answer, "id");
    std::string label = string_at(answer, "label", id ? value_text(*id) : "");
    const Json* shown = member(answer, "value");
    answers.emplace_back(bounded_text(label, kMaxValueBytes), bounded_text(shown ? value_text(*shown) : "", kMaxValueBytes));
  }
}

std::optional<QueuedConversation> read_queued(const Json& entry) {
  std::optional<std::string> id = id_at(entry, "conversationId");
  if (!id) return std::nullopt;
  QueuedConversation queued;
  queued.id = std::move(*id);
  queued.channel = string_at(entry, "channel") == "video" ? "video" : "chat";
  if (std::optional<double> since = number_at(entry, "since"); since && std::isfinite(*since)) queued.since_ms = *since;
  read_context(member(entry, "context"), queued.context, queued.hidden_context);
  read_prechat(member(entry, "prechat"), queued.prechat);
  queued.locale = bounded_text(string_at(entry, "locale"), 16);
  queued.url = bounded_text(string_at(entry, "url"), kMaxUrlBytes);
  return queued;
}

std::optional<TeamAgent> read_team_agent(const Json& entry) {
  std::optional<std::string> id = id_at(entry, "id");
  if (!id) return std::nullopt;
  TeamAgent agent;
  agent.id = std::move(*id);
  agent.name = bounded_text(string_at(entry, "name", agent.id), kMaxNameBytes);
  agent.online = bool_at(entry, "online");
  agent.chat = bool_at(entry, "chat");
  agent.video = bool_at(entry, "video");
  agent.open = count_at(entry, "open");
  agent.max_chats = count_at(entry, "maxChats");
  return agent;
}

Errors check_relay_url(std::string_view url) {
  if (url.empty()) return one_error(ErrorCode::missing_field, "the relay URL is empty", "/relay");
  if (url.size() > kMaxUrlBytes) return one_error(ErrorCode::too_large, "the relay URL is too long", "/relay");
  std::string_view rest;
  if (url.rfind("ws://", 0) == 0) rest = url.substr(5);
  else if (url.rfind("wss://", 0) == 0) rest = url.substr(6);
  else return one_error(ErrorCode::invalid, "the relay URL starts with ws:// or wss://", "/relay");
  std::string_view authority = rest.substr(0, rest.find_first_of("/?#"));
  if (authority.empty()) return one_error(ErrorCode::invalid, "the relay URL names no host", "/relay");
  if (authority.find('@') != std::string_view::npos)
    return one_error(ErrorCode::invalid, "no credentials in the relay URL: type the token in its own field", "/relay");
  for (char c : url)
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7F) return one_error(ErrorCode::invalid, "the relay URL has a space or a control character", "/relay");
  // A query naming a token is a token in the URL all the same.
  std::size_t query = url.find('?');
  if (query != std::string_view::npos) {
    std::string lower(url.substr(query));
    std::transform(lower.begin(), lower.end(), lower.begin(), [](char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c); });
    if (lower.find("token") != std::string::npos)
      return one_error(ErrorCode::invalid, "no token in the relay URL: type it in its own field", "/relay");
  }
  return {};
}

std::string relay_phase_text(RelayPhase phase, std::string_view agent_name) {
  switch (phase) {
    case RelayPhase::offline: return "Not connected";
    case RelayPhase::signing_in: return "Signing in\xE2\x80\xA6";
    case RelayPhase::connected: return "Connected as " + std::string(agent_name);
    case RelayPhase::refused: return "Refused: the relay did not accept this token";
  }
  return "";
}

}  // namespace parley::console
