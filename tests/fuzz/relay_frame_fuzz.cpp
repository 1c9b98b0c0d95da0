// The relay's frame reader (relay/core/frame_reader.hpp) on both endpoints, and for a msg the
// checks its body goes through next (message_checks.hpp), as Router::received calls them.
// Input: one WebSocket text frame.
#include "frame_reader.hpp"
#include "fuzz_support.hpp"
#include "message_checks.hpp"

namespace {

namespace core = parley::relay::core;
using parley::fuzz::check;

void read_as(std::string_view text, parley::relay::Side side) {
  auto read = core::read_frame(text, side);
  auto* envelope = std::get_if<core::Envelope>(&read);
  if (envelope == nullptr) return;
  check(envelope->root.is_object(), "an accepted frame is not an object");
  if (envelope->kind == core::EnvelopeKind::ack) check(core::is_valid_id(envelope->id), "an ack with a bad id was accepted");
  if (envelope->kind != core::EnvelopeKind::msg) return;
  check(envelope->body != nullptr && envelope->body->is_object(), "a msg was accepted without a body object");
  check(core::is_valid_id(envelope->id), "a msg with a bad body.id was accepted");
  check(!envelope->type.empty() && envelope->type.size() <= core::kMaxTypeBytes, "a msg with a bad body.type was accepted");
  core::MessageType type = core::message_type(side, envelope->type);
  core::is_call_signalling(type);
  core::check_body(type, *envelope->body);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text = parley::fuzz::as_text(data, size);
  read_as(text, parley::relay::Side::visitor);
  read_as(text, parley::relay::Side::agent);
  return 0;
}
