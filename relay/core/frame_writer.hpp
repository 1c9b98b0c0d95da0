// The frames the relay sends (RELAY.md §2): msg envelopes around a body, acks, errors, welcomes.
// Visitors hear everything `from: "agent"` (for the widget the relay is the agent side); agents
// hear `from: "relay"`.
//
// Must not: decide whom to send to (the router does), throw.
#pragma once

#include <string>
#include <string_view>

#include "relay/router.hpp"

namespace parley::relay {

// What the relay calls itself towards a side: "agent" for visitors, "relay" for agents.
std::string_view relay_name_towards(Side side) noexcept;

std::string msg_frame(Side to, std::string_view body_json);
std::string ack_frame(Side to, std::string_view id);
// id "" : the error is about the connection, not one message (so it is not final for any id).
std::string error_frame(std::string_view code, std::string_view message, std::string_view id = {});
std::string visitor_welcome_frame(std::string_view visitor_id, std::string_view identity);
std::string agent_welcome_frame(const AgentAccount& agent);

}  // namespace parley::relay
