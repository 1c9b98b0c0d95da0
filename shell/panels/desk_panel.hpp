// panels/desk_panel.hpp: the agent desk: conversations, accept / queue / end, context and survey
// answers, transcript and reply, availability per channel, video calls (invite, join, cancel, hang
// up, the visitor's devices, the agent's own video). Same abilities as the HTML desk
// (demo-site/agent.html), on the same wire.
#pragma once

#include <string>

#include "app/desk_link.hpp"
#include "console/agent_desk.hpp"

namespace parley::console {

// Keyboard shortcuts that reach the desk this frame.
struct DeskKeys {
  bool accept = false;       // Alt+A
  bool focus_reply = false;  // Alt+R
  bool enter = false;        // Enter, caught even when pressed and released between two frames
  bool invite = false;       // Alt+I: invite to video
  bool join = false;         // Alt+J: join the call
  bool cancel = false;       // Alt+C: cancel a pending call
  bool hang_up = false;      // Alt+H: hang up
};

struct DeskPanel {
  std::string channel = "parley";  // the channel to open the desk on
  std::string reply;
  std::string agent_name = "Alex";
  std::string notice;              // the last action's refusal, or the channel's
  bool focus_reply = false;

  void draw(AgentDesk& desk, DeskLink& link, double now_ms, const DeskKeys& keys);

 private:
  void draw_settings(AgentDesk& desk, DeskLink& link, double now_ms);
  void draw_conversation(AgentDesk& desk, DeskLink& link, const DeskConversation& conversation, double now_ms,
                         const DeskKeys& keys);
  void draw_call(AgentDesk& desk, DeskLink& link, const DeskConversation& conversation, double now_ms, const DeskKeys& keys);
  void act(const Errors& errors);
};

}  // namespace parley::console
