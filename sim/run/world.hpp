// One simulation instance built from a scenario: the simulator, the network
// and every model on it. `run`, `show` and the tests all build a World and
// advance it; nothing here is global, so many Worlds can live in one process.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "models/net/network.hpp"
#include "models/node/bgp_process.hpp"
#include "models/node/router.hpp"
#include "models/traffic/traffic.hpp"
#include "sim/engine/simulator.hpp"
#include "sim/run/scenario.hpp"
#include "sim/run/world_ospf.hpp"

namespace run {

class World {
 public:
  // Builds the network, the routing stack of every node, and schedules the
  // scenario's events. `seed` overrides the scenario's. The scenario must
  // outlive the World.
  World(const Scenario& scenario, uint64_t seed);
  ~World();

  sim::Simulator& simulator() { return sim_; }
  net::Network& network() { return network_; }
  const net::Network& network() const { return network_; }
  const Scenario& scenario() const { return scenario_; }
  uint64_t seed() const { return seed_; }

  node::Router& router(net::NodeId id) { return *routers_[id]; }
  const node::Router& router(net::NodeId id) const { return *routers_[id]; }
  // The node's BGP daemon, or null when it runs none.
  node::BgpProcess* bgp(net::NodeId id) { return bgp_[id].get(); }
  const node::BgpProcess* bgp(net::NodeId id) const { return bgp_[id].get(); }
  // The node's OSPF instance, or null when it runs none.
  ospf::OspfProcess* ospf(net::NodeId id) { return ospf_[id].get(); }
  const ospf::OspfProcess* ospf(net::NodeId id) const { return ospf_[id].get(); }
  // Every OSPF adjacency each node has had, with its state now.
  const OspfAdjacencyLog& ospf_adjacencies() const { return ospf_log_; }
  traffic::Traffic& traffic() { return *traffic_; }
  const traffic::Traffic& traffic() const { return *traffic_; }

  // The end-of-run packet accounting (Network::check_accounting and
  // Traffic::check_accounting); empty when every packet is accounted for.
  std::string check_accounting() const;

 private:
  // world_dataplane.cpp: each node's ECMP mode and hash seed, and the
  // scenario's traffic sources.
  void setup_dataplane();

  const Scenario& scenario_;
  uint64_t seed_;
  sim::Simulator sim_;
  net::Network network_;
  std::vector<std::unique_ptr<node::Router>> routers_;     // by NodeId
  std::vector<std::unique_ptr<node::BgpProcess>> bgp_;     // by NodeId
  OspfAdjacencyLog ospf_log_;  // before ospf_: the processes report into it
  // By NodeId; after routers_ (destroyed first: they listen to the RIB).
  std::vector<std::unique_ptr<ospf::OspfProcess>> ospf_;
  std::unique_ptr<traffic::Traffic> traffic_;  // after routers_: its sources use them
};

}  // namespace run
