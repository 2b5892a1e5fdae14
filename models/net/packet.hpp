// Packets and the pool they live in.
//
// A Packet is a small plain struct; events refer to it by PacketId so that no
// packet is allocated or copied on the forwarding path. Control-plane packets
// (BGP, OSPF, BFD) carry a Message owned by the pool beside the packet.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "models/net/ipv4.hpp"
#include "sim/engine/time.hpp"

namespace net {

using PacketId = uint32_t;
// Packet::flow of a packet that belongs to no traffic flow (control traffic, tests).
inline constexpr uint32_t kNoFlow = UINT32_MAX;

enum class IpProto : uint8_t { kIcmp = 1, kTcp = 6, kUdp = 17, kOspf = 89 };

// The body of a control-plane packet; each protocol derives its own.
struct Message {
  virtual ~Message() = default;
};

// 48 bytes. What every hop reads (addresses, ports, TTL, flags, visited,
// size) comes first, so a hop touches one cache line of a packet.
struct Packet {
  Ipv4 src;
  Ipv4 dst;
  IpProto proto = IpProto::kUdp;
  uint8_t ttl = 64;
  uint16_t src_port = 0;
  uint16_t dst_port = 0;
  bool control = false;     // carries a Message
  bool looped = false;      // back at a node that had forwarded it: a transient loop
  // The nodes that have forwarded the packet, as bit (node id % 64): exact
  // up to 64 nodes; beyond, two nodes 64 ids apart share a bit, so a path
  // through both reads as a loop (never the other way round). Set by
  // node::Forwarder.
  uint64_t visited = 0;
  uint32_t size_bytes = 0;  // on the wire, IP header included
  uint32_t flow = kNoFlow;  // traffic flow index, for accounting
  uint64_t seq = 0;         // per-flow sequence number, for reordering
  sim::Time created;
};

// Marks the packet as forwarded by `node`, and as looped if it already was.
inline void mark_visit(Packet& p, uint32_t node) {
  const uint64_t bit = uint64_t{1} << (node % 64);
  p.looped |= (p.visited & bit) != 0;
  p.visited |= bit;
}

class PacketPool {
 public:
  PacketId allocate(const Packet& p);
  PacketId allocate(const Packet& p, std::unique_ptr<Message> msg);
  // Releasing a packet that is not in use is counted, not obeyed: the run's
  // accounting check reports it (a double release is a bug in a model).
  void release(PacketId id);

  Packet& operator[](PacketId id) { return packets_[id]; }
  const Packet& operator[](PacketId id) const { return packets_[id]; }
  const Message* message(PacketId id) const { return messages_[id].get(); }
  size_t in_use() const { return in_use_; }
  size_t control_in_use() const { return control_in_use_; }
  uint64_t bad_releases() const { return bad_releases_; }

 private:
  std::vector<Packet> packets_;
  std::vector<std::unique_ptr<Message>> messages_;
  std::vector<uint8_t> live_;
  std::vector<PacketId> free_;
  size_t in_use_ = 0;
  size_t control_in_use_ = 0;
  uint64_t bad_releases_ = 0;
};

}  // namespace net
