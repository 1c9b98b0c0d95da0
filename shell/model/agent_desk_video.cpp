// The agent desk's video calls (console/agent_desk.hpp, console/desk_call.hpp): the same rules as
// the HTML desk (demo-site/agent.js), so both agent sides behave alike on the wire.
#include <utility>

#include "console/agent_desk.hpp"
#include "console/json_access.hpp"

namespace parley::console {
namespace {

Errors no_call_action(std::string message) { return one_error(ErrorCode::invalid_state, std::move(message)); }

bool live(const std::optional<DeskCall>& call) { return call && call->state != CallState::ended; }

}  // namespace

DeskConversation* AgentDesk::conversation_of_call(std::string_view call_id) {
  for (DeskConversation& conversation : conversations_)
    if (conversation.call && conversation.call->id == call_id) return &conversation;
  return nullptr;
}

// Messages of the conversation's current call (by callId); anything else is not ours to handle.
bool AgentDesk::handle_call(const std::string& type, const Json& body, double now_ms) {
  if (type.rfind("video.", 0) != 0 && type.rfind("webrtc.", 0) != 0) return false;
  DeskConversation* conversation = find_mutable(string_at(body, "conversationId"));
  if (conversation == nullptr || !live(conversation->call) || conversation->call->id != string_at(body, "callId"))
    return false;
  DeskCall& call = *conversation->call;
  if (type == "video.accept") {
    if (call.state != CallState::invited) return false;
    call.state = CallState::accepted;
    if (std::string mode = string_at(body, "camera"); is_camera_mode(mode)) call.mode = mode;
    add_line(*conversation, "system",
             call.agent_in ? "The visitor accepted the video call." : "The visitor accepted the video call: join it.", now_ms);
    return true;
  }
  if (type == "video.decline") {
    close_call(*conversation, "The visitor declined the video call.", now_ms);
    return true;
  }
  if (type == "video.media") {
    read_visitor_media(body, call.visitor);
    return true;
  }
  if (type == "video.ended") {
    close_call(*conversation, visitor_ended_text(string_at(body, "reason")), now_ms);
    return true;
  }
  // Signalling reaches the media only once the agent is in (its peer connection exists).
  if (type == "webrtc.offer") {
    const Json* sdp = member(body, "sdp");
    if (!call.agent_in || sdp == nullptr || !sdp->is_string()) return false;
    media_.push_back(MediaCommand{MediaCommand::Kind::offer, call.id, {}, *sdp});
    return true;
  }
  if (type == "webrtc.candidate") {
    const Json* candidate = member(body, "candidate");
    if (!call.agent_in || candidate == nullptr || !(candidate->is_null() || candidate->is_object())) return false;
    media_.push_back(MediaCommand{MediaCommand::Kind::candidate, call.id, {}, *candidate});
    return true;
  }
  return false;
}

// The agent is in the call: its media starts, and the visitor's offer will be answered.
void AgentDesk::join_call(DeskConversation& conversation, double now_ms) {
  DeskCall& call = *conversation.call;
  call.agent_in = true;
  if (call.state == CallState::requested) call.state = CallState::accepted;  // the visitor asked for it
  media_.push_back(MediaCommand{MediaCommand::Kind::start, call.id, video_source_, nullptr});
  std::string message_id =
      send_reliable(Json{{"type", "video.join"}, {"conversationId", conversation.id}, {"callId", call.id}}, now_ms);
  add_line(conversation, "system", "You joined the video call.", now_ms, message_id);
}

// `message`: what the agent tells the visitor (null when the visitor's side ended it already).
void AgentDesk::close_call(DeskConversation& conversation, std::string text, double now_ms, Json message) {
  if (!live(conversation.call)) return;
  DeskCall& call = *conversation.call;
  std::string message_id = message.is_null() ? std::string() : send_reliable(std::move(message), now_ms);
  call.state = CallState::ended;
  call.ended = text;
  if (call.agent_in) media_.push_back(MediaCommand{MediaCommand::Kind::close, call.id, {}, nullptr});
  add_line(conversation, "system", std::move(text), now_ms, message_id);
}

Errors AgentDesk::invite_video(std::string_view id, double now_ms) {
  DeskConversation* conversation = find_mutable(id);
  if (conversation == nullptr) return no_call_action("no such conversation");
  if (conversation->status != DeskStatus::active) return no_call_action("accept the conversation to invite to video");
  if (live(conversation->call)) return no_call_action("a video call is already under way");
  DeskCall call;
  call.id = next_id();
  call.state = CallState::invited;
  std::string message_id =
      send_reliable(Json{{"type", "video.invite"}, {"conversationId", conversation->id}, {"callId", call.id}}, now_ms);
  conversation->call = std::move(call);
  add_line(*conversation, "system", "You invited the visitor to a video call.", now_ms, message_id);
  return {};
}

Errors AgentDesk::join_video(std::string_view id, double now_ms) {
  DeskConversation* conversation = find_mutable(id);
  if (conversation == nullptr) return no_call_action("no such conversation");
  const std::optional<DeskCall>& call = conversation->call;
  if (!live(call) || call->agent_in) return no_call_action("no video call to join");
  // A video request is joined once the conversation is the agent's (accepted here, or assigned
  // by the relay, which sent agent.joined itself).
  if (call->state == CallState::requested && conversation->status != DeskStatus::active)
    return no_call_action("accept the conversation to join its video call");
  join_call(*conversation, now_ms);
  return {};
}

Errors AgentDesk::cancel_video(std::string_view id, double now_ms) {
  DeskConversation* conversation = find_mutable(id);
  if (conversation == nullptr) return no_call_action("no such conversation");
  const std::optional<DeskCall>& call = conversation->call;
  bool invited = live(call) && call->state == CallState::invited;
  if (!invited && (!live(call) || call->agent_in)) return no_call_action("only a pending video call can be cancelled");
  Json message{{"type", "video.cancel"}, {"conversationId", conversation->id}, {"callId", call->id}};
  close_call(*conversation, invited ? "You withdrew the video invitation." : "You cancelled the video call before joining it.",
             now_ms, std::move(message));
  return {};
}

Errors AgentDesk::hang_up(std::string_view id, double now_ms) {
  DeskConversation* conversation = find_mutable(id);
  if (conversation == nullptr) return no_call_action("no such conversation");
  const std::optional<DeskCall>& call = conversation->call;
  if (!live(call) || !call->agent_in) return no_call_action("you are in no video call here");
  Json message{{"type", "video.ended"}, {"conversationId", conversation->id}, {"callId", call->id}, {"reason", "hangUp"}};
  close_call(*conversation, "You ended the video call.", now_ms, std::move(message));
  return {};
}

Errors AgentDesk::signal(std::string_view call_id, std::string_view type, const Json& fields, double now_ms) {
  if (type != "webrtc.answer" && type != "webrtc.candidate")
    return one_error(ErrorCode::unknown_value, "the media side only answers and sends candidates", "/type");
  if (!fields.is_object()) return one_error(ErrorCode::wrong_type, "signalling fields are an object", "");
  DeskConversation* conversation = conversation_of_call(call_id);
  if (conversation == nullptr || !live(conversation->call) || !conversation->call->agent_in)
    return no_call_action("that call is over");
  Json body = fields;
  body["type"] = type;
  body["conversationId"] = conversation->id;
  body["callId"] = conversation->call->id;
  send_reliable(std::move(body), now_ms);
  return {};
}

std::vector<MediaCommand> AgentDesk::take_media() {
  std::vector<MediaCommand> out;
  out.swap(media_);
  return out;
}

Errors AgentDesk::set_video_source(std::string_view source) {
  if (!is_video_source(source))
    return one_error(ErrorCode::unknown_value, "the agent's video is camera, pattern or none", "/videoSource");
  video_source_ = std::string(source);
  return {};
}

}  // namespace parley::console
