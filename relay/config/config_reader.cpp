// ConfigReader (config_reader.hpp).
#include "config_reader.hpp"

#include <algorithm>
#include <cmath>

namespace parley::relay {

std::string pointer_append(std::string_view path, std::string_view token) {
  std::string out(path);
  out += '/';
  for (char c : token) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

std::string pointer_append(std::string_view path, std::size_t index) {
  return std::string(path) + "/" + std::to_string(index);
}

std::string_view json_type_name(const Json& value) {
  switch (value.type()) {
    case Json::value_t::null: return "null";
    case Json::value_t::object: return "an object";
    case Json::value_t::array: return "an array";
    case Json::value_t::string: return "a string";
    case Json::value_t::boolean: return "a boolean";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float: return "a number";
    default: return "an unsupported value";
  }
}

// "key" in quotes. Built by appending: GCC 12's -Wrestrict misfires on "\"" + std::string(...)
// (GCC bug 105651).
static std::string quoted(std::string_view key) {
  std::string out;
  out.reserve(key.size() + 2);
  out += '"';
  out.append(key);
  out += '"';
  return out;
}

ConfigReader::ConfigReader(const Json& value, std::string path, std::vector<ConfigError>& errors)
    : object_(value.is_object() ? &value : nullptr), path_(std::move(path)), errors_(errors) {
  if (object_ == nullptr) errors_.push_back({"expected an object, got " + std::string(json_type_name(value)), path_});
}

void ConfigReader::error(std::string_view key, std::string message) {
  errors_.push_back({std::move(message), path_of(key)});
}

void ConfigReader::wrong_type(std::string_view key, std::string_view expected, const Json& got) {
  error(key, quoted(key) + " must be " + std::string(expected) + ", got " + std::string(json_type_name(got)));
}

const Json* ConfigReader::find(std::string_view key) {
  if (object_ == nullptr) return nullptr;
  auto it = object_->find(key);
  if (it == object_->end()) return nullptr;
  known_.push_back(it.key());
  return &*it;
}

std::optional<std::string> ConfigReader::string(std::string_view key) {
  const Json* value = find(key);
  if (value == nullptr) return std::nullopt;
  if (const auto* text = value->get_ptr<const std::string*>()) return *text;
  wrong_type(key, "a string", *value);
  return std::nullopt;
}

std::optional<std::string> ConfigReader::required_string(std::string_view key) {
  if (object_ != nullptr && !object_->contains(key)) {
    error(key, quoted(key) + " is required");
    return std::nullopt;
  }
  return string(key);
}

std::optional<std::int64_t> ConfigReader::integer(std::string_view key, std::int64_t min, std::int64_t max) {
  const Json* value = find(key);
  if (value == nullptr) return std::nullopt;
  if (!value->is_number()) {
    wrong_type(key, "a whole number", *value);
    return std::nullopt;
  }
  double number = value->get<double>();  // is_number() checked: cannot fail
  if (number != std::floor(number)) {
    wrong_type(key, "a whole number", *value);
    return std::nullopt;
  }
  if (!(number >= static_cast<double>(min) && number <= static_cast<double>(max))) {
    error(key, quoted(key) + " must be between " + std::to_string(min) + " and " + std::to_string(max));
    return std::nullopt;
  }
  return static_cast<std::int64_t>(number);
}

std::optional<double> ConfigReader::number(std::string_view key, double min, double max) {
  const Json* value = find(key);
  if (value == nullptr) return std::nullopt;
  if (!value->is_number()) {
    wrong_type(key, "a number", *value);
    return std::nullopt;
  }
  double number = value->get<double>();
  if (!(number >= min && number <= max)) {
    error(key, quoted(key) + " must be between " + Json(min).dump() + " and " + Json(max).dump());
    return std::nullopt;
  }
  return number;
}

const Json* ConfigReader::object(std::string_view key) {
  const Json* value = find(key);
  if (value == nullptr) return nullptr;
  if (value->is_object()) return value;
  wrong_type(key, "an object", *value);
  return nullptr;
}

const Json* ConfigReader::array(std::string_view key) {
  const Json* value = find(key);
  if (value == nullptr) return nullptr;
  if (value->is_array()) return value;
  wrong_type(key, "an array", *value);
  return nullptr;
}

void ConfigReader::report_unknown_keys() {
  if (object_ == nullptr) return;
  for (auto it = object_->begin(); it != object_->end(); ++it) {
    if (std::find(known_.begin(), known_.end(), it.key()) != known_.end()) continue;
    errors_.push_back({"unknown key \"" + it.key() + "\"", path_of(it.key())});
  }
}

}  // namespace parley::relay
