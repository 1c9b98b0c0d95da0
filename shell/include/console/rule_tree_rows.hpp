// console/rule_tree_rows.hpp: a rule's condition tree as indented rows for the rules panel.
//
// Engine::inspect gives each rule's tree as a flat node list (`tree`: node 0 the root, combinators
// naming their children by index). The panel draws it depth first, one row per node:
//
//   all                              false   in 12.5 s
//     url matches "/kb/*"            true
//     timeOnPage gte 20000           false   in 12.5 s
//
// The list comes from the page, so a malformed one (a child index out of range, a cycle, absurd
// depth) gives rows for what is sound and never loops or aborts.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "parley/json_reader.hpp"

namespace parley::console {

struct RuleTreeRow {
  int depth = 0;                        // 0 for the root
  std::string label;                    // "all", "not", "timeOnPage gte 20000"
  bool value = false;                   // the node's value now
  std::optional<double> next_change_ms; // when it may flip by itself
};

std::vector<RuleTreeRow> rule_tree_rows(const Json& tree);

// One test node's label: `fact op operands`, as the config writes it ("hour between 22 and 6
// (zone Europe/Paris)", "country in [\"FR\",\"BE\"]", "exitIntent").
std::string test_label(const Json& node);

}  // namespace parley::console
