// tagged_value.hpp: the binary form in which values cross the ABI (wasm-glue/PROTOCOL.md,
// "The binary boundary"). JS parses and stringifies JSON; the engine reads and writes the same
// nlohmann::json values it always did, without a JSON text parser or serializer in between.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "parley/json_reader.hpp"

namespace parley::abi {

// One tag byte per value, then (little-endian):
enum class Tag : std::uint8_t {
  null = 0,
  false_ = 1,
  true_ = 2,
  int32 = 3,    // 4 bytes, two's complement
  integer = 4,  // 8 bytes, an f64 holding a safe integer outside int32 (read as an integer)
  float64 = 5,  // 8 bytes, IEEE 754 binary64
  string = 6,   // u32 byte length, then UTF-8 (no NUL)
  array = 7,    // u32 count, then the items
  object = 8,   // u32 count, then (u32 key length, key UTF-8, value) per member
};

// Nesting the decoder accepts: deeper input is refused, not a stack overflow.
inline constexpr int kMaxDepth = 256;

// The value in `data`, or nullopt when the bytes are not exactly one well-formed value.
std::optional<Json> decode_value(const std::uint8_t* data, std::size_t size);

// Appends the binary form of `value` to `out`. Numbers that are not finite become null, as in
// JSON text.
void encode_value(const Json& value, std::string& out);

}  // namespace parley::abi
