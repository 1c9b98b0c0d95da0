// ConversationStatus as the words the store keeps (store.hpp).
#include "relay/store.hpp"

namespace parley::relay {

const char* to_string(ConversationStatus status) {
  switch (status) {
    case ConversationStatus::queued: return "queued";
    case ConversationStatus::assigned: return "assigned";
    case ConversationStatus::ended: return "ended";
  }
  return "queued";
}

std::optional<ConversationStatus> conversation_status_from(std::string_view text) {
  if (text == "queued") return ConversationStatus::queued;
  if (text == "assigned") return ConversationStatus::assigned;
  if (text == "ended") return ConversationStatus::ended;
  return std::nullopt;
}

}  // namespace parley::relay
