// The video half of the Engine: the call inside a conversation (parley/video_call.hpp), the
// camera policy of the config's mode, the media the runtime is asked for, and the agent's
// video.* messages. WebRTC signalling never comes here: the runtime carries it.
//
// The camera policy (design.md section 4):
//   classic         asks for camera + microphone, camera on, the visitor may toggle it;
//   one_way         never asks for the camera, no toggle, the agent's video is receive-only;
//   off_by_default  asks for the microphone only, camera off; turning it on asks then.
#include "parley/constants.hpp"
#include "parley/engine.hpp"
#include "parley/json_object.hpp"
#include "parley/transition_table.hpp"
#include "parley/ui_strings.hpp"

namespace parley {
namespace {

constexpr std::size_t kMaxCallIdBytes = 100;

// The runtime's media, connectCall and endCall: which call, in which conversation (its webrtc.*
// signalling names both; PROTOCOL.md, "Video").
Json call_action(std::string_view type, const std::string& conversation_id, const std::string& call_id) {
  return JsonObject().add("type", type).add("conversationId", conversation_id).add("callId", call_id);
}

struct MediaErrorText {
  std::string_view reason;
  UiString text;
};
constexpr MediaErrorText kMediaErrors[] = {
    {"denied", UiString::video_denied},   {"no_device", UiString::video_no_device},
    {"busy", UiString::video_busy},       {"timeout", UiString::video_timeout},
    {"failed", UiString::video_failed},
};

UiString media_error_text(std::string_view reason) {
  for (const auto& [name, text] : kMediaErrors)
    if (name == reason) return text;
  return UiString::video_failed;
}

// The camera and microphone toggles: {"type", "on": bool}.
std::optional<bool> read_toggle(const Json& event, Errors& errors) {
  ObjectReader reader(event, "", errors);
  reader.find("type");
  auto on = reader.required_boolean("on");
  reader.report_unknown_keys();
  return on;
}

}  // namespace

// ---- The call's state machine -----------------------------------------------------------------

Errors Engine::fire_video(VideoTrigger trigger, double now_ms) {
  const VideoTransition* row = find_transition(video_transition_table(), video_, trigger, [this](VideoGuard guard) {
    return guard == VideoGuard::always || (guard == VideoGuard::agent_in_call && agent_in_call_);
  });
  if (row != nullptr) {
    VideoState from = video_;
    std::string error = media_error_;  // a failed call the visitor closes ended by it; the effect clears it
    video_ = row->to;
    perform_video(row->effect, from, now_ms);
    if (call_on(from) && !call_on(video_))
      call_ended(from == VideoState::failed && trigger == VideoTrigger::hang_up ? VideoEnd{"error", error}
                                                                                : video_end_of(trigger));
    if (video_ == VideoState::none || video_ == VideoState::ended) {
      agent_in_call_ = call_connected_ = camera_on_ = camera_pending_ = false;
      media_deadline_ms_ = kNever;
      if (video_ == VideoState::none) call_id_.clear();
    }
    return {};
  }
  return one_error(ErrorCode::invalid_state, "\"" + std::string(to_string(trigger)) + "\" does nothing in video state " +
                                                    std::string(to_string(video_)));
}

// The one place lcw:videoEnded fires: every call that was on fires it once, when it ends.
void Engine::call_ended(VideoEnd end) {
  emit("lcw:videoEnded", JsonObject().add("callId", call_id_).add("by", end.by).add("reason", end.reason));
}

void Engine::perform_video(VideoEffect effect, VideoState from, double now_ms) {
  switch (effect) {
    case VideoEffect::none: break;
    case VideoEffect::show_invitation:
      media_error_.clear();
      emit("lcw:videoInvite", JsonObject().add("callId", call_id_));
      break;
    case VideoEffect::withdraw_invitation:
      add_message("system", std::string(ui_text(UiString::video_cancelled, locale())), now_ms);
      break;
    case VideoEffect::decline_invitation:
      send(JsonObject()
          .add("type", "video.decline")
          .add("conversationId", conversation_id_)
          .add("callId", call_id_));
      break;
    case VideoEffect::accept_invitation:
      send(JsonObject()
          .add("type", "video.accept")
          .add("conversationId", conversation_id_)
          .add("callId", call_id_)
          .add("camera", to_string(config_.video.camera)));
      request_media(now_ms);
      break;
    case VideoEffect::request_media: request_media(now_ms); break;
    case VideoEffect::agent_waiting: agent_in_call_ = true; break;
    case VideoEffect::ring: break;  // the media state already went to the agent
    case VideoEffect::connect:
      agent_in_call_ = true;
      call_connected_ = false;
      actions_.push_back(call_action("connectCall", conversation_id_, call_id_));
      emit("lcw:videoStarted", JsonObject().add("callId", call_id_).add("camera", camera_on_));
      break;
    case VideoEffect::media_failed: {
      media_deadline_ms_ = kNever;
      camera_pending_ = false;
      actions_.push_back(call_action("endCall", conversation_id_, call_id_));  // a late answer is stopped too
      send_media_state(media_error_);
      emit("lcw:error", JsonObject()
          .add("errorCode", static_cast<int>(LcwError::media))
          .add("errorDescription", ui_text(media_error_text(media_error_), Locale::en))
          .add("reason", media_error_));
      break;
    }
    case VideoEffect::connection_failed:
      // The call is over on both sides (the agent is told): the chat says why, and the agent may
      // invite again. A retry here could not work: the agent's side has ended the call.
      actions_.push_back(call_action("endCall", conversation_id_, call_id_));
      send(JsonObject()
          .add("type", "video.ended")
          .add("conversationId", conversation_id_)
          .add("callId", call_id_)
          .add("reason", "error"));
      add_message("system", std::string(ui_text(UiString::video_connection_lost, locale())), now_ms);
      break;
    case VideoEffect::hang_up:
      if (from != VideoState::failed) actions_.push_back(call_action("endCall", conversation_id_, call_id_));
      send(JsonObject()
          .add("type", "video.ended")
          .add("conversationId", conversation_id_)
          .add("callId", call_id_)
          .add("reason", from == VideoState::failed ? "error" : "hangUp"));
      add_message("system", std::string(ui_text(UiString::video_ended, locale())), now_ms);
      media_error_.clear();
      break;
    case VideoEffect::ended_by_agent:
      actions_.push_back(call_action("endCall", conversation_id_, call_id_));
      add_message("system", std::string(ui_text(UiString::video_ended, locale())), now_ms);
      media_error_.clear();
      break;
    case VideoEffect::fall_back_to_chat:
      actions_.push_back(call_action("endCall", conversation_id_, call_id_));
      add_message("system", std::string(ui_text(UiString::video_unavailable, locale())), now_ms);
      break;
    case VideoEffect::chat_over:
      // The conversation's own end message tells the agent; only the media must stop here.
      if (holds_media(from)) actions_.push_back(call_action("endCall", conversation_id_, call_id_));
      media_error_.clear();
      break;
  }
}

// What the mode asks the browser for: never the camera in one_way or off_by_default.
void Engine::request_media(double now_ms) {
  media_error_.clear();
  camera_on_ = false;
  camera_pending_ = config_.video.camera == CameraMode::classic;
  media_deadline_ms_ = now_ms + config_.video.prompt_timeout_ms;
  push_media_action();
  send_media_state("pending");
}

void Engine::push_media_action() {
  Json action = call_action("media", conversation_id_, call_id_);
  action["audio"] = microphone_muted_ ? "muted" : "on";
  action["video"] = camera_on_ || camera_pending_ ? "on" : "off";
  actions_.push_back(std::move(action));
}

void Engine::send_media_state(std::string_view permission) {
  send(JsonObject()
      .add("type", "video.media")
      .add("conversationId", conversation_id_)
      .add("callId", call_id_)
      .add("camera", !camera_allowed() ? "none" : camera_on_ ? "on" : "off")
      .add("microphone", microphone_muted_ ? "muted" : "on")
      .add("permission", permission));
}

// A camera the visitor turned on during the call did not come: the call goes on without it.
void Engine::camera_failed(std::string reason) {
  camera_pending_ = false;
  media_deadline_ms_ = kNever;
  media_error_ = std::move(reason);
  push_media_action();
  send_media_state(media_error_);
  emit("lcw:error", JsonObject()
      .add("errorCode", static_cast<int>(LcwError::media))
      .add("errorDescription", ui_text(media_error_text(media_error_), Locale::en))
      .add("reason", media_error_));
}

void Engine::video_deadline_passed(double now_ms) {
  if (media_deadline_ms_ > now_ms) return;
  media_deadline_ms_ = kNever;
  if (video_ == VideoState::requested) {
    media_error_ = "timeout";
    fire_video(VideoTrigger::prompt_timeout, now_ms);
  } else if (camera_pending_) {
    camera_failed("timeout");
  }
}

// ---- The visitor's and the runtime's events ---------------------------------------------------

Errors Engine::on_video_accept(const Json&, double now_ms) { return fire_video(VideoTrigger::accept, now_ms); }
Errors Engine::on_video_decline(const Json&, double now_ms) { return fire_video(VideoTrigger::decline, now_ms); }
Errors Engine::on_hang_up(const Json&, double now_ms) { return fire_video(VideoTrigger::hang_up, now_ms); }
Errors Engine::on_video_retry(const Json&, double now_ms) { return fire_video(VideoTrigger::retry, now_ms); }
Errors Engine::on_call_failed(const Json&, double now_ms) { return fire_video(VideoTrigger::call_failed, now_ms); }

Errors Engine::on_call_connected(const Json&, double) {
  if (video_ != VideoState::connected) return one_error(ErrorCode::invalid_state, "no call to connect", "/type");
  call_connected_ = true;
  return {};
}

Errors Engine::on_camera(const Json& event, double now_ms) {
  Errors errors;
  auto on = read_toggle(event, errors);
  if (!on) return errors;
  if (!holds_media(video_)) return one_error(ErrorCode::invalid_state, "no video call for the camera", "/type");
  if (!camera_allowed()) return one_error(ErrorCode::invalid_state, "the camera stays off in one_way video", "/on");
  if (*on == (camera_on_ || camera_pending_)) return errors;
  media_error_.clear();
  if (*on) {
    camera_pending_ = true;
    if (video_ != VideoState::requested) media_deadline_ms_ = now_ms + config_.video.prompt_timeout_ms;
    push_media_action();
    if (video_ != VideoState::requested) send_media_state("pending");
    return errors;
  }
  camera_on_ = camera_pending_ = false;
  if (video_ != VideoState::requested) media_deadline_ms_ = kNever;
  push_media_action();
  if (video_ != VideoState::requested) {
    send_media_state("granted");
    emit("lcw:cameraChanged", JsonObject().add("on", false));
  }
  return errors;
}

Errors Engine::on_microphone(const Json& event, double) {
  Errors errors;
  auto on = read_toggle(event, errors);
  if (!on) return errors;
  if (!holds_media(video_)) return one_error(ErrorCode::invalid_state, "no video call for the microphone", "/type");
  if (microphone_muted_ == !*on) return errors;
  microphone_muted_ = !*on;
  push_media_action();
  if (video_ != VideoState::requested) send_media_state("granted");
  return errors;
}

Errors Engine::on_media_ready(const Json& event, double now_ms) {
  Errors errors;
  ObjectReader reader(event, "", errors);
  reader.find("type");
  auto audio = reader.required_boolean("audio");
  auto video = reader.required_boolean("video");
  reader.report_unknown_keys();
  if (!audio || !video) return errors;
  if (video_ == VideoState::requested) {
    media_deadline_ms_ = kNever;
    camera_on_ = *video && camera_pending_;
    camera_pending_ = false;
    send_media_state("granted");
    return fire_video(VideoTrigger::media_ready, now_ms);
  }
  if (camera_pending_ && holds_media(video_)) {
    camera_pending_ = false;
    media_deadline_ms_ = kNever;
    camera_on_ = *video;
    send_media_state("granted");
    if (camera_on_) emit("lcw:cameraChanged", JsonObject().add("on", true));
    return errors;
  }
  return one_error(ErrorCode::invalid_state, "no media was asked for", "/type");  // the runtime stops it
}

Errors Engine::on_media_error(const Json& event, double now_ms) {
  Errors errors;
  ObjectReader reader(event, "", errors);
  reader.find("type");
  auto reason = reader.one_of<std::string_view>("reason", {{"denied", "denied"}, {"no_device", "no_device"},
                                                           {"busy", "busy"}, {"failed", "failed"}});
  if (!reason && !event.contains("reason")) reader.missing("reason");
  reader.one_of<std::string_view>("device", {{"camera", "camera"}, {"microphone", "microphone"}});
  reader.report_unknown_keys();
  if (!reason || !only_unknown_keys(errors)) return errors;
  if (video_ == VideoState::requested) {
    media_error_ = std::string(*reason);
    return fire_video(VideoTrigger::media_error, now_ms);
  }
  if (camera_pending_ && holds_media(video_)) {
    camera_failed(std::string(*reason));
    return errors;
  }
  return one_error(ErrorCode::invalid_state, "no media was asked for", "/type");
}

// ---- The agent's video messages ---------------------------------------------------------------

Errors Engine::on_video_message(const std::string& type, ObjectReader& fields, double now_ms) {
  auto call = fields.string("callId");
  if (!call || call->empty() || call->size() > kMaxCallIdBytes)
    return one_error(ErrorCode::invalid, "a video message has a callId of 1 to 100 bytes", "/message/callId");
  if (type == "video.invite") {
    if (state_ != ConversationState::Active)
      return one_error(ErrorCode::invalid_state, "a video invitation comes during a chat", "/message");
    if (video_ != VideoState::none && video_ != VideoState::ended && video_ != VideoState::failed)
      return one_error(ErrorCode::invalid_state, "a video call is already on", "/message");
    if (video_ == VideoState::failed) {  // a new call replaces the failed one, which ends by its error
      actions_.push_back(call_action("endCall", conversation_id_, call_id_));
      call_ended(VideoEnd{"error", media_error_});
    }
    call_id_ = *call;
    return fire_video(VideoTrigger::agent_invite, now_ms);
  }
  VideoTrigger trigger;
  if (type == "video.cancel") trigger = VideoTrigger::agent_cancel;
  else if (type == "video.join") trigger = VideoTrigger::agent_join;
  else if (type == "video.ended") trigger = VideoTrigger::agent_hang_up;
  else return one_error(ErrorCode::unknown_event, "unknown message type \"" + type + "\"", "/message/type");
  if (*call != call_id_) return one_error(ErrorCode::invalid_state, "a message for another call", "/message/callId");
  return fire_video(trigger, now_ms);
}

// ---- What the visitor sees --------------------------------------------------------------------

Json Engine::video_view(Locale lang) const {
  UiString status = UiString::video_invited;
  switch (video_) {
    case VideoState::requested: status = UiString::video_requested; break;
    case VideoState::ringing: status = UiString::video_ringing; break;
    case VideoState::connected: status = call_connected_ ? UiString::video_connected : UiString::video_connecting; break;
    default: break;
  }
  Json error;
  if (!media_error_.empty())
    error = JsonObject()
        .add("reason", media_error_)
        .add("message", ui_text(media_error_text(media_error_), lang));
  Json labels = Json::object();
  for (const auto& [key, id] : {std::pair{"accept", UiString::video_accept}, {"decline", UiString::video_decline},
                                {"hangUp", UiString::video_hang_up}, {"cameraOn", UiString::video_camera_on},
                                {"cameraOff", UiString::video_camera_off}, {"mute", UiString::video_mute},
                                {"unmute", UiString::video_unmute}, {"retry", UiString::video_retry}})
    labels[key] = ui_text(id, lang);
  return JsonObject()
      .add("state", to_string(video_))
      .add("callId", call_id_)
      .add("camera", !camera_allowed() ? "none" : camera_on_ ? "on" : "off")
      .add("cameraToggle", camera_allowed() && holds_media(video_))
      .add("microphone", microphone_muted_ ? "muted" : "on")
      .add("remote", video_ == VideoState::connected)
      .add("status", video_ == VideoState::failed ? std::string_view() : ui_text(status, lang))
      .add("statusKey", video_ == VideoState::failed ? std::string_view() : ui_key(status))
      .add("error", std::move(error))
      .add("labels", std::move(labels));
}

}  // namespace parley
