// app/desk_link.hpp: the desk model (console/agent_desk.hpp) joined to its BroadcastChannel.
//
// Once a frame pump() carries what the channel received into the model, posts what is due again
// (backoff), and posts what the model has to say. The channel itself is JS
// (shell/js/desk_channel.js); a desk is opened by choice on a visitor page (there must be one
// agent side per channel: the HTML desk in another tab would be a second one), and at once in
// desk-only mode.
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

 private:
  bool open_ = false;
  std::string channel_;
};

}  // namespace parley::console
