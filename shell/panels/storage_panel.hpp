// panels/storage_panel.hpp: the cookies and sessionStorage entries Parley owns, as stored.
#pragma once

#include "console/page_snapshot.hpp"

namespace parley::console {

struct StoragePanel {
  void draw(const PageSnapshot& page);
};

}  // namespace parley::console
