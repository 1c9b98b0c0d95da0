// Text checks for untrusted frames (wire_text.hpp).
#include "wire_text.hpp"

namespace parley::relay {

bool is_valid_utf8(std::string_view text) noexcept {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  std::size_t size = text.size();
  std::size_t i = 0;
  while (i < size) {
    unsigned char lead = bytes[i];
    if (lead < 0x80) { ++i; continue; }
    std::size_t length;
    unsigned char min_second = 0x80, max_second = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) length = 2;
    else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      if (lead == 0xE0) min_second = 0xA0;       // overlong
      if (lead == 0xED) max_second = 0x9F;       // UTF-16 surrogates
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      if (lead == 0xF0) min_second = 0x90;       // overlong
      if (lead == 0xF4) max_second = 0x8F;       // above U+10FFFF
    } else return false;
    if (i + length > size) return false;
    if (bytes[i + 1] < min_second || bytes[i + 1] > max_second) return false;
    for (std::size_t k = 2; k < length; ++k)
      if ((bytes[i + k] & 0xC0) != 0x80) return false;
    i += length;
  }
  return true;
}

bool is_valid_id(std::string_view id) noexcept {
  return !id.empty() && id.size() <= kMaxIdBytes && is_valid_utf8(id);
}

bool is_valid_text(std::string_view text) noexcept {
  return !text.empty() && text.size() <= kMaxTextBytes && is_valid_utf8(text);
}

std::string to_json_text(const Json& value) {
  return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

const std::string* string_member(const Json& object, std::string_view key) noexcept {
  if (!object.is_object()) return nullptr;
  auto it = object.find(key);
  if (it == object.end()) return nullptr;
  return it->get_ptr<const std::string*>();
}

}  // namespace parley::relay
