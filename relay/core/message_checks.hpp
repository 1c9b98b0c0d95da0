// The message types each side may send (RELAY.md §4 and §5, TRANSPORT.md §3) and what each body
// must hold. A body that fails is refused with `invalid` (final for its id); a type the relay does
// not know is acknowledged and ignored, so both sides can grow.
//
// Must not: throw, decide routing (the handlers do), look at anything but the body.
#pragma once

#include <string>
#include <string_view>

#include "relay/router.hpp"
#include "wire_text.hpp"

namespace parley::relay::core {

enum class MessageType {
  unknown,
  // visitor to relay
  visitor_hello, conversation_start, visitor_message, visitor_ended, rating,
  video_accept, video_decline, video_media, webrtc_offer, visitor_typing,
  // agent to relay
  agent_status, agent_message, agent_ended, conversation_take, conversation_transfer, agent_typing, agent_read,
  video_invite, video_cancel, video_join, webrtc_answer,
  // either side
  video_ended, webrtc_candidate,
};

// The type of a body's `type` string as sent by side; unknown for anything else.
MessageType message_type(Side side, std::string_view type) noexcept;

// video.* and webrtc.*: relayed only between a conversation's visitor and its assigned agent.
bool is_call_signalling(MessageType type) noexcept;

// visitor.typing and agent.typing: passed to the other side's open connections now, or never;
// neither stored, resent nor replayed (TRANSPORT.md §2, "Ephemeral").
bool is_ephemeral(MessageType type) noexcept;

// "" when the body holds what its type needs; otherwise what is wrong, for the `invalid` error.
std::string check_body(MessageType type, const Json& body);

}  // namespace parley::relay::core
