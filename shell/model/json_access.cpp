#include "console/json_access.hpp"

#include <cmath>

namespace parley::console {

const Json* member(const Json& object, std::string_view key) {
  if (!object.is_object()) return nullptr;
  auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

std::string string_at(const Json& object, std::string_view key, std::string_view fallback) {
  const Json* value = member(object, key);
  const auto* text = value ? value->get_ptr<const std::string*>() : nullptr;
  return text ? *text : std::string(fallback);
}

std::optional<double> number_at(const Json& object, std::string_view key) {
  const Json* value = member(object, key);
  if (value == nullptr || !value->is_number()) return std::nullopt;
  return value->get<double>();
}

bool bool_at(const Json& object, std::string_view key, bool fallback) {
  const Json* value = member(object, key);
  const auto* flag = value ? value->get_ptr<const bool*>() : nullptr;
  return flag ? *flag : fallback;
}

std::string value_text(const Json& value) {
  if (const auto* text = value.get_ptr<const std::string*>()) return *text;
  if (value.is_null()) return "unknown";
  if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
  if (value.is_number()) {
    double number = value.get<double>();
    double whole;
    if (std::modf(number, &whole) == 0.0 && std::fabs(whole) < 9e15) return std::to_string(static_cast<long long>(whole));
  }
  // Invalid UTF-8 cannot reach here (the page's JSON was text), but never abort on it.
  return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace parley::console
