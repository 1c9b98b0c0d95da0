#include "parley/text.hpp"

namespace parley {

std::string_view to_string(Locale locale) noexcept { return locale == Locale::fr ? "fr" : "en"; }

Locale locale_from_language_tag(std::string_view tag) noexcept {
  if (tag.size() >= 2 && (tag[0] == 'f' || tag[0] == 'F') && (tag[1] == 'r' || tag[1] == 'R') &&
      (tag.size() == 2 || tag[2] == '-' || tag[2] == '_'))
    return Locale::fr;
  return Locale::en;
}

std::optional<LocalizedText> read_localized_text(const Json& value, const std::string& path, Errors& errors) {
  if (const auto* text = value.get_ptr<const std::string*>()) return LocalizedText::same(*text);
  if (!value.is_object()) {
    errors.push_back({ErrorCode::wrong_type,
                      "expected a string or {\"en\", \"fr\"}, got " + std::string(json_type_name(value)), path});
    return std::nullopt;
  }
  ObjectReader reader(value, path, errors);
  auto en = reader.string("en");
  auto fr = reader.string("fr");
  reader.report_unknown_keys();
  if (!en && !fr) {
    errors.push_back({ErrorCode::missing_field, "a text needs \"en\" or \"fr\"", path});
    return std::nullopt;
  }
  LocalizedText out;
  out.en = en ? *en : *fr;
  out.fr = fr ? *fr : *en;
  return out;
}

}  // namespace parley
