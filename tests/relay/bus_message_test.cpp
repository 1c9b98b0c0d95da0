// The cluster bus's binary form (cluster/bus_message.hpp): every kind survives the round trip,
// and anything that is not exactly a message (cut short, longer, an unknown kind, a count that
// promises more than the bytes hold) is refused, since anyone who reaches NATS can publish.
#include <gtest/gtest.h>

#include <string>

#include "cluster/bus_message.hpp"

namespace parley::relay::cluster {
namespace {

std::vector<BusMessage> one_of_each() {
  std::vector<BusMessage> all;
  all.emplace_back(BusKind::opened, 7, first_connection_id(3) + 1).side = Side::agent;
  all.emplace_back(BusKind::frame, 7, 42).text = std::string("{\"v\":1}\0x", 9);
  all.emplace_back(BusKind::closed, 7, 42);
  all.emplace_back(BusKind::alive, 7).gateway = kMaxGatewayInstance;
  all.emplace_back(BusKind::deliver, 9, 42).frames = {"a", "", std::string(70000, 'x')};
  BusMessage& close = all.emplace_back(BusKind::close, 9, 42);
  close.code = 1012;
  close.text = "service restart";
  all.emplace_back(BusKind::reset, 9);
  all.emplace_back(BusKind::epoch, (std::int64_t{1} << 40) + 5);
  return all;
}

TEST(BusMessage, EveryKindSurvivesTheRoundTrip) {
  for (const BusMessage& sent : one_of_each()) {
    auto got = decode(encode(sent));
    ASSERT_TRUE(got) << static_cast<int>(sent.kind);
    EXPECT_EQ(got->kind, sent.kind);
    EXPECT_EQ(got->epoch, sent.epoch);
    EXPECT_EQ(got->gateway, sent.gateway);
    EXPECT_EQ(got->connection, sent.connection);
    EXPECT_EQ(got->side, sent.side);
    EXPECT_EQ(got->code, sent.code);
    EXPECT_EQ(got->text, sent.text);
    EXPECT_EQ(got->frames, sent.frames);
  }
}

TEST(BusMessage, AnythingButExactlyOneMessageIsRefused) {
  for (const BusMessage& sent : one_of_each()) {
    std::string bytes = encode(sent);
    for (std::size_t cut = 0; cut < bytes.size(); cut += 1 + cut / 8) {
      EXPECT_FALSE(decode(std::string_view(bytes).substr(0, cut))) << static_cast<int>(sent.kind) << " cut at " << cut;
    }
    EXPECT_FALSE(decode(bytes + '\0')) << static_cast<int>(sent.kind) << " with a byte more";
  }
  EXPECT_FALSE(decode(""));
  EXPECT_FALSE(decode(std::string("\x63", 1) + std::string(8, '\0'))) << "an unknown kind";
  std::string bad_side = encode(BusMessage(BusKind::opened, 1, 1));
  bad_side.back() = 2;
  EXPECT_FALSE(decode(bad_side)) << "a side that is neither visitor nor agent";
}

TEST(BusMessage, ACountThatPromisesMoreFramesThanTheBytesHoldIsRefusedWithoutAllocatingThem) {
  std::string bytes = encode(BusMessage(BusKind::deliver, 1, 1));
  bytes.replace(bytes.size() - 4, 4, std::string("\xff\xff\xff\xff", 4));
  EXPECT_FALSE(decode(bytes));
}

TEST(BusMessage, ABatchCarriesSeveralInOrderAndIsTakenWholeOrNotAtAll) {
  std::vector<std::string> encoded;
  for (const BusMessage& message : one_of_each()) encoded.push_back(encode(message));
  std::string batch = encode_batch(encoded);
  auto all = decode_all(batch);
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), encoded.size());
  for (std::size_t i = 0; i < encoded.size(); ++i) EXPECT_EQ(encode((*all)[i]), encoded[i]) << i;

  auto single = decode_all(encoded[1]);
  ASSERT_TRUE(single) << "a lone message is a batch of one";
  EXPECT_EQ(single->size(), 1u);

  EXPECT_FALSE(decode_all(batch.substr(0, batch.size() - 1))) << "cut short";
  EXPECT_FALSE(decode_all(batch + 'x')) << "a byte more";
  EXPECT_FALSE(decode_all(encode_batch({encoded[0], "junk"}))) << "one bad part spoils the batch";
  EXPECT_FALSE(decode_all(encode_batch({batch}))) << "no batch inside a batch";
  EXPECT_FALSE(decode(batch)) << "decode reads single messages only";
}

TEST(BusMessage, AConnectionIdNamesItsGateway) {
  EXPECT_EQ(gateway_of(first_connection_id(5) + 123456), 5u);
  EXPECT_EQ(gateway_of(first_connection_id(kMaxGatewayInstance) + ((ConnectionId{1} << kConnectionCounterBits) - 1)),
            kMaxGatewayInstance);
  EXPECT_EQ(gateway_subject(5), "parley.gateway.5");
}

}  // namespace
}  // namespace parley::relay::cluster
