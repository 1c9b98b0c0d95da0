// Envelope reading (frame_reader.hpp).
#include "frame_reader.hpp"

namespace parley::relay {
namespace {

std::variant<Envelope, FrameProblem> problem(std::string message) { return FrameProblem{std::move(message)}; }

}  // namespace

std::variant<Envelope, FrameProblem> read_frame(std::string_view text, Side side) {
  Envelope envelope;
  envelope.root = Json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  const Json& root = envelope.root;
  if (root.is_discarded()) return problem("not JSON");
  if (!root.is_object()) return problem("not an object");

  auto v = root.find("v");
  if (v == root.end() || !v->is_number_integer() || *v != 1) return problem("v must be 1");

  const std::string* from = string_member(root, "from");
  const char* expected_from = side == Side::visitor ? "visitor" : "agent";
  if (from == nullptr || *from != expected_from) return problem(std::string("from must be \"") + expected_from + "\"");

  const std::string* kind = string_member(root, "kind");
  if (kind == nullptr) return problem("kind must be a string");
  if (*kind == "hello") {
    envelope.kind = EnvelopeKind::hello;
    const char* key = side == Side::visitor ? "identity" : "token";
    if (const std::string* credential = string_member(root, key); credential != nullptr && credential->size() <= 4096)
      envelope.credential = *credential;
    return envelope;
  }
  if (*kind == "ack") {
    envelope.kind = EnvelopeKind::ack;
    const std::string* id = string_member(root, "id");
    if (id == nullptr || !is_valid_id(*id)) return problem("an ack needs an id of 1 to 256 characters");
    envelope.id = *id;
    return envelope;
  }
  if (*kind != "msg") return problem("unknown kind");

  envelope.kind = EnvelopeKind::msg;
  auto body = root.find("body");
  if (body == root.end() || !body->is_object()) return problem("a msg needs a body object");
  envelope.body = &*body;
  const std::string* type = string_member(*body, "type");
  if (type == nullptr || type->empty() || type->size() > kMaxTypeBytes) return problem("body.type must be a non-empty string");
  const std::string* id = string_member(*body, "id");
  if (id == nullptr || !is_valid_id(*id)) return problem("body.id must be a string of 1 to 256 characters");
  envelope.type = *type;
  envelope.id = *id;
  if (auto conversation = body->find("conversationId"); conversation != body->end()) {
    const std::string* conversation_id = conversation->get_ptr<const std::string*>();
    if (conversation_id == nullptr || !is_valid_id(*conversation_id))
      return problem("body.conversationId must be a string of 1 to 256 characters");
    envelope.conversation_id = *conversation_id;
  }
  return envelope;
}

}  // namespace parley::relay
