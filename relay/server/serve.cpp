// run_serve: start, serve, stop (serve.hpp).
#include "serve.hpp"

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <memory>
#include <thread>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>

#include "cluster_node.hpp"
#include "http_session.hpp"
#include "listener.hpp"
#include "nofile_limit.hpp"
#include "relay/credentials.hpp"
#include "relay/router.hpp"
#include "router_driver.hpp"
#include "store_commands.hpp"

namespace parley::relay::server {

namespace net = boost::asio;

namespace {

constexpr auto kShutdownGrace = std::chrono::seconds(5);          // then connections are dropped

// TLS from config.tls: certificate chain and private key, PEM, TLS 1.2 and later.
std::unique_ptr<net::ssl::context> make_tls_context(const RelayConfig& config, std::string& error) {
  auto context = std::make_unique<net::ssl::context>(net::ssl::context::tls_server);
  context->set_options(net::ssl::context::default_workarounds | net::ssl::context::no_sslv2 |
                       net::ssl::context::no_sslv3 | net::ssl::context::no_tlsv1 |
                       net::ssl::context::no_tlsv1_1);
  boost::system::error_code ec;
  context->use_certificate_chain_file(config.tls_certificate, ec);
  if (ec) {
    error = "tls.certificate " + config.tls_certificate + ": " + ec.message();
    return nullptr;
  }
  context->use_private_key_file(config.tls_private_key, net::ssl::context::pem, ec);
  if (ec) {
    error = "tls.privateKey " + config.tls_private_key + ": " + ec.message();
    return nullptr;
  }
  return context;
}

// What the sessions report to, and how it stops: a single relay's router, or a cluster node.
class Backend {
 public:
  virtual ~Backend() = default;
  virtual ConnectionPort& port() = 0;
  // Closes every connection with `code`; on_drained runs when they are gone (and the last commit returned).
  virtual void stop(std::uint16_t code, std::string reason, std::function<void()> on_drained) = 0;
};

// One relay: its store, its router and their driver; retention every 6 h.
class SingleRelay final : public Backend {
 public:
  SingleRelay(net::io_context& io, const RelayConfig& config, std::unique_ptr<Store> store,
              std::unique_ptr<Credentials> credentials)
      : config_(config), store_(std::move(store)), credentials_(std::move(credentials)),
        router_(*credentials_, config.limits, [] { return random_token(); }), driver_(io, router_, *store_),
        retention_timer_(io) {}

  std::optional<std::string> restore() { return restore_router(*store_, router_); }
  void start_retention() {
    retention_timer_.expires_after(kRetentionEvery);
    retention_timer_.async_wait([this](boost::system::error_code error) {
      if (error) return;
      driver_.with_store([this](Store& commit_store) { prune_now(commit_store, config_); });
      start_retention();
    });
  }

  ConnectionPort& port() override { return driver_; }
  void stop(std::uint16_t code, std::string reason, std::function<void()> on_drained) override {
    retention_timer_.cancel();
    driver_.close_all(code, std::move(reason), std::move(on_drained));
  }

 private:
  const RelayConfig& config_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<Credentials> credentials_;
  Router router_;
  RouterDriver driver_;
  net::steady_timer retention_timer_;
};

class ClusterRelay final : public Backend {
 public:
  ClusterRelay(std::unique_ptr<Credentials> credentials) : credentials_(std::move(credentials)) {}
  std::optional<std::string> start(net::io_context& io, const RelayConfig& config) {
    auto started = ClusterNode::start(io, config, *credentials_);
    if (auto* message = std::get_if<std::string>(&started)) return *message;
    node_ = std::move(std::get<std::unique_ptr<ClusterNode>>(started));
    return std::nullopt;
  }
  ConnectionPort& port() override { return node_->port(); }
  void stop(std::uint16_t code, std::string reason, std::function<void()> on_drained) override {
    node_->stop(code, std::move(reason), std::move(on_drained));
  }

 private:
  std::unique_ptr<Credentials> credentials_;   // outlives the node's router
  std::unique_ptr<ClusterNode> node_;
};

// The backend the config asks for, started; nullptr after printing why it could not start.
std::unique_ptr<Backend> start_backend(net::io_context& io, const RelayConfig& config) {
  if (config.cluster) {
    auto cluster = std::make_unique<ClusterRelay>(make_credentials(config));
    if (auto error = cluster->start(io, config)) {
      std::fprintf(stderr, "parley-relay: cluster: %s\n", error->c_str());
      return nullptr;
    }
    return cluster;
  }
  auto opened = open_configured_store(config);
  if (auto* message = std::get_if<std::string>(&opened)) {
    std::fprintf(stderr, "parley-relay: store: %s\n", message->c_str());
    return nullptr;
  }
  auto& store = std::get<std::unique_ptr<Store>>(opened);
  prune_now(*store, config);
  auto single = std::make_unique<SingleRelay>(io, config, std::move(store), make_credentials(config));
  if (auto error = single->restore()) {
    std::fprintf(stderr, "parley-relay: store: %s\n", error->c_str());
    return nullptr;
  }
  single->start_retention();
  return single;
}

}  // namespace

int run_serve(const CliArgs& args) {
  auto loaded = load_config_or_report(args.config_file);
  if (!loaded) return 2;
  RelayConfig config = std::move(*loaded);
  if (args.listen_address) config.listen_address = *args.listen_address;
  if (args.listen_port) config.listen_port = *args.listen_port;
  if (args.threads) config.threads = *args.threads;
  if (config.threads < 1) config.threads = 1;

  std::unique_ptr<net::ssl::context> tls;
  if (!config.tls_certificate.empty()) {
    std::string tls_error;
    tls = make_tls_context(config, tls_error);
    if (!tls) {
      std::fprintf(stderr, "parley-relay: %s\n", tls_error.c_str());
      return 2;
    }
  }

  net::io_context io(config.threads);
  std::unique_ptr<Backend> backend = start_backend(io, config);
  if (!backend) return 1;

  std::uint64_t open_files = raise_open_file_limit();
  if (open_files < 10240) {
    std::fprintf(stderr, "parley-relay: warning: only %llu open files allowed (ulimit -n): that many connections at most\n",
                 static_cast<unsigned long long>(open_files));
  }

  SessionSettings settings{&backend->port(), config.origins, config.send_queue_bytes, tls.get()};
  Listener listener(io, settings);
  if (std::string error = listener.listen(config.listen_address, config.listen_port); !error.empty()) {
    std::fprintf(stderr, "parley-relay: listen: %s\n", error.c_str());
    return 1;
  }
  auto endpoint = listener.local_endpoint();
  std::string host = endpoint.address().is_v6() ? "[" + endpoint.address().to_string() + "]" : endpoint.address().to_string();
  std::printf("parley-relay listening on %s://%s:%u\n", tls ? "wss" : "ws", host.c_str(),
              static_cast<unsigned>(endpoint.port()));
  std::fflush(stdout);
  listener.start();

  net::steady_timer shutdown_grace(io);
  net::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](boost::system::error_code error, int) {
    if (error) return;
    listener.stop();
    backend->stop(1001, "relay stopping", [&io] { io.stop(); });
    // Peers that do not answer the close in time are not waited for.
    shutdown_grace.expires_after(kShutdownGrace);
    shutdown_grace.async_wait([&io](boost::system::error_code wait_error) {
      if (!wait_error) io.stop();
    });
  });

  std::vector<std::thread> extra_threads;
  for (int i = 1; i < config.threads; ++i) extra_threads.emplace_back([&io] { io.run(); });
  io.run();
  for (auto& thread : extra_threads) thread.join();
  return 0;
}

}  // namespace parley::relay::server
