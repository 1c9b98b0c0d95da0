// parley/rule_explain.hpp: rules and facts explained, for the QA console (Engine::inspect).
//
//   condition_tree_json  a compiled condition tree back as readable JSON, node by node, with each
//                        node's value now and the instant it may flip by itself
//   fact_source          where a built-in fact's value comes from, in a few words
//
// Read-only: nothing here changes the engine's state or takes part in a decision.
#pragma once

#include <string>
#include <string_view>

#include "parley/condition.hpp"

namespace parley {

// [{kind: "all" | "any" | "not" | "test", children?: [node index], fact?, op?, operands?,
//   clock?, zone?, value, nextChange: ms | null}] in the tree's node order (0 is the root).
// Operands read as the config wrote them: `now` as ISO 8601, `weekday` as "mon".."sun".
Json condition_tree_json(const ConditionTree& tree, const FactRegistry& facts, const FactState& state, double now_ms);

// "document.referrer", "Parley.setFact", ...; `counter_cookie` names the page-view cookie.
std::string fact_source(FactId id, std::string_view counter_cookie);

}  // namespace parley
