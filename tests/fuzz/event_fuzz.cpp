// Sequences of events through parley_handle, the ABI's event entry point, as the runtime sends
// them: ticks at every deadline (the view comes in render actions); parley_view and the
// console's parley_inspect at the end.
// Input: the config's JSON on the first line, then one event per line, "DELAY EVENT": DELAY is
// the milliseconds to wait before it (decimal digits, optional; "-N": the wall clock steps back,
// as Date.now() does when the system clock is set), EVENT the event's JSON text.
// The seeds are the scenario fixtures in this form (make_seeds.cpp).
#include "abi_page.hpp"

namespace {

constexpr std::size_t kMaxDelayDigits = 12;  // up to ~31 years: a fixture's date, from the start

// "DELAY EVENT" -> the delay in ms and the event text.
std::pair<double, std::string_view> read_line(std::string_view line) {
  bool back = line.starts_with('-');
  std::size_t at = back ? 1 : 0, digits = 0;
  double delay_ms = 0;
  for (; at < line.size() && digits < kMaxDelayDigits && line[at] >= '0' && line[at] <= '9'; ++at, ++digits)
    delay_ms = delay_ms * 10 + (line[at] - '0');
  if (at < line.size() && line[at] == ' ') ++at;
  return {back ? -delay_ms : delay_ms, line.substr(at)};
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto [config, events] = parley::fuzz::split_first_line(parley::fuzz::as_text(data, size));
  parley::fuzz::AbiPage page(config);
  while (!events.empty()) {
    auto [line, rest] = parley::fuzz::split_first_line(events);
    events = rest;
    auto [delay_ms, event] = read_line(line);
    page.wait(delay_ms);
    page.handle(event);
  }
  page.render();
  page.inspect();
  return 0;
}
