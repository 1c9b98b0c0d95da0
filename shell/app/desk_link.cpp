#include "app/desk_link.hpp"

#include <cmath>

#include "app/host.hpp"

namespace parley::console {

bool DeskLink::open(const std::string& channel, AgentDesk& desk, double now_ms) {
  close();
  desk.set_mode(DeskMode::channel);
  if (channel.empty() || !host::desk_open(channel)) return false;
  wire_ = Wire::channel;
  channel_ = channel;
  desk.start(now_ms);
  pump(desk, now_ms);
  return true;
}

Errors DeskLink::open_relay(const std::string& url, const std::string& token, AgentDesk& desk, double now_ms) {
  if (Errors errors = check_relay_url(url); !errors.empty()) return errors;
  if (token.empty()) return one_error(ErrorCode::missing_field, "type the agent's token to sign in", "/token");
  close();
  desk.set_mode(DeskMode::relay);
  desk.set_relay_token(token);
  desk.disconnected();  // a refused token is forgotten: this is a new attempt
  wire_ = Wire::relay;
  relay_url_ = url;
  ever_connected_ = false;
  backoff_.reset();
  connect(now_ms);
  return {};
}

void DeskLink::close() {
  if (wire_ == Wire::channel) host::desk_close();
  if (wire_ == Wire::relay) host::relay_close();
  wire_ = Wire::none;
  socket_ = Socket::closed;
}

void DeskLink::connect(double now_ms) {
  if (host::relay_open(relay_url_)) socket_ = Socket::connecting;
  else retry_later(now_ms);
}

void DeskLink::retry_later(double now_ms) {
  socket_ = Socket::closed;
  retry_at_ms_ = now_ms + backoff_.next_delay_ms(host::random01());
}

void DeskLink::pump_relay(AgentDesk& desk, double now_ms) {
  for (host::RelayEvent& event : host::relay_take()) {
    switch (event.kind) {
      case host::RelayEvent::Kind::open:
        socket_ = Socket::open;
        desk.start(now_ms);  // hello first, every connection
        break;
      case host::RelayEvent::Kind::frame: desk.receive(event.envelope, now_ms); break;
      case host::RelayEvent::Kind::bad: desk.receive(Json(), now_ms); break;  // counted as malformed
      case host::RelayEvent::Kind::closed:
        desk.disconnected();
        retry_later(now_ms);
        break;
    }
  }
  if (desk.relay_phase() == RelayPhase::connected) {
    ever_connected_ = true;
    backoff_.reset();
  }
  // A refused token would be refused again: the agent fixes it and connects again.
  if (socket_ == Socket::closed && desk.relay_phase() != RelayPhase::refused && retry_at_ms_ <= now_ms) connect(now_ms);
}

void DeskLink::pump(AgentDesk& desk, double now_ms) {
  if (wire_ == Wire::none) {
    desk.take_posts();  // nothing goes out while closed; the outbox keeps what must be delivered
    return;
  }
  if (wire_ == Wire::channel)
    for (const Json& envelope : host::desk_take()) desk.receive(envelope, now_ms);
  else pump_relay(desk, now_ms);
  // The agent's media: what the model asks of it, then what it has to say on the wire.
  for (const MediaCommand& command : desk.take_media()) host::call_media(command);
  for (const host::CallSignal& signal : host::call_take_signals()) desk.signal(signal.call_id, signal.type, signal.fields, now_ms);
  if (desk.next_resend_ms() <= now_ms) desk.resend_due(now_ms);
  for (const Json& envelope : desk.take_posts()) {
    if (wire_ == Wire::channel) host::desk_post(envelope);
    else host::relay_post(envelope);
  }
}

std::string DeskLink::relay_status(const AgentDesk& desk, double now_ms) const {
  if (wire_ != Wire::relay) return "Not connected";
  if (desk.relay_phase() == RelayPhase::refused) return relay_phase_text(RelayPhase::refused, "");
  if (socket_ == Socket::open) return relay_phase_text(desk.relay_phase(), desk.agent_name());
  std::string verb = ever_connected_ ? "Reconnecting\xE2\x80\xA6" : "Connecting\xE2\x80\xA6";
  if (socket_ == Socket::closed && retry_at_ms_ > now_ms)
    return verb + " (next try in " + std::to_string(static_cast<long long>(std::ceil((retry_at_ms_ - now_ms) / 1000))) + " s)";
  return verb;
}

std::string DeskLink::call_connection(const std::string& call_id) const { return host::call_connection(call_id); }
std::string DeskLink::call_problem(const std::string& call_id) const { return host::call_problem(call_id); }
void DeskLink::show_call(const std::string& call_id, const std::string& caption) { host::call_show(call_id, caption); }

}  // namespace parley::console
