// The bus's binary form (bus_message.hpp).
#include "bus_message.hpp"

#include <cstring>

namespace parley::relay::cluster {
namespace {

class Writer {
 public:
  template <typename T>
  void number(T value) {
    for (std::size_t i = 0; i < sizeof(T); ++i) out_.push_back(static_cast<char>((static_cast<std::uint64_t>(value) >> (8 * i)) & 0xff));
  }
  void bytes(std::string_view text) {
    number(static_cast<std::uint32_t>(text.size()));
    out_.append(text);
  }
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
};

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}

  template <typename T>
  bool number(T& value) {
    if (in_.size() < sizeof(T)) return false;
    std::uint64_t read = 0;
    for (std::size_t i = 0; i < sizeof(T); ++i) read |= static_cast<std::uint64_t>(static_cast<unsigned char>(in_[i])) << (8 * i);
    value = static_cast<T>(read);
    in_.remove_prefix(sizeof(T));
    return true;
  }
  bool bytes(std::string& text) {
    std::uint32_t size = 0;
    if (!number(size) || in_.size() < size) return false;
    text.assign(in_.data(), size);
    in_.remove_prefix(size);
    return true;
  }
  bool done() const { return in_.empty(); }
  std::size_t left() const { return in_.size(); }

 private:
  std::string_view in_;
};

bool known_kind(std::uint8_t kind) {
  switch (static_cast<BusKind>(kind)) {
    case BusKind::opened: case BusKind::frame: case BusKind::closed: case BusKind::alive:
    case BusKind::deliver: case BusKind::close: case BusKind::reset: case BusKind::epoch:
      return true;
    case BusKind::batch:
      return false;   // only decode_all reads one
  }
  return false;
}

}  // namespace

std::string gateway_subject(std::uint32_t instance) { return "parley.gateway." + std::to_string(instance); }

std::string encode(const BusMessage& message) {
  Writer out;
  out.number(static_cast<std::uint8_t>(message.kind));
  out.number(static_cast<std::uint64_t>(message.epoch));
  switch (message.kind) {
    case BusKind::opened:
      out.number(message.connection);
      out.number(static_cast<std::uint8_t>(message.side == Side::agent ? 1 : 0));
      break;
    case BusKind::frame:
      out.number(message.connection);
      out.bytes(message.text);
      break;
    case BusKind::closed:
      out.number(message.connection);
      break;
    case BusKind::alive:
      out.number(message.gateway);
      break;
    case BusKind::deliver:
      out.number(message.connection);
      out.number(static_cast<std::uint32_t>(message.frames.size()));
      for (const auto& frame : message.frames) out.bytes(frame);
      break;
    case BusKind::close:
      out.number(message.connection);
      out.number(message.code);
      out.bytes(message.text);
      break;
    case BusKind::reset:
    case BusKind::epoch:
    case BusKind::batch:
      break;
  }
  return out.take();
}

std::string encode_batch(const std::vector<std::string>& encoded) {
  Writer out;
  out.number(static_cast<std::uint8_t>(BusKind::batch));
  out.number(static_cast<std::uint32_t>(encoded.size()));
  for (const auto& message : encoded) out.bytes(message);
  return out.take();
}

std::optional<std::vector<BusMessage>> decode_all(std::string_view bytes) {
  std::vector<BusMessage> messages;
  if (bytes.empty() || static_cast<std::uint8_t>(bytes[0]) != static_cast<std::uint8_t>(BusKind::batch)) {
    auto single = decode(bytes);
    if (!single) return std::nullopt;
    messages.push_back(std::move(*single));
    return messages;
  }
  Reader in(bytes.substr(1));
  std::uint32_t count = 0;
  if (!in.number(count) || count > in.left() / 4) return std::nullopt;
  messages.reserve(count);
  std::string each;
  for (std::uint32_t i = 0; i < count; ++i) {
    if (!in.bytes(each)) return std::nullopt;
    auto message = decode(each);   // a batch inside a batch is refused here
    if (!message) return std::nullopt;
    messages.push_back(std::move(*message));
  }
  if (!in.done()) return std::nullopt;
  return messages;
}

std::optional<BusMessage> decode(std::string_view bytes) {
  Reader in(bytes);
  BusMessage message;
  std::uint8_t kind = 0;
  std::uint64_t epoch = 0;
  if (!in.number(kind) || !known_kind(kind) || !in.number(epoch)) return std::nullopt;
  message.kind = static_cast<BusKind>(kind);
  message.epoch = static_cast<std::int64_t>(epoch);
  bool ok = true;
  switch (message.kind) {
    case BusKind::opened: {
      std::uint8_t side = 0;
      ok = in.number(message.connection) && in.number(side) && side <= 1;
      message.side = side == 1 ? Side::agent : Side::visitor;
      break;
    }
    case BusKind::frame:
      ok = in.number(message.connection) && in.bytes(message.text);
      break;
    case BusKind::closed:
      ok = in.number(message.connection);
      break;
    case BusKind::alive:
      ok = in.number(message.gateway);
      break;
    case BusKind::deliver: {
      std::uint32_t count = 0;
      ok = in.number(message.connection) && in.number(count) && count <= in.left() / 4;   // each frame has a 4-byte length
      for (std::uint32_t i = 0; ok && i < count; ++i) ok = in.bytes(message.frames.emplace_back());
      break;
    }
    case BusKind::close:
      ok = in.number(message.connection) && in.number(message.code) && in.bytes(message.text);
      break;
    case BusKind::reset:
    case BusKind::epoch:
    case BusKind::batch:
      break;
  }
  if (!ok || !in.done()) return std::nullopt;
  return message;
}

}  // namespace parley::relay::cluster
