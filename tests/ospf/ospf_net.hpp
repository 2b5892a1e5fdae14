// A small hand-built OSPF network for tests: routers with a loopback (their
// Router ID as a /32, passive) and point-to-point links, one OspfProcess each.
//
//   OspfNet net;
//   net.add("R1", Vendor::kJunos, "10.0.0.1");
//   net.add("R2", Vendor::kJunos, "10.0.0.2");
//   net.connect("R1", "ge-0/0/0", "10.1.1.0/31", "R2", "ge-0/0/0", "10.1.1.1/31");
//   net.start();            // routers, then OSPF, at the current time
//   net.run_to(Duration::seconds(60));
#pragma once

#include <map>
#include <memory>
#include <string>

#include "models/node/router.hpp"
#include "models/ospf/process.hpp"
#include "models/rib/fib_options.hpp"

namespace ospf_test {

using sim::Duration;
using sim::Time;

inline net::Prefix prefix(const char* text) { return *net::parse_prefix(text).value; }
inline net::Ipv4 ip(const char* text) { return *net::parse_ipv4(text).value; }

// 1 Gb/s: 8 ns per byte on the wire.
inline Duration wire_time(uint32_t bytes) { return Duration::nanoseconds(8 * bytes); }

struct OspfNode {
  net::NodeId id = net::kNone;
  vendor::Vendor vendor = vendor::Vendor::kJunos;
  ospf::OspfConfig config;
  std::unique_ptr<node::Router> router;
  std::unique_ptr<ospf::OspfProcess> ospf;
};

class OspfNet {
 public:
  static constexpr Duration kLinkDelay = Duration::microseconds(5);

  sim::Simulator sim;
  net::Network network{sim, 1};

  OspfNode& add(const std::string& name, vendor::Vendor v, const char* router_id) {
    OspfNode& n = nodes_[name];
    n.vendor = v;
    n.id = network.add_node(name, net::NodeKind::kSwitch, v);
    n.config.router_id = ip(router_id);
    const net::InterfaceId lo = network.add_interface(n.id, "lo0");
    network.add_address(lo, net::InterfaceAddress{ip(router_id), 32});
    n.config.interfaces.push_back(ospf::OspfInterfaceConfig{lo, std::nullopt, true, {}, {}});
    return n;
  }

  net::LinkId connect(const std::string& a, const char* a_if, const char* a_addr,
                      const std::string& b, const char* b_if, const char* b_addr) {
    net::LinkParams lp;
    lp.bandwidth_bps = 1'000'000'000;
    lp.delay = kLinkDelay;
    const net::InterfaceId ia = add_link_interface(a, a_if, a_addr);
    const net::InterfaceId ib = add_link_interface(b, b_if, b_addr);
    return network.connect(ia, ib, lp);
  }

  // Routers first (connected routes), then OSPF, at the current time.
  void start() {
    for (auto& [name, n] : nodes_) {
      n.router = std::make_unique<node::Router>(network, n.id, rib::fib_defaults(n.vendor));
      n.router->start();
    }
    for (auto& [name, n] : nodes_) {
      n.ospf = std::make_unique<ospf::OspfProcess>(*n.router, n.config, 1);
      n.ospf->start();
    }
  }

  OspfNode& operator[](const std::string& name) { return nodes_.at(name); }
  ospf::OspfProcess& ospf(const std::string& name) { return *nodes_.at(name).ospf; }
  rib::Rib& rib(const std::string& name) { return nodes_.at(name).router->rib(); }
  net::InterfaceId interface(const std::string& node, const char* name) {
    return network.find_interface(nodes_.at(node).id, name);
  }
  void run_to(Duration d) { sim.run_until(Time::zero() + d); }
  void run_to(Time t) { sim.run_until(t); }

  // A route as BGP would put it into the RIB (Junos preference 90, as the lab's import policy).
  void inject(const std::string& node, const char* p, uint32_t metric = 0) {
    rib::Route r;
    r.prefix = prefix(p);
    r.protocol = rib::Protocol::kBgp;
    r.metric = metric;
    r.preference = 90;
    rib(node).update(r);
  }
  void withdraw(const std::string& node, const char* p) {
    rib(node).withdraw(prefix(p), rib::Protocol::kBgp, 0);
  }

  // The state of the neighbour with this Router ID, Down if unknown.
  ospf::NeighborState neighbor_state(const std::string& node, const char* router_id) {
    for (const ospf::NeighborInfo& n : ospf(node).neighbors())
      if (n.router_id == ip(router_id)) return n.state;
    return ospf::NeighborState::kDown;
  }

 private:
  net::InterfaceId add_link_interface(const std::string& node, const char* ifname,
                                      const char* addr) {
    OspfNode& n = nodes_.at(node);
    const net::InterfaceId i = network.add_interface(n.id, ifname);
    network.add_address(i, *net::parse_interface_address(addr).value);
    n.config.interfaces.push_back(ospf::OspfInterfaceConfig{i, std::nullopt, false, {}, {}});
    return i;
  }

  std::map<std::string, OspfNode> nodes_;
};

// `policy-statement EXPORT-OSPF { term SERVERS { from prefix-list X; then accept; } then reject; }`
inline std::unique_ptr<policy::Policy> export_policy(std::vector<const char*> prefixes) {
  auto list = std::make_shared<policy::PrefixList>();
  list->name = "SERVER-SERVICE-ADDRESS";
  for (const char* p : prefixes) list->prefixes.push_back(prefix(p));
  return std::make_unique<policy::Policy>(policy::Policy{
      "EXPORT-OSPF",
      {policy::Term{"SERVERS", policy::Match::prefix_list(list), {}, policy::Verdict::kAccept}},
      policy::Verdict::kReject});
}

}  // namespace ospf_test
