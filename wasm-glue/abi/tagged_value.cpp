#include "tagged_value.hpp"

#include <cmath>
#include <cstring>

namespace parley::abi {

namespace {

// Well-formed UTF-8 (no overlongs, surrogates or code points past U+10FFFF): what TextEncoder
// writes. Other bytes did not come from the runtime, and the engine keeps only valid text.
bool valid_utf8(const std::uint8_t* s, std::size_t n) {
  std::size_t i = 0;
  while (i < n) {
    std::uint8_t c = s[i];
    if (c < 0x80) { ++i; continue; }
    std::size_t extra = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : 0;
    if (extra == 0 || n - i <= extra) return false;
    std::uint8_t second = s[i + 1];
    std::uint8_t low = c == 0xe0 ? 0xa0 : c == 0xf0 ? 0x90 : 0x80;
    std::uint8_t high = c == 0xed ? 0x9f : c == 0xf4 ? 0x8f : 0xbf;
    if (second < low || second > high) return false;
    for (std::size_t k = 2; k <= extra; ++k)
      if ((s[i + k] & 0xc0) != 0x80) return false;
    i += extra + 1;
  }
  return true;
}

class Reader {
 public:
  Reader(const std::uint8_t* data, std::size_t size) : at_(data), end_(data + size) {}

  bool done() const { return at_ == end_; }

  bool value(Json& out, int depth) {
    if (depth > kMaxDepth) return false;
    std::uint8_t tag = 0;
    if (!bytes(&tag, 1)) return false;
    switch (static_cast<Tag>(tag)) {
      case Tag::null: out = nullptr; return true;
      case Tag::false_: out = false; return true;
      case Tag::true_: out = true; return true;
      case Tag::int32: {
        std::int32_t n = 0;
        if (!bytes(&n, 4)) return false;
        out = static_cast<std::int64_t>(n);
        return true;
      }
      case Tag::integer:
      case Tag::float64: {
        double d = 0;
        if (!bytes(&d, 8) || !std::isfinite(d)) return false;
        if (static_cast<Tag>(tag) == Tag::float64) out = d;
        else if (std::fabs(d) <= 9007199254740992.0 && d == std::trunc(d)) out = static_cast<std::int64_t>(d);
        else return false;
        return true;
      }
      case Tag::string: {
        std::string text;
        if (!string(text)) return false;
        out = std::move(text);
        return true;
      }
      case Tag::array: {
        std::uint32_t count = 0;
        if (!bytes(&count, 4) || count > remaining()) return false;  // every item takes a byte
        out = Json::array();
        for (std::uint32_t i = 0; i < count; ++i) {
          Json item;
          if (!value(item, depth + 1)) return false;
          out.push_back(std::move(item));
        }
        return true;
      }
      case Tag::object: {
        std::uint32_t count = 0;
        if (!bytes(&count, 4) || count > remaining()) return false;
        out = Json::object();
        for (std::uint32_t i = 0; i < count; ++i) {
          std::string key;
          Json item;
          if (!string(key) || !value(item, depth + 1)) return false;
          out[std::move(key)] = std::move(item);  // a repeated key: the last wins, as in JSON.parse
        }
        return true;
      }
    }
    return false;
  }

 private:
  std::size_t remaining() const { return static_cast<std::size_t>(end_ - at_); }

  bool bytes(void* out, std::size_t n) {
    if (remaining() < n) return false;
    std::memcpy(out, at_, n);  // little-endian on both sides (wasm, and the native hosts we test on)
    at_ += n;
    return true;
  }

  bool string(std::string& out) {
    std::uint32_t size = 0;
    if (!bytes(&size, 4) || size > remaining() || !valid_utf8(at_, size)) return false;
    out.assign(reinterpret_cast<const char*>(at_), size);
    at_ += size;
    return true;
  }

  const std::uint8_t* at_;
  const std::uint8_t* end_;
};

void put(std::string& out, const void* data, std::size_t n) { out.append(static_cast<const char*>(data), n); }
void put_tag(std::string& out, Tag tag) { out.push_back(static_cast<char>(tag)); }
void put_size(std::string& out, std::size_t n) {
  auto size = static_cast<std::uint32_t>(n);
  put(out, &size, 4);
}
void put_string(std::string& out, const std::string& text) {
  put_size(out, text.size());
  out.append(text);
}

void put_number(std::string& out, double d, bool integral) {
  if (!std::isfinite(d)) return put_tag(out, Tag::null);
  if (integral && d >= -2147483648.0 && d <= 2147483647.0) {
    auto n = static_cast<std::int32_t>(d);
    put_tag(out, Tag::int32);
    return put(out, &n, 4);
  }
  put_tag(out, integral ? Tag::integer : Tag::float64);
  put(out, &d, 8);
}

}  // namespace

std::optional<Json> decode_value(const std::uint8_t* data, std::size_t size) {
  if (data == nullptr) return std::nullopt;
  Reader reader(data, size);
  Json value;
  if (!reader.value(value, 0) || !reader.done()) return std::nullopt;
  return value;
}

void encode_value(const Json& value, std::string& out) {
  switch (value.type()) {
    case Json::value_t::boolean: return put_tag(out, value.get<bool>() ? Tag::true_ : Tag::false_);
    case Json::value_t::number_integer:
      return put_number(out, static_cast<double>(value.get<std::int64_t>()), true);
    case Json::value_t::number_unsigned:
      return put_number(out, static_cast<double>(value.get<std::uint64_t>()), true);
    case Json::value_t::number_float: return put_number(out, value.get<double>(), false);
    case Json::value_t::string: put_tag(out, Tag::string); return put_string(out, value.get_ref<const std::string&>());
    case Json::value_t::array:
      put_tag(out, Tag::array);
      put_size(out, value.size());
      for (const Json& item : value) encode_value(item, out);
      return;
    case Json::value_t::object:
      put_tag(out, Tag::object);
      put_size(out, value.size());
      for (auto it = value.begin(); it != value.end(); ++it) {
        put_string(out, it.key());
        encode_value(it.value(), out);
      }
      return;
    default: return put_tag(out, Tag::null);  // null, and the binary/discarded kinds the engine never makes
  }
}

}  // namespace parley::abi
