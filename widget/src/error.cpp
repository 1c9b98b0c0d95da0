#include "parley/error.hpp"

#include "parley/decimal.hpp"

namespace parley {

std::string_view to_string(ErrorCode code) noexcept {
  switch (code) {
    case ErrorCode::invalid: return "invalid";
    case ErrorCode::malformed_json: return "malformed_json";
    case ErrorCode::wrong_type: return "wrong_type";
    case ErrorCode::missing_field: return "missing_field";
    case ErrorCode::unknown_key: return "unknown_key";
    case ErrorCode::unknown_fact: return "unknown_fact";
    case ErrorCode::unknown_operator: return "unknown_operator";
    case ErrorCode::unknown_value: return "unknown_value";
    case ErrorCode::unknown_event: return "unknown_event";
    case ErrorCode::out_of_range: return "out_of_range";
    case ErrorCode::duplicate_id: return "duplicate_id";
    case ErrorCode::invalid_state: return "invalid_state";
    case ErrorCode::too_large: return "too_large";
  }
  return "invalid";
}

void append(Errors& to, Errors&& from) {
  for (Error& error : from) to.push_back(std::move(error));
}

std::string json_pointer_append(std::string_view path, std::string_view token) {
  std::string out;
  out.reserve(path.size() + token.size() + 1);
  out.append(path);
  out.push_back('/');
  for (char c : token) {
    if (c == '~') out.append("~0");
    else if (c == '/') out.append("~1");
    else out.push_back(c);
  }
  return out;
}

std::string json_pointer_append(std::string_view path, std::size_t index) {
  return json_pointer_append(path, decimal(static_cast<long long>(index)));
}

}  // namespace parley
