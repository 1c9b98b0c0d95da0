// app/desk_link.hpp: the desk model (console/agent_desk.hpp) joined to its BroadcastChannel.
//
// Once a frame pump() carries what the channel received into the model, posts what is due again
// (backoff), and posts what the model has to say. The channel itself is JS
// (shell/js/desk_channel.js); a desk is opened by choice on a visitor page (there must be one
// agent side per channel: the HTML desk in another tab would be a second one), and at once in
// desk-only mode. The agent's call media (shell/js/desk_video.js) is pumped the same way: the
// model's media commands go to it, its signalling goes back to the model.
#pragma once

#include <string>

#include "console/agent_desk.hpp"

namespace parley::console {

class DeskLink {
 public:
  bool open(const std::string& channel, AgentDesk& desk, double now_ms);  // false: no BroadcastChannel here
  void close();
  bool is_open() const noexcept { return open_; }
  const std::string& channel() const noexcept { return channel_; }
  void pump(AgentDesk& desk, double now_ms);

  // The agent's media for a call: the peer connection's state ("" without media), its problem.
  std::string call_connection(const std::string& call_id) const;
  std::string call_problem(const std::string& call_id) const;
  // The visitor video floating over the console ("" hides it), captioned with the visitor's devices.
  void show_call(const std::string& call_id, const std::string& caption);

 private:
  bool open_ = false;
  std::string channel_;
};

}  // namespace parley::console
