// BusOutbox: one bus message per subject per turn (bus_outbox.hpp).
#include "bus_outbox.hpp"

#include "bus_message.hpp"

namespace parley::relay::cluster {

void BusOutbox::add(const std::string& subject, std::string encoded) {
  bool schedule = false;
  {
    std::lock_guard lock(mutex_);
    auto found = pending_.begin();
    while (found != pending_.end() && found->first != subject) ++found;
    if (found == pending_.end()) found = pending_.insert(pending_.end(), {subject, {}});
    found->second.push_back(std::move(encoded));
    schedule = !scheduled_;
    scheduled_ = true;
  }
  if (schedule) schedule_([this] { flush(); });
}

void BusOutbox::flush() {
  std::vector<std::pair<std::string, std::vector<std::string>>> taken;
  {
    std::lock_guard lock(mutex_);
    taken.swap(pending_);
    scheduled_ = false;
  }
  for (auto& [subject, messages] : taken) {
    // Batches under the bus's payload limit, in order.
    std::vector<std::string> chunk;
    std::size_t bytes = 0;
    auto send = [&] {
      if (chunk.empty()) return;
      bus_.publish(subject, chunk.size() == 1 ? chunk.front() : encode_batch(chunk));
      chunk.clear();
      bytes = 0;
    };
    for (auto& message : messages) {
      if (bytes + message.size() + 4 > kMaxBusPayload) send();
      bytes += message.size() + 4;
      chunk.push_back(std::move(message));
    }
    send();
  }
}

}  // namespace parley::relay::cluster
