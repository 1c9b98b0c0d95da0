// parley/text.hpp: the two languages the product speaks, and text given in either.
//
// Any text in the config may be a plain string or {"en": ..., "fr": ...}. A missing language
// falls back to the other one, so a text is never empty because of a locale.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "parley/json_reader.hpp"

namespace parley {

enum class Locale { en, fr };

std::string_view to_string(Locale locale) noexcept;
// "fr", "fr-CA", "FR_be" -> fr; anything else -> en.
Locale locale_from_language_tag(std::string_view tag) noexcept;

struct LocalizedText {
  std::string en;
  std::string fr;

  static LocalizedText same(std::string text) { return {text, text}; }
  const std::string& in(Locale locale) const noexcept { return locale == Locale::fr ? fr : en; }
  bool empty() const noexcept { return en.empty() && fr.empty(); }
};

// Reads a string or {"en","fr"} at `path`; reports wrong_type/unknown_key otherwise.
std::optional<LocalizedText> read_localized_text(const Json& value, const std::string& path, Errors& errors);

}  // namespace parley
