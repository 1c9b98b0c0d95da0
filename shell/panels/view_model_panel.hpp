// panels/view_model_panel.hpp: the visitor UI state, the view model both renderers draw.
#pragma once

#include "console/page_snapshot.hpp"

namespace parley::console {

struct ViewModelPanel {
  void draw(const PageSnapshot& page);
};

}  // namespace parley::console
