// parley/rule_scheduler.hpp: which rules to re-evaluate, and when.
//
// Incremental evaluation: an index from each fact to the rules that read it means a change of
// one fact re-evaluates only those rules; clock-driven rules sit in a deadline heap keyed by the
// instant their value may flip. Nothing here scans all rules on an ordinary event.
//
// Firing semantics: a rule is "armed" when its condition becomes true while no invitation or
// conversation is on screen; it fires once armed and eligible (caps, availability, DND checked
// by the engine), which disarms it until its condition goes false and true again. While an
// invitation or conversation shows, rules that turn true are not armed (they are skipped, not
// queued); a rule that is armed but blocked by availability, a minimum interval or a timed DND
// stays armed and fires when the block lifts.
#pragma once

#include <cstdint>
#include <queue>
#include <utility>
#include <vector>

#include "parley/config.hpp"

namespace parley {

struct RuleStatus {
  bool value = false;              // the condition's value at the last evaluation
  bool armed = false;
  double next_change_ms = kNever;  // when the condition may flip by itself
  double evaluated_at_ms = -kNever;
  int fired_this_page = 0;
  double last_fired_this_page_ms = -kNever;
  double skipped_at_ms = -kNever;  // it last turned true while busy (so it was not armed)
};

class RuleScheduler {
 public:
  void reset(const Config& config);

  void fact_changed(FactId fact);
  void all_changed();

  // Re-evaluates the rules whose facts changed and those whose deadline has come.
  // `busy`: an invitation or conversation is on screen (rules turning true are not armed).
  void evaluate(const Config& config, const FactState& facts, double now_ms, bool busy);

  // An invitation or a conversation started: every armed rule is disarmed.
  void disarm_all();
  // A new page view: per-page-view fire counts start again.
  void new_page_view();
  void mark_fired(std::uint32_t rule, double now_ms);

  // Armed rules whose condition holds, in priority order (rule indexes, ascending).
  const std::vector<std::uint32_t>& armed() const noexcept { return armed_; }
  const RuleStatus& status(std::uint32_t rule) const { return status_[rule]; }
  double next_deadline_ms() const;
  // Rules evaluated by the last evaluate() call, for tracing.
  const std::vector<std::uint32_t>& last_evaluated() const noexcept { return evaluated_; }

 private:
  void mark_dirty(std::uint32_t rule);
  void arm(std::uint32_t rule);
  void disarm(std::uint32_t rule);

  using Deadline = std::pair<double, std::uint32_t>;
  std::vector<RuleStatus> status_;
  std::vector<std::vector<std::uint32_t>> readers_;  // by FactId: rules reading it
  std::vector<std::uint32_t> dirty_;
  std::vector<std::uint8_t> is_dirty_;  // bytes, not vector<bool>: its bit code is larger
  // Lazy: entries made stale by a re-evaluation are dropped when they reach the top.
  mutable std::priority_queue<Deadline, std::vector<Deadline>, std::greater<>> deadlines_;
  // Sorted; a few rules at a time, so a vector (a std::set's tree code is ~1 KB of wasm).
  std::vector<std::uint32_t> armed_;
  std::vector<std::uint32_t> evaluated_;
};

}  // namespace parley
