// newer_schema_error (newer_schema.hpp).
#include "newer_schema.hpp"

#include <string>

namespace parley::relay {

StoreError newer_schema_error(int found_version, int known_version) {
  return StoreError{"schema", "the database has schema version " + std::to_string(found_version) +
                                  ", newer than this relay knows (" + std::to_string(known_version) +
                                  "): run a newer parley-relay, or restore a backup"};
}

}  // namespace parley::relay
