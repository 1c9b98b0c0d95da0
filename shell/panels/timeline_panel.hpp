// panels/timeline_panel.hpp: every event in and action out, filterable; the selected entry in
// full below the list.
#pragma once

#include <cstdint>

#include "console/timeline.hpp"

namespace parley::console {

struct TimelinePanel {
  TimelineFilter filter;
  bool follow = true;            // keep the newest entry in view
  std::uint64_t selected = 0;    // seq of the entry shown in full; 0 for none

  void draw(Timeline& timeline);
};

}  // namespace parley::console
