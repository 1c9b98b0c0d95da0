// The coordinator (router.hpp): every frame is measured, rate-limited and read here, then handed
// to the file that owns its part (router_state.hpp lists them); state announcements follow.
#include "relay/router.hpp"

#include <algorithm>

#include "frame_reader.hpp"
#include "frame_writer.hpp"
#include "router_state.hpp"

namespace parley::relay {

// The core's own types live in parley::relay::core, so that no other part of the relay (the
// server has a Connection too) can collide with them.
using namespace core;

struct Router::State : RouterState {
  using RouterState::RouterState;
};

namespace {

// The connection's budget for one frame; false (and an error, or a close) when it is spent.
bool within_rate(RouterState& state, Effects& effects, Connection& connection, double now_ms) {
  if (connection.bucket.take(state.rate_for(connection.side), now_ms)) {
    connection.rate_refusals_in_row = 0;
    return true;
  }
  ++state.stats.rate_limited;
  ++connection.rate_refusals_in_row;
  // No id: the frame is dropped unacknowledged and comes again, so the error must not be final.
  send_frame(state, effects, connection.id, error_frame("rate_limited", "too many frames"));
  if (connection.rate_refusals_in_row >= state.limits.rate_errors_to_close)
    close_connection(state, effects, connection, 1008, "rate limited");
  return false;
}

void bad_frame(RouterState& state, Effects& effects, Connection& connection, std::string_view message) {
  refuse(state, effects, connection, "bad_frame", message, {});
  if (++connection.bad_frames >= state.limits.bad_frames_to_close)
    close_connection(state, effects, connection, 1008, "too many bad frames");
}

void unauthorized(RouterState& state, Effects& effects, Connection& connection, std::string_view message) {
  refuse(state, effects, connection, "unauthorized", message, {});
  close_connection(state, effects, connection, 1008, "unauthorized");
}

}  // namespace

Router::Router(const Credentials& credentials, RouterLimits limits, std::function<std::string()> random_id)
    : state_(std::make_unique<State>(credentials, limits, std::move(random_id))) {
  for (const AgentAccount& account : credentials.agents())
    if (is_valid_id(account.id)) state_->agents.add(account);
}

Router::~Router() = default;

void Router::restore(const Snapshot& snapshot) { restore_snapshot(*state_, snapshot); }

Effects Router::opened(ConnectionId connection, Side side, double now_ms) {
  RouterState& state = *state_;
  Connection& added = state.connections[connection];
  added = Connection{};
  added.id = connection;
  added.side = side;
  added.opened_ms = now_ms;
  added.bucket = TokenBucket(state.rate_for(side), now_ms);
  state.hello_deadlines.insert({now_ms + state.limits.hello_timeout_ms, connection});
  return {};
}

Effects Router::received(ConnectionId connection_id, std::string_view text, double now_ms) {
  RouterState& state = *state_;
  Effects effects;
  auto found = state.connections.find(connection_id);
  if (found == state.connections.end() || found->second.closing) return effects;
  Connection& connection = found->second;
  ++state.stats.frames_in;

  if (text.size() > kMaxFrameBytes) {
    refuse(state, effects, connection, "too_big", "a frame is at most 65536 bytes", {});
    close_connection(state, effects, connection, 1009, "frame too big");
    return effects;
  }
  if (!within_rate(state, effects, connection, now_ms)) return effects;

  auto read = read_frame(text, connection.side);
  if (auto* problem = std::get_if<FrameProblem>(&read)) {
    if (!connection.welcomed)
      unauthorized(state, effects, connection, "hello first");
    else
      bad_frame(state, effects, connection, problem->message);
    return effects;
  }
  Envelope& envelope = std::get<Envelope>(read);
  switch (envelope.kind) {
    case EnvelopeKind::hello:
      if (connection.welcomed) {
        bad_frame(state, effects, connection, "hello was already answered");
        return effects;
      }
      handle_hello(state, effects, connection, envelope.credential, now_ms);
      break;
    case EnvelopeKind::ack:
      if (!connection.welcomed) {
        unauthorized(state, effects, connection, "hello first");
        return effects;
      }
      delivery_acknowledged(state, effects, connection, envelope.id);
      break;
    case EnvelopeKind::msg: {
      if (!connection.welcomed) {
        unauthorized(state, effects, connection, "hello first");
        return effects;
      }
      IncomingMessage message{connection, message_type(connection.side, envelope.type), *envelope.body, envelope.id,
                              envelope.conversation_id};
      if (connection.side == Side::visitor)
        handle_visitor_message(state, effects, message, now_ms);
      else
        handle_agent_message(state, effects, message, now_ms);
      break;
    }
  }
  announce_changes(state, effects);
  return effects;
}

Effects Router::closed(ConnectionId connection_id, double now_ms) {
  (void)now_ms;
  RouterState& state = *state_;
  Effects effects;
  auto found = state.connections.find(connection_id);
  if (found == state.connections.end()) return effects;
  Connection& connection = found->second;
  state.hello_deadlines.erase({connection.opened_ms + state.limits.hello_timeout_ms, connection.id});
  if (connection.welcomed) {
    auto& of_side = state.connections_of(connection.side);
    auto recipient = of_side.find(recipient_of(connection.side, connection.owner_id));
    if (recipient != of_side.end()) {
      std::erase(recipient->second, connection.id);
      if (recipient->second.empty()) {
        of_side.erase(recipient);
        if (connection.side == Side::agent) {
          // Offline is not free; the desk says again what it takes when it comes back.
          if (AgentState* agent = state.agents.find(connection.owner_id)) {
            agent->online = agent->accepts_chat = agent->accepts_video = false;
            state.agents.mark_changed(*agent);
          }
        }
      }
    }
  }
  state.connections.erase(found);
  announce_changes(state, effects);
  return effects;
}

Effects Router::tick(double now_ms) {
  RouterState& state = *state_;
  Effects effects;
  close_silent_connections(state, effects, now_ms);
  resend_due(state, effects, now_ms);
  state.conversations.forget_ended_by(now_ms);
  return effects;
}

double Router::next_deadline() const {
  const RouterState& state = *state_;
  double next = -1;
  auto consider = [&next](double at) {
    if (at >= 0 && (next < 0 || at < next)) next = at;
  };
  if (!state.hello_deadlines.empty()) consider(state.hello_deadlines.begin()->first);
  consider(state.deliveries.next_due_ms());
  consider(state.conversations.next_forget_ms());
  return next;
}

RouterStats Router::stats() const {
  const RouterState& state = *state_;
  RouterStats stats = state.stats;
  stats.connections = static_cast<std::int64_t>(state.connections.size());
  stats.visitors_online = static_cast<std::int64_t>(state.visitor_connections.size());
  stats.agents_online = static_cast<std::int64_t>(state.agents.online_count());
  stats.conversations_open = static_cast<std::int64_t>(state.conversations.open_count());
  stats.queued = static_cast<std::int64_t>(state.conversations.queue().size());
  stats.pending_deliveries = static_cast<std::int64_t>(state.deliveries.size());
  return stats;
}

}  // namespace parley::relay
