#include "parley/rule_scheduler.hpp"

#include <algorithm>

#include "parley/order.hpp"

namespace parley {

void RuleScheduler::reset(const Config& config) {
  std::size_t count = config.rules.size();
  status_.assign(count, RuleStatus{});
  readers_.assign(config.facts.size(), {});
  is_dirty_.assign(count, 0);
  dirty_.clear();
  deadlines_ = {};
  armed_.clear();
  evaluated_.clear();
  for (std::uint32_t rule = 0; rule < count; ++rule)
    for (FactId fact : config.rules[rule].when.reads) readers_[fact].push_back(rule);
  all_changed();
}

void RuleScheduler::mark_dirty(std::uint32_t rule) {
  if (is_dirty_[rule]) return;
  is_dirty_[rule] = 1;
  dirty_.push_back(rule);
}

void RuleScheduler::fact_changed(FactId fact) {
  if (fact >= readers_.size()) return;
  for (std::uint32_t rule : readers_[fact]) mark_dirty(rule);
}

void RuleScheduler::all_changed() {
  for (std::uint32_t rule = 0; rule < status_.size(); ++rule) mark_dirty(rule);
}

void RuleScheduler::evaluate(const Config& config, const FactState& facts, double now_ms, bool busy) {
  while (!deadlines_.empty() && deadlines_.top().first <= now_ms) {
    auto [when, rule] = deadlines_.top();
    deadlines_.pop();
    if (rule < status_.size() && status_[rule].next_change_ms == when) mark_dirty(rule);
  }
  sort_ascending(dirty_);  // priority order, for traces that read naturally
  evaluated_.swap(dirty_);
  dirty_.clear();
  for (std::uint32_t rule : evaluated_) {
    is_dirty_[rule] = 0;
    RuleStatus& status = status_[rule];
    Evaluation result = parley::evaluate(config.rules[rule].when, facts, now_ms);
    bool became_true = result.value && !status.value;
    status.value = result.value;
    status.evaluated_at_ms = now_ms;
    if (!result.value) {
      disarm(rule);
    } else if (became_true && !busy) {
      arm(rule);
    } else if (became_true) {
      status.skipped_at_ms = now_ms;
    }
    if (result.next_change_ms != status.next_change_ms) {
      status.next_change_ms = result.next_change_ms;
      if (result.next_change_ms != kNever) deadlines_.emplace(result.next_change_ms, rule);
    }
  }
}

void RuleScheduler::disarm_all() {
  for (std::uint32_t rule : armed_) status_[rule].armed = false;
  armed_.clear();
}

void RuleScheduler::new_page_view() {
  // Values restart too, so a rule that holds on the new page arms again.
  for (RuleStatus& status : status_) {
    status.value = false;
    status.armed = false;
    status.fired_this_page = 0;
    status.last_fired_this_page_ms = -kNever;
  }
  armed_.clear();
  all_changed();
}

void RuleScheduler::mark_fired(std::uint32_t rule, double now_ms) {
  disarm(rule);
  status_[rule].fired_this_page += 1;
  status_[rule].last_fired_this_page_ms = now_ms;
}

void RuleScheduler::arm(std::uint32_t rule) {
  status_[rule].armed = true;
  auto at = std::lower_bound(armed_.begin(), armed_.end(), rule);
  if (at == armed_.end() || *at != rule) armed_.insert(at, rule);
}

void RuleScheduler::disarm(std::uint32_t rule) {
  if (!status_[rule].armed) return;  // only armed rules are in armed_
  status_[rule].armed = false;
  armed_.erase(std::lower_bound(armed_.begin(), armed_.end(), rule));
}

double RuleScheduler::next_deadline_ms() const {
  while (!deadlines_.empty()) {
    auto [when, rule] = deadlines_.top();
    if (rule < status_.size() && status_[rule].next_change_ms == when) return when;
    deadlines_.pop();  // stale: the rule was re-evaluated since
  }
  if (!dirty_.empty()) return -kNever;  // something is waiting for evaluation right now
  return kNever;
}

}  // namespace parley
