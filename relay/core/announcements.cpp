// State messages (RELAY.md §4, §5): `team.changed` and `queue` to every agent connection,
// `availability` to every visitor connection, each only when it changed, fire-and-forget (not
// stored, not resent: an agent's welcome carries the whole `team`, a visitor.hello the
// availability).
#include "frame_writer.hpp"
#include "router_state.hpp"

namespace parley::relay::core {
namespace {

void broadcast(RouterState& state, Effects& effects, Side side, const std::string& body) {
  std::string frame = msg_frame(side, body);
  for (auto& [recipient, connections] : state.connections_of(side)) {
    for (ConnectionId connection : connections) send_frame(state, effects, connection, frame);
  }
}

}  // namespace

std::string availability_body(RouterState& state) {
  Availability availability = state.agents.availability();
  Json body = {{"type", "availability"}, {"id", state.relay_message_id()}, {"chat", availability.chat},
               {"video", availability.video}};
  return to_json_text(body);
}

std::string team_body(RouterState& state) {
  std::string body = R"({"type":"team","id":)";
  body += to_json_text(Json(state.relay_message_id()));
  body += R"(,"agents":)";
  body += state.agents.team_agents_json();
  body += '}';
  return body;
}

std::string queue_body(RouterState& state) {
  std::string body = R"({"type":"queue","id":)";
  body += to_json_text(Json(state.relay_message_id()));
  body += R"(,"conversations":[)";
  bool first = true;
  for (const std::string& conversation_id : state.conversations.queue()) {
    const Conversation* conversation = state.conversations.find(conversation_id);
    if (conversation == nullptr) continue;
    if (!first) body += ',';
    first = false;
    body += conversation->queue_entry_json;
  }
  body += "]}";
  return body;
}

namespace {

std::string team_changed_body(RouterState& state) {
  std::string body = R"({"type":"team.changed","id":)";
  body += to_json_text(Json(state.relay_message_id()));
  body += R"(,"agents":)";
  body += state.agents.take_changes_json();
  body += '}';
  return body;
}

}  // namespace

void announce_changes(RouterState& state, Effects& effects) {
  const bool team_changed = state.agents.has_changes();
  if (team_changed) broadcast(state, effects, Side::agent, team_changed_body(state));
  if (state.queue_changed) broadcast(state, effects, Side::agent, queue_body(state));
  state.queue_changed = false;
  // Availability depends only on the team (online, status, open counts): a visitor's message,
  // the common case, costs no walk over the agents.
  if (!team_changed) return;
  Availability now = state.agents.availability();
  if (now != state.announced_availability) {
    state.announced_availability = now;
    broadcast(state, effects, Side::visitor, availability_body(state));
  }
}

}  // namespace parley::relay::core
