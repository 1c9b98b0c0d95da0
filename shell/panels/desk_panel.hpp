// panels/desk_panel.hpp: the agent desk: conversations, accept / queue / end, context and survey
// answers, transcript and reply, availability per channel, video calls (invite, join, cancel, hang
// up, the visitor's devices, the agent's own video). Same abilities as the HTML desk
// (demo-site/agent.html), on the same wire.
//
// Over parley-relay (app/desk_link.hpp "relay"): the relay's URL and the agent's token (typed
// here, masked, never put in a URL), the connection's state, the queue with Take (Alt+A takes
// the selected queued conversation), my conversations, the team with Transfer, and what the agent
// accepts (agent.status).
//
// Conversations are listed by the visitor's name (console/desk_titles.hpp), with the visitor's
// messages the agent has not seen (console/desk_attention.hpp); the alerts toggle (Alt+N) is here.
#pragma once

#include <string>

#include "app/desk_alerts.hpp"
#include "app/desk_link.hpp"
#include "console/agent_desk.hpp"
#include "console/desk_titles.hpp"

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
  bool relay = false;              // the wire chosen in the settings: parley-relay, else the channel
  std::string channel = "parley";  // the channel to open the desk on
  std::string relay_url;           // ws://host:port/agent
  std::string token;               // the agent's bearer token (masked; sent in `hello` only)
  bool focus_token = false;        // desk-only with a relay URL: the token is what to type first
  bool relay_url_from_page = false; // the URL came in the page's address (anyone can send such a link)
  std::string selected_queued;     // the queued conversation Take (Alt+A) takes ("": the oldest)
  std::string reply;
  // A sent reply must also leave the field's own copy: ImGui 1.86 ignores changes to the string of
  // an active field, and an Enter it missed (down and up within one frame, seen only by the key
  // hook) leaves the field active. Cleared through the field's callback on the next frame.
  bool clear_active_reply = false;
  std::string agent_name = "Alex";
  std::string notice;              // the last action's refusal, or the channel's
  bool focus_reply = false;

  void draw(AgentDesk& desk, DeskLink& link, double now_ms, const DeskKeys& keys, DeskAlerts& alerts);

 private:
  void draw_settings(AgentDesk& desk, DeskLink& link, double now_ms, DeskAlerts& alerts);
  void draw_list(AgentDesk& desk, const DeskAttention& attention);
  void draw_wire(AgentDesk& desk, DeskLink& link, double now_ms);
  void draw_relay_lists(AgentDesk& desk, double now_ms, const DeskKeys& keys);
  void draw_team(AgentDesk& desk, const DeskConversation* mine, double now_ms);
  void draw_conversation(AgentDesk& desk, DeskLink& link, const DeskConversation& conversation, double now_ms,
                         const DeskKeys& keys);
  void draw_call(AgentDesk& desk, DeskLink& link, const DeskConversation& conversation, double now_ms, const DeskKeys& keys);
  void act(const Errors& errors);

  DeskTitles titles_;
  DeskKeys frame_keys_;  // this frame's keys, for the token field (Enter connects, Alt+R focuses it)
};

}  // namespace parley::console
