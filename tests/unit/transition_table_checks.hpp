// Checks every transition table must pass (conversation_test.cpp, video_call_test.cpp): rows for
// the same state and trigger are alternatives tried in order, so the last of each group must
// have no guard (an event could otherwise fall through all of them), and no row may follow an
// unguarded one of its group (it could never match).
#pragma once

#include <gtest/gtest.h>

#include <span>

namespace parley {

template <typename Row, typename Guard>
void expect_well_formed(std::span<const Row> table, Guard unguarded) {
  for (std::size_t i = 0; i < table.size(); ++i) {
    bool last_of_group = true;
    for (std::size_t j = 0; j < table.size(); ++j) {
      if (j == i || table[j].from != table[i].from || table[j].trigger != table[i].trigger) continue;
      if (j > i) last_of_group = false;
      if (j < i) EXPECT_NE(table[j].guard, unguarded) << "row " << i << " can never match";
    }
    if (last_of_group)
      EXPECT_EQ(table[i].guard, unguarded) << to_string(table[i].from) << " + " << to_string(table[i].trigger);
  }
}

}  // namespace parley
