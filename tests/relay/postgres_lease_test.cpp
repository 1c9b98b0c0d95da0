// The cluster's election on PostgreSQL (relay/postgres_lease.hpp) and the fence on the router's
// commits (PostgresOptions::fence_epoch), on the test process's real server: one holder at a
// time, every election a higher epoch, a deposed router's commit refused ("fenced") with nothing
// written, and a lost session frees the role.
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <thread>
#include <string>
#include <variant>

#include "postgres_server.hpp"
#include "relay/postgres_lease.hpp"
#include "relay/postgres_store.hpp"

namespace parley::relay {
namespace {

class PostgresLeaseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string error;
    server_ = testing::shared_postgres_server(error);
    ASSERT_NE(server_, nullptr) << error;
    url_ = server_->fresh_store_url(error);
    ASSERT_FALSE(url_.empty()) << error;
    unfenced_ = open_store(0);   // migrates
    ASSERT_NE(unfenced_, nullptr);
  }

  std::unique_ptr<Store> open_store(std::int64_t fence) {
    PostgresOptions options;
    options.fence_epoch = fence;
    auto opened = open_postgres_store(url_, options);
    if (auto* error = std::get_if<StoreError>(&opened)) {
      ADD_FAILURE() << error->code << ": " << error->message;
      return nullptr;
    }
    return std::move(std::get<std::unique_ptr<Store>>(opened));
  }

  std::unique_ptr<PostgresLease> open_lease() {
    auto opened = open_postgres_lease(url_);
    if (auto* error = std::get_if<StoreError>(&opened)) {
      ADD_FAILURE() << error->code << ": " << error->message;
      return nullptr;
    }
    return std::move(std::get<std::unique_ptr<PostgresLease>>(opened));
  }

  static std::optional<std::int64_t> acquire(PostgresLease& lease) {
    auto result = lease.try_acquire();
    EXPECT_TRUE(std::holds_alternative<std::optional<std::int64_t>>(result)) << std::get<StoreError>(result).message;
    return std::holds_alternative<std::optional<std::int64_t>>(result) ? std::get<std::optional<std::int64_t>>(result)
                                                                      : std::nullopt;
  }

  // A closed session's lock is freed once its server process noticed: a moment, not at once.
  static std::optional<std::int64_t> acquire_within_2s(PostgresLease& lease) {
    for (int i = 0; i < 100; ++i) {
      if (auto epoch = acquire(lease)) return epoch;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return std::nullopt;
  }

  static std::vector<StoreWrite> touch(const std::string& visitor) { return {TouchVisitor{visitor, 1.0}}; }

  testing::PostgresServer* server_ = nullptr;
  std::string url_;
  std::unique_ptr<Store> unfenced_;
};

TEST_F(PostgresLeaseTest, OneHolderAtATimeAndEveryElectionAHigherEpoch) {
  auto a = open_lease(), b = open_lease();
  ASSERT_TRUE(a && b);
  auto first = acquire(*a);
  ASSERT_TRUE(first);
  EXPECT_FALSE(acquire(*b)) << "held by a";
  EXPECT_TRUE(a->still_held());
  a->release();
  EXPECT_FALSE(a->still_held());
  auto second = acquire(*b);
  ASSERT_TRUE(second);
  EXPECT_GT(*second, *first);
  EXPECT_FALSE(acquire(*a)) << "held by b";
}

TEST_F(PostgresLeaseTest, ADeposedRoutersCommitIsFencedAndWritesNothing) {
  auto a = open_lease(), b = open_lease();
  ASSERT_TRUE(a && b);
  auto epoch_a = acquire(*a);
  ASSERT_TRUE(epoch_a);
  auto router_a = open_store(*epoch_a);
  ASSERT_NE(router_a, nullptr);
  EXPECT_FALSE(router_a->apply(touch("v-before"))) << "the current router commits";

  // a's session is gone (as after a network cut); b is elected while a's store still works.
  a.reset();
  auto epoch_b = acquire_within_2s(*b);
  ASSERT_TRUE(epoch_b);
  auto error = router_a->apply(touch("v-after"));
  ASSERT_TRUE(error) << "a deposed router must not commit";
  EXPECT_EQ(error->code, "fenced") << error->message;
  auto router_b = open_store(*epoch_b);
  ASSERT_NE(router_b, nullptr);
  EXPECT_FALSE(router_b->apply(touch("v-by-b")));
  EXPECT_EQ(testing::query_column(url_, "SELECT id FROM visitors ORDER BY id"), (std::vector<std::string>{"v-before", "v-by-b"}));
}

TEST_F(PostgresLeaseTest, GatewayInstancesAreNeverTheSameTwiceInARow) {
  auto a = open_lease(), b = open_lease();
  ASSERT_TRUE(a && b);
  auto first = a->new_gateway_instance(), second = b->new_gateway_instance();
  ASSERT_TRUE(std::holds_alternative<std::uint32_t>(first) && std::holds_alternative<std::uint32_t>(second));
  EXPECT_NE(std::get<std::uint32_t>(first), std::get<std::uint32_t>(second));
  EXPECT_GE(std::get<std::uint32_t>(first), 1u);
}

TEST_F(PostgresLeaseTest, ALeaseOnASchemaThatWasNeverMigratedIsAClearError) {
  std::string error;
  std::string bare = server_->fresh_store_url(error);
  ASSERT_FALSE(bare.empty()) << error;
  auto opened = open_postgres_lease(bare);
  ASSERT_TRUE(std::holds_alternative<std::unique_ptr<PostgresLease>>(opened));
  auto acquired = std::get<std::unique_ptr<PostgresLease>>(opened)->try_acquire();
  ASSERT_TRUE(std::holds_alternative<StoreError>(acquired));
  EXPECT_FALSE(std::get<StoreError>(acquired).message.empty());
}

}  // namespace
}  // namespace parley::relay
