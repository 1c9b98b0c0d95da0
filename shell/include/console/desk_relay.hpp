// console/desk_relay.hpp: what the agent desk knows of a parley-relay (relay/RELAY.md §2, §5).
//
//   RelayPhase          where the desk is in the relay's handshake (hello / welcome / error)
//   RelayError          an `error` frame, bounded, as the panel shows it
//   QueuedConversation  one entry of the relay's `queue` state message
//   TeamAgent           one entry of the relay's `team` state message
//   readers             queue and team entries from untrusted JSON (bounded; bad entries skipped)
//   check_relay_url     a relay URL the desk may open (ws:// or wss://, no token in it)
//
// Data and readers only: the desk model (console/agent_desk.hpp) owns the state and the wire.
// Everything read here comes from the network: bounded, never interpreted, shown as text.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "parley/json_reader.hpp"

namespace parley::console {

enum class RelayPhase {
  offline,     // no socket (not opened, or between two connections)
  signing_in,  // the socket is open and `hello` went out; nothing else may go before `welcome`
  connected,   // `welcome` came: the desk is this agent
  refused,     // `unauthorized`: the token was refused (a reconnect would be refused again)
};
std::string_view to_string(RelayPhase phase) noexcept;  // "offline", "signing-in", "connected", "refused"

struct RelayError {
  std::string code;     // "bad_frame", "too_big", "unauthorized", "forbidden", "invalid", "rate_limited", ...
  std::string message;  // at most kMaxErrorText bytes
  std::string id;       // the message it is about ("" for the connection)
};

using TextPairs = std::vector<std::pair<std::string, std::string>>;

struct QueuedConversation {
  std::string id;
  std::string channel = "chat";  // "chat" or "video"
  double since_ms = 0;           // when it started waiting (0: not told)
  TextPairs context;             // displayable entries, as text
  int hidden_context = 0;        // entries not displayable
  TextPairs prechat;             // label, answer
  std::string locale;
  std::string url;
};

struct TeamAgent {
  std::string id;
  std::string name;
  bool online = false;
  bool chat = false;
  bool video = false;
  int open = 0;       // its open conversations
  int max_chats = 0;  // its limit (0: not told)
};

inline constexpr std::size_t kMaxErrorText = 300;
inline constexpr std::size_t kMaxQueue = 200;
inline constexpr std::size_t kMaxTeam = 100;
inline constexpr std::size_t kMaxNameBytes = 100;
inline constexpr std::size_t kMaxUrlBytes = 2048;

// The Omnichannel context map {key: {value, isDisplayable}} and the survey answers [{id, label,
// value}], as text (shared with conversation.start and conversation.assigned).
void read_context(const Json* value, TextPairs& displayable, int& hidden);
void read_prechat(const Json* value, TextPairs& answers);

// nullopt when the entry has no usable conversationId / id.
std::optional<QueuedConversation> read_queued(const Json& entry);
std::optional<TeamAgent> read_team_agent(const Json& entry);

// `text` cut to at most `max_bytes`, never inside a UTF-8 character.
std::string bounded_text(std::string_view text, std::size_t max_bytes);

// Errors for a URL the desk must not open: not ws:// or wss://, too long, or carrying
// credentials (the token goes in `hello`, never in a URL: URLs end up in logs and histories).
Errors check_relay_url(std::string_view url);

// The panel's line for the connection: "Connected as Alex", "Signing in…", ...
std::string relay_phase_text(RelayPhase phase, std::string_view agent_name);

}  // namespace parley::console
