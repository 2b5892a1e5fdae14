#include "sim/run/world_ospf.hpp"

#include <algorithm>

namespace run {

ospf::OspfConfig ospf_config(const net::Network& network, const net::Node& node,
                             const OspfSpec& spec, net::Ipv4 router_id) {
  ospf::OspfConfig c;
  c.router_id = router_id;
  const bool bird = node.vendor == vendor::Vendor::kBird || node.vendor == vendor::Vendor::kLinux;
  for (const OspfInterfaceSpec& i : spec.interfaces) {
    ospf::OspfInterfaceConfig ic;
    ic.interface = network.find_interface(node.id, i.name);
    ic.cost = i.cost;
    ic.passive = i.passive;
    ic.hello_interval = i.hello;
    ic.dead_interval = i.dead;
    // Junos `reference-bandwidth`, FRR `auto-cost reference-bandwidth`: cost
    // = reference / link bandwidth, at least 1. BIRD has no such knob (the
    // loader warned); loopbacks keep cost 0.
    const net::LinkId link = network.interface(ic.interface).link;
    if (!ic.cost && spec.reference_bandwidth_bps && !bird && link != net::kNone) {
      const uint64_t bw = std::max<uint64_t>(network.link_params(link).bandwidth_bps, 1);
      ic.cost =
          static_cast<uint32_t>(std::clamp<uint64_t>(*spec.reference_bandwidth_bps / bw, 1, 65535));
    }
    c.interfaces.push_back(ic);
  }
  c.export_policies = spec.export_policies;
  c.export_type = spec.external_type;
  c.default_originate = spec.default_originate;
  c.preference = spec.preference;
  c.external_preference = spec.external_preference;

  const OspfSpfSpec& s = spec.spf;
  if (s.delay || s.holddown || s.max_holddown || s.rapid_runs || s.tick) {
    ospf::OspfTimers t = ospf::default_timers(node.vendor);
    if (s.delay) t.spf.delay = *s.delay;
    if (s.holddown) t.spf.hold = *s.holddown;
    if (s.max_holddown) t.spf.max_hold = *s.max_holddown;
    if (s.rapid_runs) t.spf.rapid_runs = *s.rapid_runs;
    if (s.tick) t.spf.tick = *s.tick;
    c.timers = t;
  }
  return c;
}

void OspfAdjacencyLog::node_down(net::NodeId node) {
  if (node >= by_node_.size()) return;
  for (OspfAdjacency& a : by_node_[node]) a.state = ospf::NeighborState::kDown;
}

void OspfAdjacencyLog::watch(ospf::OspfProcess& process) {
  const net::NodeId node = process.router().id();
  if (by_node_.size() <= node) by_node_.resize(node + 1);
  process.on_adjacency_change([this, node](const ospf::AdjacencyChange& change) {
    std::vector<OspfAdjacency>& list = by_node_[node];
    auto it = std::find_if(list.begin(), list.end(), [&](const OspfAdjacency& a) {
      return a.neighbor == change.neighbor_id && a.interface == change.interface;
    });
    if (it == list.end()) {
      OspfAdjacency a;
      a.neighbor = change.neighbor_id;
      a.interface = change.interface;
      it = list.insert(list.end(), a);
    }
    it->state = change.to;
    if (change.to == ospf::NeighborState::kFull) it->full_at = change.at;
  });
}

const std::vector<OspfAdjacency>& OspfAdjacencyLog::of(net::NodeId node) const {
  static const std::vector<OspfAdjacency> kNone;
  return node < by_node_.size() ? by_node_[node] : kNone;
}

}  // namespace run
