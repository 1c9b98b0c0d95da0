// The router's state, shared by the files that each do one part of its work:
//   router.cpp             the coordinator: frame size, rate, envelope, dispatch, ticks
//   handshake.cpp          hello / welcome, hello timeouts
//   visitor_messages.cpp   what a visitor may send, and its isolation
//   agent_messages.cpp     what an agent may send, and its isolation
//   routing.cpp            assignment, queue, take-over, transfer, end
//   start_context.cpp      conversation.start as the agent sees it (authToken claims, token removed)
//   outbox.cpp             sending: frames, reliable deliveries, resends, acks of deliveries
//   announcements.cpp      team, queue and availability state messages
//   restore.cpp            rebuilding from the store's snapshot
//
// Must not: hold anything per connection beyond Connection (a visitor connection idles small).
#pragma once

#include <cstdint>
#include <functional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "agent_pool.hpp"
#include "conversation_book.hpp"
#include "delivery_book.hpp"
#include "message_checks.hpp"
#include "relay/router.hpp"
#include "token_bucket.hpp"
#include "wire_text.hpp"

namespace parley::relay::core {

struct Connection {
  ConnectionId id = 0;
  Side side = Side::visitor;
  double opened_ms = 0;
  bool welcomed = false;
  bool closing = false;            // a close was requested: later frames are ignored
  std::string owner_id;            // visitor id or agent id, once welcomed
  TokenBucket bucket;
  int bad_frames = 0;              // bad_frame errors so far
  int rate_refusals_in_row = 0;
};

// "visitor:<id>" | "agent:<id>": who a delivery is for (store.hpp's DeliveryRecord::recipient).
std::string recipient_of(Side side, std::string_view owner_id);
Side side_of_recipient(std::string_view recipient);

struct RouterState {
  RouterState(const Credentials& credentials, RouterLimits limits, std::function<std::string()> random_id)
      : credentials(credentials), limits(limits), random_id(std::move(random_id)) {}

  const Credentials& credentials;
  RouterLimits limits;
  std::function<std::string()> random_id;

  std::unordered_map<ConnectionId, Connection> connections;
  // recipient -> its welcomed connections, one map per side (broadcasts walk one side only).
  std::unordered_map<std::string, std::vector<ConnectionId>> visitor_connections, agent_connections;
  std::set<std::pair<double, ConnectionId>> hello_deadlines;

  AgentPool agents;
  ConversationBook conversations;
  DeliveryBook deliveries;

  // What changed since the last announcement (announcements.cpp); the team's changes are marked
  // on its agents (AgentPool::mark_changed).
  bool queue_changed = false;
  Availability announced_availability;

  RouterStats stats;

  std::unordered_map<std::string, std::vector<ConnectionId>>& connections_of(Side side) {
    return side == Side::visitor ? visitor_connections : agent_connections;
  }
  // The welcomed connections of a recipient; nullptr when none.
  const std::vector<ConnectionId>* connections_of_recipient(std::string_view recipient);
  const RateLimit& rate_for(Side side) const { return side == Side::visitor ? limits.visitor_rate : limits.agent_rate; }
  std::string relay_message_id() { return "r-" + random_id(); }
};

// One incoming conversation or state message, checked, from a welcomed connection.
struct IncomingMessage {
  Connection& connection;
  MessageType type;
  const Json& body;
  std::string_view id;
  std::string_view conversation_id;   // "" when the body has none
};

// outbox.cpp
void send_frame(RouterState& state, Effects& effects, ConnectionId connection, std::string text);
void acknowledge(RouterState& state, Effects& effects, const Connection& connection, std::string_view message_id);
void refuse(RouterState& state, Effects& effects, const Connection& connection, std::string_view code,
            std::string_view message, std::string_view message_id);
void close_connection(RouterState& state, Effects& effects, Connection& connection, std::uint16_t code, std::string reason);
// A reliable message: stored as a PutDelivery, sent to every connection of the recipient, resent
// until acknowledged. body must carry its id.
void deliver(RouterState& state, Effects& effects, Side to, std::string_view owner_id, const Json& body,
             std::string_view conversation_id, double now_ms);
void deliver_text(RouterState& state, Effects& effects, Side to, std::string_view owner_id, std::string_view message_id,
                  std::string body_json, std::string_view conversation_id, double now_ms);
// An ephemeral message (typing) to the recipient's open connections: no delivery record, no resend.
void pass_on(RouterState& state, Effects& effects, Side to, std::string_view owner_id, const std::string& body_json);
void send_pending(RouterState& state, Effects& effects, const Connection& connection, double now_ms);
void delivery_acknowledged(RouterState& state, Effects& effects, const Connection& connection, std::string_view message_id);
void drop_deliveries_of_conversation(RouterState& state, Effects& effects, Side side, std::string_view owner_id,
                                     std::string_view conversation_id);
void resend_due(RouterState& state, Effects& effects, double now_ms);

// announcements.cpp
std::string availability_body(RouterState& state);
std::string team_body(RouterState& state);
std::string queue_body(RouterState& state);
// Broadcasts what changed: team and queue to agents, availability to visitors.
void announce_changes(RouterState& state, Effects& effects);

// routing.cpp
void route_new_conversation(RouterState& state, Effects& effects, Conversation& conversation, double now_ms);
void drain_queue(RouterState& state, Effects& effects, double now_ms);
// reason: "take" (a queued one), "takeover" or "transfer" (from its agent).
void hand_to_agent(RouterState& state, Effects& effects, Conversation& conversation, AgentState& agent,
                   std::string_view reason, double now_ms);
void end_conversation(RouterState& state, Effects& effects, Conversation& conversation, double now_ms);
void put_conversation(Effects& effects, const Conversation& conversation);

// start_context.cpp
// The conversation.start body as stored and as agents see it: authToken verified, its claims (or
// the reason it failed) added to context, the token itself removed.
Json start_as_agents_see_it(const Json& body, const Credentials& credentials, double now_ms);
// The queue entry of a conversation: {conversationId, channel, since, context, prechat, locale, url}.
std::string queue_entry_json(const Conversation& conversation);

// handshake.cpp
void handle_hello(RouterState& state, Effects& effects, Connection& connection, std::string_view credential, double now_ms);
void close_silent_connections(RouterState& state, Effects& effects, double now_ms);

// visitor_messages.cpp / agent_messages.cpp
void handle_visitor_message(RouterState& state, Effects& effects, const IncomingMessage& message, double now_ms);
void handle_agent_message(RouterState& state, Effects& effects, const IncomingMessage& message, double now_ms);

// restore.cpp
void restore_snapshot(RouterState& state, const Snapshot& snapshot);

}  // namespace parley::relay::core
