// Sending (router_state.hpp, outbox.cpp): frames to connections, reliable deliveries stored until
// acknowledged, resent on each welcome of the recipient and every resend_after_ms.
#include "frame_writer.hpp"
#include "router_state.hpp"

namespace parley::relay::core {

std::string recipient_of(Side side, std::string_view owner_id) {
  std::string recipient = side == Side::visitor ? "visitor:" : "agent:";
  recipient += owner_id;
  return recipient;
}

void send_frame(RouterState& state, Effects& effects, ConnectionId connection, std::string text) {
  ++state.stats.frames_out;
  effects.frames.push_back(OutgoingFrame{connection, std::move(text)});
}

Side side_of_recipient(std::string_view recipient) {
  return recipient.starts_with("visitor:") ? Side::visitor : Side::agent;
}

const std::vector<ConnectionId>* RouterState::connections_of_recipient(std::string_view recipient) {
  auto& connections = connections_of(side_of_recipient(recipient));
  auto found = connections.find(std::string(recipient));
  return found == connections.end() || found->second.empty() ? nullptr : &found->second;
}

void acknowledge(RouterState& state, Effects& effects, const Connection& connection, std::string_view message_id) {
  send_frame(state, effects, connection.id, ack_frame(connection.side, message_id));
}

void refuse(RouterState& state, Effects& effects, const Connection& connection, std::string_view code,
            std::string_view message, std::string_view message_id) {
  ++state.stats.bad_frames;
  send_frame(state, effects, connection.id, error_frame(code, message, message_id));
}

void close_connection(RouterState& state, Effects& effects, Connection& connection, std::uint16_t code, std::string reason) {
  (void)state;
  if (connection.closing) return;
  connection.closing = true;
  effects.closes.push_back(CloseRequest{connection.id, code, std::move(reason)});
}

void deliver_text(RouterState& state, Effects& effects, Side to, std::string_view owner_id, std::string_view message_id,
                  std::string body_json, std::string_view conversation_id, double now_ms) {
  DeliveryRecord record{recipient_of(to, owner_id), std::string(message_id), std::move(body_json), now_ms};
  effects.writes.push_back(PutDelivery{record});
  PendingDelivery& pending = state.deliveries.put(std::move(record), std::string(conversation_id));
  const std::vector<ConnectionId>* connections = state.connections_of_recipient(pending.record.recipient);
  if (connections == nullptr) return;   // sent on its next welcome
  std::string frame = msg_frame(to, pending.record.body_json);
  for (ConnectionId connection : *connections) send_frame(state, effects, connection, frame);
  state.deliveries.set_due(pending, now_ms + state.limits.resend_after_ms);
}

void deliver(RouterState& state, Effects& effects, Side to, std::string_view owner_id, const Json& body,
             std::string_view conversation_id, double now_ms) {
  const std::string* id = string_member(body, "id");
  deliver_text(state, effects, to, owner_id, id == nullptr ? std::string_view() : std::string_view(*id),
               to_json_text(body), conversation_id, now_ms);
}

void pass_on(RouterState& state, Effects& effects, Side to, std::string_view owner_id, const std::string& body_json) {
  const std::vector<ConnectionId>* connections = state.connections_of_recipient(recipient_of(to, owner_id));
  if (connections == nullptr) return;   // nobody there: typing that comes late is worth nothing
  std::string frame = msg_frame(to, body_json);
  for (ConnectionId connection : *connections) send_frame(state, effects, connection, frame);
}

void send_pending(RouterState& state, Effects& effects, const Connection& connection, double now_ms) {
  for (PendingDelivery* pending : state.deliveries.pending_for(recipient_of(connection.side, connection.owner_id))) {
    send_frame(state, effects, connection.id, msg_frame(connection.side, pending->record.body_json));
    state.deliveries.set_due(*pending, now_ms + state.limits.resend_after_ms);
  }
}

void delivery_acknowledged(RouterState& state, Effects& effects, const Connection& connection, std::string_view message_id) {
  std::string recipient = recipient_of(connection.side, connection.owner_id);
  // The first ack settles it; later ones (another tab, a state message) find nothing to drop.
  if (state.deliveries.drop(recipient, message_id))
    effects.writes.push_back(DropDelivery{std::move(recipient), std::string(message_id)});
}

void drop_deliveries_of_conversation(RouterState& state, Effects& effects, Side side, std::string_view owner_id,
                                     std::string_view conversation_id) {
  std::string recipient = recipient_of(side, owner_id);
  for (std::string& message_id : state.deliveries.drop_conversation(recipient, conversation_id))
    effects.writes.push_back(DropDelivery{recipient, std::move(message_id)});
}

void resend_due(RouterState& state, Effects& effects, double now_ms) {
  for (PendingDelivery* pending : state.deliveries.due_by(now_ms)) {
    const std::vector<ConnectionId>* connections = state.connections_of_recipient(pending->record.recipient);
    if (connections == nullptr) {
      state.deliveries.set_due(*pending, -1);   // the recipient left: its next welcome sends it
      continue;
    }
    std::string frame = msg_frame(side_of_recipient(pending->record.recipient), pending->record.body_json);
    for (ConnectionId connection : *connections) send_frame(state, effects, connection, frame);
    state.deliveries.set_due(*pending, now_ms + state.limits.resend_after_ms);
  }
}

}  // namespace parley::relay::core
