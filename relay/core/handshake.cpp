// The handshake (RELAY.md §2): a visitor's identity is verified or replaced by a fresh one (a
// tampered or foreign token never reaches anyone's conversations); an agent's bearer token names
// its account or the connection closes. After `welcome`: an agent gets `team` and `queue`, then
// both sides get every pending delivery. A connection silent past hello_timeout_ms is closed.
#include "frame_writer.hpp"
#include "router_state.hpp"

namespace parley::relay::core {
namespace {

void join_recipient(RouterState& state, Connection& connection, std::string owner_id) {
  connection.owner_id = std::move(owner_id);
  connection.welcomed = true;
  state.hello_deadlines.erase({connection.opened_ms + state.limits.hello_timeout_ms, connection.id});
  state.connections_of(connection.side)[recipient_of(connection.side, connection.owner_id)].push_back(connection.id);
}

void welcome_visitor(RouterState& state, Effects& effects, Connection& connection, std::string_view identity,
                     double now_ms) {
  std::optional<std::string> visitor_id;
  if (!identity.empty()) visitor_id = state.credentials.verify_identity(identity);
  std::string token;
  if (visitor_id && is_valid_id(*visitor_id)) {
    token = std::string(identity);
  } else {
    visitor_id = state.random_id();
    token = state.credentials.issue_identity(*visitor_id);
  }
  join_recipient(state, connection, *visitor_id);
  effects.writes.push_back(TouchVisitor{*visitor_id, now_ms});
  send_frame(state, effects, connection.id, visitor_welcome_frame(*visitor_id, token));
  send_pending(state, effects, connection, now_ms);
}

void welcome_agent(RouterState& state, Effects& effects, Connection& connection, std::string_view token, double now_ms) {
  std::optional<AgentAccount> account;
  if (!token.empty()) account = state.credentials.agent_for_token(token);
  if (!account || !is_valid_id(account->id)) {
    refuse(state, effects, connection, "unauthorized", "unknown agent token", {});
    close_connection(state, effects, connection, 1008, "unauthorized");
    return;
  }
  AgentState& agent = state.agents.add(*account);
  if (!agent.online) {
    // Agents start unavailable: a desk says what it takes with agent.status.
    agent.online = true;
    agent.accepts_chat = agent.accepts_video = false;
    state.agents.mark_changed(agent);
  }
  // The other desks hear of it before this connection joins: it gets the whole team instead.
  announce_changes(state, effects);
  join_recipient(state, connection, account->id);
  send_frame(state, effects, connection.id, agent_welcome_frame(agent.account));
  send_frame(state, effects, connection.id, msg_frame(Side::agent, team_body(state)));
  send_frame(state, effects, connection.id, msg_frame(Side::agent, queue_body(state)));
  send_pending(state, effects, connection, now_ms);
}

}  // namespace

void handle_hello(RouterState& state, Effects& effects, Connection& connection, std::string_view credential, double now_ms) {
  if (connection.side == Side::visitor)
    welcome_visitor(state, effects, connection, credential, now_ms);
  else
    welcome_agent(state, effects, connection, credential, now_ms);
}

void close_silent_connections(RouterState& state, Effects& effects, double now_ms) {
  while (!state.hello_deadlines.empty() && state.hello_deadlines.begin()->first <= now_ms) {
    ConnectionId id = state.hello_deadlines.begin()->second;
    state.hello_deadlines.erase(state.hello_deadlines.begin());
    auto found = state.connections.find(id);
    if (found == state.connections.end()) continue;
    refuse(state, effects, found->second, "unauthorized", "no hello in time", {});
    close_connection(state, effects, found->second, 1008, "hello timeout");
  }
}

}  // namespace parley::relay::core
