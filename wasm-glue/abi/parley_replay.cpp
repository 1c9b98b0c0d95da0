// parley_replay: plays a log of binary ABI calls on the native engine and prints each result as
// one JSON line. tests/js/differential.test.mjs records the calls the scenario fixtures make on
// the wasm module (the tagged bytes exactly as the runtime's bridge wrote them) and checks that
// the native engine answers the same: actions, views, facts, cookie bytes.
//
// Input, one JSON object per line (bytes in hex):
//   {"op": "reset"} | {"op": "deadline"} | {"op": "view"} | {"op": "inspect", "now": ms}
//   {"op": "configure", "value": hex, "textBytes": n} | {"op": "handle", "value": hex, "now": ms}
// Output: one line per input line, the call's result (null for reset, a number for deadline).
#include <cstdint>
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include "parley/json_reader.hpp"
#include "parley_abi.h"
#include "tagged_value.hpp"

namespace {

std::vector<unsigned char> from_hex(const std::string& text) {
  auto digit = [](char c) { return c <= '9' ? c - '0' : c - 'a' + 10; };
  std::vector<unsigned char> out(text.size() / 2);
  for (std::size_t i = 0; i < out.size(); ++i)
    out[i] = static_cast<unsigned char>(digit(text[2 * i]) * 16 + digit(text[2 * i + 1]));
  return out;
}

parley::Json result(const unsigned char* sized) {
  std::uint32_t size = 0;
  std::memcpy(&size, sized, 4);
  return parley::abi::decode_value(sized + 4, size).value_or(parley::Json("undecodable result"));
}

}  // namespace

int main() {
  std::string line;
  while (std::getline(std::cin, line)) {
    parley::Errors ignored;
    parley::Json call = parley::parse_json(line, "", ignored);
    std::string op = call.value("op", "");
    parley::Json out;
    if (op == "reset") {
      parley_reset();
    } else if (op == "deadline") {
      out = parley_next_deadline();
    } else if (op == "view") {
      out = result(parley_view_value());
    } else if (op == "inspect") {
      out = result(parley_inspect_value(call.value("now", 0.0)));
    } else if (op == "configure" || op == "handle") {
      std::vector<unsigned char> bytes = from_hex(call.value("value", ""));
      out = op == "configure"
                ? result(parley_configure_value(bytes.data(), static_cast<unsigned>(bytes.size()), call.value("textBytes", 0.0)))
                : result(parley_handle_value(bytes.data(), static_cast<unsigned>(bytes.size()), call.value("now", 0.0)));
    } else {
      out = "unknown op: " + line;
    }
    std::cout << out.dump(-1, ' ', false, parley::Json::error_handler_t::replace) << '\n';
  }
  return 0;
}
