// The PostgreSQL store's SQL (postgres_statements.hpp). Same meaning, row for row, as the SQLite
// store's statements (sqlite_store.cpp); only the dialect differs.
#include "postgres_statements.hpp"

#include <string>
#include <utility>

namespace parley::relay::pg {
namespace {

// The conversations a forget() or prune() removes, named once so every DELETE of one call agrees.
#define PARLEY_VISITOR_CONVERSATIONS "SELECT id FROM conversations WHERE visitor_id = $1"
#define PARLEY_PRUNED_CONVERSATIONS "SELECT id FROM conversations WHERE status = 'ended' AND updated_ms < $1"

const std::pair<const char*, const char*> kStatements[] = {
    {kPutConversation,
     "INSERT INTO conversations (id, visitor_id, channel, status, agent_id, start_json, created_ms, updated_ms) "
     "VALUES ($1, $2, $3, $4, $5, $6, $7, $8) "
     "ON CONFLICT (id) DO UPDATE SET visitor_id = excluded.visitor_id, channel = excluded.channel, "
     "status = excluded.status, agent_id = excluded.agent_id, start_json = excluded.start_json, "
     "created_ms = excluded.created_ms, updated_ms = excluded.updated_ms"},
    {kAppendMessage,
     "INSERT INTO messages (conversation_id, sender, id, body_json, at_ms) VALUES ($1, $2, $3, $4, $5) "
     "ON CONFLICT (conversation_id, sender, id) DO NOTHING"},
    // An update keeps the delivery's place (seq) in the order it was first put.
    {kPutDelivery,
     "INSERT INTO deliveries (recipient, message_id, body_json, at_ms) VALUES ($1, $2, $3, $4) "
     "ON CONFLICT (recipient, message_id) DO UPDATE SET body_json = excluded.body_json, at_ms = excluded.at_ms"},
    {kDropDelivery, "DELETE FROM deliveries WHERE recipient = $1 AND message_id = $2"},
    {kCheckEpoch, "SELECT parley_check_epoch($1)"},
    {kTouchVisitor,
     "INSERT INTO visitors (id, seen_ms) VALUES ($1, $2) "
     "ON CONFLICT (id) DO UPDATE SET seen_ms = greatest(visitors.seen_ms, excluded.seen_ms)"},

    {kLoadConversations,
     "SELECT id, visitor_id, channel, status, agent_id, start_json, created_ms, updated_ms FROM conversations "
     "WHERE status <> 'ended' OR updated_ms >= $1 ORDER BY created_ms, seq"},
    {kLoadMessages,
     "SELECT m.conversation_id, m.sender, m.id, m.body_json, m.at_ms FROM messages m "
     "JOIN conversations c ON c.id = m.conversation_id "
     "WHERE c.status <> 'ended' OR c.updated_ms >= $1 ORDER BY m.seq"},
    {kLoadDeliveries, "SELECT recipient, message_id, body_json, at_ms FROM deliveries ORDER BY seq"},
    {kConversationMessages,
     "SELECT conversation_id, sender, id, body_json, at_ms FROM messages WHERE conversation_id = $1 ORDER BY seq"},

    // $1::text: the concatenation alone would leave the parameter's type open.
    {kForgetDeliveries,
     "DELETE FROM deliveries WHERE recipient = 'visitor:' || $1::text "
     "OR parley_delivery_conversation(body_json) IN (" PARLEY_VISITOR_CONVERSATIONS ")"},
    {kForgetMessages, "DELETE FROM messages WHERE conversation_id IN (" PARLEY_VISITOR_CONVERSATIONS ")"},
    {kForgetConversations, "DELETE FROM conversations WHERE visitor_id = $1"},
    {kForgetVisitor, "DELETE FROM visitors WHERE id = $1"},

    {kPruneDeliveries,
     "DELETE FROM deliveries WHERE parley_delivery_conversation(body_json) IN (" PARLEY_PRUNED_CONVERSATIONS ")"},
    {kPruneMessages, "DELETE FROM messages WHERE conversation_id IN (" PARLEY_PRUNED_CONVERSATIONS ")"},
    {kPruneConversations, "DELETE FROM conversations WHERE status = 'ended' AND updated_ms < $1"},
    {kPruneVisitors,
     "DELETE FROM visitors WHERE seen_ms < $1 "
     "AND NOT EXISTS (SELECT 1 FROM conversations c WHERE c.visitor_id = visitors.id)"},
};

#undef PARLEY_VISITOR_CONVERSATIONS
#undef PARLEY_PRUNED_CONVERSATIONS

}  // namespace

std::optional<StoreError> prepare_statements(PostgresConnection& connection) {
  for (const auto& [name, sql] : kStatements) {
    std::string doing = std::string("preparing ") + name;
    if (auto error = check(connection, connection.prepare(name, sql), PGRES_COMMAND_OK, doing)) return error;
  }
  return std::nullopt;
}

}  // namespace parley::relay::pg
