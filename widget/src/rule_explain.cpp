// What the console shows of a rule's condition tree and of where facts come from.
#include "parley/rule_explain.hpp"

#include "parley/civil_time.hpp"
#include "parley/json_object.hpp"

namespace parley {
namespace {

std::string_view kind_name(ConditionNode::Kind kind) {
  switch (kind) {
    case ConditionNode::Kind::all: return "all";
    case ConditionNode::Kind::any: return "any";
    case ConditionNode::Kind::negate: return "not";
    case ConditionNode::Kind::test: return "test";
  }
  return "test";
}

// Operands were compiled to numbers for `now` (epoch ms) and `weekday` (0 = Monday): give them
// back in the config's own spelling.
Json operand_json(FactId fact, const FactValue& operand) {
  const auto* number = std::get_if<double>(&operand);
  const FactInfo* info = builtin_fact_info(fact);
  if (number != nullptr && info != nullptr && info->type == FactType::date) return iso8601_utc(*number);
  if (number != nullptr && info != nullptr && info->type == FactType::weekday)
    return weekday_name(static_cast<int>(*number));
  return to_json(operand);
}

Json time_or_null(double ms) { return std::isfinite(ms) ? Json(ms) : Json(); }

}  // namespace

Json condition_tree_json(const ConditionTree& tree, const FactRegistry& facts, const FactState& state, double now_ms) {
  Json out = Json::array();
  for (std::uint32_t index = 0; index < tree.nodes.size(); ++index) {
    const ConditionNode& node = tree.nodes[index];
    Evaluation evaluation = evaluate_node(tree, index, state, now_ms);
    Json row = JsonObject().add("kind", kind_name(node.kind));
    if (node.kind == ConditionNode::Kind::test) {
      row["fact"] = facts.name(node.fact);
      row["op"] = to_string(node.op);
      Json operands = Json::array();
      for (const FactValue& operand : node.operands) operands.push_back(operand_json(node.fact, operand));
      row["operands"] = std::move(operands);
      if (node.clock == Clock::wall) row["clock"] = "wall";
      if (!node.zone.empty()) row["zone"] = node.zone;
    } else {
      row["children"] = node.children;
    }
    row["value"] = evaluation.value;
    row["nextChange"] = time_or_null(evaluation.next_change_ms);
    out.push_back(std::move(row));
  }
  return out;
}

std::string fact_source(FactId id, std::string_view counter_cookie) {
  const FactInfo* info = builtin_fact_info(id);
  if (info == nullptr) return "Parley.setFact";
  constexpr std::string_view kCounter = "{counter}";
  std::string_view source = info->source;
  auto at = source.find(kCounter);
  if (at == std::string_view::npos) return std::string(source);
  return std::string(source.substr(0, at)) + std::string(counter_cookie) + std::string(source.substr(at + kCounter.size()));
}

}  // namespace parley
