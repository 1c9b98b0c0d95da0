// panels/config_panel.hpp: the page's config, editable; its errors with their JSON paths, checked
// live with the engine's own reader; "Apply" re-configures the page's engine.
#pragma once

#include "app/page_actions.hpp"
#include "console/config_editor.hpp"

namespace parley::console {

struct ConfigPanel {
  void draw(ConfigEditor& editor, PageActions& page);
};

}  // namespace parley::console
