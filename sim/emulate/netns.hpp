// The scenario's topology in Linux network namespaces: one namespace per
// node (mhsim-<pid>-<node>), one veth pair per link (a bridge for links a
// port event acts on, below), the scenario's
// addresses only inside the namespaces, loopback addresses on `lo` (other
// interfaces on no link, lo0 say, on a dummy interface, or a veth pair where
// the kernel has no dummy driver), IPv4 forwarding on switches and routers,
// and the static routes of `linux` nodes that run no daemon.
//
// The scenario's link actions:
//   down / up   the interface at both ends set administratively down / up
//               (routes through it go at once, both daemons see the link go);
//   silent      nftables drops every packet leaving the sending end(s) on a
//               netdev ingress hook of the far end (the kernel here has no sch_netem);
//   loss        the same rule with `numgen random` for the probability;
//   restore     rules cleared and both ends up;
//   port-down / port-up
//               the named end only set administratively down / up.
// A veth pair has one carrier for both ends: setting one end down takes the
// other's carrier with it, which port-down must not (a media converter or
// patch panel sits between the two ports). So a link that a port event
// acts on goes through a bridge in a middle namespace (mhsim-<pid>-+br<link
// index>): node A's interface <-> bridge port p0, bridge port p1 <-> node
// B's interface. A shut end takes only its bridge port's carrier; the far
// end keeps its own, and what it sends the bridge has nowhere to deliver.
//
// Link bandwidth, delay and queues are not emulated (veth forwards at
// memory speed); the seed lab's 5us links are far below the timers that
// decide convergence.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "sim/emulate/netlink.hpp"
#include "sim/run/scenario.hpp"

namespace emulate {

class Lab {
 public:
  // Names only; nothing is created yet. `prefix`: "mhsim-<pid>-".
  Lab(const run::Scenario& scenario, std::string prefix);
  ~Lab();  // destroy()
  Lab(const Lab&) = delete;
  Lab& operator=(const Lab&) = delete;

  // Creates one empty namespace per node and per bridged link (register
  // each at once for destroy()).
  void create_namespaces();
  // Links, interfaces, addresses, MTUs, sysctls, static routes of daemonless
  // linux nodes. Call after the route watcher is listening.
  void wire();
  // Deletes every namespace this Lab created (their interfaces with them)
  // and removes the nftables state. Safe to call twice; never throws.
  void destroy() noexcept;

  const std::string& netns(size_t node) const { return netns_[node]; }
  size_t node_count() const { return netns_.size(); }

  // Link actions (see the header comment); side: 0, 1, or -1 for both.
  void set_link_up(size_t link, bool up);
  void set_drop(size_t link, int side, double probability);  // 0 clears
  void restore(size_t link);
  // One end of a bridged link administratively up or down; side: 0 or 1.
  void set_port_up(size_t link, int side, bool up);
  void set_address(size_t node, const std::string& ifc, const net::InterfaceAddress& a, bool add);

  // Whether a node runs no routing daemon (a linux node without bgp/ospf).
  static bool daemonless(const run::Scenario& s, const run::ScenarioNode& n);

 private:
  NetlinkSocket& control(size_t node);
  size_t node_of(const run::Endpoint& end) const;
  void wire_veth(const run::ScenarioLink& l);
  void wire_bridge(const run::ScenarioLink& l, const std::string& bridge_ns);
  void address_args(size_t node, const std::string& ifc, const net::InterfaceAddress& a,
                    const char* verb);

  const run::Scenario& s_;
  std::string prefix_;
  std::vector<std::string> netns_;  // by node index
  std::vector<bool> created_;
  std::vector<std::string> bridge_netns_;  // by link index; empty: one veth pair
  std::vector<bool> bridge_created_;
  std::vector<std::unique_ptr<NetlinkSocket>> control_;  // by node, opened on first use
};

// Deletes namespaces named mhsim-<pid>-* whose mhsim process is gone (one
// killed before it could clean up), first killing the processes still in
// them. Returns what it removed, for a notice.
std::vector<std::string> sweep_stale_namespaces();

}  // namespace emulate
