// panels/json_tree.hpp: any JSON value as a collapsible tree (view model, timeline details).
#pragma once

#include "parley/json_reader.hpp"

namespace parley::console::ui {

// Objects and arrays are tree nodes (open to `open_depth`), scalars are "key: value" lines.
void json_tree(const char* label, const Json& value, int open_depth = 1);

}  // namespace parley::console::ui
