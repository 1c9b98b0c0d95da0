// What every fuzz target needs besides the code under test: the clock's start, the input as text,
// split at its first line, and invariant checks that make libFuzzer keep an input as a crash.
//
// Must not: re-implement anything the targets test; the UTF-8 check is an independent oracle.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <utility>

namespace parley::fuzz {

// 2026-01-05T09:00:00Z, the scenario fixtures' default start: where every target's clock starts.
inline constexpr double kStartMs = 1767603600000;

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// "head\ntail" -> {head, tail}; no newline: {text, ""}. Two-part inputs (a pattern and a URL, a
// cookie name and a header) stay easy for the fuzzer to mutate and for a human to read.
inline std::pair<std::string_view, std::string_view> split_first_line(std::string_view text) {
  std::size_t newline = text.find('\n');
  if (newline == std::string_view::npos) return {text, {}};
  return {text.substr(0, newline), text.substr(newline + 1)};
}

// A broken invariant: abort, so libFuzzer saves the input as a crash-* artifact.
inline void check(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "fuzz invariant broken: %s\n", what);
  std::abort();
}

// Well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
inline bool is_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    unsigned lead = static_cast<unsigned char>(text[i]);
    std::size_t extra = lead < 0x80 ? 0 : lead >= 0xC2 && lead <= 0xDF ? 1 : lead >= 0xE0 && lead <= 0xEF ? 2
                                       : lead >= 0xF0 && lead <= 0xF4 ? 3 : 4;
    if (extra == 4 || i + extra >= text.size()) return false;
    unsigned second = extra ? static_cast<unsigned char>(text[i + 1]) : 0x80;
    unsigned low = lead == 0xE0 ? 0xA0 : lead == 0xF0 ? 0x90 : 0x80;
    unsigned high = lead == 0xED ? 0x9F : lead == 0xF4 ? 0x8F : 0xBF;
    if (extra && (second < low || second > high)) return false;
    for (std::size_t k = 2; k <= extra; ++k)
      if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return false;
    i += extra + 1;
  }
  return true;
}

}  // namespace parley::fuzz
