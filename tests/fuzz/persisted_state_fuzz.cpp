// What Parley reads back from the browser's storage (parley/persisted_state.hpp): the session,
// visitor and counter cookies, and the conversation kept in sessionStorage, restored by pageLoad.
// Input: one stored value, tried as each of them.
//
// Besides "no crash", what a reload relies on: whatever a reader accepts, the writer writes back
// as a value the reader accepts again, and a second round changes nothing (a fixed point).
#include <optional>
#include <string>

#include "fuzz_support.hpp"
#include "parley/engine.hpp"
#include "parley/persisted_state.hpp"

namespace {

using parley::fuzz::check;

// The reload property above, for one kind of cookie.
template <typename State>
void check_round_trip(std::string_view stored, std::optional<State> (*decode)(std::string_view),
                      std::string (*encode)(const State&), const char* refused, const char* changed) {
  auto state = decode(stored);
  if (!state) return;
  std::string written = encode(*state);
  auto again = decode(written);
  check(again.has_value(), refused);
  check(encode(*again) == written, changed);
}

void check_counter(std::string_view stored) {
  std::uint32_t count = parley::decode_counter(stored);
  check(count < 1000000000u, "decode_counter read a count of 1e9 or more");
  check(parley::decode_counter(parley::encode_counter(count)) == count, "a counter cookie does not round-trip");
}

// A page load with this value as every cookie Parley reads and as the stored conversation;
// returns the conversation it stores back ("" when none).
std::string load_page(const std::string& stored) {
  parley::Engine engine;
  std::string cookies = "parley_session=" + stored + "; parley_visitor=" + stored + "; parley_visits=" + stored;
  parley::Json event = {{"type", "pageLoad"},
                        {"url", "https://contoso.com/kb/a"},
                        {"cookies", cookies},
                        {"storage", {{"conversation", stored}}}};
  engine.handle(event, parley::fuzz::kStartMs);
  engine.view();
  std::string kept;
  for (const parley::Json& action : engine.take_actions()) {
    if (action["type"] == "store" && action["key"] == "conversation" && action["value"].is_string())
      kept = action["value"].get<std::string>();
  }
  return kept;
}

void check_stored_conversation(std::string_view stored) {
  // The runtime hands the engine text it parsed from JSON: valid UTF-8 only.
  if (!parley::fuzz::is_utf8(stored)) return;
  std::string kept = load_page(std::string(stored));
  if (kept.empty()) return;
  std::string kept_again = load_page(kept);
  check(kept_again.empty() || kept_again == kept, "a stored conversation changes on its second reload");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view stored = parley::fuzz::as_text(data, size);
  check_round_trip(stored, parley::decode_session, parley::encode_session,
                   "encode_session wrote a cookie value decode_session refuses",
                   "a session cookie changes on its second round trip");
  check_round_trip(stored, parley::decode_visitor, parley::encode_visitor,
                   "encode_visitor wrote a cookie value decode_visitor refuses",
                   "a visitor cookie changes on its second round trip");
  check_counter(stored);
  check_stored_conversation(stored);
  return 0;
}
