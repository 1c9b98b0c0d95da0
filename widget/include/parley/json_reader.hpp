// parley/json_reader.hpp: reading untrusted JSON without exceptions.
//
// ObjectReader walks one JSON object, collecting an Error (with its JSON pointer) for every
// missing, mistyped or unknown key instead of failing. It uses only nlohmann's non-throwing
// accessors (is_*, get_ptr, find): the engine is built with exceptions off and must never abort
// on input. Parsing of text goes through parse_json(), which never throws either.
#pragma once

#ifdef PARLEY_OWN_JSON
#include "parley/json_value.hpp"
#else
#include <nlohmann/json.hpp>
#endif

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "parley/error.hpp"

namespace parley {

// The browser's engine has a value type of its own (json_value.hpp says why); tools, tests and
// the QA console use nlohmann's.
#ifdef PARLEY_OWN_JSON
using Json = JsonValue;
#else
using Json = nlohmann::json;
#endif

// Parses text; on failure returns a discarded value and appends a malformed_json error.
Json parse_json(std::string_view text, std::string_view path, Errors& errors);

// "a string", "a number"... for messages.
std::string_view json_type_name(const Json& value) noexcept;

// A number as people write it, for messages and displays: whole numbers without ".0" ("3650"),
// others as JSON writes them ("0.5").
std::string number_text(double number);

// A string/enum pair table for one_of(); spell the strings exactly as in JSON. A constexpr array
// of pairs (parley/enum_names.hpp) works too.
template <typename E>
using NameTable = std::initializer_list<std::pair<std::string_view, E>>;

class ObjectReader {
 public:
  // Reports wrong_type at `path` when `value` is not an object; readers then return nothing.
  ObjectReader(const Json& value, std::string path, Errors& errors);

  bool is_object() const noexcept { return object_ != nullptr; }
  const std::string& path() const noexcept { return path_; }
  std::string path_of(std::string_view key) const { return json_pointer_append(path_, key); }

  // The raw value, or nullptr when absent. Marks the key as known.
  const Json* find(std::string_view key);
  // Like find(), but reports missing_field when absent.
  const Json* require(std::string_view key);

  std::optional<std::string> string(std::string_view key);
  std::optional<bool> boolean(std::string_view key);
  // Reports out_of_range outside [min, max]; NaN cannot reach here (JSON has none).
  std::optional<double> number(std::string_view key, double min, double max);
  // The same, reporting missing_field when the key is absent.
  std::optional<std::string> required_string(std::string_view key);
  std::optional<bool> required_boolean(std::string_view key);
  std::optional<double> required_number(std::string_view key, double min, double max);
  const Json* object(std::string_view key);  // present and an object, else nullptr (+ error)
  const Json* array(std::string_view key);   // present and an array, else nullptr (+ error)

  template <typename E, typename Names = NameTable<E>>
  std::optional<E> one_of(std::string_view key, const Names& names) {
    const Json* value = find(key);
    if (value == nullptr) return std::nullopt;
    return enum_value<E>(*value, path_of(key), names, errors_);
  }

  // Reports every key no reader asked for (as unknown_key unless told otherwise). Call once,
  // after reading.
  // Returns how many it reported.
  std::size_t report_unknown_keys(ErrorCode code = ErrorCode::unknown_key, std::string_view what = "key");

  template <typename E, typename Names = NameTable<E>>
  static std::optional<E> enum_value(const Json& value, const std::string& path, const Names& names,
                                     Errors& errors) {
    if (const auto* text = value.get_ptr<const std::string*>()) {
      for (const auto& [name, e] : names)
        if (name == *text) return e;
      errors.push_back({ErrorCode::unknown_value, "\"" + *text + "\" is not one of " + join(names), path});
      return std::nullopt;
    }
    errors.push_back({ErrorCode::wrong_type, "expected a string, got " + std::string(json_type_name(value)), path});
    return std::nullopt;
  }

  void wrong_type(std::string_view key, std::string_view expected, const Json& got);
  void missing(std::string_view key);

 private:
  template <typename Names>
  static std::string join(const Names& names) {
    std::string out;
    for (const auto& [name, e] : names) {
      if (!out.empty()) out += ", ";
      out += name;
    }
    return out;
  }

  const Json* object_;
  std::string path_;
  Errors& errors_;
  std::vector<std::string_view> known_;  // views into the object's own keys
};

}  // namespace parley
