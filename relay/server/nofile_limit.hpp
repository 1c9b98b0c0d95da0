// RLIMIT_NOFILE raised to its hard limit: every connection is a descriptor, and the usual soft
// limit (1024) would stop the relay (and the load generator) far below 10,000 connections.
//
// Must not: fail the caller; a limit that cannot be raised is reported, not fatal.
#pragma once

#include <cstdint>

namespace parley::relay::server {

// The soft limit now in force (after raising it as far as allowed).
std::uint64_t raise_open_file_limit();

}  // namespace parley::relay::server
