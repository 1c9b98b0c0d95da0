// console/json_access.hpp: reading the page's snapshot and the channel's envelopes safely.
//
// What the console reads comes from the page (facts, context, config) or from other tabs (the
// transport), so every read is non-throwing (is_*, get_ptr, find: the console is built without
// exceptions) and a missing or mistyped field reads as absent. Values are shown as text, never
// interpreted.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "parley/json_reader.hpp"

namespace parley::console {

// The member `key` of `object`, or nullptr when `object` is not an object or has no such key.
const Json* member(const Json& object, std::string_view key);
// The string at `key`, or `fallback`.
std::string string_at(const Json& object, std::string_view key, std::string_view fallback = {});
std::optional<double> number_at(const Json& object, std::string_view key);
bool bool_at(const Json& object, std::string_view key, bool fallback = false);

// A value as people read it: strings as they are, whole numbers without ".0", true/false,
// "unknown" for null, compact JSON for arrays and objects.
std::string value_text(const Json& value);

}  // namespace parley::console
