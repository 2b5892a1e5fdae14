// The data plane of one node: FIB lookup, TTL, ECMP choice, hand-off to the link.
//
// forward() is the hot path of every packet at every hop, so it does no
// allocation and no string work: one LPM lookup, one ECMP choice
// (models/node/ecmp.hpp), a few counters, one Network::transmit. The order
// of checks is Linux's ip_rcv -> ip_forward: the route lookup comes first
// (no route, or a discard route, drops before the TTL is looked at), then a
// forwarded packet's TTL is checked and decremented. Locally originated
// packets keep their TTL (the kernel sets it, it does not decrement it).
//
// Each next-hop group that carries a packet gets a record of packets per
// next hop, which ecmp.csv reports; the round-robin mode uses the record's
// packet count as its sequence, so shares within a group are exact. When the
// FIB frees a group and reuses its id, the old record is retired whole.
//
// Every packet a node forwards, its own included, is marked as visited by
// the node (net::mark_visit: one bit test and set), so one that comes back
// is known to have looped (the convergence report's transient loops).
#pragma once

#include <cstdint>
#include <vector>

#include "models/net/network.hpp"
#include "models/node/ecmp.hpp"
#include "models/rib/fib.hpp"

namespace node {

struct EcmpConfig {
  EcmpMode mode = EcmpMode::kL3;
  uint64_t salt = 0;  // the node's hash seed
};

// Packets per next hop of one next-hop group, over the group's lifetime.
struct EcmpGroupStats {
  std::vector<rib::NextHop> next_hops;
  std::vector<uint64_t> packets;                 // per next hop, same order
  net::Prefix first_prefix;                      // the destination of the group's first packet
  bool several_prefixes = false;                 // more than one prefix used the group
  rib::Fib::GroupId group = rib::Fib::kNoGroup;  // its id in the FIB
  uint64_t generation = 0;                        // the FIB's: orders groups by creation
  bool live = false;  // set by ecmp_stats(): the FIB still has this group

  uint64_t total() const;
};

class Forwarder {
 public:
  // `node`: the node this is the data plane of.
  Forwarder(net::Network& network, net::NodeId node, const rib::Fib& fib, EcmpConfig ecmp)
      : network_(network), node_(node), fib_(fib), ecmp_(ecmp) {}
  Forwarder(const Forwarder&) = delete;
  Forwarder& operator=(const Forwarder&) = delete;

  // Sends a packet that is not for this node toward its destination.
  // `transit`: it arrived on a link (TTL is checked and decremented);
  // otherwise this node originated it.
  void forward(net::PacketId id, bool transit);

  const EcmpConfig& ecmp() const { return ecmp_; }
  void set_ecmp(EcmpConfig ecmp) { ecmp_ = ecmp; }

  // Every group that carried packets, in the order the FIB created them.
  std::vector<EcmpGroupStats> ecmp_stats() const;

 private:
  struct Record {
    uint64_t generation = 0;  // the FIB group's; 0 = unused (stats.generation once used)
    uint64_t sent = 0;        // packets through the group: round-robin's sequence
    EcmpGroupStats stats;
  };

  Record& record(rib::Fib::GroupId group, const net::Prefix& prefix);
  void start_record(Record& r, rib::Fib::GroupId group, const net::Prefix& prefix);
  // Whether the neighbour on a connected route's interface owns `dst` (ARP
  // would resolve it); otherwise the packet has nowhere to go.
  bool neighbour_owns(net::InterfaceId out, net::Ipv4 dst) const;

  net::Network& network_;
  net::NodeId node_;
  const rib::Fib& fib_;
  EcmpConfig ecmp_;
  uint64_t packets_ = 0;         // per-packet random's sequence
  std::vector<Record> records_;  // by group id
  std::vector<EcmpGroupStats> retired_;
};

}  // namespace node
