#include "parley/json_reader.hpp"

#include <algorithm>

namespace parley {

Json parse_json(std::string_view text, std::string_view path, Errors& errors) {
  Json value = Json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded())
    errors.push_back({ErrorCode::malformed_json, "the text is not valid JSON", std::string(path)});
  return value;
}

std::string_view json_type_name(const Json& value) noexcept {
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

ObjectReader::ObjectReader(const Json& value, std::string path, Errors& errors)
    : object_(value.is_object() ? &value : nullptr), path_(std::move(path)), errors_(errors) {
  if (object_ == nullptr)
    errors_.push_back({ErrorCode::wrong_type, "expected an object, got " + std::string(json_type_name(value)), path_});
}

const Json* ObjectReader::find(std::string_view key) {
  if (object_ == nullptr) return nullptr;
  auto it = object_->find(key);
  if (it == object_->end()) return nullptr;
  known_.push_back(it.key());
  return &*it;
}

void ObjectReader::missing(std::string_view key) {
  if (object_ != nullptr)
    errors_.push_back({ErrorCode::missing_field, "\"" + std::string(key) + "\" is required", path_of(key)});
}

const Json* ObjectReader::require(std::string_view key) {
  const Json* value = find(key);
  if (value == nullptr) missing(key);
  return value;
}

std::optional<std::string> ObjectReader::required_string(std::string_view key) {
  if (object_ != nullptr && !object_->contains(key)) missing(key);
  return string(key);
}

std::optional<bool> ObjectReader::required_boolean(std::string_view key) {
  if (object_ != nullptr && !object_->contains(key)) missing(key);
  return boolean(key);
}

std::optional<double> ObjectReader::required_number(std::string_view key, double min, double max) {
  if (object_ != nullptr && !object_->contains(key)) missing(key);
  return number(key, min, max);
}

void ObjectReader::wrong_type(std::string_view key, std::string_view expected, const Json& got) {
  errors_.push_back({ErrorCode::wrong_type,
                     "\"" + std::string(key) + "\" must be " + std::string(expected) + ", got " +
                         std::string(json_type_name(got)),
                     path_of(key)});
}

std::optional<std::string> ObjectReader::string(std::string_view key) {
  const Json* value = find(key);
  if (value == nullptr) return std::nullopt;
  if (const auto* text = value->get_ptr<const std::string*>()) return *text;
  wrong_type(key, "a string", *value);
  return std::nullopt;
}

std::optional<bool> ObjectReader::boolean(std::string_view key) {
  const Json* value = find(key);
  if (value == nullptr) return std::nullopt;
  if (const auto* flag = value->get_ptr<const bool*>()) return *flag;
  wrong_type(key, "true or false", *value);
  return std::nullopt;
}

std::optional<double> ObjectReader::number(std::string_view key, double min, double max) {
  const Json* value = find(key);
  if (value == nullptr) return std::nullopt;
  if (!value->is_number()) {
    wrong_type(key, "a number", *value);
    return std::nullopt;
  }
  double number = value->get<double>();  // cannot throw: is_number() checked
  if (!(number >= min && number <= max)) {
    errors_.push_back({ErrorCode::out_of_range,
                       "\"" + std::string(key) + "\" must be between " + Json(min).dump() + " and " +
                           Json(max).dump(),
                       path_of(key)});
    return std::nullopt;
  }
  return number;
}

const Json* ObjectReader::object(std::string_view key) {
  const Json* value = find(key);
  if (value == nullptr) return nullptr;
  if (value->is_object()) return value;
  wrong_type(key, "an object", *value);
  return nullptr;
}

const Json* ObjectReader::array(std::string_view key) {
  const Json* value = find(key);
  if (value == nullptr) return nullptr;
  if (value->is_array()) return value;
  wrong_type(key, "an array", *value);
  return nullptr;
}

std::size_t ObjectReader::report_unknown_keys(ErrorCode code, std::string_view what) {
  if (object_ == nullptr) return 0;
  std::size_t reported = 0;
  for (auto it = object_->begin(); it != object_->end(); ++it) {
    const std::string& key = it.key();
    if (std::find(known_.begin(), known_.end(), std::string_view(key)) != known_.end()) continue;
    errors_.push_back({code, "unknown " + std::string(what) + " \"" + key + "\" is ignored", path_of(key)});
    ++reported;
  }
  return reported;
}

}  // namespace parley
