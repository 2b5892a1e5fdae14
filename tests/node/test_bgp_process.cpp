// BGP wired to the packet network and the RIB: one host, one switch.
//
//   pc (BIRD, AS65000)  eth0 10.10.1.2/30 ---- ge-0/0/9 10.10.1.1/30  S-SW-1 (Junos, AS65001, passive)
//   lo 192.168.100.1/32                         static 0.0.0.0/0 discard
#include <catch2/catch.hpp>

#include "models/bgp/defaults.hpp"
#include "models/node/bgp_process.hpp"
#include "models/rib/fib_options.hpp"
#include "models/rib/preference.hpp"

using sim::Duration;
using sim::Time;

namespace {

net::Prefix prefix(const char* text) { return *net::parse_prefix(text).value; }
net::Ipv4 ip(const char* text) { return *net::parse_ipv4(text).value; }

struct Lab {
  sim::Simulator sim;
  net::Network network{sim, 1};
  net::NodeId pc, sw;
  net::LinkId link;
  std::unique_ptr<node::Router> pc_router, sw_router;
  std::unique_ptr<node::BgpProcess> pc_bgp, sw_bgp;
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
  policy::Policy service_address{
      "service_address",
      {policy::Term{"", policy::Match::route_filter(policy::PrefixMatch::exact(prefix("192.168.100.1/32"))),
                    {}, policy::Verdict::kAccept}},
      policy::Verdict::kReject};

  explicit Lab(std::optional<Duration> switch_hold = std::nullopt) {
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
    lp.delay = Duration::microseconds(5);
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
                                                     bgp::default_timers(vendor::Vendor::kBird), std::nullopt});
    node::BgpConfig sw_cfg;
    sw_cfg.local_as = 65001;
    sw_cfg.router_id = ip("10.10.1.1");
    sw_cfg.decision = bgp::default_decision(vendor::Vendor::kJunos);
    bgp::BgpTimers t = bgp::default_timers(vendor::Vendor::kJunos);
    if (switch_hold) t.hold_time = *switch_hold;
    sw_cfg.neighbors.push_back(node::BgpNeighborConfig{"SERVER", ip("10.10.1.2"), 65000, 65001, true,
                                                       {&import_servers}, {&export_servers}, t, std::nullopt});
    pc_bgp = std::make_unique<node::BgpProcess>(*pc_router, host, 1);
    sw_bgp = std::make_unique<node::BgpProcess>(*sw_router, sw_cfg, 1);
    for (auto* r : {pc_router.get(), sw_router.get()}) r->start();
    pc_bgp->start();
    sw_bgp->start();
  }
  void run_to(Duration d) { sim.run_until(Time::zero() + d); }
};

}  // namespace

TEST_CASE("the lab's eBGP session comes up over the link and exchanges the lab's routes", "[node][bgp]") {
  Lab lab;
  lab.run_to(Duration::seconds(30));
  REQUIRE(lab.pc_bgp->session(0).state() == bgp::State::kEstablished);
  REQUIRE(lab.sw_bgp->session(0).state() == bgp::State::kEstablished);
  // BIRD waits its connect delay (5 s, jittered) before the first connect.
  CHECK(lab.pc_bgp->session(0).established_at() > Time::zero() + Duration::milliseconds(3750));
  CHECK(lab.pc_bgp->session(0).established_at() < Time::zero() + Duration::seconds(6));
  CHECK(lab.sw_bgp->session(0).negotiated_hold_s() == 90);

  // S-SW-1: the service /32 from BGP, preference 90 (Junos convention), via the host.
  const rib::Route* service = lab.sw_router->rib().active(prefix("192.168.100.1/32"));
  REQUIRE(service);
  CHECK(service->protocol == rib::Protocol::kBgp);
  CHECK(lab.sw_router->rib().vendor_preference(*service) == 90);
  REQUIRE(service->next_hops.size() == 1);
  CHECK(service->next_hops[0].via == ip("10.10.1.2"));
  // ... and in its FIB after the install delay.
  CHECK(lab.sw_router->fib().lookup(ip("192.168.100.1")).prefix == prefix("192.168.100.1/32"));

  // pc: the default route from BGP (BIRD preference 100), next hop the switch.
  const rib::Route* dflt = lab.pc_router->rib().active(prefix("0.0.0.0/0"));
  REQUIRE(dflt);
  CHECK(dflt->protocol == rib::Protocol::kBgp);
  CHECK(lab.pc_router->rib().vendor_preference(*dflt) == 100);
  CHECK(dflt->next_hops == std::vector<rib::NextHop>{{ip("10.10.1.1"), lab.network.find_interface(lab.pc, "eth0")}});
  // Nothing else crossed: the host exports only its service address, the switch only the default.
  CHECK(lab.sw_bgp->speaker().adj_rib_in(0).size() == 1);
  CHECK(lab.pc_bgp->speaker().adj_rib_in(0).size() == 1);
}

TEST_CASE("a silent link: the switch drops the session exactly one hold time after the last KEEPALIVE",
          "[node][bgp]") {
  for (int hold_s : {9, 30, 90}) {
    Lab lab(Duration::seconds(hold_s));
    lab.run_to(Duration::seconds(60));
    REQUIRE(lab.sw_bgp->session(0).state() == bgp::State::kEstablished);
    // Junos: hold negotiated down to the smaller value; no jitter on the hold timer.
    REQUIRE(lab.sw_bgp->session(0).negotiated_hold_s() == std::min(hold_s, 240));
    lab.network.set_silent(lab.link, -1, true);
    const Time last_heard = lab.sw_bgp->session(0).last_received_at();
    lab.run_to(Duration::seconds(60 + hold_s) - Duration::nanoseconds(1));
    // A KEEPALIVE heard before the failure may still be inside its hold time.
    if (last_heard + Duration::seconds(hold_s) > lab.sim.now()) {
      CHECK(lab.sw_bgp->session(0).state() == bgp::State::kEstablished);
    }
    lab.run_to(Duration::seconds(60 + 2 * hold_s));
    CAPTURE(hold_s);
    CHECK(lab.sw_bgp->session(0).state() != bgp::State::kEstablished);
    CHECK(lab.sw_bgp->session(0).last_state_change() == last_heard + Duration::seconds(hold_s));
    // The host's route is withdrawn from the switch's RIB with the session.
    CHECK(lab.sw_router->rib().active(prefix("192.168.100.1/32")) == nullptr);
  }
}

TEST_CASE("carrier loss drops both sessions at once and withdraws the routes", "[node][bgp]") {
  Lab lab;
  lab.run_to(Duration::seconds(60));
  REQUIRE(lab.sw_bgp->session(0).state() == bgp::State::kEstablished);
  lab.network.set_carrier(lab.link, false);
  lab.run_to(Duration::seconds(60) + Duration::milliseconds(1));
  CHECK(lab.sw_bgp->session(0).state() != bgp::State::kEstablished);
  CHECK(lab.pc_bgp->session(0).state() != bgp::State::kEstablished);
  CHECK(lab.sw_bgp->session(0).last_state_change() == Time::zero() + Duration::seconds(60));
  CHECK(lab.sw_router->rib().active(prefix("192.168.100.1/32")) == nullptr);
  CHECK(lab.pc_router->rib().active(prefix("0.0.0.0/0")) == nullptr);

  // Carrier back: the session comes up again and the routes return.
  lab.network.set_carrier(lab.link, true);
  lab.run_to(Duration::seconds(200));
  CHECK(lab.sw_bgp->session(0).state() == bgp::State::kEstablished);
  CHECK(lab.sw_router->rib().active(prefix("192.168.100.1/32")) != nullptr);
}
