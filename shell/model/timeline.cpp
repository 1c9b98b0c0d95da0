#include "console/timeline.hpp"

#include <algorithm>

#include "console/json_access.hpp"

namespace parley::console {
namespace {

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool contains_ignoring_case(std::string_view haystack, std::string_view needle) {
  if (needle.empty()) return true;
  auto it = std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end(),
                        [](char a, char b) { return lower(a) == lower(b); });
  return it != haystack.end();
}

std::string compact(const Json* value) {
  if (value == nullptr) return {};
  return value->dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace

void Timeline::add(const Json& entries) {
  if (!entries.is_array()) return;
  for (const Json& item : entries) {
    auto seq = number_at(item, "seq");
    std::string dir = string_at(item, "dir");
    std::string type = string_at(item, "type");
    if (!seq || *seq <= static_cast<double>(last_seq_) || (dir != "in" && dir != "out") || type.empty()) continue;
    TimelineEntry entry;
    entry.seq = static_cast<std::uint64_t>(*seq);
    entry.at_ms = number_at(item, "at").value_or(0);
    entry.direction = dir == "in" ? Direction::in : Direction::out;
    entry.type = std::move(type);
    entry.detail = compact(member(item, "detail"));
    if (const Json* errors = member(item, "errors"); errors && errors->is_array() && !errors->empty())
      entry.errors = compact(errors);
    last_seq_ = entry.seq;
    entries_.push_back(std::move(entry));
  }
  if (entries_.size() > kCapacity) entries_.erase(entries_.begin(), entries_.end() - kCapacity);
}

void Timeline::clear() { entries_.clear(); }

bool passes(const TimelineEntry& entry, const TimelineFilter& filter) {
  if (entry.direction == Direction::in ? !filter.events_in : !filter.actions_out) return false;
  if (filter.errors_only && entry.errors.empty()) return false;
  if (filter.hide_ticks && (entry.type == "tick" || entry.type == "render")) return false;
  return contains_ignoring_case(entry.type, filter.text) || contains_ignoring_case(entry.detail, filter.text);
}

std::vector<std::size_t> Timeline::filtered(const TimelineFilter& filter) const {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < entries_.size(); ++i)
    if (passes(entries_[i], filter)) out.push_back(i);
  return out;
}

}  // namespace parley::console
