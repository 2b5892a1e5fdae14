// A switch crashes mid-run and reboots: its BGP and OSPF daemons are
// destroyed with it and new ones start after the boot, on the same Router.
//
//   pc (BIRD, AS65000)                S-SW-1 (Junos, AS65001)               C-SW-1 (Junos)
//   lo 192.168.100.1/32               lo0 10.0.0.1/32                       lo0 10.0.0.2/32
//   eth0 10.10.1.2/30 ---- eBGP ---- ge-0/0/9 10.10.1.1/30
//                                     ge-0/0/0 10.1.1.0/31 ---- OSPF ---- ge-0/0/0 10.1.1.1/31
//
// S-SW-1 imports the service /32 from pc (preference 90) and exports it into
// OSPF, so C-SW-1 reaches the service as an OSPF external: the route is the
// proof that BGP, OSPF and redistribution all came back.
#include <catch2/catch.hpp>

#include "models/bgp/defaults.hpp"
#include "models/node/bgp_process.hpp"
#include "models/ospf/process.hpp"
#include "models/rib/fib_options.hpp"
#include "tests/node/lab_pair.hpp"

using sim::Duration;
using sim::Time;

namespace {

net::Prefix prefix(const char* text) { return *net::parse_prefix(text).value; }
net::Ipv4 ip(const char* text) { return *net::parse_ipv4(text).value; }

struct CrashLab : test::SeedLabPolicies {
  sim::Simulator sim;
  net::Network network{sim, 1};
  net::NodeId pc, sw, core;
  node::BgpConfig pc_bgp_config, sw_bgp_config;
  ospf::OspfConfig sw_ospf_config, core_ospf_config;
  // Declared after everything they use, so they are destroyed first.
  std::unique_ptr<node::Router> pc_router, sw_router, core_router;
  std::unique_ptr<node::BgpProcess> pc_bgp, sw_bgp;
  std::unique_ptr<ospf::OspfProcess> sw_ospf, core_ospf;

  net::InterfaceId add(net::NodeId n, const char* name, const char* address) {
    const net::InterfaceId i = network.add_interface(n, name);
    network.add_address(i, *net::parse_interface_address(address).value);
    return i;
  }

  CrashLab() {
    pc = network.add_node("pc", net::NodeKind::kHost, vendor::Vendor::kBird);
    sw = network.add_node("S-SW-1", net::NodeKind::kSwitch, vendor::Vendor::kJunos);
    core = network.add_node("C-SW-1", net::NodeKind::kSwitch, vendor::Vendor::kJunos);
    add(pc, "lo", "192.168.100.1/32");
    const net::InterfaceId eth0 = add(pc, "eth0", "10.10.1.2/30");
    const net::InterfaceId sw_lo = add(sw, "lo0", "10.0.0.1/32");
    const net::InterfaceId ge9 = add(sw, "ge-0/0/9", "10.10.1.1/30");
    const net::InterfaceId sw_ge0 = add(sw, "ge-0/0/0", "10.1.1.0/31");
    const net::InterfaceId core_lo = add(core, "lo0", "10.0.0.2/32");
    const net::InterfaceId core_ge0 = add(core, "ge-0/0/0", "10.1.1.1/31");
    net::LinkParams lp;
    lp.bandwidth_bps = 1'000'000'000;
    lp.delay = Duration::microseconds(5);
    network.connect(eth0, ge9, lp);
    network.connect(sw_ge0, core_ge0, lp);

    pc_bgp_config.local_as = 65000;
    pc_bgp_config.router_id = ip("192.168.100.1");
    pc_bgp_config.decision = bgp::default_decision(vendor::Vendor::kBird);
    pc_bgp_config.neighbors.push_back(node::BgpNeighborConfig{
        "sw_sw_1", ip("10.10.1.1"), 65001, 65000, false, {}, {&service_address},
        bgp::default_timers(vendor::Vendor::kBird), std::nullopt});
    sw_bgp_config.local_as = 65001;
    sw_bgp_config.router_id = ip("10.0.0.1");
    sw_bgp_config.decision = bgp::default_decision(vendor::Vendor::kJunos);
    sw_bgp_config.neighbors.push_back(node::BgpNeighborConfig{
        "SERVER", ip("10.10.1.2"), 65000, 65001, true, {&import_servers}, {},
        bgp::default_timers(vendor::Vendor::kJunos), std::nullopt});
    sw_ospf_config.router_id = ip("10.0.0.1");
    sw_ospf_config.interfaces = {ospf::OspfInterfaceConfig{sw_lo, std::nullopt, true, {}, {}},
                                 ospf::OspfInterfaceConfig{sw_ge0, std::nullopt, false, {}, {}}};
    sw_ospf_config.export_policies = {&export_ospf};
    core_ospf_config.router_id = ip("10.0.0.2");
    core_ospf_config.interfaces = {ospf::OspfInterfaceConfig{core_lo, std::nullopt, true, {}, {}},
                                   ospf::OspfInterfaceConfig{core_ge0, std::nullopt, false, {}, {}}};

    pc_router = std::make_unique<node::Router>(network, pc, rib::fib_defaults(vendor::Vendor::kBird));
    sw_router = std::make_unique<node::Router>(network, sw, rib::fib_defaults(vendor::Vendor::kJunos));
    core_router = std::make_unique<node::Router>(network, core, rib::fib_defaults(vendor::Vendor::kJunos));
    for (auto* r : {pc_router.get(), sw_router.get(), core_router.get()}) r->start();
    pc_bgp = std::make_unique<node::BgpProcess>(*pc_router, pc_bgp_config, 1);
    pc_bgp->start();
    start_switch_daemons();
    core_ospf = std::make_unique<ospf::OspfProcess>(*core_router, core_ospf_config, 1);
    core_ospf->start();
  }

  void start_switch_daemons() {
    sw_bgp = std::make_unique<node::BgpProcess>(*sw_router, sw_bgp_config, 1);
    sw_ospf = std::make_unique<ospf::OspfProcess>(*sw_router, sw_ospf_config, 1);
    sw_bgp->start();
    sw_ospf->start();
  }
  void crash_switch() {
    sw_bgp.reset();
    sw_ospf.reset();
    sw_router->crash();
  }
  void boot_switch() {
    sw_router->boot();
    start_switch_daemons();
  }

  void run_to(Duration d) { sim.run_until(Time::zero() + d); }
  const rib::Route* route(const node::Router& r, const char* p) const { return r.rib().active(prefix(p)); }
  bool core_adjacency_full() const {
    for (const ospf::NeighborInfo& n : core_ospf->neighbors())
      if (n.router_id == ip("10.0.0.1")) return n.state == ospf::NeighborState::kFull;
    return false;
  }
  bool sessions_up() const {
    return pc_bgp->session(0).state() == bgp::State::kEstablished &&
           sw_bgp->session(0).state() == bgp::State::kEstablished;
  }
  // The state that says the whole chain works: pc -> BGP -> S-SW-1 -> OSPF -> C-SW-1.
  void require_converged() const {
    REQUIRE(sessions_up());
    REQUIRE(core_adjacency_full());
    const rib::Route* svc = route(*core_router, "192.168.100.1/32");
    REQUIRE(svc != nullptr);
    CHECK(svc->protocol == rib::Protocol::kOspfExternal2);
    REQUIRE(route(*core_router, "10.0.0.1/32") != nullptr);
    CHECK(core_router->fib().exact(prefix("192.168.100.1/32")) != rib::Fib::kNoGroup);
  }
};

}  // namespace

TEST_CASE("a switch crashes with its BGP and OSPF daemons, reboots, and everything comes back", "[node][crash]") {
  CrashLab lab;
  lab.run_to(Duration::seconds(40));
  lab.require_converged();

  lab.crash_switch();
  CHECK(lab.sw_router->rib().size() == 0);  // connected, static, BGP and OSPF routes all gone
  CHECK(lab.sw_router->fib().route_count() == 0);
  lab.run_to(Duration::seconds(60));
  // C-SW-1 saw the carrier go and dropped the adjacency and the routes via S-SW-1.
  CHECK_FALSE(lab.core_adjacency_full());
  CHECK(lab.route(*lab.core_router, "192.168.100.1/32") == nullptr);
  CHECK(lab.route(*lab.core_router, "10.0.0.1/32") == nullptr);
  CHECK(lab.pc_bgp->session(0).state() != bgp::State::kEstablished);

  lab.boot_switch();
  CHECK(lab.route(*lab.sw_router, "10.0.0.1/32") != nullptr);  // the loopback is back at once
  // BIRD holds its session while the link is down, then waits its error wait
  // (the session was up when the link went), then its connect delay.
  lab.run_to(Duration::seconds(200));
  lab.require_converged();
  CHECK(lab.network.check_accounting().empty());
}

TEST_CASE("a switch can crash and reboot twice, also while its daemons are still converging", "[node][crash]") {
  CrashLab lab;
  lab.run_to(Duration::seconds(40));
  lab.crash_switch();
  lab.run_to(Duration::seconds(45));
  lab.boot_switch();
  lab.run_to(Duration::milliseconds(45'500));  // mid-exchange: timers and packets in flight
  lab.crash_switch();
  lab.run_to(Duration::seconds(50));
  lab.boot_switch();
  lab.run_to(Duration::seconds(250));
  lab.require_converged();
  CHECK(lab.network.check_accounting().empty());
}

TEST_CASE("a BGP daemon restarting on a live host: segments in flight for it are dropped as no_listener",
          "[node][crash]") {
  CrashLab lab;
  lab.run_to(Duration::seconds(40));
  lab.require_converged();
  const auto no_listener = [&] {
    return lab.network.counters(true).dropped[static_cast<size_t>(net::DropReason::kNoListener)];
  };
  REQUIRE(no_listener() == 0);

  lab.sw_bgp.reset();  // rpd's BGP dies; the box, its links and OSPF stay up
  CHECK(lab.route(*lab.sw_router, "192.168.100.1/32") == nullptr);
  lab.run_to(Duration::seconds(100));
  CHECK(no_listener() > 0);  // pc's keepalives (and their retransmissions) find nobody
  // C-SW-1 lost the redistributed service route, not the switch itself.
  CHECK(lab.route(*lab.core_router, "192.168.100.1/32") == nullptr);
  CHECK(lab.core_adjacency_full());

  lab.sw_bgp = std::make_unique<node::BgpProcess>(*lab.sw_router, lab.sw_bgp_config, 1);
  lab.sw_bgp->start();
  lab.run_to(Duration::seconds(400));
  lab.require_converged();
  CHECK(lab.network.check_accounting().empty());
}
