// app/desk_alerts.hpp: the desk calls the agent back: a tone and a "(N) " badge on the page's
// title for new conversations and visitor messages that come while the agent is not looking
// (console/desk_attention.hpp says what is new). Off by default; the agent's choice is kept in the
// page's localStorage under kSettingKey ("on" / "off"), so it survives a reload.
#pragma once

#include <string>

#include "console/agent_desk.hpp"
#include "console/desk_attention.hpp"

namespace parley::console {

class DeskAlerts {
 public:
  static constexpr const char* kSettingKey = "parley-console.desk-alerts";

  DeskAlerts();  // reads the remembered choice
  bool enabled() const noexcept { return enabled_; }
  void set_enabled(bool on);  // remembers it

  // Once a frame, after the panels: `looking` is the page's focus and visibility with the Agent
  // desk tab shown. Updates the unread counts, plays the tone, sets the badge.
  void update(const AgentDesk& desk, bool looking);
  const DeskAttention& attention() const noexcept { return attention_; }

 private:
  DeskAttention attention_;
  bool enabled_ = false;
  std::string badge_;  // what the title shows now
};

}  // namespace parley::console
