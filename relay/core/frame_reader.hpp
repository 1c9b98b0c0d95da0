// Reads one untrusted text frame into an envelope (RELAY.md §2, TRANSPORT.md §1): hello, msg or
// ack, with the checks every msg body must pass before anyone looks at its type. What a body of a
// given type must hold is message_checks.hpp's job.
//
// Must not: throw, trust any field, keep the text.
#pragma once

#include <string>
#include <string_view>
#include <variant>

#include "relay/router.hpp"
#include "wire_text.hpp"

namespace parley::relay {

enum class EnvelopeKind { hello, msg, ack };

struct Envelope {
  EnvelopeKind kind = EnvelopeKind::msg;
  Json root;                      // the whole frame, parsed
  const Json* body = nullptr;     // msg: the body object (inside root)
  std::string type;               // msg: body.type
  std::string id;                 // msg: body.id; ack: id
  std::string conversation_id;    // msg: body.conversationId, "" when absent
  std::string credential;         // hello: visitor identity or agent token, "" when absent or not a string
};

struct FrameProblem {
  std::string message;            // why the frame is a bad_frame
};

// side: who may send on this connection (its frames must say so in `from`).
std::variant<Envelope, FrameProblem> read_frame(std::string_view text, Side side);

}  // namespace parley::relay
