// The relay's durable state, behind one interface: SQLite (embedded default) or PostgreSQL (a
// cluster). The routing core never calls it: it returns StoreWrites as data, the server commits
// them in one transaction, and only then sends the frames (acks included) that depended on them.
// At start the server loads a Snapshot and hands it to the core.
//
// Contents: StoreWrite and its records, Snapshot, Store (the interface), StoreError.
// Must not: throw, know about sockets or frames, decide anything (the core decides).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace parley::relay {

enum class ConversationStatus { queued, assigned, ended };  // stored as these words

struct ConversationRecord {
  std::string id;                // chosen by the widget (conversation.start's conversationId)
  std::string visitor_id;        // the owner; nobody else reads or writes it
  std::string channel;           // "chat" | "video" (as requested)
  ConversationStatus status = ConversationStatus::queued;
  std::string agent_id;          // "" while queued
  std::string start_json;        // the conversation.start body as the agent sees it (authToken removed)
  double created_ms = 0;
  double updated_ms = 0;
};

// One message of a conversation, in the order the relay accepted it.
struct MessageRecord {
  std::string conversation_id;
  std::string sender;            // "visitor" | "agent:<agentId>" | "relay"
  std::string id;                // the sender's message id (unique per sender)
  std::string body_json;         // the message as received (checked)
  double at_ms = 0;
};

// A message the relay owes someone: kept until they acknowledge it.
struct DeliveryRecord {
  std::string recipient;         // "visitor:<visitorId>" | "agent:<agentId>"
  std::string message_id;        // the id inside body_json
  std::string body_json;         // what to send (the msg envelope's body)
  double at_ms = 0;
};

struct PutConversation { ConversationRecord conversation; };      // insert or replace by id
struct AppendMessage { MessageRecord message; };                  // ignored if (sender, id) exists
struct PutDelivery { DeliveryRecord delivery; };                  // insert or replace by (recipient, message_id)
struct DropDelivery { std::string recipient; std::string message_id; };
struct TouchVisitor { std::string visitor_id; double seen_ms = 0; };  // for retention

using StoreWrite = std::variant<PutConversation, AppendMessage, PutDelivery, DropDelivery, TouchVisitor>;

// What the core needs to resume: every conversation not ended (and those ended recently, which
// still take a late rating), their messages, pending deliveries.
struct Snapshot {
  std::vector<ConversationRecord> conversations;
  std::vector<MessageRecord> messages;        // of those conversations, in accepted order
  std::vector<DeliveryRecord> deliveries;     // in the order they were put
};

struct StoreError {
  std::string code;     // "open" | "schema" | "io" | "busy" | "corrupt"
  std::string message;
};

struct ForgetCounts { std::int64_t conversations = 0, messages = 0, deliveries = 0; };

class Store {
 public:
  virtual ~Store() = default;
  // Everything in one transaction: all of it is durable when this returns no error, none of it otherwise.
  virtual std::optional<StoreError> apply(std::span<const StoreWrite> writes) = 0;
  // Conversations not ended, plus ended ones with updated_ms >= ended_after_ms.
  virtual std::variant<Snapshot, StoreError> load(double ended_after_ms) = 0;
  // A visitor's data deleted on request: its conversations, their messages and deliveries.
  virtual std::variant<ForgetCounts, StoreError> forget(const std::string& visitor_id) = 0;
  // Retention: ended conversations (and idle visitors) older than cutoff_ms deleted.
  virtual std::variant<ForgetCounts, StoreError> prune(double cutoff_ms) = 0;
  // A whole conversation, for tests and tools (accepted order).
  virtual std::variant<std::vector<MessageRecord>, StoreError> messages(const std::string& conversation_id) = 0;
};

const char* to_string(ConversationStatus status);
std::optional<ConversationStatus> conversation_status_from(std::string_view text);

}  // namespace parley::relay
