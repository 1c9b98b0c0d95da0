// Per-type body checks (message_checks.hpp).
#include "message_checks.hpp"

#include <initializer_list>

namespace parley::relay::core {
namespace {

struct TypeRow {
  std::string_view name;
  Side side;
  MessageType type;
};

// name                     sent by         type
constexpr TypeRow kTypes[] = {
    {"visitor.hello",         Side::visitor, MessageType::visitor_hello},
    {"conversation.start",    Side::visitor, MessageType::conversation_start},
    {"visitor.message",       Side::visitor, MessageType::visitor_message},
    {"visitor.ended",         Side::visitor, MessageType::visitor_ended},
    {"rating",                Side::visitor, MessageType::rating},
    {"video.accept",          Side::visitor, MessageType::video_accept},
    {"video.decline",         Side::visitor, MessageType::video_decline},
    {"video.media",           Side::visitor, MessageType::video_media},
    {"video.ended",           Side::visitor, MessageType::video_ended},
    {"webrtc.offer",          Side::visitor, MessageType::webrtc_offer},
    {"webrtc.candidate",      Side::visitor, MessageType::webrtc_candidate},
    {"visitor.typing",        Side::visitor, MessageType::visitor_typing},
    {"agent.status",          Side::agent,   MessageType::agent_status},
    {"agent.message",         Side::agent,   MessageType::agent_message},
    {"agent.ended",           Side::agent,   MessageType::agent_ended},
    {"conversation.take",     Side::agent,   MessageType::conversation_take},
    {"conversation.transfer", Side::agent,   MessageType::conversation_transfer},
    {"video.invite",          Side::agent,   MessageType::video_invite},
    {"video.cancel",          Side::agent,   MessageType::video_cancel},
    {"video.join",            Side::agent,   MessageType::video_join},
    {"video.ended",           Side::agent,   MessageType::video_ended},
    {"webrtc.answer",         Side::agent,   MessageType::webrtc_answer},
    {"webrtc.candidate",      Side::agent,   MessageType::webrtc_candidate},
    {"agent.typing",          Side::agent,   MessageType::agent_typing},
    {"agent.read",            Side::agent,   MessageType::agent_read},
};

constexpr std::size_t kMaxContextEntries = 50;
constexpr std::size_t kMaxContextKeyBytes = 100;
constexpr std::size_t kMaxPrechatAnswers = 50;
constexpr std::size_t kMaxUrlBytes = 2048;
constexpr std::size_t kMaxSdpBytes = 60000;
constexpr std::size_t kMaxAuthTokenBytes = 8192;
constexpr std::size_t kMaxWordBytes = 64;

bool one_of(const std::string* text, std::initializer_list<std::string_view> words) {
  if (text == nullptr) return false;
  for (std::string_view word : words)
    if (*text == word) return true;
  return false;
}

bool bounded_string(const Json& value, std::size_t max_bytes) {
  const auto* text = value.get_ptr<const std::string*>();
  return text != nullptr && text->size() <= max_bytes && is_valid_utf8(*text);
}

// An optional member: absent is fine, present must pass.
template <typename Check>
bool optional_member(const Json& body, std::string_view key, Check check) {
  auto it = body.find(key);
  return it == body.end() || check(*it);
}

std::string check_context(const Json& context) {
  if (!context.is_object()) return "context must be an object";
  if (context.size() > kMaxContextEntries) return "context has more than 50 entries";
  for (auto entry = context.begin(); entry != context.end(); ++entry) {
    if (entry.key().empty() || entry.key().size() > kMaxContextKeyBytes) return "a context key is not 1 to 100 bytes";
    const Json& item = entry.value();
    if (!item.is_object()) return "a context entry must be {value, isDisplayable}";
    auto value = item.find("value");
    if (value == item.end() || !(value->is_string() || value->is_number() || value->is_boolean()))
      return "a context value must be a string, number or boolean";
    if (value->is_string() && !bounded_string(*value, kMaxTextBytes)) return "a context value is too long";
    auto displayable = item.find("isDisplayable");
    if (displayable != item.end() && !displayable->is_boolean()) return "isDisplayable must be a boolean";
  }
  return "";
}

std::string check_prechat(const Json& prechat) {
  if (!prechat.is_array()) return "prechat must be an array";
  if (prechat.size() > kMaxPrechatAnswers) return "prechat has more than 50 answers";
  for (const Json& answer : prechat) {
    if (!answer.is_object()) return "a prechat answer must be {id, label, value}";
    for (std::string_view key : {"id", "label", "value"}) {
      auto field = answer.find(key);
      if (field == answer.end() || !bounded_string(*field, kMaxTextBytes)) return "a prechat answer needs string id, label and value";
    }
  }
  return "";
}

std::string check_start(const Json& body) {
  const std::string* channel = string_member(body, "channel");
  if (!one_of(channel, {"chat", "video"})) return "channel must be \"chat\" or \"video\"";
  if (auto context = body.find("context"); context != body.end()) {
    if (std::string problem = check_context(*context); !problem.empty()) return problem;
  }
  if (auto prechat = body.find("prechat"); prechat != body.end()) {
    if (std::string problem = check_prechat(*prechat); !problem.empty()) return problem;
  }
  if (!optional_member(body, "locale", [](const Json& v) { return bounded_string(v, 16); })) return "locale must be a short string";
  if (!optional_member(body, "url", [](const Json& v) { return bounded_string(v, kMaxUrlBytes); })) return "url must be a string of at most 2048 bytes";
  if (!optional_member(body, "authToken", [](const Json& v) { return bounded_string(v, kMaxAuthTokenBytes); }))
    return "authToken must be a string of at most 8192 bytes";
  if (*channel == "video") {
    const std::string* call_id = string_member(body, "callId");
    if (call_id == nullptr || !is_valid_id(*call_id)) return "a video request needs a callId";
    if (!one_of(string_member(body, "camera"), {"classic", "one_way", "off_by_default"}))
      return "camera must be \"classic\", \"one_way\" or \"off_by_default\"";
  }
  return "";
}

std::string check_call(MessageType type, const Json& body) {
  const std::string* call_id = string_member(body, "callId");
  if (call_id == nullptr || !is_valid_id(*call_id)) return "callId must be a string of 1 to 256 characters";
  switch (type) {
    case MessageType::video_accept:
      if (!one_of(string_member(body, "camera"), {"classic", "one_way", "off_by_default"})) return "camera is not a camera mode";
      return "";
    case MessageType::video_media:
      if (!one_of(string_member(body, "camera"), {"on", "off", "none"})) return "camera must be on, off or none";
      if (!one_of(string_member(body, "microphone"), {"on", "muted"})) return "microphone must be on or muted";
      if (!one_of(string_member(body, "permission"),
                  {"pending", "granted", "denied", "no_device", "busy", "timeout", "failed"}))
        return "permission is not a permission state";
      return "";
    case MessageType::video_ended:
      if (!optional_member(body, "reason", [](const Json& v) { return bounded_string(v, kMaxWordBytes); }))
        return "reason must be a short string";
      return "";
    case MessageType::webrtc_offer:
    case MessageType::webrtc_answer: {
      const std::string* sdp = string_member(body, "sdp");
      if (sdp == nullptr || sdp->empty() || sdp->size() > kMaxSdpBytes) return "sdp must be a non-empty string";
      return "";
    }
    case MessageType::webrtc_candidate: {
      auto candidate = body.find("candidate");
      if (candidate == body.end() || !(candidate->is_object() || candidate->is_null()))
        return "candidate must be an object or null";
      return "";
    }
    default: return "";
  }
}

}  // namespace

MessageType message_type(Side side, std::string_view type) noexcept {
  for (const TypeRow& row : kTypes)
    if (row.side == side && row.name == type) return row.type;
  return MessageType::unknown;
}

bool is_call_signalling(MessageType type) noexcept {
  switch (type) {
    case MessageType::video_accept: case MessageType::video_decline: case MessageType::video_media:
    case MessageType::video_ended: case MessageType::webrtc_offer: case MessageType::webrtc_candidate:
    case MessageType::video_invite: case MessageType::video_cancel: case MessageType::video_join:
    case MessageType::webrtc_answer:
      return true;
    default: return false;
  }
}

bool is_ephemeral(MessageType type) noexcept {
  return type == MessageType::visitor_typing || type == MessageType::agent_typing;
}

std::string check_body(MessageType type, const Json& body) {
  const bool in_conversation = type != MessageType::unknown && type != MessageType::visitor_hello &&
                               type != MessageType::agent_status;
  // frame_reader already checked conversationId's form when present; here it must be present.
  if (in_conversation && string_member(body, "conversationId") == nullptr) return "conversationId is missing";
  switch (type) {
    case MessageType::conversation_start: return check_start(body);
    case MessageType::visitor_message:
    case MessageType::agent_message: {
      const std::string* text = string_member(body, "text");
      if (text == nullptr || !is_valid_text(*text)) return "text must be 1 to 4000 bytes of UTF-8";
      return "";
    }
    case MessageType::rating: {
      auto score = body.find("score");
      if (score == body.end() || !score->is_number_integer() || *score < 1 || *score > 5)
        return "score must be an integer from 1 to 5";
      return "";
    }
    case MessageType::agent_status: {
      auto chat = body.find("chat");
      auto video = body.find("video");
      if (chat == body.end() || !chat->is_boolean() || video == body.end() || !video->is_boolean())
        return "chat and video must be booleans";
      return "";
    }
    case MessageType::visitor_typing:
    case MessageType::agent_typing:
      if (!one_of(string_member(body, "state"), {"on", "off"})) return "state must be \"on\" or \"off\"";
      return "";
    case MessageType::agent_read: {
      auto up_to = body.find("upTo");
      if (up_to != body.end() && (!up_to->is_string() || !is_valid_id(up_to->get_ref<const std::string&>())))
        return "upTo must be a message id";
      return "";
    }
    case MessageType::conversation_transfer: {
      const std::string* agent_id = string_member(body, "agentId");
      if (agent_id == nullptr || !is_valid_id(*agent_id)) return "agentId must be a string of 1 to 256 characters";
      return "";
    }
    default:
      if (is_call_signalling(type)) return check_call(type, body);
      return "";
  }
}

}  // namespace parley::relay::core
