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

constexpr double kRestoreEndedWithinMs = 3600.0 * 1000;          // a late rating still finds its conversation
constexpr auto kRetentionEvery = std::chrono::hours(6);
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

void prune_now(Store& store, const RelayConfig& config) {
  auto result = store.prune(retention_cutoff_ms(config, wall_clock_ms()));
  if (auto* error = std::get_if<StoreError>(&result)) {
    std::fprintf(stderr, "parley-relay: retention: %s: %s\n", error->code.c_str(), error->message.c_str());
    return;
  }
  const auto& counts = std::get<ForgetCounts>(result);
  if (counts.conversations > 0) {
    std::fprintf(stderr, "parley-relay: retention: %lld ended conversations deleted\n",
                 static_cast<long long>(counts.conversations));
  }
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

  auto opened = open_configured_store(config);
  if (auto* message = std::get_if<std::string>(&opened)) {
    std::fprintf(stderr, "parley-relay: store: %s\n", message->c_str());
    return 1;
  }
  std::unique_ptr<Store> store = std::move(std::get<std::unique_ptr<Store>>(opened));
  prune_now(*store, config);

  auto credentials = make_credentials(config);
  Router router(*credentials, config.limits, [] { return random_token(); });
  {
    auto snapshot = store->load(wall_clock_ms() - kRestoreEndedWithinMs);
    if (auto* error = std::get_if<StoreError>(&snapshot)) {
      std::fprintf(stderr, "parley-relay: store: load: %s: %s\n", error->code.c_str(), error->message.c_str());
      return 1;
    }
    router.restore(std::get<Snapshot>(snapshot));
  }

  std::uint64_t open_files = raise_open_file_limit();
  if (open_files < 10240) {
    std::fprintf(stderr, "parley-relay: warning: only %llu open files allowed (ulimit -n): that many connections at most\n",
                 static_cast<unsigned long long>(open_files));
  }

  net::io_context io(config.threads);
  RouterDriver driver(io, router, *store);
  SessionSettings settings{&driver, config.origins, config.send_queue_bytes, tls.get()};
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

  net::steady_timer retention_timer(io);
  std::function<void()> schedule_retention = [&] {
    retention_timer.expires_after(kRetentionEvery);
    retention_timer.async_wait([&](boost::system::error_code error) {
      if (error) return;
      driver.with_store([&config](Store& commit_store) { prune_now(commit_store, config); });
      schedule_retention();
    });
  };
  schedule_retention();

  net::steady_timer shutdown_grace(io);
  net::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](boost::system::error_code error, int) {
    if (error) return;
    listener.stop();
    retention_timer.cancel();
    driver.close_all(1001, "relay stopping", [&io] { io.stop(); });
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
