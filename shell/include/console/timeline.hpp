// console/timeline.hpp: every event the page's engine took and every action it returned.
//
// The page's hook keeps the last entries in a ring and hands over those newer than the last
// sequence number the console has; this keeps a bounded copy (kCapacity, oldest dropped) and
// answers the panel's filter. Entries hold the JSON text as the page sent it: shown, never run.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "parley/json_reader.hpp"

namespace parley::console {

enum class Direction { in, out };  // an event into the engine, an action out of it

struct TimelineEntry {
  std::uint64_t seq = 0;  // the hook's sequence number, increasing
  double at_ms = 0;       // the engine's now (clock offset included)
  Direction direction = Direction::in;
  std::string type;       // event type, action type, or the lcw:* name of an emit action
  std::string detail;     // the event or action as compact JSON
  std::string errors;     // the engine's errors for an event, as compact JSON; empty when none
};

struct TimelineFilter {
  bool events_in = true;    // show events into the engine
  bool actions_out = true;  // show actions out of it
  bool errors_only = false; // only events the engine refused (in part)
  bool hide_ticks = false;  // "tick" events (the deadline timer) and "render" actions are many
  std::string text;         // case-insensitive substring of the type or the detail; empty: all
};

class Timeline {
 public:
  static constexpr std::size_t kCapacity = 2000;

  // Appends the hook's entries ([{seq, at, dir: "in" | "out", type, detail, errors?}]); entries
  // at or below the last sequence number are ignored, malformed ones skipped.
  void add(const Json& entries);
  void clear();  // forgets the entries; those already seen do not come back

  const std::vector<TimelineEntry>& entries() const noexcept { return entries_; }
  std::uint64_t last_seq() const noexcept { return last_seq_; }
  // Indices into entries() that pass `filter`, oldest first.
  std::vector<std::size_t> filtered(const TimelineFilter& filter) const;

 private:
  std::vector<TimelineEntry> entries_;
  std::uint64_t last_seq_ = 0;
};

bool passes(const TimelineEntry& entry, const TimelineFilter& filter);

}  // namespace parley::console
