// parley/inspector_trail.hpp: what the QA console shows beside the engine's state, and nothing
// decides on: which event last changed each fact, and each rule's last outcome (fired, held back,
// skipped) with its reason. The engine tells it as things happen; Engine::inspect reads it.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace parley {

class InspectorTrail {
 public:
  struct FactOrigin {
    std::string_view event;  // the type of the event that last changed the fact
    double at_ms = 0;
  };
  struct RuleOutcome {
    double at_ms = 0;
    std::string_view kind;   // "fired", "held back", "skipped"
    std::string reason;
  };

  // A new config: `rules` rules, none with an outcome yet.
  void new_rules(std::size_t rules) { outcomes_.assign(rules, std::nullopt); }
  // The event being handled ("tick" while time alone is applied first): what changes a fact now.
  void handling(std::string_view event) noexcept { event_ = event; }
  void fact_changed(const std::string& fact, double at_ms) { fact_changed(fact, event_, at_ms); }
  // A change the engine makes later on behalf of an earlier event (Engine::settle_country).
  void fact_changed(const std::string& fact, std::string_view event, double at_ms) { origins_[fact] = {event, at_ms}; }
  // Held back or skipped for the same reason as last time: the instant it began is kept.
  void outcome(std::uint32_t rule, std::string_view kind, std::string reason, double at_ms);

  const FactOrigin* origin(std::string_view fact) const;
  const std::optional<RuleOutcome>& last_outcome(std::uint32_t rule) const { return outcomes_[rule]; }

 private:
  std::string_view event_;
  std::map<std::string, FactOrigin, std::less<>> origins_;  // by fact name
  std::vector<std::optional<RuleOutcome>> outcomes_;         // by rule index
};

}  // namespace parley
