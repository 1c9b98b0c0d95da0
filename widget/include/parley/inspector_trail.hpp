// parley/inspector_trail.hpp: what the QA console shows beside the engine's state, and nothing
// decides on: which event last changed each fact, and each rule's last outcome (fired, held back,
// skipped) with its reason. The engine tells it as things happen; Engine::inspect reads it.
// Outcomes and reasons are kept as codes: their texts are the inspector's (rule_reasons,
// outcome_kinds), so they travel with it in parley.deferred.wasm, not on every page's start.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "parley/config.hpp"
#include "parley/enum_names.hpp"

namespace parley {

// Why an armed rule is held back (Engine::block_reason), or why no rule may fire now
// (Engine::rules_paused); none when nothing stops it.
enum class RuleReason : std::uint8_t {
  none,
  declined_this_session,
  declined_earlier,
  frequency_cap,
  min_interval,
  no_channel,
  on_screen,           // paused: an invitation or a conversation shows
  after_conversation,  // paused: this page view had its conversation
};

inline constexpr EnumName<RuleReason> rule_reasons[] = {
    {"", RuleReason::none},
    {"do not disturb (declined this session)", RuleReason::declined_this_session},
    {"do not disturb (declined earlier)", RuleReason::declined_earlier},
    {"frequency cap reached", RuleReason::frequency_cap},
    {"minimum interval not over", RuleReason::min_interval},
    {"nobody available on its channel", RuleReason::no_channel},
    {"an invitation or a conversation is on screen", RuleReason::on_screen},
    {"a conversation already ran on this page view", RuleReason::after_conversation},
};
static_assert(names_every_value(rule_reasons, RuleReason::after_conversation));

class InspectorTrail {
 public:
  struct FactOrigin {
    std::string_view event;  // the type of the event that last changed the fact
    double at_ms = 0;
  };
  struct RuleOutcome {
    enum class Kind : std::uint8_t { fired, held_back, skipped };
    Kind kind = Kind::fired;
    RuleReason reason = RuleReason::none;  // held back; or skipped while rules are paused
    std::uint32_t winner = 0;              // skipped for want of a reason: the rule that fired first
    Channel channel = Channel::chat;       // fired: the channel the invitation offered
    double at_ms = 0;                      // when it began (see outcome)
  };

  // A new config: `rules` rules, none with an outcome yet.
  void new_rules(std::size_t rules) { outcomes_.assign(rules, std::nullopt); }
  // The event being handled ("tick" while time alone is applied first): what changes a fact now.
  void handling(std::string_view event) noexcept { event_ = event; }
  void fact_changed(const std::string& fact, double at_ms) { fact_changed(fact, event_, at_ms); }
  // A change the engine makes later on behalf of an earlier event (Engine::settle_country).
  void fact_changed(const std::string& fact, std::string_view event, double at_ms) { origins_[fact] = {event, at_ms}; }
  // Held back or skipped for the same reason as last time: the instant it began is kept.
  void outcome(std::uint32_t rule, RuleOutcome outcome, double at_ms);

  const FactOrigin* origin(std::string_view fact) const;
  const std::optional<RuleOutcome>& last_outcome(std::uint32_t rule) const { return outcomes_[rule]; }

 private:
  std::string_view event_;
  std::map<std::string, FactOrigin, std::less<>> origins_;  // by fact name
  std::vector<std::optional<RuleOutcome>> outcomes_;         // by rule index
};

inline constexpr EnumName<InspectorTrail::RuleOutcome::Kind> outcome_kinds[] = {
    {"fired", InspectorTrail::RuleOutcome::Kind::fired},
    {"held back", InspectorTrail::RuleOutcome::Kind::held_back},
    {"skipped", InspectorTrail::RuleOutcome::Kind::skipped},
};
static_assert(names_every_value(outcome_kinds, InspectorTrail::RuleOutcome::Kind::skipped));

}  // namespace parley
