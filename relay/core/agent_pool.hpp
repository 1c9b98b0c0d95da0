// The team as the router sees it: who is signed in, what each accepts (agent.status), how many
// conversations each has open, and the choice of the agent for a conversation (RELAY.md §4):
// the free agent with the fewest open conversations, ties to the one idle longest.
//
// Must not: know about connections, frames or conversations beyond the open count.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <deque>
#include <vector>

#include "relay/router.hpp"

namespace parley::relay::core {

struct AgentState {
  AgentAccount account;
  bool online = false;            // at least one welcomed connection
  bool accepts_chat = false;      // agent.status; agents start unavailable
  bool accepts_video = false;
  int open = 0;                   // conversations assigned and not ended
  double last_assigned_ms = -1;   // for "idle longest"; -1: never assigned (idlest of all)
  bool changed = false;           // its team line changed since the last `team.changed`
  std::size_t position = 0;       // in config order (AgentPool's own)

  bool has_free_slot() const { return open < account.max_chats; }
};

struct Availability {
  bool chat = false;    // some signed-in agent accepts chats (a chat may queue)
  bool video = false;   // some signed-in agent accepts video and has a free slot (video never queues)
  bool operator==(const Availability&) const = default;
};

class AgentPool {
 public:
  // Adds the account (config order is the last tie-break) or updates its name and limit.
  AgentState& add(const AgentAccount& account);
  AgentState* find(std::string_view agent_id);

  // The agent a new conversation goes to, or nullptr when none is free.
  AgentState* pick_free(bool video);
  Availability availability() const;

  // `team` body fields: [{id, name, online, chat, video, open, maxChats}], in config order.
  std::string team_agents_json() const;

  // What `team.changed` carries: an agent's line changed (online, status, open count). Every
  // change costs each desk a line, not the whole team (RELAY.md §5).
  void mark_changed(AgentState& agent);
  bool has_changes() const { return !changed_.empty(); }
  // The changed agents' lines, in config order; clears the marks.
  std::string take_changes_json();
  std::size_t online_count() const;

 private:
  std::deque<AgentState> agents_;                       // config order; addresses stay valid
  std::unordered_map<std::string, std::size_t> index_;  // id -> position
  std::vector<std::size_t> changed_;                    // positions marked since the last take
};

}  // namespace parley::relay::core
