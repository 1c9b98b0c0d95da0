#include "parley/fact.hpp"

#include <algorithm>
#include <cmath>

namespace parley {
namespace {

constexpr std::size_t kMaxCustomNameLength = 64;

}  // namespace

Json to_json(const FactValue& value) {
  if (const auto* flag = std::get_if<bool>(&value)) return *flag;
  if (const auto* number = std::get_if<double>(&value)) return *number;
  if (const auto* text = std::get_if<std::string>(&value)) return *text;
  return nullptr;
}

std::optional<FactValue> fact_value_from_json(const Json& value) {
  if (value.is_null()) return FactValue{};
  if (const auto* flag = value.get_ptr<const bool*>()) return FactValue{*flag};
  if (value.is_number()) return FactValue{value.get<double>()};
  if (const auto* text = value.get_ptr<const std::string*>()) return FactValue{*text};
  return std::nullopt;
}

std::string to_display_string(const FactValue& value) {
  if (const auto* flag = std::get_if<bool>(&value)) return *flag ? "true" : "false";
  if (const auto* number = std::get_if<double>(&value)) return number_text(*number);
  if (const auto* text = std::get_if<std::string>(&value)) return *text;
  return "";
}

FactRegistry::FactRegistry() {
  names_.reserve(std::size(kFacts));
  for (std::string_view name : kFactColumn<&FactInfo::name>) names_.emplace_back(name);
}

std::optional<FactId> FactRegistry::find(std::string_view name) const {
  if (auto it = custom_ids_.find(name); it != custom_ids_.end()) return it->second;
  const auto& names = kFactColumn<&FactInfo::name>;
  auto builtin = std::find(names.begin(), names.end(), name);
  if (builtin == names.end()) return std::nullopt;
  return static_cast<FactId>(builtin - names.begin());  // the rows are in id order (fact.hpp)
}

std::optional<FactId> FactRegistry::find_or_add(std::string_view name) {
  if (auto id = find(name)) return id;
  if (name.substr(0, kCustomPrefix.size()) != kCustomPrefix || name.size() == kCustomPrefix.size() ||
      name.size() > kCustomPrefix.size() + kMaxCustomNameLength || names_.size() >= 0xFFFF)
    return std::nullopt;
  auto id = static_cast<FactId>(names_.size());
  names_.emplace_back(name);
  custom_ids_.emplace(names_.back(), id);
  return id;
}

}  // namespace parley
