// One simulation instance built from a scenario: the simulator, the network
// and every model on it. `run`, `show` and the tests all build a World and
// advance it; nothing here is global, so many Worlds can live in one process.
#pragma once

#include <cstdint>
#include <map>
#include <utility>
#include <memory>
#include <string>
#include <vector>

#include "models/net/network.hpp"
#include "models/node/bgp_process.hpp"
#include "models/node/health_check.hpp"
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
  // The same, writing trace records to `trace` from the first one on (the
  // routers and protocols record while they are built and started).
  World(const Scenario& scenario, uint64_t seed, std::ostream* trace, sim::TraceFilter filter);
  ~World();

  sim::Simulator& simulator() { return sim_; }
  const sim::Simulator& simulator() const { return sim_; }
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

  // Node events (world_events.cpp), also scheduled from the scenario's events.
  // crash: power off: protocols gone with their routes, links lose carrier.
  // boot: power on: the scenario's addresses and services, protocols started
  // as at time zero (with any timers changed by set-timers since).
  void crash(net::NodeId id);
  void boot(net::NodeId id);
  bool node_up(net::NodeId id) const { return routers_[id]->up(); }
  // bgp-restart: the node's BGP daemon restarts (its TCP connections close
  // with no NOTIFICATION) and a new one starts at once with the same
  // configuration; with graceful restart `able` the node keeps its BGP
  // routes in the RIB and FIB meanwhile (RFC 4724 §4.1). No-op without BGP.
  void restart_bgp(net::NodeId id);
  // New timers (graceful restart included) for one BGP neighbour, kept
  // across reboots and restarts as a set-timers event's are.
  void set_bgp_timers(net::NodeId id, size_t neighbor, const bgp::BgpTimers& timers);
  // The health-check daemon of service i (Scenario::services), or null.
  const node::HealthCheck* health_check(size_t service) const { return health_[service].get(); }

  // The end-of-run packet accounting (Network::check_accounting and
  // Traffic::check_accounting); empty when every packet is accounted for.
  std::string check_accounting() const;

 private:
  // world_dataplane.cpp: each node's ECMP mode and hash seed, and the
  // scenario's traffic sources.
  void setup_dataplane();
  // world_events.cpp: the node's BGP and OSPF processes and health checks,
  // created (not started) from the scenario.
  void make_protocols(net::NodeId id);
  void make_health_checks(net::NodeId id);
  bool on_node(const ServiceSpec& svc, net::NodeId id) const;
  // Every scripted event, in file order (link events on the network).
  void schedule_events();
  void run_node_event(const ScenarioEvent& e);

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
  std::vector<std::unique_ptr<node::HealthCheck>> health_;  // by service index
  // set-timers changes, kept across a reboot: (node, neighbour) -> timers.
  std::map<std::pair<net::NodeId, size_t>, bgp::BgpTimers> changed_timers_;
};

}  // namespace run
