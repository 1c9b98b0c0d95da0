// The extern "C" boundary: JSON text in, JSON text out, one engine per module instance.
#include "parley_abi.h"

#include <cmath>
#include <memory>
#include <string>

#include "parley/engine.hpp"

namespace {

struct Instance {
  parley::Engine engine;
  std::string out;  // the buffer every returned string points into
};

// The ABI's one piece of global state: the engine itself stays free of globals.
std::unique_ptr<Instance>& instance() {
  static std::unique_ptr<Instance> current;
  if (!current) current = std::make_unique<Instance>();
  return current;
}

parley::Json errors_to_json(const parley::Errors& errors) {
  parley::Json out = parley::Json::array();
  for (const parley::Error& error : errors)
    out.push_back({{"code", parley::to_string(error.code)}, {"message", error.message}, {"path", error.path}});
  return out;
}

double deadline_or_minus_one(double deadline) { return std::isfinite(deadline) ? std::max(deadline, 0.0) : -1.0; }

const char* give(std::string text) {
  instance()->out = std::move(text);
  return instance()->out.c_str();
}

// dump() with replacement: invalid UTF-8 from the page must not abort (it would throw).
std::string dump(const parley::Json& value) { return value.dump(-1, ' ', false, parley::Json::error_handler_t::replace); }

}  // namespace

extern "C" {

void parley_reset(void) { instance() = std::make_unique<Instance>(); }

const char* parley_configure(const char* config_json) {
  parley::Engine& engine = instance()->engine;
  parley::Errors errors = config_json == nullptr ? parley::one_error(parley::ErrorCode::missing_field, "no config")
                                                 : engine.configure(std::string_view(config_json));
  parley::Json result = parley::Json::object();
  result["errors"] = errors_to_json(errors);
  result["zones"] = engine.config().zones();
  return give(dump(result));
}

const char* parley_handle(const char* event_json, double now_ms) {
  parley::Engine& engine = instance()->engine;
  parley::Errors errors = event_json == nullptr
                              ? parley::one_error(parley::ErrorCode::missing_field, "no event")
                              : engine.handle_json(event_json, now_ms);
  parley::Json result = parley::Json::object();
  result["errors"] = errors_to_json(errors);
  result["actions"] = engine.take_actions();
  result["nextDeadline"] = deadline_or_minus_one(engine.next_deadline_ms());
  return give(dump(result));
}

double parley_next_deadline(void) { return deadline_or_minus_one(instance()->engine.next_deadline_ms()); }

const char* parley_view(void) { return give(dump(instance()->engine.view())); }

const char* parley_inspect(double now_ms) { return give(dump(instance()->engine.inspect(now_ms))); }

const char* parley_version(void) { return "0.1.0"; }

}  // extern "C"
