#include "parley/json_object.hpp"

#include <string>

namespace parley {

JsonObject&& JsonObject::add(std::string_view key, Json value) && {
#ifdef PARLEY_OWN_JSON
  object_[key] = std::move(value);
#else
  object_[std::string(key)] = std::move(value);  // nlohmann's operator[] takes the key type
#endif
  return std::move(*this);
}

}  // namespace parley
