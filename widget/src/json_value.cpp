#include "parley/json_value.hpp"

#include <nlohmann/detail/conversions/to_chars.hpp>

#include <algorithm>
#include <cmath>

namespace parley {

namespace {

const JsonValue& null_value() noexcept {
  static const JsonValue null;
  return null;
}

// The member with `key`, or where it would go, in a sorted object.
template <typename Members>
auto lower_bound(Members& members, std::string_view key) {
  return std::lower_bound(members.begin(), members.end(), key,
                          [](const auto& member, std::string_view k) { return std::string_view(member.first) < k; });
}

void write_unsigned(std::string& out, std::uint64_t value) {
  char digits[20];
  int n = 0;
  do digits[n++] = static_cast<char>('0' + value % 10);
  while ((value /= 10) != 0);
  while (n > 0) out += digits[--n];
}

// nlohmann's dump_escaped without ensure_ascii: the same escapes, and the same recovery from
// invalid UTF-8 (an invalid byte that may start a sequence of its own is read again; every
// rejected sequence is one U+FFFD, or nothing under `ignore`).
void write_escaped(std::string& out, const std::string& s, JsonValue::error_handler_t handler) {
  static constexpr char kHex[] = "0123456789abcdef";
  const bool replace = handler != JsonValue::error_handler_t::ignore;
  std::size_t accepted = out.size();  // out's length after the last whole code point
  int need = 0;                       // continuation bytes still expected
  unsigned char lo = 0x80, hi = 0xBF;  // the range of the next continuation byte
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto byte = static_cast<unsigned char>(s[i]);
    bool reject = false;
    if (need == 0) {
      if (byte < 0x80) {
        switch (byte) {
          case '\b': out += "\\b"; break;
          case '\t': out += "\\t"; break;
          case '\n': out += "\\n"; break;
          case '\f': out += "\\f"; break;
          case '\r': out += "\\r"; break;
          case '"': out += "\\\""; break;
          case '\\': out += "\\\\"; break;
          default:
            if (byte <= 0x1F) {
              out += "\\u00";
              out += kHex[byte >> 4];
              out += kHex[byte & 0xF];
            } else {
              out += static_cast<char>(byte);
            }
        }
        accepted = out.size();
        continue;
      }
      lo = 0x80, hi = 0xBF;
      if (byte >= 0xC2 && byte <= 0xDF) need = 1;
      else if (byte >= 0xE0 && byte <= 0xEF) need = 2, lo = byte == 0xE0 ? 0xA0 : 0x80, hi = byte == 0xED ? 0x9F : 0xBF;
      else if (byte >= 0xF0 && byte <= 0xF4) need = 3, lo = byte == 0xF0 ? 0x90 : 0x80, hi = byte == 0xF4 ? 0x8F : 0xBF;
      else reject = true;
      if (!reject) {
        out += static_cast<char>(byte);
        continue;
      }
    } else if (byte >= lo && byte <= hi) {
      out += static_cast<char>(byte);
      lo = 0x80, hi = 0xBF;
      if (--need == 0) accepted = out.size();
      continue;
    } else {
      reject = true;
      --i;  // this byte may start a sequence of its own: read it again
    }
    out.resize(accepted);
    if (replace) out += "\xEF\xBF\xBD";
    accepted = out.size();
    need = 0;
  }
  if (need != 0) {  // the text ends inside a sequence
    out.resize(accepted);
    if (replace) out += "\xEF\xBF\xBD";
  }
}

}  // namespace

const std::string& JsonValue::empty_string() noexcept {
  static const std::string empty;
  return empty;
}

JsonValue::JsonValue(value_t type) : type_(type) {
  switch (type) {
    case value_t::object: u_.object = new object_t(); break;
    case value_t::array: u_.array = new array_t(); break;
    case value_t::string: u_.string = new std::string(); break;
    default: break;  // numbers and booleans start at zero, as the union does
  }
}

JsonValue::JsonValue(std::string value) : type_(value_t::string) { u_.string = new std::string(std::move(value)); }
JsonValue::JsonValue(std::string_view value) : type_(value_t::string) { u_.string = new std::string(value); }
JsonValue::JsonValue(const char* value) : type_(value_t::string) { u_.string = new std::string(value); }

// nlohmann's rule: a list of [string, value] pairs is an object (the first of a repeated key
// wins), anything else an array.
JsonValue::JsonValue(std::initializer_list<JsonValue> items) {
  bool is_object = std::all_of(items.begin(), items.end(), [](const JsonValue& item) {
    return item.is_array() && item.u_.array->size() == 2 && (*item.u_.array)[0].is_string();
  });
  if (is_object) {
    type_ = value_t::object;
    u_.object = new object_t();
    for (const JsonValue& item : items) {
      const std::string& key = *(*item.u_.array)[0].u_.string;
      auto at = lower_bound(*u_.object, key);
      if (at == u_.object->end() || at->first != key) u_.object->emplace(at, key, (*item.u_.array)[1]);
    }
  } else {
    type_ = value_t::array;
    u_.array = new array_t(items.begin(), items.end());
  }
}

JsonValue JsonValue::array(std::initializer_list<JsonValue> items) {
  JsonValue out(value_t::array);
  out.u_.array->assign(items.begin(), items.end());
  return out;
}

JsonValue::JsonValue(const JsonValue& other) : type_(other.type_), u_(other.u_) {
  switch (type_) {
    case value_t::object: u_.object = new object_t(*other.u_.object); break;
    case value_t::array: u_.array = new array_t(*other.u_.array); break;
    case value_t::string: u_.string = new std::string(*other.u_.string); break;
    default: break;
  }
}

void JsonValue::destroy() noexcept {
  switch (type_) {
    case value_t::object: delete u_.object; break;
    case value_t::array: delete u_.array; break;
    case value_t::string: delete u_.string; break;
    default: break;
  }
  type_ = value_t::null;
}

double JsonValue::as_double() const noexcept {
  switch (type_) {
    case value_t::number_integer: return static_cast<double>(u_.integer);
    case value_t::number_unsigned: return static_cast<double>(u_.unsigned_);
    case value_t::number_float: return u_.number;
    default: return 0;
  }
}

std::int64_t JsonValue::as_int64() const noexcept {
  switch (type_) {
    case value_t::number_integer: return u_.integer;
    case value_t::number_unsigned: return static_cast<std::int64_t>(u_.unsigned_);
    case value_t::number_float: return static_cast<std::int64_t>(u_.number);
    default: return 0;
  }
}

std::uint64_t JsonValue::as_uint64() const noexcept {
  switch (type_) {
    case value_t::number_integer: return static_cast<std::uint64_t>(u_.integer);
    case value_t::number_unsigned: return u_.unsigned_;
    case value_t::number_float: return static_cast<std::uint64_t>(u_.number);
    default: return 0;
  }
}

JsonValue& JsonValue::operator[](std::string_view key) {
  if (is_null()) *this = object();
  if (!is_object()) return *this = object(), (*this)[key];  // nlohmann would throw
  auto at = lower_bound(*u_.object, key);
  if (at == u_.object->end() || at->first != key) at = u_.object->emplace(at, std::string(key), JsonValue());
  return at->second;
}

const JsonValue& JsonValue::operator[](std::string_view key) const {
  auto it = find(key);
  return it == end() ? null_value() : *it;
}

JsonValue::iterator JsonValue::find(std::string_view key) {
  if (!is_object()) return end();
  auto at = lower_bound(*u_.object, key);
  return at == u_.object->end() || at->first != key ? end() : iterator(nullptr, &*at);
}

JsonValue::const_iterator JsonValue::find(std::string_view key) const {
  return const_cast<JsonValue*>(this)->find(key);
}

std::size_t JsonValue::erase(std::string_view key) {
  if (!is_object()) return 0;
  auto at = lower_bound(*u_.object, key);
  if (at == u_.object->end() || at->first != key) return 0;
  u_.object->erase(at);
  return 1;
}

JsonValue& JsonValue::operator[](std::size_t index) {
  if (!is_array()) *this = array();
  if (index >= u_.array->size()) u_.array->resize(index + 1);
  return (*u_.array)[index];
}

const JsonValue& JsonValue::operator[](std::size_t index) const {
  return is_array() && index < u_.array->size() ? (*u_.array)[index] : null_value();
}

void JsonValue::push_back(JsonValue item) {
  if (!is_array()) *this = array();
  u_.array->push_back(std::move(item));
}

JsonValue& JsonValue::back() { return is_array() ? u_.array->back() : *this; }
const JsonValue& JsonValue::back() const { return is_array() ? u_.array->back() : *this; }
JsonValue& JsonValue::front() { return is_array() ? u_.array->front() : *this; }
const JsonValue& JsonValue::front() const { return is_array() ? u_.array->front() : *this; }

void JsonValue::erase(std::size_t index) {
  if (is_array() && index < u_.array->size()) u_.array->erase(u_.array->begin() + static_cast<std::ptrdiff_t>(index));
}

std::size_t JsonValue::size() const noexcept {
  switch (type_) {
    case value_t::null: return 0;
    case value_t::object: return u_.object->size();
    case value_t::array: return u_.array->size();
    default: return 1;
  }
}

void JsonValue::clear() noexcept {
  switch (type_) {
    case value_t::object: u_.object->clear(); break;
    case value_t::array: u_.array->clear(); break;
    case value_t::string: u_.string->clear(); break;
    case value_t::boolean: u_.boolean = false; break;
    case value_t::number_integer: u_.integer = 0; break;
    case value_t::number_unsigned: u_.unsigned_ = 0; break;
    case value_t::number_float: u_.number = 0; break;
    default: break;
  }
}

// Arrays iterate their elements, objects their members, a scalar itself once, null nothing.
JsonValue::iterator JsonValue::begin() {
  if (is_object()) return {nullptr, u_.object->data()};
  if (is_array()) return {u_.array->data(), nullptr};
  return {is_null() ? nullptr : this, nullptr};
}

JsonValue::iterator JsonValue::end() {
  if (is_object()) return {nullptr, u_.object->data() + u_.object->size()};
  if (is_array()) return {u_.array->data() + u_.array->size(), nullptr};
  return {is_null() ? nullptr : this + 1, nullptr};
}

JsonValue::const_iterator JsonValue::begin() const { return const_cast<JsonValue*>(this)->begin(); }
JsonValue::const_iterator JsonValue::end() const { return const_cast<JsonValue*>(this)->end(); }

std::string JsonValue::dump(int /*indent*/, char /*indent_char*/, bool /*ensure_ascii*/,
                            error_handler_t error_handler) const {
  std::string out;
  write(out, error_handler);
  return out;
}

void JsonValue::write(std::string& out, error_handler_t handler) const {
  switch (type_) {
    case value_t::null: out += "null"; return;
    case value_t::boolean: out += u_.boolean ? "true" : "false"; return;
    case value_t::number_integer:
      if (u_.integer < 0) {
        out += '-';
        write_unsigned(out, 0 - static_cast<std::uint64_t>(u_.integer));
      } else {
        write_unsigned(out, static_cast<std::uint64_t>(u_.integer));
      }
      return;
    case value_t::number_unsigned: write_unsigned(out, u_.unsigned_); return;
    case value_t::number_float: {
      if (!std::isfinite(u_.number)) {
        out += "null";
        return;
      }
      char digits[64];
      char* end = nlohmann::detail::to_chars(digits, digits + sizeof digits, u_.number);
      out.append(digits, end);
      return;
    }
    case value_t::string:
      out += '"';
      write_escaped(out, *u_.string, handler);
      out += '"';
      return;
    case value_t::array: {
      out += '[';
      bool first = true;
      for (const JsonValue& item : *u_.array) {
        if (!first) out += ',';
        first = false;
        item.write(out, handler);
      }
      out += ']';
      return;
    }
    case value_t::object: {
      out += '{';
      bool first = true;
      for (const auto& [key, item] : *u_.object) {
        if (!first) out += ',';
        first = false;
        out += '"';
        write_escaped(out, key, handler);
        out += "\":";
        item.write(out, handler);
      }
      out += '}';
      return;
    }
    case value_t::binary:
    case value_t::discarded: out += "<discarded>"; return;
  }
}

// As nlohmann: numbers compare across their kinds, a discarded value equals nothing.
bool operator==(const JsonValue& a, const JsonValue& b) noexcept {
  using T = JsonValue::value_t;
  if (a.is_number() && b.is_number() && a.type_ != b.type_) {
    if (a.is_number_float() || b.is_number_float()) return a.as_double() == b.as_double();
    return a.as_int64() == b.as_int64();
  }
  if (a.type_ != b.type_) return false;
  switch (a.type_) {
    case T::null: return true;
    case T::boolean: return a.u_.boolean == b.u_.boolean;
    case T::number_integer: return a.u_.integer == b.u_.integer;
    case T::number_unsigned: return a.u_.unsigned_ == b.u_.unsigned_;
    case T::number_float: return a.u_.number == b.u_.number;
    case T::string: return *a.u_.string == *b.u_.string;
    case T::array: return *a.u_.array == *b.u_.array;
    case T::object: return *a.u_.object == *b.u_.object;
    default: return false;
  }
}

}  // namespace parley
