// Outgoing frames (frame_writer.hpp). Built by concatenation: the bodies are already JSON text, so
// a message is forwarded without parsing it a second time; only strings go through the encoder.
#include "frame_writer.hpp"

#include "wire_text.hpp"

namespace parley::relay {
namespace {

std::string quoted(std::string_view text) { return to_json_text(Json(std::string(text))); }

}  // namespace

std::string_view relay_name_towards(Side side) noexcept { return side == Side::visitor ? "agent" : "relay"; }

std::string msg_frame(Side to, std::string_view body_json) {
  std::string frame;
  frame.reserve(40 + body_json.size());
  frame += R"({"v":1,"kind":"msg","from":")";
  frame += relay_name_towards(to);
  frame += R"(","body":)";
  frame += body_json;
  frame += '}';
  return frame;
}

std::string ack_frame(Side to, std::string_view id) {
  std::string frame = R"({"v":1,"kind":"ack","from":")";
  frame += relay_name_towards(to);
  frame += R"(","id":)";
  frame += quoted(id);
  frame += '}';
  return frame;
}

std::string error_frame(std::string_view code, std::string_view message, std::string_view id) {
  Json frame = {{"v", 1}, {"kind", "error"}, {"from", "relay"}, {"code", std::string(code)}, {"message", std::string(message)}};
  if (!id.empty()) frame["id"] = std::string(id);
  return to_json_text(frame);
}

std::string visitor_welcome_frame(std::string_view visitor_id, std::string_view identity) {
  Json frame = {{"v", 1}, {"kind", "welcome"}, {"from", "relay"}, {"visitorId", std::string(visitor_id)},
                {"identity", std::string(identity)}};
  return to_json_text(frame);
}

std::string agent_welcome_frame(const AgentAccount& agent) {
  Json frame = {{"v", 1}, {"kind", "welcome"}, {"from", "relay"},
                {"agent", {{"id", agent.id}, {"name", agent.name}, {"maxChats", agent.max_chats}}}};
  return to_json_text(frame);
}

}  // namespace parley::relay
