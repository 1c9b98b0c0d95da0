// console/desk_attention.hpp: what the agent has not seen yet, and when to call them.
//
// Fed once a frame with the desk's conversations, the one the agent has open, and whether the agent
// is looking (the page visible and focused, the console on its Agent desk tab):
//   unread(id)     the visitor's messages in that conversation since the agent last had it open
//                  while looking; cleared by opening it (a conversation the agent has open while
//                  looking never counts up);
//   opened(id)     whether the agent ever had it open while looking (a new conversation is not);
//   alerts()       new conversations and visitor messages that came while the agent was not
//                  looking: the "(N) " of the tab's title; back to 0 as soon as the agent looks;
//   observe()      returns how many of those this frame brought: a tone plays when it is not 0.
// A message is "new" once: each conversation keeps the newest visitor line it counted (id and
// time); lines after it are new. At the transcript's cap (AgentDesk::kMaxTranscript) a counted line
// may be trimmed away: counting starts again from the newest line then, missing none it can see.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "console/agent_desk.hpp"

namespace parley::console {

// The title's prefix for `count` alerts: "" for none, "(2) ", "(99+) " past 99.
std::string badge_prefix(int count);

class DeskAttention {
 public:
  int observe(const std::vector<DeskConversation>& conversations, std::string_view open_id, bool looking);

  int unread(std::string_view id) const;
  bool opened(std::string_view id) const;
  int alerts() const noexcept { return alerts_; }

 private:
  struct Seen {
    std::string last_id;   // the newest visitor line counted
    double last_at = 0;
    bool counted_any = false;
    int unread = 0;
    bool opened = false;
  };
  std::unordered_map<std::string, Seen> seen_;
  int alerts_ = 0;
};

}  // namespace parley::console
