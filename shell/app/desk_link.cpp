#include "app/desk_link.hpp"

#include "app/host.hpp"

namespace parley::console {

bool DeskLink::open(const std::string& channel, AgentDesk& desk, double now_ms) {
  close();
  if (channel.empty() || !host::desk_open(channel)) return false;
  open_ = true;
  channel_ = channel;
  desk.start(now_ms);
  pump(desk, now_ms);
  return true;
}

void DeskLink::close() {
  if (open_) host::desk_close();
  open_ = false;
}

void DeskLink::pump(AgentDesk& desk, double now_ms) {
  if (!open_) {
    desk.take_posts();  // nothing goes out while closed; the outbox keeps what must be delivered
    return;
  }
  for (const Json& envelope : host::desk_take()) desk.receive(envelope, now_ms);
  // The agent's media: what the model asks of it, then what it has to say on the wire.
  for (const MediaCommand& command : desk.take_media()) host::call_media(command);
  for (const host::CallSignal& signal : host::call_take_signals()) desk.signal(signal.call_id, signal.type, signal.fields, now_ms);
  if (desk.next_resend_ms() <= now_ms) desk.resend_due(now_ms);
  for (const Json& envelope : desk.take_posts()) host::desk_post(envelope);
}

std::string DeskLink::call_connection(const std::string& call_id) const { return host::call_connection(call_id); }
std::string DeskLink::call_problem(const std::string& call_id) const { return host::call_problem(call_id); }
void DeskLink::show_call(const std::string& call_id, const std::string& caption) { host::call_show(call_id, caption); }

}  // namespace parley::console
