// panels/context_panel.hpp: what the agent will see: the context the conversation starts with
// (the rule's context, the reason it fired, the host's context provider), as the desk shows it.
#pragma once

#include "console/page_snapshot.hpp"

namespace parley::console {

struct ContextPanel {
  void draw(const PageSnapshot& page);
};

}  // namespace parley::console
