// What relays say to each other over the bus (CLUSTER.md): a gateway's connection events for the
// router, the router's frames and closes for a gateway, and the heartbeats both ways. One compact
// binary form (little-endian, lengths before bytes), since every visitor frame crosses it twice.
//
// Contents: BusKind, BusMessage, encode, decode, the subjects.
// Must not: trust a payload (anything on the bus could be published by anyone who reaches NATS:
// decode checks every length and refuses what does not fit exactly).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "relay/router.hpp"

namespace parley::relay::cluster {

enum class BusKind : std::uint8_t {
  // gateway -> router (subject kRouterSubject)
  opened = 1,     // connection, side
  frame = 2,      // connection, text
  closed = 3,     // connection
  alive = 4,      // gateway: "I am here", every second
  // router -> one gateway (gateway_subject(instance))
  deliver = 10,   // connection, frames
  close = 11,     // connection, code, text (the reason)
  reset = 12,     // close every connection: the router no longer knows them
  // router -> every gateway (kEpochSubject)
  epoch = 13,     // "I am the router of this epoch", every second
  // either way: several of the above for one subject, in order (BusOutbox)
  batch = 20,
};

struct BusMessage {
  BusMessage() = default;
  BusMessage(BusKind kind, std::int64_t epoch, ConnectionId connection = 0) : kind(kind), epoch(epoch), connection(connection) {}

  BusKind kind = BusKind::alive;
  std::int64_t epoch = 0;          // the router epoch the sender works under
  std::uint32_t gateway = 0;       // alive: the sender's instance
  ConnectionId connection = 0;
  Side side = Side::visitor;       // opened
  std::uint16_t code = 0;          // close
  std::string text;                // frame: the frame; close: the reason
  std::vector<std::string> frames; // deliver
};

std::string encode(const BusMessage& message);
std::optional<BusMessage> decode(std::string_view bytes);
// Messages already encoded, as one batch; and every message of a payload, a batch or a single
// one (nullopt when any part is malformed: a batch is taken whole or not at all).
std::string encode_batch(const std::vector<std::string>& encoded);
std::optional<std::vector<BusMessage>> decode_all(std::string_view bytes);

// Far below NATS's default max_payload (1 MiB): a batch or a delivery is split to stay under it.
inline constexpr std::size_t kMaxBusPayload = 512 * 1024;

inline constexpr const char* kRouterSubject = "parley.router.in";
inline constexpr const char* kEpochSubject = "parley.router.epoch";
std::string gateway_subject(std::uint32_t instance);

// A connection id names its gateway: the instance in the high 24 bits, a counter below.
inline constexpr int kConnectionCounterBits = 40;
inline constexpr std::uint32_t kMaxGatewayInstance = (1u << 24) - 1;
inline std::uint32_t gateway_of(ConnectionId id) { return static_cast<std::uint32_t>(id >> kConnectionCounterBits); }
inline ConnectionId first_connection_id(std::uint32_t instance) {
  return static_cast<ConnectionId>(instance) << kConnectionCounterBits;
}

}  // namespace parley::relay::cluster
