#include "console/desk_call.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "console/json_access.hpp"

namespace parley::console {
namespace {

template <std::size_t N>
bool one_of(std::string_view value, const std::array<std::string_view, N>& allowed) {
  return std::find(allowed.begin(), allowed.end(), value) != allowed.end();
}

constexpr std::array<std::string_view, 3> kCameras = {"on", "off", "none"};
constexpr std::array<std::string_view, 2> kMicrophones = {"on", "muted"};
constexpr std::array<std::string_view, 7> kPermissions = {"pending", "granted", "denied", "no_device",
                                                          "busy", "timeout", "failed"};

// The HTML desk's words (demo-site/agent.js), so both desks tell the agent the same thing.
constexpr std::pair<std::string_view, std::string_view> kMediaTexts[] = {
    {"on", "On"},
    {"off", "Off"},
    {"none", "None (one-way video)"},
    {"muted", "Muted"},
    {"pending", "Asking the browser\xE2\x80\xA6"},
    {"granted", "Granted"},
    {"denied", "Denied by the visitor or the browser"},
    {"no_device", "No device found"},
    {"busy", "Device busy"},
    {"timeout", "Prompt not answered"},
    {"failed", "Failed"},
};

constexpr std::pair<std::string_view, std::string_view> kConnectionTexts[] = {
    {"new", "Waiting for the visitor\xE2\x80\x99s media\xE2\x80\xA6"},
    {"connecting", "Connecting\xE2\x80\xA6"},
    {"connected", "Connected"},
    {"disconnected", "Connection interrupted\xE2\x80\xA6"},
    {"failed", "Connection failed"},
    {"closed", "Ended"},
};

template <std::size_t N>
std::string_view lookup(const std::pair<std::string_view, std::string_view> (&table)[N], std::string_view key,
                        std::string_view fallback) {
  for (const auto& [value, text] : table)
    if (value == key) return text;
  return fallback;
}

}  // namespace

std::string_view to_string(CallState state) noexcept {
  switch (state) {
    case CallState::requested: return "requested";
    case CallState::invited: return "invited";
    case CallState::accepted: return "accepted";
    case CallState::ended: return "ended";
  }
  return "ended";
}

bool is_video_source(std::string_view source) noexcept { return source == "camera" || source == "pattern" || source == "none"; }

bool is_camera_mode(std::string_view mode) noexcept { return mode == "classic" || mode == "one_way" || mode == "off_by_default"; }

void read_visitor_media(const Json& body, VisitorMedia& media) {
  if (std::string value = string_at(body, "camera"); one_of(value, kCameras)) media.camera = value;
  if (std::string value = string_at(body, "microphone"); one_of(value, kMicrophones)) media.microphone = value;
  if (std::string value = string_at(body, "permission"); one_of(value, kPermissions)) media.permission = value;
}

std::string visitor_ended_text(std::string_view reason) {
  if (reason == "reload") return "The visitor\xE2\x80\x99s page reloaded: the call ended.";
  if (reason == "error") return "The call ended: the visitor\xE2\x80\x99s camera, microphone or connection failed.";
  if (reason == "chatEnded") return "The call ended with the conversation.";
  return "The visitor ended the video call.";
}

std::string_view media_text(std::string_view value) noexcept { return lookup(kMediaTexts, value, "\xE2\x80\x94"); }

std::string_view mode_text(std::string_view mode) noexcept {
  if (mode == "classic") return "Classic";
  if (mode == "one_way") return "One-way (no visitor camera)";
  if (mode == "off_by_default") return "Camera off by default";
  return "Not told yet";
}

std::string call_status_text(const DeskCall& call, std::string_view connection) {
  switch (call.state) {
    case CallState::ended: return call.ended;
    case CallState::requested: return "The visitor asks for a video call: accept the conversation to join.";
    case CallState::invited:
      return call.agent_in ? "You are in the call; waiting for the visitor to accept." : "Invitation sent; waiting for the visitor.";
    case CallState::accepted:
      if (!call.agent_in) return "The visitor accepted: join the call.";
      return std::string(lookup(kConnectionTexts, connection, connection));
  }
  return {};
}

}  // namespace parley::console
