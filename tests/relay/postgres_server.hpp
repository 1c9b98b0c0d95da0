// A real, throwaway PostgreSQL server for the PostgreSQL store's tests (no mocks): the Debian
// server binaries (/usr/lib/postgresql/<version>/bin), a fresh data folder under the system's
// temp dir, listening on a free loopback port, fsync on, stopped by its pid at the end.
//
// The binaries are looked for under /usr/lib/postgresql (PARLEY_POSTGRES_ROOT overrides it).
//
// One server per test process (shared_postgres_server), and for each test a fresh schema of its
// own (fresh_store_url): independent tables, functions and schema version, as a fresh database
// would give, for a few milliseconds where CREATE DATABASE costs ~300 ms (it copies and fsyncs
// template1) and deleting the folder of 25 databases ~15 s on this machine's shared disk.
// initdb runs once per machine and PostgreSQL version: its output is kept as a template
// (/tmp/parley-pg-template-...; used only if it belongs to the server's user and is closed to
// others) and each server starts from a copy, because ctest runs every test in its own process
// and initdb costs seconds.
//
// initdb and postgres refuse to run as root: as root, they run as `nobody` (the folder is handed
// to it). Every wait is bounded; nothing here throws.
//
// Must not: reuse anything from an earlier server but the initdb template, leave a server
// running (a crashed test process takes its server down through PR_SET_PDEATHSIG).
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace parley::relay::testing {

class PostgresServer {
 public:
  // A started server, or nullptr and why not in `error` (a missing binary says which, and that
  // `./dev setup` installs it).
  static std::unique_ptr<PostgresServer> start(std::string& error);
  ~PostgresServer();   // stops it (immediate shutdown) and removes its folder
  PostgresServer(const PostgresServer&) = delete;
  PostgresServer& operator=(const PostgresServer&) = delete;

  std::uint16_t port() const { return port_; }
  // The libpq URI of one database of this server.
  std::string url(const std::string& database) const;
  // The URI of a new, empty schema of the `postgres` database, set as the connection's only
  // search_path (everything a store creates goes there); "" and why not in `error`.
  std::string fresh_store_url(std::string& error);

  // Stops the server as `pg_ctl stop -m fast` does (clients disconnected, a clean shutdown);
  // false if it had to be killed.
  bool shut_down();
  // Starts it again on the same port and data; "" when it answers, else why not.
  std::string start_again();

 private:
  PostgresServer() = default;
  std::string launch();                 // postgres as our child, waited for until it answers
  bool stop(int signal);                // the signal, then bounded waits, escalating to SIGKILL

  std::string bin_dir_, folder_;
  std::uint16_t port_ = 0;
  pid_t pid_ = -1;
  pid_t owner_ = -1;                    // a forked test child never stops its parent's server
  int schemas_ = 0;
};

// This process's server, started on first use (from the main thread: the server is bound to the
// life of the thread that starts it). nullptr when it cannot start; `error` says why, every time.
PostgresServer* shared_postgres_server(std::string& error);

// The first column of every row of sql on url, as text (NULL as ""), through a connection of its
// own: for tests that look at what is really stored. An error is one row "error: <message>".
std::vector<std::string> query_column(const std::string& url, const std::string& sql);

}  // namespace parley::relay::testing
