// panels/facts_panel.hpp: every fact the engine knows, its value and where it came from.
#pragma once

#include <string>

#include "console/page_snapshot.hpp"

namespace parley::console {

struct FactsPanel {
  std::string filter;  // substring of the fact's name

  void draw(const PageSnapshot& page);
};

}  // namespace parley::console
