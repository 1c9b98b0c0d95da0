// Pending deliveries and their resend clock (delivery_book.hpp).
#include "delivery_book.hpp"

namespace parley::relay {

PendingDelivery& DeliveryBook::put(DeliveryRecord record, std::string conversation_id) {
  Queue& queue = by_recipient_[record.recipient];
  for (auto it = queue.begin(); it != queue.end(); ++it) {
    if (it->record.message_id == record.message_id) {
      erase(queue, it);
      break;
    }
  }
  queue.push_back(PendingDelivery{std::move(record), std::move(conversation_id), -1, next_sequence_++});
  ++size_;
  return queue.back();
}

void DeliveryBook::erase(Queue& queue, Queue::iterator it) {
  if (it->due_ms >= 0) clock_.erase({it->due_ms, it->sequence, &*it});
  queue.erase(it);
  --size_;
}

bool DeliveryBook::drop(std::string_view recipient, std::string_view message_id) {
  auto found = by_recipient_.find(std::string(recipient));
  if (found == by_recipient_.end()) return false;
  Queue& queue = found->second;
  for (auto it = queue.begin(); it != queue.end(); ++it) {
    if (it->record.message_id == message_id) {
      erase(queue, it);
      if (queue.empty()) by_recipient_.erase(found);
      return true;
    }
  }
  return false;
}

std::vector<std::string> DeliveryBook::drop_conversation(std::string_view recipient, std::string_view conversation_id) {
  std::vector<std::string> dropped;
  auto found = by_recipient_.find(std::string(recipient));
  if (found == by_recipient_.end()) return dropped;
  Queue& queue = found->second;
  for (auto it = queue.begin(); it != queue.end();) {
    if (it->conversation_id == conversation_id) {
      dropped.push_back(it->record.message_id);
      auto next = std::next(it);
      erase(queue, it);
      it = next;
    } else {
      ++it;
    }
  }
  if (queue.empty()) by_recipient_.erase(found);
  return dropped;
}

std::vector<PendingDelivery*> DeliveryBook::pending_for(std::string_view recipient) {
  std::vector<PendingDelivery*> pending;
  auto found = by_recipient_.find(std::string(recipient));
  if (found == by_recipient_.end()) return pending;
  for (PendingDelivery& delivery : found->second) pending.push_back(&delivery);
  return pending;
}

void DeliveryBook::set_due(PendingDelivery& delivery, double due_ms) {
  if (delivery.due_ms >= 0) clock_.erase({delivery.due_ms, delivery.sequence, &delivery});
  delivery.due_ms = due_ms;
  if (due_ms >= 0) clock_.insert({due_ms, delivery.sequence, &delivery});
}

std::vector<PendingDelivery*> DeliveryBook::due_by(double now_ms) {
  std::vector<PendingDelivery*> due;
  for (const auto& [due_ms, sequence, delivery] : clock_) {
    if (due_ms > now_ms) break;
    due.push_back(delivery);
  }
  return due;
}

double DeliveryBook::next_due_ms() const { return clock_.empty() ? -1 : std::get<0>(*clock_.begin()); }

}  // namespace parley::relay
