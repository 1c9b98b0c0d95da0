// parley/json_value.hpp: the engine's JSON value in the browser build.
//
// The engine is written against `parley::Json`. Natively (tests, tools, the QA console) that is
// nlohmann::json; in the visitor's parley.wasm it is this class (PARLEY_OWN_JSON): the same
// observable behaviour for the part of nlohmann's interface the engine uses (what it builds, how
// it compares, the bytes dump() writes), without nlohmann's templates inlined into every handler,
// which were most of the module's code (README, "Size and speed"). Every member is out of line on
// purpose. tests/unit/json_value_test.cpp holds it to nlohmann, value by value and byte by byte;
// tests/js/differential.test.mjs runs every scenario through both engines.
//
// Differences, none reachable from the engine: dump() writes compact text only (no indent), and
// invalid UTF-8 is replaced by U+FFFD under every error handler (nlohmann's strict one would throw,
// which is an abort with exceptions off).
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <map>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace parley {

class JsonValue {
 public:
  enum class value_t : std::uint8_t {
    null, object, array, string, boolean, number_integer, number_unsigned, number_float, binary, discarded
  };
  enum class error_handler_t : std::uint8_t { strict, replace, ignore };
  using Member = std::pair<std::string, JsonValue>;
  using object_t = std::vector<Member>;  // sorted by key, as nlohmann's std::map
  using array_t = std::vector<JsonValue>;

  // One iterator for arrays (over elements) and objects (over members).
  template <bool Const>
  class Iterator {
   public:
    using Value = std::conditional_t<Const, const JsonValue, JsonValue>;
    using MemberPtr = std::conditional_t<Const, const Member*, Member*>;
    Iterator() = default;
    Iterator(Value* element, MemberPtr member) : element_(element), member_(member) {}
    operator Iterator<true>() const { return {element_, member_}; }  // NOLINT: as nlohmann's

    Value& operator*() const { return member_ ? member_->second : *element_; }
    Value* operator->() const { return &**this; }
    Value& value() const { return **this; }
    const std::string& key() const { return member_ ? member_->first : JsonValue::empty_string(); }
    Iterator& operator++() {
      if (member_) ++member_;
      else ++element_;
      return *this;
    }
    bool operator==(const Iterator& other) const { return element_ == other.element_ && member_ == other.member_; }
    bool operator!=(const Iterator& other) const { return !(*this == other); }

   private:
    Value* element_ = nullptr;
    MemberPtr member_ = nullptr;
  };
  using iterator = Iterator<false>;
  using const_iterator = Iterator<true>;

  JsonValue() noexcept {}
  JsonValue(std::nullptr_t) noexcept {}  // NOLINT: implicit, as nlohmann's
  JsonValue(value_t type);                // NOLINT
  JsonValue(bool value) noexcept : type_(value_t::boolean) { u_.boolean = value; }  // NOLINT
  template <typename T, std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool> && std::is_signed_v<T>, int> = 0>
  JsonValue(T value) noexcept : type_(value_t::number_integer) { u_.integer = value; }  // NOLINT
  template <typename T, std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool> && std::is_unsigned_v<T>, int> = 0>
  JsonValue(T value) noexcept : type_(value_t::number_unsigned) { u_.unsigned_ = value; }  // NOLINT
  template <typename T, std::enable_if_t<std::is_floating_point_v<T>, int> = 0>
  JsonValue(T value) noexcept : type_(value_t::number_float) { u_.number = static_cast<double>(value); }  // NOLINT
  JsonValue(std::string value);      // NOLINT
  JsonValue(std::string_view value);  // NOLINT
  JsonValue(const char* value);      // NOLINT
  JsonValue(std::initializer_list<JsonValue> items);
  template <typename T>
  JsonValue(const std::vector<T>& items) : JsonValue(value_t::array) {  // NOLINT
    for (const auto& item : items) push_back(JsonValue(item));
  }
  template <typename T, typename Less>
  JsonValue(const std::map<std::string, T, Less>& members) : JsonValue(value_t::object) {  // NOLINT
    for (const auto& [key, item] : members) (*this)[key] = JsonValue(item);
  }

  JsonValue(const JsonValue& other);
  JsonValue(JsonValue&& other) noexcept : type_(other.type_), u_(other.u_) { other.type_ = value_t::null; }
  JsonValue& operator=(JsonValue other) noexcept {
    swap(other);
    return *this;
  }
  ~JsonValue() { destroy(); }
  void swap(JsonValue& other) noexcept {
    std::swap(type_, other.type_);
    std::swap(u_, other.u_);
  }

  static JsonValue object() { return JsonValue(value_t::object); }
  static JsonValue array() { return JsonValue(value_t::array); }
  static JsonValue array(std::initializer_list<JsonValue> items);  // always an array, even of pairs

  value_t type() const noexcept { return type_; }
  bool is_null() const noexcept { return type_ == value_t::null; }
  bool is_object() const noexcept { return type_ == value_t::object; }
  bool is_array() const noexcept { return type_ == value_t::array; }
  bool is_string() const noexcept { return type_ == value_t::string; }
  bool is_boolean() const noexcept { return type_ == value_t::boolean; }
  bool is_number() const noexcept { return is_number_integer() || type_ == value_t::number_float; }
  bool is_number_integer() const noexcept {
    return type_ == value_t::number_integer || type_ == value_t::number_unsigned;
  }
  bool is_number_unsigned() const noexcept { return type_ == value_t::number_unsigned; }
  bool is_number_float() const noexcept { return type_ == value_t::number_float; }
  bool is_primitive() const noexcept { return !is_object() && !is_array(); }
  bool is_structured() const noexcept { return is_object() || is_array(); }
  bool is_discarded() const noexcept { return type_ == value_t::discarded; }

  // Numbers convert between their kinds as static_cast does; a non-number reads as 0, a
  // non-boolean as false, a non-string as "" (where nlohmann would throw, that is abort here).
  template <typename T>
  T get() const {
    if constexpr (std::is_same_v<T, JsonValue>) return *this;
    else if constexpr (std::is_same_v<T, bool>) return type_ == value_t::boolean && u_.boolean;
    else if constexpr (std::is_same_v<T, std::string>) return is_string() ? *u_.string : std::string();
    else if constexpr (std::is_floating_point_v<T>) return static_cast<T>(as_double());
    else if constexpr (std::is_signed_v<T>) return static_cast<T>(as_int64());
    else return static_cast<T>(as_uint64());
  }
  template <typename T>
  T get_ptr() const noexcept {
    using Target = std::remove_const_t<std::remove_pointer_t<T>>;
    if constexpr (std::is_same_v<Target, std::string>) return is_string() ? u_.string : nullptr;
    else if constexpr (std::is_same_v<Target, bool>) return type_ == value_t::boolean ? &u_.boolean : nullptr;
    else if constexpr (std::is_same_v<Target, double>) return type_ == value_t::number_float ? &u_.number : nullptr;
    else if constexpr (std::is_same_v<Target, object_t>) return is_object() ? u_.object : nullptr;
    else if constexpr (std::is_same_v<Target, array_t>) return is_array() ? u_.array : nullptr;
    else static_assert(sizeof(T) == 0, "no such pointer");
  }
  template <typename T>
  T get_ref() const noexcept {
    static_assert(std::is_same_v<T, const std::string&>, "only strings are read by reference");
    return is_string() ? *u_.string : empty_string();
  }
  template <typename T>
  T value(std::string_view key, const T& fallback) const {
    auto it = find(key);
    return it == end() ? fallback : it->template get<T>();
  }
  std::string value(std::string_view key, const char* fallback) const {
    return value<std::string>(key, fallback);
  }

  // Objects. operator[] makes a null an object and adds the key (the const one reads a null when
  // the key is absent, where nlohmann's is undefined behaviour).
  JsonValue& operator[](std::string_view key);
  JsonValue& operator[](const char* key) { return (*this)[std::string_view(key)]; }
  const JsonValue& operator[](std::string_view key) const;
  const JsonValue& operator[](const char* key) const { return (*this)[std::string_view(key)]; }
  iterator find(std::string_view key);
  const_iterator find(std::string_view key) const;
  bool contains(std::string_view key) const { return find(key) != end(); }
  std::size_t count(std::string_view key) const { return contains(key) ? 1 : 0; }
  std::size_t erase(std::string_view key);

  // Arrays. operator[] makes a null an array and grows it with nulls.
  JsonValue& operator[](std::size_t index);
  const JsonValue& operator[](std::size_t index) const;
  template <typename T, std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, std::size_t>, int> = 0>
  JsonValue& operator[](T index) { return (*this)[static_cast<std::size_t>(index)]; }
  template <typename T, std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, std::size_t>, int> = 0>
  const JsonValue& operator[](T index) const { return (*this)[static_cast<std::size_t>(index)]; }
  void push_back(JsonValue item);
  template <typename... Args>
  JsonValue& emplace_back(Args&&... args) {
    push_back(JsonValue(std::forward<Args>(args)...));
    return back();
  }
  JsonValue& back();
  const JsonValue& back() const;
  JsonValue& front();
  const JsonValue& front() const;
  void erase(std::size_t index);

  // Both: a null is empty, a scalar has one element, as in nlohmann.
  std::size_t size() const noexcept;
  bool empty() const noexcept { return size() == 0; }
  void clear() noexcept;
  iterator begin();
  iterator end();
  const_iterator begin() const;
  const_iterator end() const;
  const_iterator cbegin() const { return begin(); }
  const_iterator cend() const { return end(); }

  // Compact text, byte for byte what nlohmann's dump() writes for the same value.
  std::string dump(int indent = -1, char indent_char = ' ', bool ensure_ascii = false,
                   error_handler_t error_handler = error_handler_t::strict) const;

  friend bool operator==(const JsonValue& a, const JsonValue& b) noexcept;
  static const std::string& empty_string() noexcept;  // what a missing string reads as
  friend bool operator!=(const JsonValue& a, const JsonValue& b) noexcept { return !(a == b); }

 private:
  void destroy() noexcept;
  double as_double() const noexcept;
  std::int64_t as_int64() const noexcept;
  std::uint64_t as_uint64() const noexcept;
  void write(std::string& out, error_handler_t handler) const;

  value_t type_ = value_t::null;
  union Payload {
    bool boolean;
    std::int64_t integer;
    std::uint64_t unsigned_;
    double number;
    std::string* string;
    array_t* array;
    object_t* object;
  } u_{};
};

}  // namespace parley
