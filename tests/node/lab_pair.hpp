// The lab's host and one switch, BGP wired over the packet network, for tests.
//
//   pc (BIRD, AS65000)  eth0 10.10.1.2/30 ---- ge-0/0/9 10.10.1.1/30  S-SW-1 (Junos, AS65001, passive)
//   lo 192.168.100.1/32                         static 0.0.0.0/0 discard
//
// The lab's policies: the host exports service_address, the switch imports
// IMPORT-BGP-SERVERS (preference 90) and exports EXPORT-BGP-SERVERS.
#pragma once

#include <memory>
#include <optional>

#include "models/bgp/defaults.hpp"
#include "models/node/bgp_process.hpp"
#include "models/rib/fib_options.hpp"

namespace test {

inline net::Prefix prefix(const char* text) { return *net::parse_prefix(text).value; }
inline net::Ipv4 ip(const char* text) { return *net::parse_ipv4(text).value; }

struct LabPairOptions {
  std::optional<sim::Duration> switch_hold;  // default: the Junos default
  std::optional<bfd::BfdTimers> bfd;         // on both ends when set
};

// The write-up's policies: the host's service_address, the switch's
// IMPORT-BGP-SERVERS (preference 90), EXPORT-BGP-SERVERS and EXPORT-OSPF.
struct SeedLabPolicies {
  std::shared_ptr<policy::PrefixList> service = std::make_shared<policy::PrefixList>(
      policy::PrefixList{"SERVER-SERVICE-ADDRESS", {prefix("192.168.100.1/32")}});
  policy::Policy import_servers{"IMPORT-BGP-SERVERS",
                                {policy::Term{"SERVER-SERVICE-ADDRESS", policy::Match::prefix_list(service),
                                              {policy::Action::set_preference(90)}, policy::Verdict::kAccept},
                                 policy::Term{"", {}, {}, policy::Verdict::kReject}},
                                policy::Verdict::kNext};
  policy::Policy export_servers{
      "EXPORT-BGP-SERVERS",
      {policy::Term{"DEFAULT", policy::Match::route_filter(policy::PrefixMatch::exact(prefix("0.0.0.0/0"))),
                    {policy::Action::next_hop_self()}, policy::Verdict::kAccept},
       policy::Term{"", {}, {}, policy::Verdict::kReject}},
      policy::Verdict::kNext};
  policy::Policy export_ospf{
      "EXPORT-OSPF",
      {policy::Term{"SERVERS", policy::Match::prefix_list(service), {}, policy::Verdict::kAccept}},
      policy::Verdict::kReject};
  policy::Policy service_address{
      "service_address",
      {policy::Term{"", policy::Match::route_filter(policy::PrefixMatch::exact(prefix("192.168.100.1/32"))),
                    {}, policy::Verdict::kAccept}},
      policy::Verdict::kReject};
};

struct LabPair : SeedLabPolicies {
  sim::Simulator sim;
  net::Network network{sim, 1};
  net::NodeId pc, sw;
  net::LinkId link;
  std::unique_ptr<node::Router> pc_router, sw_router;
  std::unique_ptr<node::BgpProcess> pc_bgp, sw_bgp;

  explicit LabPair(LabPairOptions options = {}) {
    pc = network.add_node("pc", net::NodeKind::kHost, vendor::Vendor::kBird);
    sw = network.add_node("S-SW-1", net::NodeKind::kSwitch, vendor::Vendor::kJunos);
    const net::InterfaceId lo = network.add_interface(pc, "lo");
    network.add_address(lo, *net::parse_interface_address("192.168.100.1/32").value);
    const net::InterfaceId eth0 = network.add_interface(pc, "eth0");
    network.add_address(eth0, *net::parse_interface_address("10.10.1.2/30").value);
    const net::InterfaceId ge = network.add_interface(sw, "ge-0/0/9");
    network.add_address(ge, *net::parse_interface_address("10.10.1.1/30").value);
    net::LinkParams lp;
    lp.bandwidth_bps = 1'000'000'000;
    lp.delay = sim::Duration::microseconds(5);
    link = network.connect(eth0, ge, lp);

    pc_router = std::make_unique<node::Router>(network, pc, rib::fib_defaults(vendor::Vendor::kBird));
    sw_router = std::make_unique<node::Router>(network, sw, rib::fib_defaults(vendor::Vendor::kJunos));
    sw_router->add_static_route(node::StaticRoute{prefix("0.0.0.0/0"), {}, std::nullopt});

    node::BgpConfig host;
    host.local_as = 65000;
    host.router_id = ip("192.168.100.1");
    host.decision = bgp::default_decision(vendor::Vendor::kBird);
    host.neighbors.push_back(node::BgpNeighborConfig{"sw_sw_1", ip("10.10.1.1"), 65001, 65000, false,
                                                     {}, {&service_address},
                                                     bgp::default_timers(vendor::Vendor::kBird),
                                                     options.bfd});
    node::BgpConfig sw_cfg;
    sw_cfg.local_as = 65001;
    sw_cfg.router_id = ip("10.10.1.1");
    sw_cfg.decision = bgp::default_decision(vendor::Vendor::kJunos);
    bgp::BgpTimers t = bgp::default_timers(vendor::Vendor::kJunos);
    if (options.switch_hold) t.hold_time = *options.switch_hold;
    sw_cfg.neighbors.push_back(node::BgpNeighborConfig{"SERVER", ip("10.10.1.2"), 65000, 65001, true,
                                                       {&import_servers}, {&export_servers}, t,
                                                       options.bfd});
    pc_bgp = std::make_unique<node::BgpProcess>(*pc_router, host, 1);
    sw_bgp = std::make_unique<node::BgpProcess>(*sw_router, sw_cfg, 1);
    for (auto* r : {pc_router.get(), sw_router.get()}) r->start();
    pc_bgp->start();
    sw_bgp->start();
  }
  void run_to(sim::Duration d) { sim.run_until(sim::Time::zero() + d); }
};

}  // namespace test
