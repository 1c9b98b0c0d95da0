// parley/json_object.hpp: building a JSON object one member per call.
//
// `Json{{"type", "render"}, {"view", view}}` is how nlohmann spells an object, and JsonValue takes
// it the same way: every member is built as a two-element array [key, value] first, then the outer
// list is recognized as an object. All of that is code at the call site, repeated wherever an
// action or a view part is built. JsonObject does the same with one out-of-line call per member:
//
//   Json action = JsonObject().add("type", "render").add("view", std::move(view));
#pragma once

#include <string_view>
#include <utility>

#include "parley/json_reader.hpp"  // Json

namespace parley {

class JsonObject {
 public:
  JsonObject() : object_(Json::object()) {}
  // Sets `key` (a later add of the same key replaces the value, as operator[] does). On a
  // temporary only, as in the example: the chain ends where a Json is wanted.
  JsonObject&& add(std::string_view key, Json value) &&;
  operator Json() && { return std::move(object_); }  // NOLINT: converts where a Json is wanted

 private:
  Json object_;
};

}  // namespace parley
