#include "console/desk_attention.hpp"

#include <algorithm>

namespace parley::console {
namespace {

bool is_visitor(const DeskLine& line) { return line.from == "visitor"; }

}  // namespace

std::string badge_prefix(int count) {
  if (count <= 0) return "";
  return "(" + (count > 99 ? std::string("99+") : std::to_string(count)) + ") ";
}

int DeskAttention::observe(const std::vector<DeskConversation>& conversations, std::string_view open_id, bool looking) {
  int arrived = 0;
  for (const DeskConversation& conversation : conversations) {
    auto [entry, is_new] = seen_.try_emplace(conversation.id);
    Seen& seen = entry->second;
    if (is_new) arrived += 1;

    // Visitor lines after the newest one counted, walking back from the end.
    const std::vector<DeskLine>& lines = conversation.transcript;
    int fresh = 0;
    bool anchor_found = !seen.counted_any;
    for (auto line = lines.rbegin(); line != lines.rend(); ++line) {
      if (!is_visitor(*line)) continue;
      if (seen.counted_any && line->id == seen.last_id && line->at_ms == seen.last_at) {
        anchor_found = true;
        break;
      }
      fresh += 1;
    }
    if (!anchor_found) fresh = 0;  // trimmed away: start again from the newest line
    auto newest = std::find_if(lines.rbegin(), lines.rend(), is_visitor);
    if (newest != lines.rend()) {
      seen.last_id = newest->id;
      seen.last_at = newest->at_ms;
      seen.counted_any = true;
    }
    seen.unread += fresh;
    arrived += fresh;
    if (looking && conversation.id == open_id) {
      seen.unread = 0;
      seen.opened = true;
    }
  }
  // Conversations the desk dropped (past AgentDesk::kMaxConversations) are forgotten.
  if (seen_.size() > conversations.size()) {
    for (auto it = seen_.begin(); it != seen_.end();) {
      bool present = std::any_of(conversations.begin(), conversations.end(), [&](const DeskConversation& c) { return c.id == it->first; });
      it = present ? std::next(it) : seen_.erase(it);
    }
  }
  if (looking) {
    alerts_ = 0;
    return 0;
  }
  alerts_ += arrived;
  return arrived;
}

int DeskAttention::unread(std::string_view id) const {
  auto found = seen_.find(std::string(id));
  return found == seen_.end() ? 0 : found->second.unread;
}

bool DeskAttention::opened(std::string_view id) const {
  auto found = seen_.find(std::string(id));
  return found != seen_.end() && found->second.opened;
}

}  // namespace parley::console
