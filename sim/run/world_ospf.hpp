// The OSPF part of a World: turning a node's OspfSpec into the protocol's
// OspfConfig, and the record of every adjacency each process has had (for
// summary.json's ospf_adjacencies; OspfProcess::neighbors() forgets a
// neighbour once it is gone).
#pragma once

#include <optional>
#include <vector>

#include "models/net/network.hpp"
#include "models/ospf/process.hpp"
#include "sim/engine/time.hpp"
#include "sim/run/scenario_routing.hpp"

namespace run {

// `spec`'s interfaces must exist on `node` (the loader checked).
ospf::OspfConfig ospf_config(const net::Network& network, const net::Node& node,
                             const OspfSpec& spec, net::Ipv4 router_id);

struct OspfAdjacency {
  net::Ipv4 neighbor;  // its Router ID
  net::InterfaceId interface = net::kNone;
  ospf::NeighborState state = ospf::NeighborState::kDown;  // now
  std::optional<sim::Time> full_at;                        // when it last reached Full
};

class OspfAdjacencyLog {
 public:
  // Records the process's neighbour state changes from now on. The log must
  // outlive the process.
  void watch(ospf::OspfProcess& process);
  // The node crashed: its process is gone without telling; every adjacency
  // it had is Down.
  void node_down(net::NodeId node);
  // The node's adjacencies in the order they first appeared.
  const std::vector<OspfAdjacency>& of(net::NodeId node) const;

 private:
  std::vector<std::vector<OspfAdjacency>> by_node_;
};

}  // namespace run
