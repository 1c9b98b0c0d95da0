// check_report.hpp: a config's problems as parley-config prints them.
//
// Text, one line per problem, the JSON path first (as editors and the widget's lcw:error show it):
//
//   site.json: /rules/1/when/gtx: unknown operator "gtx" is ignored [unknown_operator]
//   site.json: 2 problems (the widget runs the rest)
//
// or JSON for tools: {"file", "valid", "errors": [{"code", "message", "path"}]}.
#pragma once

#include <string>
#include <string_view>

#include "parley/error.hpp"
#include "parley/json_reader.hpp"

namespace parley::cli {

std::string check_text(std::string_view file, const Errors& errors);
Json check_json(std::string_view file, const Errors& errors);
Json errors_json(const Errors& errors);

}  // namespace parley::cli
