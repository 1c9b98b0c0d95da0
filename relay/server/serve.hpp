// `parley-relay serve`: the process from start to stop. Config (errors with their JSON path, exit
// 2), store opened and pruned, snapshot restored into the router, RLIMIT_NOFILE raised, listening
// (one line on stdout: "parley-relay listening on ws://ADDR:PORT", the real port when 0 was
// asked), then serving until SIGTERM/SIGINT: stop accepting, close every connection with 1001,
// exit 0. Retention runs at start and every 6 h. With a "cluster" section the relay is one node of
// a cluster instead (cluster_node.hpp): a gateway, and the router while elected.
//
// Must not: decide anything about routing (the Router does), commit outside RouterDriver.
#pragma once

#include "cli_args.hpp"

namespace parley::relay::server {

// The process exit code: 0 stopped by a signal, 1 failed while running, 2 bad config.
int run_serve(const CliArgs& args);

}  // namespace parley::relay::server
