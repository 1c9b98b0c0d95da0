// parley/error.hpp: errors as values.
//
// Every failure the engine can report is an Error: a code, a human message and a JSON pointer
// into the input that caused it ("/rules/2/when/all/0/gte"). Nothing in the engine throws; a
// function that can fail returns an Error, a list of them, or a std::optional.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace parley {

enum class ErrorCode {
  invalid,              // a value that breaks a rule of its own (not a date, two operators...)
  malformed_json,       // the text is not JSON
  wrong_type,           // a value has the wrong JSON type
  missing_field,        // a required key is absent
  unknown_key,          // a key the schema does not know (ignored, reported)
  unknown_fact,         // a condition names a fact that does not exist
  unknown_operator,     // a condition uses an operator that does not exist
  unknown_value,        // an enum-like string outside its allowed set
  unknown_event,        // an event type the engine does not know
  out_of_range,         // a number outside its allowed range
  duplicate_id,         // two rules or questions share an id
  invalid_state,        // an event that makes no sense in the current state (ignored)
  too_large,            // input over a size limit
};

std::string_view to_string(ErrorCode code) noexcept;

struct Error {
  ErrorCode code = ErrorCode::invalid;
  std::string message;  // one sentence, English, names the offending value
  std::string path;     // JSON pointer into the input ("" is the whole document)
};

using Errors = std::vector<Error>;

// A list holding one error, for the many functions that fail in one way.
inline Errors one_error(ErrorCode code, std::string message, std::string path = {}) {
  return Errors{Error{code, std::move(message), std::move(path)}};
}

// Moves every error of `from` to the end of `to` (out of line: vector's range insert is ~0.8 KB
// of wasm per instantiation).
void append(Errors& to, Errors&& from);

// Appends one JSON-pointer token, escaping '~' and '/' as RFC 6901 requires.
std::string json_pointer_append(std::string_view path, std::string_view token);
std::string json_pointer_append(std::string_view path, std::size_t index);

}  // namespace parley
