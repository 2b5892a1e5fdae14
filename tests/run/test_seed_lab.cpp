// The write-up's lab, loaded from scenarios/seed-lab.yaml and run: what the
// write-up's `birdc show route` and Junos outputs show must hold here.
//
//                 C-SW-1
//        ge-0/0/0 /      \ ge-0/0/1
//          S-SW-1          S-SW-2        AS65001 (Junos, passive, preference 90)
//        ge-0/0/9 \      / ge-0/0/9
//             eth0  pc  eth1             AS65000 (BIRD), lo 192.168.100.1/32
#include <catch2/catch.hpp>

#include "sim/run/world.hpp"

using sim::Duration;
using sim::Time;

namespace {

const std::string kSeedLab = std::string(MHSIM_SOURCE_DIR) + "/scenarios/seed-lab.yaml";

net::Prefix prefix(const char* text) { return *net::parse_prefix(text).value; }
net::Ipv4 ip(const char* text) { return *net::parse_ipv4(text).value; }

struct SeedLab {
  run::Scenario scenario = run::load_scenario(kSeedLab);
  run::World world{scenario, scenario.seed};

  const node::Router& router(const char* name) {
    return world.router(world.network().find_node(name));
  }
  net::InterfaceId ifc(const char* node, const char* name) {
    const net::NodeId n = world.network().find_node(node);
    return world.network().find_interface(n, name);
  }
  void run_to(Duration d) { world.simulator().run_until(Time::zero() + d); }
};

}  // namespace

TEST_CASE("seed lab steady state: pc has an ECMP default, S-SW-1 the service route at preference 90",
          "[run][seedlab]") {
  SeedLab lab;
  lab.run_to(Duration::seconds(30));

  // pc: `ip route show default` -> nexthop via 10.10.1.1 dev eth0, via 10.10.2.1 dev eth1.
  const node::Router& pc = lab.router("pc");
  const rib::Route* dflt = pc.rib().active(prefix("0.0.0.0/0"));
  REQUIRE(dflt);
  CHECK(dflt->protocol == rib::Protocol::kBgp);
  CHECK(pc.rib().vendor_preference(*dflt) == 100);
  const std::vector<rib::NextHop> both{{ip("10.10.1.1"), lab.ifc("pc", "eth0")},
                                       {ip("10.10.2.1"), lab.ifc("pc", "eth1")}};
  CHECK(dflt->next_hops == both);
  const rib::Fib::Match m = pc.fib().lookup(ip("8.8.8.8"));
  REQUIRE(m.found());
  CHECK(std::vector<rib::NextHop>(pc.fib().next_hops(m.group).begin(), pc.fib().next_hops(m.group).end()) == both);

  // S-SW-1: `show route receive-protocol bgp 10.10.1.2` -> 192.168.100.1/32, active, preference 90.
  for (const auto& [sw, host_side] : {std::pair{"S-SW-1", "10.10.1.2"}, std::pair{"S-SW-2", "10.10.2.2"}}) {
    const node::Router& r = lab.router(sw);
    const rib::Route* service = r.rib().active(prefix("192.168.100.1/32"));
    CAPTURE(sw);
    REQUIRE(service);
    CHECK(service->protocol == rib::Protocol::kBgp);
    CHECK(r.rib().vendor_preference(*service) == 90);
    REQUIRE(service->next_hops.size() == 1);
    CHECK(service->next_hops[0].via == ip(host_side));
  }

  // Both sessions Established, each switch holds exactly the one accepted prefix.
  const net::NodeId pc_id = lab.world.network().find_node("pc");
  const node::BgpProcess* bird = lab.world.bgp(pc_id);
  REQUIRE(bird);
  for (size_t i = 0; i < bird->neighbor_count(); ++i)
    CHECK(bird->session(i).state() == bgp::State::kEstablished);
}

TEST_CASE("seed lab: carrier loss on pc-S-SW-1 at 60s leaves pc with the S-SW-2 default only",
          "[run][seedlab]") {
  SeedLab lab;
  lab.run_to(Duration::seconds(61));
  const node::Router& pc = lab.router("pc");
  const rib::Route* dflt = pc.rib().active(prefix("0.0.0.0/0"));
  REQUIRE(dflt);
  CHECK(dflt->next_hops == std::vector<rib::NextHop>{{ip("10.10.2.1"), lab.ifc("pc", "eth1")}});
  // S-SW-1 lost its BGP route; what it has left is S-SW-2's, through OSPF via C-SW-1.
  const rib::Route* s1 = lab.router("S-SW-1").rib().active(prefix("192.168.100.1/32"));
  REQUIRE(s1);
  CHECK(s1->protocol == rib::Protocol::kOspfExternal2);
  CHECK(s1->next_hops == std::vector<rib::NextHop>{{ip("10.1.1.0"), lab.ifc("S-SW-1", "ge-0/0/0")}});
  const rib::Route* s2 = lab.router("S-SW-2").rib().active(prefix("192.168.100.1/32"));
  REQUIRE(s2);
  CHECK(s2->protocol == rib::Protocol::kBgp);
}

TEST_CASE("seed lab: the client's flows split about half and half over S-SW-1 and S-SW-2",
          "[run][seedlab][dataplane]") {
  SeedLab lab;
  lab.run_to(Duration::seconds(59));  // before the cable is pulled at 60s
  const net::Network& n = lab.world.network();
  // Packets C-SW-1 sent toward each access switch: side 1 of each core link
  // is C-SW-1's end. A few OSPF packets ride along; they are noise here.
  const auto toward = [&](const char* core_ifc) {
    const net::Interface& i = n.interface(lab.ifc("C-SW-1", core_ifc));
    return n.link_stats(i.link, i.link_side).packets;
  };
  const double s1 = static_cast<double>(toward("ge-0/0/0"));
  const double s2 = static_cast<double>(toward("ge-0/0/1"));
  // 10 Mb/s of 1000-byte packets from 20s: 1250/s for 39s.
  CHECK(s1 + s2 > 0.99 * 1250 * 39);
  // 64 flows hashed per flow: the S-SW-1 share is Binomial(64, 1/2)/64, sd 0.0625.
  // Five standard deviations either side.
  const double share = s1 / (s1 + s2);
  CAPTURE(share);
  CHECK(share > 0.5 - 5 * 0.0625);
  CHECK(share < 0.5 + 5 * 0.0625);
  CHECK(n.counters(false).delivered + n.counters(false).in_flight() == n.counters(false).sent);
}
