// parley/transition_table.hpp: the lookup both state machines share (the conversation's and the
// video call's). A table is rows `from + trigger [guard] / effect = to`; the first row for the
// state and trigger whose guard holds wins.
#pragma once

#include <span>

namespace parley {

// One row: `from + trigger [guard] / effect = to`.
template <typename State, typename Trigger, typename Guard, typename Effect>
struct TransitionRow {
  State from;
  Trigger trigger;
  Guard guard;
  Effect effect;
  State to;
};

template <typename Row, typename State, typename Trigger, typename GuardHolds>
const Row* find_transition(std::span<const Row> table, State from, Trigger trigger, GuardHolds guard_holds) {
  for (const Row& row : table)
    if (row.from == from && row.trigger == trigger && guard_holds(row.guard)) return &row;
  return nullptr;
}

}  // namespace parley
