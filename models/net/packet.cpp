#include "models/net/packet.hpp"

namespace net {

PacketId PacketPool::allocate(const Packet& p) {
  ++in_use_;
  if (p.control) ++control_in_use_;
  if (!free_.empty()) {
    const PacketId id = free_.back();
    free_.pop_back();
    packets_[id] = p;
    live_[id] = 1;
    return id;
  }
  packets_.push_back(p);
  messages_.emplace_back();
  live_.push_back(1);
  return static_cast<PacketId>(packets_.size() - 1);
}

PacketId PacketPool::allocate(const Packet& p, std::unique_ptr<Message> msg) {
  const PacketId id = allocate(p);
  if (!packets_[id].control) ++control_in_use_;
  packets_[id].control = true;
  messages_[id] = std::move(msg);
  return id;
}

void PacketPool::release(PacketId id) {
  if (id >= live_.size() || !live_[id]) {
    ++bad_releases_;
    return;
  }
  live_[id] = 0;
  if (packets_[id].control) --control_in_use_;
  if (messages_[id]) messages_[id].reset();
  free_.push_back(id);
  --in_use_;
}

}  // namespace net
