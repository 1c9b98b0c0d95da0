// The limits every string of a frame is checked against (TRANSPORT.md §1 and §3, RELAY.md §6),
// and the one way the core turns JSON into text.
//
// Must not: throw (nlohmann is built with JSON_NOEXCEPTION: a throwing dump would abort).
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace parley::relay {

using Json = nlohmann::json;

inline constexpr std::size_t kMaxFrameBytes = 65536;     // TRANSPORT.md's envelope limit
inline constexpr std::size_t kMaxIdBytes = 256;          // message, conversation, call ids
inline constexpr std::size_t kMaxTextBytes = 4000;       // visitor.message / agent.message text
inline constexpr std::size_t kMaxTypeBytes = 64;         // a message type name
inline constexpr double kEndedKeptMs = 60 * 60 * 1000;   // an ended conversation still takes a rating

bool is_valid_utf8(std::string_view text) noexcept;
// 1 to 256 bytes of valid UTF-8.
bool is_valid_id(std::string_view id) noexcept;
// 1 to 4000 bytes of valid UTF-8.
bool is_valid_text(std::string_view text) noexcept;

// Compact JSON; invalid UTF-8 (which the parser never lets in) is replaced rather than aborting.
std::string to_json_text(const Json& value);

// A string member of an object, or nullptr when absent or not a string.
const std::string* string_member(const Json& object, std::string_view key) noexcept;

}  // namespace parley::relay
