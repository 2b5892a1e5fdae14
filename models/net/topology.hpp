// The static shape of a network: nodes, interfaces, links, and their ids.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "models/net/ipv4.hpp"
#include "models/vendor/vendor.hpp"
#include "sim/engine/time.hpp"

namespace net {

using NodeId = uint32_t;
using InterfaceId = uint32_t;
using LinkId = uint32_t;
inline constexpr uint32_t kNone = std::numeric_limits<uint32_t>::max();

enum class NodeKind { kHost, kSwitch, kRouter };
std::string_view kind_name(NodeKind k);

struct Interface {
  InterfaceId id = kNone;
  NodeId node = kNone;
  std::string name;  // as the user writes it: eth0, ge-0/0/9, lo
  std::vector<InterfaceAddress> addresses;
  LinkId link = kNone;  // none for loopbacks
  int link_side = 0;    // 0 = first endpoint of the link, 1 = second
  bool admin_up = true;
  bool carrier = true;  // as the node's routing stack currently sees it
  bool oper_up() const { return admin_up && carrier; }
};

struct Node {
  NodeId id = kNone;
  std::string name;
  NodeKind kind = NodeKind::kRouter;
  vendor::Vendor vendor = vendor::Vendor::kLinux;
  sim::Duration carrier_delay;  // carrier change -> interface oper state
  // Linux net.ipv4.tcp_syn_linear_timeouts: the first this many SYN
  // retransmissions wait the initial RTO each, before it doubles. 0 is the
  // classic back-off (Debian 12's 6.1 kernel); newer kernels default to 4.
  uint32_t tcp_syn_linear_timeouts = 0;
  std::vector<InterfaceId> interfaces;
};

struct LinkParams {
  uint64_t bandwidth_bps = 10'000'000'000;
  sim::Duration delay = sim::Duration::microseconds(1);
  uint32_t mtu = 1500;
  uint64_t queue_bytes = 1'000'000;
};

// Per-direction counters of a link.
struct LinkStats {
  uint64_t packets = 0;  // accepted for transmission
  uint64_t bytes = 0;
  uint64_t drops_queue_full = 0;
  uint64_t drops_loss = 0;
  uint64_t drops_silent = 0;
  uint64_t drops_link_down = 0;
  uint64_t drops_mtu = 0;
  uint64_t peak_queue_bytes = 0;
  // Serialisation time of the packets accepted, less what a carrier loss
  // cut short; Network::busy_time() takes off what is still queued.
  int64_t busy_ps = 0;
};

}  // namespace net
