// The refusal every store gives a database written by a newer relay: its meaning may have
// changed under us, so it is neither read nor migrated "down".
#pragma once

#include "relay/store.hpp"

namespace parley::relay {

// Code "schema"; the message names both versions and what to do.
StoreError newer_schema_error(int found_version, int known_version);

}  // namespace parley::relay
