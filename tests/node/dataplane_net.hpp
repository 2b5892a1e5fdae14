// A small network built in code for data-plane tests: nodes, addressed
// links, static routes and traffic sources, then start().
//
//   test::DataNet n;
//   n.add("h1"); n.add("r");
//   n.link("h1", "eth0", "10.0.0.1/30", "r", "eth0", "10.0.0.2/30");
//   n.route("h1", "0.0.0.0/0", {"10.0.0.2"});
//   n.start();                       // routers, routes, traffic
//   n.run_to(Duration::milliseconds(5));
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "models/node/router.hpp"
#include "models/rib/fib_options.hpp"
#include "models/traffic/traffic.hpp"

namespace test {

inline net::Ipv4 ip(const char* text) { return *net::parse_ipv4(text).value; }
inline net::Prefix prefix(const char* text) { return *net::parse_prefix(text).value; }

struct DataNet {
  sim::Simulator sim;
  net::Network network{sim, 1};
  std::map<std::string, net::NodeId> ids;
  std::vector<std::unique_ptr<node::Router>> routers;  // by NodeId, after start()
  std::unique_ptr<traffic::Traffic> traffic;
  std::map<net::NodeId, std::vector<node::StaticRoute>> routes;
  std::map<net::NodeId, node::EcmpConfig> ecmp;
  std::vector<traffic::SourceConfig> sources;

  net::NodeId add(const std::string& name, vendor::Vendor v = vendor::Vendor::kLinux) {
    const net::NodeId id = network.add_node(name, net::NodeKind::kRouter, v);
    ids[name] = id;
    return id;
  }
  net::InterfaceId interface(const std::string& node, const std::string& name) {
    const net::InterfaceId existing = network.find_interface(ids.at(node), name);
    return existing != net::kNone ? existing : network.add_interface(ids.at(node), name);
  }
  void address(const std::string& node, const std::string& ifc, const char* addr) {
    network.add_address(interface(node, ifc), *net::parse_interface_address(addr).value);
  }
  net::LinkId link(const std::string& a, const std::string& ifa, const char* addr_a,
                   const std::string& b, const std::string& ifb, const char* addr_b,
                   net::LinkParams p = {}) {
    address(a, ifa, addr_a);
    address(b, ifb, addr_b);
    return network.connect(interface(a, ifa), interface(b, ifb), p);
  }
  void route(const std::string& node, const char* pfx, std::vector<const char*> via) {
    node::StaticRoute r;
    r.prefix = prefix(pfx);
    for (const char* v : via) r.via.push_back(ip(v));
    routes[ids.at(node)].push_back(r);
  }
  void set_ecmp(const std::string& node, node::EcmpMode mode, uint64_t salt = 1) {
    ecmp[ids.at(node)] = node::EcmpConfig{mode, salt};
  }
  // UDP from `from`'s address `src` to `dst`; `rate_bps` over `flows` flows.
  traffic::SourceConfig& source(const std::string& name, const std::string& from, const char* src,
                                const char* dst, uint64_t rate_bps, uint32_t flows = 1,
                                uint32_t bytes = 1000) {
    traffic::SourceConfig c;
    c.name = name;
    c.node = ids.at(from);
    c.src = ip(src);
    c.dst = ip(dst);
    c.packet_bytes = bytes;
    c.flows = flows;
    traffic::set_rate(c, rate_bps);
    // After the FIBs' install delay (100 us on linux), so routes are in place.
    c.start = sim::Time::zero() + sim::Duration::milliseconds(1);
    sources.push_back(c);
    return sources.back();
  }

  void start() {
    routers.resize(network.nodes().size());
    for (const net::Node& n : network.nodes()) {
      routers[n.id] = std::make_unique<node::Router>(network, n.id, rib::fib_defaults(n.vendor));
      for (const node::StaticRoute& r : routes[n.id]) routers[n.id]->add_static_route(r);
      if (ecmp.count(n.id)) routers[n.id]->forwarder().set_ecmp(ecmp[n.id]);
    }
    traffic = std::make_unique<traffic::Traffic>(network, 1);
    for (const traffic::SourceConfig& c : sources) traffic->add_source(c, *routers[c.node]);
    for (auto& r : routers) r->start();
    traffic->start();
  }

  node::Router& router(const std::string& name) { return *routers[ids.at(name)]; }
  void run_to(sim::Duration d) { sim.run_until(sim::Time::zero() + d); }
  const net::PacketCounters& data() const { return network.counters(false); }
  uint64_t dropped(net::DropReason r) const { return data().dropped[static_cast<size_t>(r)]; }
  // Both accounting checks; empty when every packet is accounted for.
  std::string accounting() const {
    return network.check_accounting() + traffic->check_accounting();
  }
  const net::LinkStats& stats(net::LinkId l, int side) const { return network.link_stats(l, side); }
};

}  // namespace test
