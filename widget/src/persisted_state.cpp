#include "parley/persisted_state.hpp"

#include <algorithm>
#include <iterator>
#include <vector>

#include "parley/cookie.hpp"
#include "parley/cookie_json.hpp"
#include "parley/decimal.hpp"
#include "parley/order.hpp"

namespace parley {
namespace {

constexpr std::size_t kMaxCapRecords = 200;

// The cap records, ranked by when they last fired: the newest are those still holding rules back.
class CapSelection {
 public:
  explicit CapSelection(const CapRecords& caps) : caps_(caps), rank_(caps.size()) {
    std::vector<double> last_fired;
    last_fired.reserve(caps.size());
    for (const auto& entry : caps) last_fired.push_back(entry.second.last_ms);
    std::vector<std::uint32_t> newest_first = descending_order(last_fired);
    for (std::uint32_t rank = 0; rank < newest_first.size(); ++rank) rank_[newest_first[rank]] = rank;
  }
  std::size_t size() const noexcept { return caps_.size(); }

  // "c": {"rule id": [count, last fired], ...} for the `count` newest records, by id; nothing
  // when `count` is 0.
  void write(CookieJsonWriter& out, std::size_t count) const {
    if (count == 0) return;
    out.key("c");
    out.begin_object();
    std::size_t index = 0;
    for (const auto& [id, record] : caps_) {
      if (rank_[index++] >= count) continue;
      out.key(id);
      out.begin_array();
      out.integer(record.count);
      out.time(record.last_ms);
      out.end_array();
    }
    out.end_object();
  }

 private:
  const CapRecords& caps_;
  std::vector<std::uint32_t> rank_;  // by position in caps_
};

// A cookie's text, within kMaxCookieValueBytes. A longer value would be refused by read_object()
// on the next page (and a browser drops a cookie over 4 KB): every count and do-not-disturb in it
// would be lost, not only what did not fit. So what matters least goes first: the droppable
// field (when there is one), then cap records, the oldest first.
// `encode(selection, records, with_droppable)` writes the cookie's value.
template <typename Encode>
std::string encode_fitting(const CapRecords& caps, bool has_droppable, Encode encode) {
  CapSelection selection(caps);
  std::string encoded = encode(selection, selection.size(), true);
  if (encoded.size() <= kMaxCookieValueBytes) return encoded;
  bool keep_droppable = true;
  if (has_droppable) {
    keep_droppable = false;
    encoded = encode(selection, selection.size(), false);
    if (encoded.size() <= kMaxCookieValueBytes) return encoded;
  }
  // Binary search: `fits` records fit (none always do: the fields alone are a few numbers),
  // `too_many` do not.
  std::size_t fits = 0, too_many = selection.size();
  while (too_many - fits > 1) {
    std::size_t middle = fits + (too_many - fits) / 2;
    (encode(selection, middle, keep_droppable).size() <= kMaxCookieValueBytes ? fits : too_many) = middle;
  }
  return encode(selection, fits, keep_droppable);
}

std::string finish(const CookieJsonWriter& out) { return uri_encode_component(out.text()); }

// The cookie's object: each member's key handed to `member(reader, key)`, which reads its value.
// False when the value is not one: missing, oversized, not JSON, not an object.
template <typename Member>
bool read_object(std::string_view cookie_value, Member&& member) {
  if (cookie_value.empty() || cookie_value.size() > kMaxCookieValueBytes) return false;
  std::string text = uri_decode_component(cookie_value);
  CookieJsonReader reader(text);
  return reader.peek() == '{' && reader.object([&](const std::string& key) { return member(reader, key); }) &&
         reader.at_end();
}

bool is_number_start(char c) noexcept { return c == '-' || (c >= '0' && c <= '9'); }

// A member that should be a number: `fallback` when it is something else (a tampered cookie).
bool read_number(CookieJsonReader& reader, double& out, double fallback) {
  if (is_number_start(reader.peek())) return reader.number(out);
  out = fallback;
  return reader.skip();
}

bool read_page(CookieJsonReader& reader, std::string& page) {
  page.clear();
  return reader.peek() == '"' ? reader.text(page) : reader.skip();
}

// "c": records of two numbers, a count within 0 to 1e6 and when it last fired; others are left
// out, and past kMaxCapRecords so are the last by id.
bool read_caps(CookieJsonReader& reader, CapRecords& caps) {
  caps.clear();
  if (reader.peek() != '{') return reader.skip();
  bool read = reader.object([&](const std::string& id) {
    double values[2] = {0, 0};
    std::size_t count = 0;
    bool numbers = reader.peek() == '[';
    bool ok = numbers ? reader.array([&] {
      if (count < 2 && is_number_start(reader.peek())) return reader.number(values[count++]);
      numbers = false;
      return reader.skip();
    })
                      : reader.skip();
    if (numbers && count == 2 && values[0] >= 0 && values[0] <= 1e6) caps[id] = CapRecord{static_cast<int>(values[0]), values[1]};
    else caps.erase(id);
    return ok;
  });
  while (caps.size() > kMaxCapRecords) caps.erase(std::prev(caps.end()));
  return read;
}

}  // namespace

// Keys in sorted order, as dump() writes an object.
std::string encode_session(const SessionState& state) {
  // The page (a URL escapes to up to three bytes a character) only gives the next page its
  // previousPage: it goes before any cap record.
  bool has_page = !state.page.empty() && state.page.size() <= 1000;
  return encode_fitting(state.caps, has_page, [&](const CapSelection& caps, std::size_t records, bool with_page) {
    CookieJsonWriter out;
    out.begin_object();
    out.key("a");
    out.time(state.last_activity_ms);
    caps.write(out, records);
    if (state.do_not_disturb) {
      out.key("d");
      out.integer(1);
    }
    if (has_page && with_page) {
      out.key("p");
      out.text(state.page);
    }
    out.key("s");
    out.time(state.started_ms);
    out.key("t");
    out.time(state.time_on_site_ms);
    out.end_object();
    return finish(out);
  });
}

std::optional<SessionState> decode_session(std::string_view cookie_value) {
  SessionState state;
  double do_not_disturb = 0;
  bool read = read_object(cookie_value, [&](CookieJsonReader& reader, const std::string& key) {
    if (key == "s") return read_number(reader, state.started_ms, 0);
    if (key == "a") return read_number(reader, state.last_activity_ms, 0);
    if (key == "t") return read_number(reader, state.time_on_site_ms, 0);
    if (key == "d") return read_number(reader, do_not_disturb, 0);
    if (key == "p") return read_page(reader, state.page);
    if (key == "c") return read_caps(reader, state.caps);
    return reader.skip();
  });
  if (!read) return std::nullopt;
  state.time_on_site_ms = std::max(0.0, state.time_on_site_ms);
  state.do_not_disturb = do_not_disturb == 1;
  return state;
}

std::string encode_visitor(const VisitorState& state) {
  return encode_fitting(state.caps, false, [&](const CapSelection& caps, std::size_t records, bool) {
    CookieJsonWriter out;
    out.begin_object();
    caps.write(out, records);
    if (state.do_not_disturb_until_ms == kNever) {
      out.key("d");
      out.integer(-1);
    } else if (CookieJsonWriter::whole_ms(state.do_not_disturb_until_ms) > 0) {
      // Only a time written as more than 0: "d" absent reads as 0, so a time written as 0 (under
      // 1 ms, or past year 33658) would read back as 0 and be left out the next time.
      out.key("d");
      out.time(state.do_not_disturb_until_ms);
    }
    out.key("v");
    out.integer(state.visits);
    out.end_object();
    return finish(out);
  });
}

std::optional<VisitorState> decode_visitor(std::string_view cookie_value) {
  VisitorState state;
  double visits = 0, do_not_disturb = 0;
  bool read = read_object(cookie_value, [&](CookieJsonReader& reader, const std::string& key) {
    if (key == "v") return read_number(reader, visits, 0);
    if (key == "d") return read_number(reader, do_not_disturb, 0);
    if (key == "c") return read_caps(reader, state.caps);
    return reader.skip();
  });
  if (!read) return std::nullopt;
  state.visits = visits >= 0 && visits < 1e9 ? static_cast<int>(visits) : 0;
  state.do_not_disturb_until_ms = do_not_disturb == -1 ? kNever : std::max(0.0, do_not_disturb);
  return state;
}

std::uint32_t decode_counter(std::optional<std::string_view> cookie_value) {
  if (!cookie_value || cookie_value->size() > 64) return 0;
  return parse_count(js_unescape(*cookie_value)).value_or(0);
}

std::string encode_counter(std::uint32_t count) { return js_escape(decimal(count)); }

}  // namespace parley
