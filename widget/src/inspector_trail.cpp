#include "parley/inspector_trail.hpp"

namespace parley {

void InspectorTrail::outcome(std::uint32_t rule, std::string_view kind, std::string reason, double at_ms) {
  std::optional<RuleOutcome>& last = outcomes_[rule];
  if (kind != "fired" && last && last->kind == kind && last->reason == reason) return;
  last = RuleOutcome{at_ms, kind, std::move(reason)};
}

const InspectorTrail::FactOrigin* InspectorTrail::origin(std::string_view fact) const {
  auto it = origins_.find(fact);
  return it == origins_.end() ? nullptr : &it->second;
}

}  // namespace parley
