#include "models/net/packet.hpp"

namespace net {

PacketId PacketPool::allocate(const Packet& p) {
  ++in_use_;
  if (!free_.empty()) {
    const PacketId id = free_.back();
    free_.pop_back();
    packets_[id] = p;
    return id;
  }
  packets_.push_back(p);
  messages_.emplace_back();
  return static_cast<PacketId>(packets_.size() - 1);
}

PacketId PacketPool::allocate(const Packet& p, std::unique_ptr<Message> msg) {
  const PacketId id = allocate(p);
  packets_[id].control = true;
  messages_[id] = std::move(msg);
  return id;
}

void PacketPool::release(PacketId id) {
  messages_[id].reset();
  free_.push_back(id);
  --in_use_;
}

}  // namespace net
