#include "check_report.hpp"

namespace parley::cli {

std::string check_text(std::string_view file, const Errors& errors) {
  std::string out;
  const std::string name(file);
  for (const Error& error : errors)
    out += name + ": " + (error.path.empty() ? "(the whole config)" : error.path) + ": " + error.message + " [" +
           std::string(to_string(error.code)) + "]\n";
  if (errors.empty()) return name + ": valid\n";
  // Nothing of a config that is not JSON (or too large) runs; otherwise the widget keeps the rest.
  bool whole = errors.size() == 1 && (errors[0].code == ErrorCode::malformed_json || errors[0].code == ErrorCode::too_large);
  std::string count = std::to_string(errors.size()) + (errors.size() == 1 ? " problem" : " problems");
  return out + name + ": " + count + (whole ? " (nothing of it runs)\n" : " (the widget runs the rest)\n");
}

Json errors_json(const Errors& errors) {
  Json out = Json::array();
  for (const Error& error : errors)
    out.push_back(Json{{"code", to_string(error.code)}, {"message", error.message}, {"path", error.path}});
  return out;
}

Json check_json(std::string_view file, const Errors& errors) {
  return Json{{"file", std::string(file)}, {"valid", errors.empty()}, {"errors", errors_json(errors)}};
}

}  // namespace parley::cli
