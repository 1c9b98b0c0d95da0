// What the console shows of a rule's condition tree and of where facts come from.
#include "parley/rule_explain.hpp"

#include "parley/civil_time.hpp"

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
  if (number != nullptr && fact == fact_id(BuiltinFact::now)) return iso8601_utc(*number);
  if (number != nullptr && fact == fact_id(BuiltinFact::weekday)) return weekday_name(static_cast<int>(*number));
  return to_json(operand);
}

Json time_or_null(double ms) { return std::isfinite(ms) ? Json(ms) : Json(); }

}  // namespace

Json condition_tree_json(const ConditionTree& tree, const FactRegistry& facts, const FactState& state, double now_ms) {
  Json out = Json::array();
  for (std::uint32_t index = 0; index < tree.nodes.size(); ++index) {
    const ConditionNode& node = tree.nodes[index];
    Evaluation evaluation = evaluate_node(tree, index, state, now_ms);
    Json row = {{"kind", kind_name(node.kind)}};
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
  if (id >= kFirstCustomFact) return "Parley.setFact";
  switch (static_cast<BuiltinFact>(id)) {
    case BuiltinFact::time_on_page: return "clock: visible time since the page view began";
    case BuiltinFact::time_on_site: return "clock: visible time this session (parley_session cookie)";
    case BuiltinFact::visits: return "sessions counted in the parley_visitor cookie";
    case BuiltinFact::page_views: return "page loads counted in the " + std::string(counter_cookie) + " cookie";
    case BuiltinFact::url: return "location (page load, route change)";
    case BuiltinFact::referrer: return "document.referrer";
    case BuiltinFact::previous_page: return "Parley's own history (parley_session cookie)";
    case BuiltinFact::exit_intent: return "pointer leaving through the top edge (touch: return to a hidden page)";
    case BuiltinFact::idle: return "clock: time since the last input";
    case BuiltinFact::scroll_depth: return "deepest scroll point of this page view";
    case BuiltinFact::country: return "host, geolocation or time zone (see country.source)";
    case BuiltinFact::now: return "clock: wall time";
    case BuiltinFact::hour:
    case BuiltinFact::weekday: return "clock: wall time in the rule's zone";
    case BuiltinFact::available_chat:
    case BuiltinFact::available_video: return "agent availability (transport or host)";
    case BuiltinFact::count_: break;
  }
  return "";
}

}  // namespace parley
