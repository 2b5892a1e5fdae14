#include "models/node/forwarding.hpp"

#include <algorithm>

namespace node {

uint64_t EcmpGroupStats::total() const {
  uint64_t n = 0;
  for (uint64_t p : packets) n += p;
  return n;
}

void Forwarder::start_record(Record& r, rib::Fib::GroupId group, const net::Prefix& prefix) {
  if (r.generation != 0 && r.sent != 0) retired_.push_back(std::move(r.stats));
  const auto hops = fib_.next_hops(group);
  r.generation = fib_.generation(group);
  r.sent = 0;
  r.stats = EcmpGroupStats{};
  r.stats.next_hops.assign(hops.begin(), hops.end());
  r.stats.packets.assign(hops.size(), 0);
  r.stats.first_prefix = prefix;
  r.stats.group = group;
  r.stats.generation = r.generation;
}

Forwarder::Record& Forwarder::record(rib::Fib::GroupId group, const net::Prefix& prefix) {
  // Grows only when the FIB hands out a higher group id than ever before.
  if (group >= records_.size()) records_.resize(group + 1);
  Record& r = records_[group];
  if (r.generation != fib_.generation(group)) start_record(r, group, prefix);
  if (r.stats.first_prefix != prefix) r.stats.several_prefixes = true;
  return r;
}

bool Forwarder::neighbour_owns(net::InterfaceId out, net::Ipv4 dst) const {
  const net::InterfaceId peer = network_.peer_of(out);
  if (peer == net::kNone) return false;
  for (const net::InterfaceAddress& a : network_.interface(peer).addresses)
    if (a.addr == dst) return true;
  return false;
}

void Forwarder::forward(net::PacketId id, bool transit) {
  net::Packet& p = network_.packets()[id];
  net::mark_visit(p, node_);
  const rib::Fib::Match m = fib_.lookup(p.dst);
  if (!m.found()) return network_.drop(id, net::DropReason::kNoRoute);
  const auto hops = fib_.next_hops(m.group);
  if (hops.empty()) return network_.drop(id, net::DropReason::kDiscard);
  if (transit) {
    if (p.ttl <= 1) return network_.drop(id, net::DropReason::kTtlExpired);
    --p.ttl;
  }
  Record& r = record(m.group, m.prefix);
  const uint32_t paths = static_cast<uint32_t>(hops.size());
  uint32_t i = 0;
  if (paths > 1) {
    const FlowKey key{p.src.value, p.dst.value, p.src_port, p.dst_port,
                      static_cast<uint8_t>(p.proto)};
    const uint64_t sequence = ecmp_.mode == EcmpMode::kPerPacketRoundRobin ? r.sent : packets_++;
    i = ecmp_select(ecmp_.mode, key, ecmp_.salt, paths, sequence);
  }
  ++r.sent;
  ++r.stats.packets[i];
  const rib::NextHop& nh = hops[i];
  // A connected route delivers to the destination itself: without a
  // neighbour that owns the address, ARP fails and the kernel drops it.
  if (nh.via.value == 0 && !neighbour_owns(nh.interface, p.dst))
    return network_.drop(id, net::DropReason::kNoRoute);
  network_.transmit(nh.interface, id);
}

std::vector<EcmpGroupStats> Forwarder::ecmp_stats() const {
  std::vector<EcmpGroupStats> out = retired_;
  for (rib::Fib::GroupId g = 0; g < records_.size(); ++g) {
    const Record& r = records_[g];
    if (r.generation == 0 || r.sent == 0) continue;
    out.push_back(r.stats);
    // Live when the FIB still has this very group (not a newer one under the id).
    out.back().live =
        g < fib_.group_slots() && fib_.generation(g) == r.generation && fib_.group(g).refs > 0;
  }
  std::sort(out.begin(), out.end(), [](const EcmpGroupStats& a, const EcmpGroupStats& b) {
    return a.generation < b.generation;
  });
  return out;
}

}  // namespace node
