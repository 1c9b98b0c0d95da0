#include "parley/persisted_state.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "parley/cookie.hpp"
#include "parley/order.hpp"

namespace parley {
namespace {

constexpr std::size_t kMaxCapRecords = 200;

using CapEntry = std::pair<std::string, CapRecord>;

// The newest first: those are the records still holding rules back.
std::vector<CapEntry> newest_first(const CapRecords& caps) {
  std::vector<CapEntry> by_id(caps.begin(), caps.end());
  std::vector<double> last_fired;
  last_fired.reserve(by_id.size());
  for (const CapEntry& entry : by_id) last_fired.push_back(entry.second.last_ms);
  std::vector<CapEntry> entries;
  entries.reserve(by_id.size());
  for (std::uint32_t index : descending_order(last_fired)) entries.push_back(std::move(by_id[index]));
  return entries;
}

Json caps_to_json(const std::vector<CapEntry>& entries, std::size_t count) {
  Json out = Json::object();
  for (std::size_t i = 0; i < count && i < entries.size(); ++i) {
    const auto& [id, record] = entries[i];
    Json pair = Json::array();
    pair.push_back(record.count);
    pair.push_back(std::isfinite(record.last_ms) ? record.last_ms : 0.0);
    out[id] = std::move(pair);
  }
  return out;
}

CapRecords caps_from_json(const Json* value) {
  CapRecords caps;
  if (value == nullptr || !value->is_object()) return caps;
  for (auto it = value->begin(); it != value->end() && caps.size() < kMaxCapRecords; ++it) {
    const Json& pair = *it;
    if (!pair.is_array() || pair.size() != 2 || !pair[0].is_number() || !pair[1].is_number()) continue;
    double count = pair[0].get<double>();
    if (!(count >= 0 && count <= 1e6)) continue;
    caps[it.key()] = CapRecord{static_cast<int>(count), pair[1].get<double>()};
  }
  return caps;
}

double number_or(const Json& object, std::string_view key, double fallback) {
  auto it = object.find(key);
  if (it == object.end() || !it->is_number()) return fallback;
  double value = it->get<double>();
  return std::isfinite(value) ? value : fallback;
}

std::optional<Json> decode_object(std::string_view cookie_value) {
  if (cookie_value.empty() || cookie_value.size() > kMaxCookieValueBytes) return std::nullopt;
  std::string text = uri_decode_component(cookie_value);
  Errors ignored;  // a tampered cookie is a fresh start, not an error
  Json value = parse_json(text, "", ignored);
  if (!value.is_object()) return std::nullopt;
  return value;
}

std::string encode_object(const Json& value) { return uri_encode_component(value.dump()); }

// `fields` and the cap records, within kMaxCookieValueBytes. A longer value would be refused by
// decode_object() on the next page (and a browser drops a cookie over 4 KB): every count and
// do-not-disturb in it would be lost, not only what did not fit. So what matters least goes
// first: the field `droppable` (when given), then cap records, the oldest first.
std::string encode_fitting(Json fields, const CapRecords& caps, std::string_view droppable = {}) {
  std::vector<CapEntry> entries = newest_first(caps);
  auto encode_keeping = [&](std::size_t count) {
    if (count == 0) return encode_object(fields);
    Json value = fields;
    value["c"] = caps_to_json(entries, count);
    return encode_object(value);
  };
  std::string encoded = encode_keeping(entries.size());
  if (encoded.size() <= kMaxCookieValueBytes) return encoded;
  if (!droppable.empty() && fields.contains(droppable)) {
    fields.erase(droppable);
    encoded = encode_keeping(entries.size());
    if (encoded.size() <= kMaxCookieValueBytes) return encoded;
  }
  // Binary search: `fits` records fit (none always do: the fields alone are a few numbers),
  // `too_many` do not.
  std::size_t fits = 0, too_many = entries.size();
  while (too_many - fits > 1) {
    std::size_t middle = fits + (too_many - fits) / 2;
    (encode_keeping(middle).size() <= kMaxCookieValueBytes ? fits : too_many) = middle;
  }
  return encode_keeping(fits);
}

}  // namespace

std::string encode_session(const SessionState& state) {
  Json out = Json::object();
  out["s"] = state.started_ms;
  out["a"] = state.last_activity_ms;
  out["t"] = state.time_on_site_ms;
  if (!state.page.empty() && state.page.size() <= 1000) out["p"] = state.page;
  if (state.do_not_disturb) out["d"] = 1;
  // The page (a URL escapes to up to three bytes a character) only gives the next page its
  // previousPage: it goes before any cap record.
  return encode_fitting(std::move(out), state.caps, "p");
}

std::optional<SessionState> decode_session(std::string_view cookie_value) {
  auto value = decode_object(cookie_value);
  if (!value) return std::nullopt;
  SessionState state;
  state.started_ms = number_or(*value, "s", 0);
  state.last_activity_ms = number_or(*value, "a", 0);
  state.time_on_site_ms = std::max(0.0, number_or(*value, "t", 0));
  if (auto page = value->find("p"); page != value->end() && page->is_string()) state.page = page->get<std::string>();
  state.do_not_disturb = number_or(*value, "d", 0) == 1;
  auto caps = value->find("c");
  state.caps = caps_from_json(caps == value->end() ? nullptr : &*caps);
  return state;
}

std::string encode_visitor(const VisitorState& state) {
  Json out = Json::object();
  out["v"] = state.visits;
  if (state.do_not_disturb_until_ms == kNever) out["d"] = -1;
  else if (state.do_not_disturb_until_ms > 0) out["d"] = state.do_not_disturb_until_ms;
  return encode_fitting(out, state.caps);
}

std::optional<VisitorState> decode_visitor(std::string_view cookie_value) {
  auto value = decode_object(cookie_value);
  if (!value) return std::nullopt;
  VisitorState state;
  double visits = number_or(*value, "v", 0);
  state.visits = visits >= 0 && visits < 1e9 ? static_cast<int>(visits) : 0;
  double dnd = number_or(*value, "d", 0);
  state.do_not_disturb_until_ms = dnd == -1 ? kNever : std::max(0.0, dnd);
  auto caps = value->find("c");
  state.caps = caps_from_json(caps == value->end() ? nullptr : &*caps);
  return state;
}

std::uint32_t decode_counter(std::optional<std::string_view> cookie_value) {
  if (!cookie_value || cookie_value->size() > 64) return 0;
  return parse_count(js_unescape(*cookie_value)).value_or(0);
}

std::string encode_counter(std::uint32_t count) { return js_escape(std::to_string(count)); }

}  // namespace parley
