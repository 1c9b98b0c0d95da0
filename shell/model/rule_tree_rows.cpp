#include "console/rule_tree_rows.hpp"

#include "console/json_access.hpp"

namespace parley::console {
namespace {

constexpr int kMaxDepth = 32;         // the engine allows 16; more means a malformed list
constexpr std::size_t kMaxRows = 512; // the engine allows 256 nodes

std::string operand_text(const Json& operand) {
  if (operand.is_string()) return operand.dump(-1, ' ', false, Json::error_handler_t::replace);
  return value_text(operand);
}

void walk(const Json& tree, std::size_t index, int depth, std::vector<bool>& visited, std::vector<RuleTreeRow>& rows) {
  if (index >= tree.size() || visited[index] || depth > kMaxDepth || rows.size() >= kMaxRows) return;
  visited[index] = true;
  const Json& node = tree[index];
  std::string kind = string_at(node, "kind");
  RuleTreeRow row;
  row.depth = depth;
  row.label = kind == "test" ? test_label(node) : kind;
  row.value = bool_at(node, "value");
  row.next_change_ms = number_at(node, "nextChange");
  rows.push_back(std::move(row));
  if (const Json* children = member(node, "children"); children && children->is_array())
    for (const Json& child : *children)
      if (child.is_number_unsigned()) walk(tree, child.get<std::size_t>(), depth + 1, visited, rows);
}

}  // namespace

std::string test_label(const Json& node) {
  std::string label = string_at(node, "fact", "?");
  std::string op = string_at(node, "op");
  const Json* operands = member(node, "operands");
  std::size_t count = operands && operands->is_array() ? operands->size() : 0;
  if (op == "is" || op.empty() || count == 0) {
    // A boolean fact standing alone.
  } else if (op == "between" && count == 2) {
    label += " between " + operand_text((*operands)[0]) + " and " + operand_text((*operands)[1]);
  } else if (op == "in") {
    label += " in [";
    for (std::size_t i = 0; i < count; ++i) label += (i ? ", " : "") + operand_text((*operands)[i]);
    label += "]";
  } else {
    label += " " + op + " " + operand_text((*operands)[0]);
  }
  if (string_at(node, "clock") == "wall") label += " (wall clock)";
  if (std::string zone = string_at(node, "zone"); !zone.empty()) label += " (zone " + zone + ")";
  return label;
}

std::vector<RuleTreeRow> rule_tree_rows(const Json& tree) {
  std::vector<RuleTreeRow> rows;
  if (!tree.is_array() || tree.empty()) return rows;
  std::vector<bool> visited(tree.size(), false);
  walk(tree, 0, 0, visited, rows);
  return rows;
}

}  // namespace parley::console
