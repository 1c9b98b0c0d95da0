// Pending deliveries and their resend clock (delivery_book.hpp).
#include "delivery_book.hpp"

namespace parley::relay {

std::string DeliveryBook::key_of(std::string_view recipient, std::string_view message_id) {
  std::string key;
  key.reserve(recipient.size() + 1 + message_id.size());
  key += recipient;
  key += '\n';   // in neither a recipient nor a checked id's usual alphabet; only a separator
  key += message_id;
  return key;
}

PendingDelivery& DeliveryBook::put(DeliveryRecord record, std::string conversation_id) {
  std::string key = key_of(record.recipient, record.message_id);
  Queue& queue = by_recipient_[record.recipient];
  if (auto found = by_key_.find(key); found != by_key_.end()) erase(queue, found->second);
  queue.push_back(PendingDelivery{std::move(record), std::move(conversation_id), -1, next_sequence_++});
  by_key_[std::move(key)] = std::prev(queue.end());
  ++size_;
  return queue.back();
}

void DeliveryBook::erase(Queue& queue, Queue::iterator it) {
  if (it->due_ms >= 0) clock_.erase({it->due_ms, it->sequence, &*it});
  by_key_.erase(key_of(it->record.recipient, it->record.message_id));
  queue.erase(it);
  --size_;
}

bool DeliveryBook::drop(std::string_view recipient, std::string_view message_id) {
  auto found = by_key_.find(key_of(recipient, message_id));
  if (found == by_key_.end()) return false;
  auto queue = by_recipient_.find(std::string(recipient));
  erase(queue->second, found->second);
  if (queue->second.empty()) by_recipient_.erase(queue);
  return true;
}

std::vector<std::string> DeliveryBook::drop_conversation(std::string_view recipient, std::string_view conversation_id) {
  std::vector<std::string> dropped;
  auto found = by_recipient_.find(std::string(recipient));
  if (found == by_recipient_.end()) return dropped;
  Queue& queue = found->second;
  for (auto it = queue.begin(); it != queue.end();) {
    auto next = std::next(it);
    if (it->conversation_id == conversation_id) {
      dropped.push_back(it->record.message_id);
      erase(queue, it);
    }
    it = next;
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
  for (const auto& entry : clock_) {
    if (std::get<0>(entry) > now_ms) break;
    due.push_back(std::get<2>(entry));
  }
  return due;
}

double DeliveryBook::next_due_ms() const { return clock_.empty() ? -1 : std::get<0>(*clock_.begin()); }

}  // namespace parley::relay
