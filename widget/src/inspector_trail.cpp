#include "parley/inspector_trail.hpp"

namespace parley {

void InspectorTrail::outcome(std::uint32_t rule, RuleOutcome next, double at_ms) {
  std::optional<RuleOutcome>& last = outcomes_[rule];
  if (next.kind != RuleOutcome::Kind::fired && last && last->kind == next.kind && last->reason == next.reason &&
      last->winner == next.winner)
    return;
  next.at_ms = at_ms;
  last = next;
}

const InspectorTrail::FactOrigin* InspectorTrail::origin(std::string_view fact) const {
  auto it = origins_.find(fact);
  return it == origins_.end() ? nullptr : &it->second;
}

}  // namespace parley
