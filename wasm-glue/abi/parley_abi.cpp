// The extern "C" boundary, one engine per module instance: tagged values in and out for the
// browser, JSON text for native tools and tests (parley_abi.h).
#include "parley_abi.h"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>

#include "parley/constants.hpp"
#include "parley/engine.hpp"
#include "parley/json_object.hpp"
#include "tagged_value.hpp"

namespace {

struct Instance {
  parley::Engine engine;
  std::string out;  // the buffer every returned string or value points into
};

// The ABI's one piece of global state: the engine itself stays free of globals. Made when first
// used rather than assigned: a page never replaces its engine, and the assignment's destructor
// call would put ~Engine on the start path (only parley_reset, for tests, replaces it).
std::unique_ptr<Instance>& instance() {
  static std::unique_ptr<Instance> current = std::make_unique<Instance>();
  return current;
}

parley::Json errors_to_json(const parley::Errors& errors) {
  parley::Json out = parley::Json::array();
  for (const parley::Error& error : errors)
    out.push_back(parley::JsonObject()
        .add("code", parley::to_string(error.code))
        .add("message", error.message)
        .add("path", error.path));
  return out;
}

// As parse_config (config.cpp) for the text form: a larger config is refused whole.
constexpr double kMaxConfigBytes = 1 << 20;

double deadline_or_minus_one(double deadline) { return std::isfinite(deadline) ? std::max(deadline, 0.0) : -1.0; }

const char* give(std::string text) {
  instance()->out = std::move(text);
  return instance()->out.c_str();
}

// The binary result: a u32 byte length, then the value.
const unsigned char* give_value(const parley::Json& value) {
  std::string& out = instance()->out;
  out.assign(4, '\0');
  parley::abi::encode_value(value, out);
  auto size = static_cast<std::uint32_t>(out.size() - 4);
  std::memcpy(out.data(), &size, 4);
  return reinterpret_cast<const unsigned char*>(out.data());
}

parley::Json configure_result(parley::Engine& engine, const parley::Errors& errors) {
  parley::Json result = parley::Json::object();
  result["errors"] = errors_to_json(errors);
  result["zones"] = engine.config().zones();
  result["readsCountry"] = engine.rules_read_country();
  result["theme"] = engine.theme_view();
  return result;
}

parley::Json handle_result(parley::Engine& engine, const parley::Errors& errors) {
  parley::Json result = parley::Json::object();
  result["errors"] = errors_to_json(errors);
  result["actions"] = engine.take_actions();
  result["nextDeadline"] = deadline_or_minus_one(engine.next_deadline_ms());
  return result;
}

parley::Errors undecodable(std::string_view what) {
  return parley::one_error(parley::ErrorCode::malformed_json, std::string(what) + " is not a well-formed value");
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
  return give(dump(configure_result(engine, errors)));
}

const char* parley_handle(const char* event_json, double now_ms) {
  parley::Engine& engine = instance()->engine;
  parley::Errors errors = event_json == nullptr
                              ? parley::one_error(parley::ErrorCode::missing_field, "no event")
                              : engine.handle_json(event_json, now_ms);
  return give(dump(handle_result(engine, errors)));
}

const unsigned char* parley_configure_value(const unsigned char* data, unsigned size, double text_bytes) {
  using parley::ErrorCode;
  parley::Engine& engine = instance()->engine;
  parley::Errors errors;
  if (text_bytes > kMaxConfigBytes) {
    errors = engine.refuse_config(parley::one_error(ErrorCode::too_large, "the config is larger than 1 MiB"));
  } else if (data == nullptr) {
    errors = engine.refuse_config(parley::one_error(ErrorCode::malformed_json, "the text is not valid JSON"));
  } else if (std::optional<parley::Json> config = parley::abi::decode_value(data, size)) {
    errors = engine.configure_value(*config);
  } else {
    errors = engine.refuse_config(undecodable("the config"));
  }
  return give_value(configure_result(engine, errors));
}

const unsigned char* parley_handle_value(const unsigned char* data, unsigned size, double now_ms) {
  parley::Engine& engine = instance()->engine;
  std::optional<parley::Json> event = parley::abi::decode_value(data, size);
  parley::Errors errors = event ? engine.handle(*event, now_ms) : undecodable("the event");
  return give_value(handle_result(engine, errors));
}

const unsigned char* parley_view_value(void) { return give_value(instance()->engine.view()); }

const unsigned char* parley_inspect_value(double now_ms) { return give_value(instance()->engine.inspect(now_ms)); }

const unsigned char* parley_availability_value(void) {
  const parley::FactState& facts = instance()->engine.facts();
  return give_value(parley::JsonObject()
      .add("chat", parley::to_json(facts.value(parley::fact_id(parley::BuiltinFact::available_chat))))
      .add("video", parley::to_json(facts.value(parley::fact_id(parley::BuiltinFact::available_video)))));
}

double parley_next_deadline(void) { return deadline_or_minus_one(instance()->engine.next_deadline_ms()); }

const char* parley_view(void) { return give(dump(instance()->engine.view())); }

const char* parley_inspect(double now_ms) { return give(dump(instance()->engine.inspect(now_ms))); }

const char* parley_version(void) { return parley::kVersion.data(); }  // a literal: NUL-terminated

}  // extern "C"
