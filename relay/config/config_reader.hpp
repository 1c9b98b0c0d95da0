// ConfigReader: walks one object of the relay's config, collecting a ConfigError (with its JSON
// pointer) for every missing, mistyped, out-of-range or unknown key instead of stopping at the
// first, the way parley/json_reader.hpp does for the widget's config (which lives in the engine
// library, not linked here).
//
// Must not: throw or abort on any input: only nlohmann's non-throwing accessors (is_*, get_ptr,
// find) are used, and get<>() only after the matching is_*() check.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "relay/relay_config.hpp"

namespace parley::relay {

using Json = nlohmann::json;

// Appends one JSON-pointer token, escaping '~' and '/' (RFC 6901).
std::string pointer_append(std::string_view path, std::string_view token);
std::string pointer_append(std::string_view path, std::size_t index);

std::string_view json_type_name(const Json& value);

class ConfigReader {
 public:
  // Reports "expected an object" at path when value is not one; the readers then return nothing.
  ConfigReader(const Json& value, std::string path, std::vector<ConfigError>& errors);

  bool is_object() const { return object_ != nullptr; }
  std::string path_of(std::string_view key) const { return pointer_append(path_, key); }
  void error(std::string_view key, std::string message);

  // The raw value, or nullptr when absent; marks the key as known.
  const Json* find(std::string_view key);
  std::optional<std::string> string(std::string_view key);
  std::optional<std::string> required_string(std::string_view key);
  // A whole number in [min, max] (2.0 counts as 2; 2.5 does not).
  std::optional<std::int64_t> integer(std::string_view key, std::int64_t min, std::int64_t max);
  std::optional<double> number(std::string_view key, double min, double max);
  const Json* object(std::string_view key);   // present and an object, else nullptr (+ error if present)
  const Json* array(std::string_view key);    // present and an array, else nullptr (+ error if present)

  // Reports every key no reader asked for. Call once, after reading.
  void report_unknown_keys();

 private:
  void wrong_type(std::string_view key, std::string_view expected, const Json& got);

  const Json* object_;
  std::string path_;
  std::vector<ConfigError>& errors_;
  std::vector<std::string> known_;
};

}  // namespace parley::relay
