// A throwaway PostgreSQL server for tests (postgres_server.hpp).
#include "postgres_server.hpp"

#include "loopback_port.hpp"

#include <fcntl.h>
#include <grp.h>
#include <libpq-fe.h>
#include <pwd.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <sstream>
#include <thread>
#include <vector>

namespace parley::relay::testing {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

constexpr auto kInitdbTimeout = 60s;
constexpr auto kStartTimeout = 20s;
constexpr auto kStopTimeout = 10s;
constexpr const char* kSuperuser = "parley";

// Who runs initdb and postgres: ourselves, or `nobody` when we are root (they refuse root).
struct RunAs {
  bool switch_user = false;
  uid_t uid = 0;
  gid_t gid = 0;
};

RunAs run_as() {
  RunAs who;
  if (geteuid() != 0) return who;
  const passwd* nobody = getpwnam("nobody");
  const group* nogroup = getgrnam("nogroup");
  who.switch_user = nobody != nullptr;
  who.uid = nobody != nullptr ? nobody->pw_uid : 65534;
  who.gid = nogroup != nullptr ? nogroup->gr_gid : (nobody != nullptr ? nobody->pw_gid : 65534);
  return who;
}

// Gives path and everything under it to the user the server runs as.
void hand_over(const fs::path& path, const RunAs& who) {
  if (!who.switch_user) return;
  std::error_code ignored;
  if (lchown(path.c_str(), who.uid, who.gid) != 0) return;
  for (fs::recursive_directory_iterator it(path, ignored), end; it != end; it.increment(ignored)) {
    if (lchown(it->path().c_str(), who.uid, who.gid) != 0) return;
  }
}

std::string log_tail(const fs::path& log) {
  std::ifstream in(log);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (text.size() > 1500) text = "..." + text.substr(text.size() - 1500);
  return text;
}

// Starts argv as `who`, its output appended to log. With die_with_parent the child gets SIGINT
// (PostgreSQL's fast shutdown) if this thread ends without stopping it (a crashed test).
pid_t spawn(const std::vector<std::string>& argv, const fs::path& log, const RunAs& who, bool die_with_parent) {
  int log_fd = open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (log_fd < 0) return -1;
  std::vector<char*> args;
  for (const auto& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  pid_t pid = fork();
  if (pid == 0) {
    dup2(log_fd, STDOUT_FILENO);
    dup2(log_fd, STDERR_FILENO);
    int null_fd = open("/dev/null", O_RDONLY);
    if (null_fd >= 0) dup2(null_fd, STDIN_FILENO);
    if (who.switch_user && (setgroups(0, nullptr) != 0 || setgid(who.gid) != 0 || setuid(who.uid) != 0)) _exit(126);
    // After setuid: a change of credentials clears the parent-death signal.
    if (die_with_parent) prctl(PR_SET_PDEATHSIG, SIGINT);
    execv(args[0], args.data());
    _exit(127);
  }
  close(log_fd);
  return pid;
}

// The exit status (or 128 + signal), or nothing if it did not end within timeout.
std::optional<int> wait_exit(pid_t pid, Clock::duration timeout) {
  auto deadline = Clock::now() + timeout;
  for (;;) {
    int status = 0;
    pid_t done = waitpid(pid, &status, WNOHANG);
    if (done == pid) return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    if (done < 0) return -1;
    if (Clock::now() > deadline) return std::nullopt;
    std::this_thread::sleep_for(10ms);
  }
}

// Runs argv to its end; "" on exit status 0, else what went wrong and the end of its output.
std::string run_to_end(const std::vector<std::string>& argv, const fs::path& log, const RunAs& who) {
  pid_t pid = spawn(argv, log, who, false);
  if (pid < 0) return "cannot start " + argv[0];
  auto status = wait_exit(pid, kInitdbTimeout);
  if (!status) {
    kill(pid, SIGKILL);
    wait_exit(pid, 5s);
    return argv[0] + " did not finish in time:\n" + log_tail(log);
  }
  if (*status != 0) return argv[0] + " failed (status " + std::to_string(*status) + "):\n" + log_tail(log);
  return "";
}

bool executable(const fs::path& file) { return access(file.c_str(), X_OK) == 0; }

// /usr/lib/postgresql/<highest version>/bin, or "" and which binary is missing.
std::string find_bin_dir(std::string& error) {
  std::vector<fs::path> candidates;
  std::error_code ignored;
  const char* root = std::getenv("PARLEY_POSTGRES_ROOT");
  root = root != nullptr && *root != '\0' ? root : "/usr/lib/postgresql";
  for (const auto& entry : fs::directory_iterator(root, ignored)) candidates.push_back(entry.path() / "bin");
  std::sort(candidates.begin(), candidates.end(), [](const fs::path& a, const fs::path& b) {
    return std::atoi(a.parent_path().filename().c_str()) > std::atoi(b.parent_path().filename().c_str());
  });
  for (const char* needed : {"initdb", "postgres"}) {
    auto found = std::find_if(candidates.begin(), candidates.end(), [&](const fs::path& bin) { return executable(bin / needed); });
    if (found == candidates.end()) {
      error = std::string("the PostgreSQL tests need a real server, and ") + root + "/*/bin/" + needed +
              " was not found: run ./dev setup (it installs the Debian packages postgresql and libpq-dev)";
      return "";
    }
  }
  for (const auto& bin : candidates) {
    if (executable(bin / "initdb") && executable(bin / "postgres")) return bin.string();
  }
  error = std::string("no ") + root + "/*/bin has both initdb and postgres: run ./dev setup";
  return "";
}

// A fresh folder under the temp dir, owned by whoever runs the server.
std::string make_folder(const char* prefix, const RunAs& who) {
  std::string pattern = (fs::temp_directory_path() / (std::string(prefix) + "XXXXXX")).string();
  if (mkdtemp(pattern.data()) == nullptr) return "";
  hand_over(pattern, who);
  return pattern;
}

// An initdb'd data folder to copy: made once per PostgreSQL version and user, atomically (initdb
// into a private folder, then renamed), so concurrent test processes agree on one.
std::string template_dir(const std::string& bin_dir, const RunAs& who, std::string& error) {
  std::string version = fs::path(bin_dir).parent_path().filename().string();
  fs::path cached = fs::temp_directory_path() /
                    ("parley-pg-template-" + version + "-uid" + std::to_string(geteuid()) + "-v1");
  std::error_code ignored;
  struct stat info {};
  if (stat(cached.c_str(), &info) == 0) {
    // The temp dir is everyone's: a folder planted there (its postgresql.conf runs commands) is
    // not used. Ours belongs to the server's user and is closed to others (initdb's 0700).
    uid_t owner = who.switch_user ? who.uid : geteuid();
    if (info.st_uid != owner || (info.st_mode & 077) != 0)
      error = "refusing " + cached.string() + ": not made by these tests (owner or mode); remove it";
    else if (!fs::exists(cached / "PG_VERSION", ignored))
      error = cached.string() + " is not a PostgreSQL data folder; remove it";
    return error.empty() ? cached.string() : "";
  }

  std::string scratch = make_folder("parley-pg-initdb-", who);
  if (scratch.empty()) {
    error = "cannot make a temporary folder for initdb";
    return "";
  }
  fs::path data = fs::path(scratch) / "data";
  // 1 MB WAL segments: a smaller folder to copy for every test process.
  error = run_to_end({bin_dir + "/initdb", "-D", data.string(), "-U", kSuperuser, "-A", "trust", "-E", "UTF8",
                      "--locale=C", "--no-sync", "--no-instructions", "--wal-segsize=1"},
                     fs::path(scratch) / "initdb.log", who);
  if (error.empty() && rename(data.c_str(), cached.c_str()) != 0 && !fs::exists(cached / "PG_VERSION", ignored))
    error = "cannot keep the initdb template at " + cached.string();
  fs::remove_all(scratch, ignored);   // the loser of a race drops its own copy here
  return error.empty() ? cached.string() : "";
}

std::string maintenance_conninfo(std::uint16_t port) {
  return "host=127.0.0.1 port=" + std::to_string(port) + " user=" + kSuperuser + " dbname=postgres connect_timeout=5";
}

}  // namespace

std::unique_ptr<PostgresServer> PostgresServer::start(std::string& error) {
  std::string bin_dir = find_bin_dir(error);
  if (bin_dir.empty()) return nullptr;
  RunAs who = run_as();
  std::string source = template_dir(bin_dir, who, error);
  if (source.empty()) return nullptr;

  std::unique_ptr<PostgresServer> server(new PostgresServer());
  server->bin_dir_ = bin_dir;
  server->owner_ = getpid();
  server->folder_ = make_folder("parley-pg-", who);
  if (server->folder_.empty()) {
    error = "cannot make a temporary folder for PostgreSQL";
    return nullptr;
  }
  fs::path data = fs::path(server->folder_) / "data";
  std::error_code copy_error;
  fs::copy(source, data, fs::copy_options::recursive, copy_error);
  if (copy_error) {
    error = "copying the initdb template " + source + ": " + copy_error.message();
    return nullptr;
  }
  fs::permissions(data, fs::perms::owner_all, copy_error);   // postgres insists on 0700
  hand_over(data, who);

  // A port free a moment ago may be taken by the time postgres binds it: a few tries.
  for (int attempt = 0; attempt < 3; ++attempt) {
    server->port_ = free_loopback_port();
    error = server->launch();
    if (error.empty()) return server;
  }
  return nullptr;
}

std::string PostgresServer::launch() {
  fs::path log = fs::path(folder_) / "postgres.log";
  pid_ = spawn({bin_dir_ + "/postgres", "-D", (fs::path(folder_) / "data").string(), "-p", std::to_string(port_),
                "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=" + folder_, "-c", "fsync=on",
                "-c", "logging_collector=off"},
               log, run_as(), true);
  if (pid_ < 0) return "cannot start postgres";
  std::string conninfo = maintenance_conninfo(port_);
  auto deadline = Clock::now() + kStartTimeout;
  while (Clock::now() < deadline) {
    if (PQping(conninfo.c_str()) == PQPING_OK) return "";
    if (wait_exit(pid_, 0s)) {
      pid_ = -1;
      return "postgres exited at start:\n" + log_tail(log);
    }
    std::this_thread::sleep_for(20ms);
  }
  stop(SIGQUIT);
  return "postgres did not accept connections within 20 s:\n" + log_tail(log);
}

bool PostgresServer::stop(int signal) {
  if (pid_ < 0) return true;
  kill(pid_, signal);
  bool clean = wait_exit(pid_, kStopTimeout).has_value();
  if (!clean) {
    kill(pid_, SIGQUIT);   // immediate shutdown: the postmaster still takes its backends down
    if (!wait_exit(pid_, 5s)) {
      kill(pid_, SIGKILL);
      wait_exit(pid_, 5s);
    }
  }
  pid_ = -1;
  return clean;
}

PostgresServer::~PostgresServer() {
  if (getpid() != owner_) return;
  // Immediate: its data is about to be deleted, so a shutdown checkpoint would be wasted fsyncs.
  stop(SIGQUIT);
  std::error_code ignored;
  if (!folder_.empty()) fs::remove_all(folder_, ignored);
}

std::string PostgresServer::url(const std::string& database) const {
  return std::string("postgresql://") + kSuperuser + "@127.0.0.1:" + std::to_string(port_) + "/" + database;
}

std::string PostgresServer::fresh_store_url(std::string& error) {
  std::string schema = "test_" + std::to_string(++schemas_);
  PGconn* conn = PQconnectdb(maintenance_conninfo(port_).c_str());
  PGresult* result = PQstatus(conn) == CONNECTION_OK ? PQexec(conn, ("CREATE SCHEMA " + schema).c_str()) : nullptr;
  if (result == nullptr || PQresultStatus(result) != PGRES_COMMAND_OK) error = "CREATE SCHEMA: " + std::string(PQerrorMessage(conn));
  PQclear(result);
  PQfinish(conn);
  // options=-c search_path=<schema>, percent-encoded as a URI query value.
  return error.empty() ? url("postgres") + "?options=-csearch_path%3D" + schema : "";
}

bool PostgresServer::shut_down() {
  return stop(SIGINT);   // what `pg_ctl stop -m fast` sends
}

std::string PostgresServer::start_again() { return launch(); }

PostgresServer* shared_postgres_server(std::string& error) {
  static std::string start_error;
  static std::unique_ptr<PostgresServer> server = PostgresServer::start(start_error);
  error = start_error;
  return server.get();
}

std::vector<std::string> query_column(const std::string& url, const std::string& sql) {
  PGconn* conn = PQconnectdb(url.c_str());
  PGresult* result = PQstatus(conn) == CONNECTION_OK ? PQexec(conn, sql.c_str()) : nullptr;
  std::vector<std::string> column;
  ExecStatusType status = result != nullptr ? PQresultStatus(result) : PGRES_FATAL_ERROR;
  if (status == PGRES_TUPLES_OK) {
    for (int row = 0; row < PQntuples(result); ++row) column.emplace_back(PQgetvalue(result, row, 0));
  } else if (status != PGRES_COMMAND_OK) {
    column.push_back("error: " + std::string(PQerrorMessage(conn)));
  }
  PQclear(result);
  PQfinish(conn);
  return column;
}

}  // namespace parley::relay::testing
