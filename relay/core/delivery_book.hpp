// The messages the relay owes someone (RELAY.md §3): per recipient, in the order they were put,
// each with the instant it is due to be sent again. Only deliveries that were sent to a connected
// recipient are on the resend clock; the others wait for the recipient's next connection.
//
// Must not: build frames or store writes (the router does), read a clock.
#pragma once

#include <cstddef>
#include <cstdint>
#include <tuple>
#include <list>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "relay/store.hpp"

namespace parley::relay {

struct PendingDelivery {
  DeliveryRecord record;
  std::string conversation_id;   // "" for none: lets a transfer drop one conversation's deliveries
  double due_ms = -1;            // next resend; -1 while the recipient is away
  std::uint64_t sequence = 0;    // put order: equal due times resend in the order they were put
};

class DeliveryBook {
 public:
  // Adds a delivery (or replaces the one with the same recipient and message id).
  PendingDelivery& put(DeliveryRecord record, std::string conversation_id);
  // Removes one; false when there was none (a state message acknowledged, a second tab's ack).
  bool drop(std::string_view recipient, std::string_view message_id);
  // Removes every delivery of recipient in conversation_id; returns their message ids.
  std::vector<std::string> drop_conversation(std::string_view recipient, std::string_view conversation_id);

  // In the order they were put; empty when none. Valid until the next change.
  std::vector<PendingDelivery*> pending_for(std::string_view recipient);
  // Puts a delivery on the resend clock (due_ms >= 0) or takes it off (-1).
  void set_due(PendingDelivery& delivery, double due_ms);
  // Every delivery due at or before now_ms, earliest first.
  std::vector<PendingDelivery*> due_by(double now_ms);
  double next_due_ms() const;   // -1 when nothing is on the clock
  std::size_t size() const { return size_; }

 private:
  using Queue = std::list<PendingDelivery>;   // stable addresses for the clock's pointers
  std::unordered_map<std::string, Queue> by_recipient_;
  // recipient + '\n' + message id -> its place: puts and acks cost the same with 1 or 1,000 pending.
  std::unordered_map<std::string, Queue::iterator> by_key_;
  std::set<std::tuple<double, std::uint64_t, PendingDelivery*>> clock_;
  std::uint64_t next_sequence_ = 0;
  std::size_t size_ = 0;

  void erase(Queue& queue, Queue::iterator it);
  static std::string key_of(std::string_view recipient, std::string_view message_id);
};

}  // namespace parley::relay
