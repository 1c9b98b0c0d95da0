// parley/compiled_config.hpp: a config compiled once, by `parley-config compile`, so that the
// visitor's parley.wasm starts without the config reader (README, "Compiled configs").
//
// A compiled file is the site's JSON config with one more member:
//
//   "$compiled": {"parley": "0.1.0", "check": 2166136261, "config": [...]}
//
// "config" is the checked Config, field after field in the order compiled_config.cpp visits them
// (nested arrays, no keys, no texts to check); "check" is a 32-bit FNV-1a digest of the Parley
// version, "config" and the JSON members. The JSON members stay: the runtime reads some of them
// (transport, consent, ICE servers), the QA console edits them, and they are what the engine
// reads, with the reader as always, when "$compiled" cannot be used: compiled by another Parley
// version, or a file edited after it was compiled (the digest differs). That is reported (an
// error at /$compiled) and nothing else changes.
//
// The runtime changes two members before the engine sees a config; the digest leaves them out:
// "trace" (data-lcw-version="test" sets it; the engine takes it from the JSON member) and
// video.iceServers (the runtime takes them out).
#pragma once

#include <cstdint>
#include <optional>

#include "parley/config.hpp"

namespace parley {

inline constexpr char kCompiledKey[] = "$compiled";

// The "$compiled" member for `config`, read without errors from `source` (whose own "$compiled",
// if any, is ignored).
Json compile_config(const Config& config, const Json& source);

// "check": the digest of `source`'s members (the three above left out) and of `fields`, the
// compiled config's field list.
std::uint32_t compiled_config_check(const Json& source, const Json& fields);

// The config source["$compiled"] holds. nullopt when there is none, or (with an error saying why
// and what happens instead) when it cannot be used: then the caller reads the JSON members.
std::optional<Config> read_compiled_config(const Json& source, Errors& errors);

}  // namespace parley
