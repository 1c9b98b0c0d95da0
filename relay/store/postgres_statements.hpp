// Every statement the PostgreSQL store runs, by name: prepared once per connection (again after
// a reconnect, since prepared statements die with their session) and executed with parameters.
//
// Must not: hold data in SQL text (parameters only), know about transactions (the store does).
#pragma once

#include <optional>

#include "postgres_connection.hpp"
#include "relay/store.hpp"

namespace parley::relay::pg {

// The names PQexecPrepared takes; each is prepared under its own name by prepare_statements.
inline constexpr const char* kPutConversation = "put_conversation";
inline constexpr const char* kAppendMessage = "append_message";
inline constexpr const char* kPutDelivery = "put_delivery";
inline constexpr const char* kDropDelivery = "drop_delivery";
inline constexpr const char* kTouchVisitor = "touch_visitor";
inline constexpr const char* kCheckEpoch = "check_epoch";

inline constexpr const char* kLoadConversations = "load_conversations";
inline constexpr const char* kLoadMessages = "load_messages";
inline constexpr const char* kLoadDeliveries = "load_deliveries";
inline constexpr const char* kConversationMessages = "conversation_messages";

inline constexpr const char* kForgetDeliveries = "forget_deliveries";
inline constexpr const char* kForgetMessages = "forget_messages";
inline constexpr const char* kForgetConversations = "forget_conversations";
inline constexpr const char* kForgetVisitor = "forget_visitor";

inline constexpr const char* kPruneDeliveries = "prune_deliveries";
inline constexpr const char* kPruneMessages = "prune_messages";
inline constexpr const char* kPruneConversations = "prune_conversations";
inline constexpr const char* kPruneVisitors = "prune_visitors";

// Prepares them all on this connection; the first failure stops it.
std::optional<StoreError> prepare_statements(PostgresConnection& connection);

}  // namespace parley::relay::pg
