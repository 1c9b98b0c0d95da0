// parley/enum_names.hpp: one name table per enum, read both ways.
//
// A table is a constexpr array of {"json spelling", value} pairs; the config reader takes the
// same array (ObjectReader::one_of), so a value and its spelling are written once.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <utility>

namespace parley {

template <typename E>
using EnumName = std::pair<std::string_view, E>;

// The spelling of `value`; the table's first name when `value` is not in it (a bad cast).
template <typename E, std::size_t N>
constexpr std::string_view name_of(const EnumName<E> (&names)[N], E value) noexcept {
  for (const auto& [name, e] : names)
    if (e == value) return name;
  return names[0].first;
}

template <typename E, std::size_t N>
constexpr std::optional<E> value_named(const EnumName<E> (&names)[N], std::string_view name) noexcept {
  for (const auto& [spelling, e] : names)
    if (spelling == name) return e;
  return std::nullopt;
}

// One row per value, in the enum's order, `last` included: for tables the compiler can check.
template <typename E, std::size_t N>
constexpr bool names_every_value(const EnumName<E> (&names)[N], E last) noexcept {
  if (N != static_cast<std::size_t>(last) + 1) return false;
  for (std::size_t i = 0; i < N; ++i)
    if (static_cast<std::size_t>(names[i].second) != i) return false;
  return true;
}

}  // namespace parley
