// app/console_font.hpp: the console's font, DejaVu Sans from Debian's fonts-dejavu-core,
// embedded at build time (cmake/embed_file.cmake) since the wasm console has no filesystem.
#pragma once

#include "imgui.h"

namespace parley::console {

extern const unsigned char kConsoleFont[];
extern const unsigned int kConsoleFontSize;

// Latin-1 (French and English, accents included) and the punctuation French typography and the
// console use: Œ œ Ÿ, dashes, curly quotes, bullet, ellipsis, euro, arrows, ≤ ≥, ✓ ✗.
inline constexpr ImWchar kConsoleGlyphRanges[] = {
    0x0020, 0x00FF, 0x0152, 0x0153, 0x0178, 0x0178, 0x2013, 0x2014, 0x2018, 0x201E, 0x2022, 0x2022,
    0x2026, 0x2026, 0x20AC, 0x20AC, 0x2190, 0x2193, 0x2212, 0x2212, 0x2264, 0x2265, 0x2713, 0x2717, 0,
};

// Adds the font to the atlas; the bytes stay ours (the atlas must not free static data).
inline ImFont* add_console_font(ImFontAtlas& atlas, float size_pixels) {
  ImFontConfig config;
  config.FontDataOwnedByAtlas = false;
  return atlas.AddFontFromMemoryTTF(const_cast<unsigned char*>(kConsoleFont), static_cast<int>(kConsoleFontSize),
                                    size_pixels, &config, kConsoleGlyphRanges);
}

}  // namespace parley::console
