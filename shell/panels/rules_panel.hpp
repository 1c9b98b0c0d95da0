// panels/rules_panel.hpp: why each rule fired or not: its condition tree node by node (true or
// false now, time left to each deadline), frequency cap, do-not-disturb and last outcome.
#pragma once

#include "console/page_snapshot.hpp"

namespace parley::console {

struct RulesPanel {
  void draw(const PageSnapshot& page);
};

}  // namespace parley::console
