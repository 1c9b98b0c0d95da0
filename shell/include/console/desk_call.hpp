// console/desk_call.hpp: a video call as the agent desk sees it (wasm-glue/TRANSPORT.md "Video").
//
// One call per conversation at a time, in one of four states, mirroring the HTML desk
// (demo-site/agent.js):
//   requested  the visitor asked for a video conversation (conversation.start, channel video)
//   invited    the agent sent video.invite; the visitor has not answered
//   accepted   the visitor said yes (video.accept, or the agent accepted the video request)
//   ended      over, with the reason as text; the chat goes on
// `agent_in` says whether the agent joined (video.join sent, its media started). The visitor's
// devices come from video.media, checked against the values the protocol allows.
//
// The media itself (the agent's WebRTC side) lives in the browser: the desk hands it MediaCommands
// (start, an offer to answer, a candidate, close) and takes back its signalling to send.
#pragma once

#include <string>
#include <string_view>

#include "parley/json_reader.hpp"

namespace parley::console {

enum class CallState { requested, invited, accepted, ended };
std::string_view to_string(CallState state) noexcept;  // "requested", "invited", "accepted", "ended"

struct VisitorMedia {
  std::string camera;      // "on", "off", "none" ("" until the visitor says)
  std::string microphone;  // "on", "muted"
  std::string permission;  // "pending", "granted", "denied", "no_device", "busy", "timeout", "failed"
};

struct DeskCall {
  std::string id;
  std::string mode;  // the visitor's camera mode: "classic", "one_way", "off_by_default", "" unknown
  CallState state = CallState::requested;
  bool agent_in = false;
  VisitorMedia visitor;
  std::string ended;  // why it ended, as the agent reads it
};

// What the browser must do with a call's media.
struct MediaCommand {
  enum class Kind { start, offer, candidate, close };
  Kind kind = Kind::start;
  std::string call_id;
  std::string video_source;  // start: "camera", "pattern" or "none"
  Json payload;              // offer: the SDP (string); candidate: RTCIceCandidateInit or null
};

// The agent's own video in a call: the same choice as the HTML desk.
bool is_video_source(std::string_view source) noexcept;
bool is_camera_mode(std::string_view mode) noexcept;
// Copies the allowed fields of a video.media body into `media` (others are left as they were).
void read_visitor_media(const Json& body, VisitorMedia& media);
// Why the visitor's side ended the call (video.ended reason), as text.
std::string visitor_ended_text(std::string_view reason);

// Texts for the panel. Unknown values read as an em dash (they never reach the model anyway).
std::string_view media_text(std::string_view value) noexcept;  // "On", "Muted", "Denied by ..."
std::string_view mode_text(std::string_view mode) noexcept;    // "Classic", ..., "Not told yet"
// The call's status line; `connection` is the peer connection's state once the agent is in.
std::string call_status_text(const DeskCall& call, std::string_view connection);

}  // namespace parley::console
