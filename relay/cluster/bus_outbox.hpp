// What a relay publishes, gathered per subject and sent once per turn of its event loop: under
// load the router's one commit acknowledges and delivers for many connections at once, and one
// bus message per gateway instead of one per connection is what keeps the cluster hop small
// (the bus's cost is per message: a syscall, the NATS server's work, a wake-up on the other side).
// Order per subject is kept.
//
// Must not: publish from add() (flush() does, when the owner's loop runs it), hold its lock
// while publishing.
#pragma once

#include <functional>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "nats_bus.hpp"

namespace parley::relay::cluster {

class BusOutbox {
 public:
  // schedule: runs its argument soon, after what is running now (a post on the owner's loop).
  BusOutbox(NatsBus& bus, std::function<void(std::function<void()>)> schedule)
      : bus_(bus), schedule_(std::move(schedule)) {}

  // Queues one encoded message; the first of a turn schedules the flush.
  void add(const std::string& subject, std::string encoded);
  // Publishes what is queued: one bus message per subject (a batch when there are several).
  void flush();

 private:
  NatsBus& bus_;
  std::function<void(std::function<void()>)> schedule_;
  std::mutex mutex_;
  std::vector<std::pair<std::string, std::vector<std::string>>> pending_;   // by subject, first use order
  bool scheduled_ = false;
};

}  // namespace parley::relay::cluster
