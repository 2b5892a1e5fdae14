// The seed lab's OSPF, loaded from scenarios/seed-lab.yaml and run: C-SW-1
// learns the service address from both access switches, as the write-up's
// `show route 192.168.100.1` and forwarding table show, and drops S-SW-1
// when S-SW-1's BGP session to pc goes at 60s, at the time the configured
// timers give.
//
//                 C-SW-1 (originates 0/0)
//        ge-0/0/0 /      \ ge-0/0/1
//          S-SW-1          S-SW-2        export EXPORT-OSPF (192.168.100.1/32)
//        ge-0/0/9 \      / ge-0/0/9
//             eth0  pc  eth1
#include <catch2/catch.hpp>

#include "models/ospf/defaults.hpp"
#include "models/ospf/packet.hpp"
#include "models/rib/fib_options.hpp"
#include "sim/run/world.hpp"

using sim::Duration;
using sim::Time;

namespace {

const std::string kSeedLab = std::string(MHSIM_SOURCE_DIR) + "/scenarios/seed-lab.yaml";

net::Prefix prefix(const char* text) { return *net::parse_prefix(text).value; }
net::Ipv4 ip(const char* text) { return *net::parse_ipv4(text).value; }

const net::Prefix kService = prefix("192.168.100.1/32");

run::RoutingSpec& routing_of(run::Scenario& s, const std::string& node) {
  for (run::RoutingSpec& r : s.routing.nodes)
    if (r.node == node) return r;
  FAIL("no routing for " << node);
  throw;
}

struct Lab {
  explicit Lab(run::Scenario s) : scenario(std::move(s)), world(scenario, scenario.seed) {}
  Lab() : Lab(run::load_scenario(kSeedLab)) {}

  run::Scenario scenario;
  run::World world;

  const node::Router& router(const char* name) const {
    return world.router(world.network().find_node(name));
  }
  net::InterfaceId ifc(const char* node, const char* name) const {
    return world.network().find_interface(world.network().find_node(node), name);
  }
  void run_to(Time t) { world.simulator().run_until(t); }
  void run_to(Duration d) { run_to(Time::zero() + d); }

  rib::NextHop via_s1() const { return {ip("10.1.1.1"), ifc("C-SW-1", "ge-0/0/0")}; }
  rib::NextHop via_s2() const { return {ip("10.1.1.2"), ifc("C-SW-1", "ge-0/0/1")}; }
  std::vector<rib::NextHop> core_fib() const {
    const rib::Fib& fib = router("C-SW-1").fib();
    const rib::Fib::GroupId g = fib.exact(kService);
    if (g == rib::Fib::kNoGroup) return {};
    const auto hops = fib.next_hops(g);
    return {hops.begin(), hops.end()};
  }
};

// ceil(bits / bandwidth), as a link serialises a packet (control packets
// are small: bits * 1e12 fits in 64 bits).
Duration wire_time(uint32_t bytes, uint64_t bps) {
  const uint64_t ps = (uint64_t{bytes} * 8u * 1'000'000'000'000u + bps - 1) / bps;
  return Duration::picoseconds(static_cast<int64_t>(ps));
}

}  // namespace

TEST_CASE("seed lab at 55s: C-SW-1 has 192.168.100.1/32 as an OSPF external through both switches",
          "[run][ospf][seedlab]") {
  Lab lab;
  lab.run_to(Duration::seconds(55));  // before the carrier loss at 60s

  // root@C-SW-1> show route 192.168.100.1
  //   192.168.100.1/32   *[OSPF/150] 00:58:45, metric 0, tag 0
  //                          to 10.1.1.1 via ge-0/0/0.0
  //                       >  to 10.1.1.2 via ge-0/0/1.0
  const rib::Rib& rib = lab.router("C-SW-1").rib();
  const rib::Route* r = rib.active(kService);
  REQUIRE(r);
  CHECK(r->protocol == rib::Protocol::kOspfExternal2);
  CHECK(rib.vendor_preference(*r) == 150);
  CHECK(r->metric == 0);  // Junos exports the BGP route's own metric (no MED)
  CHECK(r->next_hops == std::vector<rib::NextHop>{lab.via_s1(), lab.via_s2()});
  // The forwarding table: a unilist of both (the ECMP load-balance policy).
  CHECK(lab.core_fib() == std::vector<rib::NextHop>{lab.via_s1(), lab.via_s2()});

  // Both switches keep their own eBGP route (preference 90) over the other's
  // external (150), which waits behind it.
  for (const char* sw : {"S-SW-1", "S-SW-2"}) {
    CAPTURE(sw);
    const rib::Rib& srib = lab.router(sw).rib();
    REQUIRE(srib.active(kService));
    CHECK(srib.active(kService)->protocol == rib::Protocol::kBgp);
    CHECK(srib.vendor_preference(*srib.active(kService)) == 90);
    REQUIRE(srib.candidates(kService).size() == 2);
    CHECK(srib.candidates(kService)[1].protocol == rib::Protocol::kOspfExternal2);
    // C-SW-1's default-originate replaces the static stand-in.
    const rib::Route* dflt = srib.active(prefix("0.0.0.0/0"));
    REQUIRE(dflt);
    CHECK(dflt->protocol == rib::Protocol::kOspfExternal2);
  }
  // ... which the switches send to pc: its ECMP default, as in the write-up.
  const rib::Route* pc_default = lab.router("pc").rib().active(prefix("0.0.0.0/0"));
  REQUIRE(pc_default);
  CHECK(pc_default->protocol == rib::Protocol::kBgp);
  CHECK(pc_default->next_hops.size() == 2);

  // Every adjacency is Full.
  for (const char* node : {"S-SW-1", "S-SW-2", "C-SW-1"}) {
    const run::OspfAdjacencyLog& log = lab.world.ospf_adjacencies();
    for (const run::OspfAdjacency& a : log.of(lab.world.network().find_node(node))) {
      CAPTURE(node, a.neighbor.to_string());
      CHECK(a.state == ospf::NeighborState::kFull);
      CHECK(a.full_at.has_value());
    }
  }
}

TEST_CASE("seed lab: after S-SW-1 loses pc, C-SW-1 forwards on S-SW-2 alone at the computed time",
          "[run][ospf][seedlab]") {
  Lab lab;
  const run::Scenario& s = lab.scenario;
  REQUIRE(s.events.size() >= 1);
  REQUIRE(s.events[0].action == run::EventAction::kDown);
  const Time down = s.events[0].at;  // pc:eth0 loses carrier: 60s

  // The S-SW-1 -- C-SW-1 link, as the scenario configures it.
  const run::ScenarioLink* core_link = nullptr;
  for (const run::ScenarioLink& l : s.links)
    if (l.name() == "S-SW-1:ge-0/0/0--C-SW-1:ge-0/0/0") core_link = &l;
  REQUIRE(core_link);
  const uint64_t bps = core_link->params.bandwidth_bps;

  // What S-SW-1 puts on that link at `down`:
  //  - its BGP session drops with the carrier (Junos link tracking), the
  //    BGP route leaves the RIB, and OSPF, no longer exporting it, flushes
  //    its AS-external-LSA at once (premature aging: no MinLSInterval);
  //  - the lab's hellos go every hello interval from 0s (Junos sends the
  //    first one at once), so when `down` is a multiple of it a Hello
  //    leaves at the same instant, and it goes first: redistribution runs
  //    in its own event after the RIB change, behind the Hello timer's.
  const ospf::OspfTimers junos = ospf::default_timers(vendor::Vendor::kJunos);
  ospf::Hello hello;
  hello.neighbors = {ip("10.255.0.3")};
  ospf::Lsa external;
  external.key.type = ospf::LsaType::kAsExternal;
  ospf::LinkStateUpdate flush;
  flush.lsas.push_back(ospf::LsaCopy{std::make_shared<const ospf::Lsa>(external), ospf::kMaxAge});
  REQUIRE(flush.lsas[0].lsa->length() == 36);
  const bool hello_too = down.since_start().ps() % junos.hello_interval.ps() == 0;
  CHECK(hello_too);
  const Duration queued =
      hello_too ? wire_time(ospf::kIpHeaderBytes + hello.wire_bytes(), bps) : Duration::zero();
  const Time arrival = down + queued + wire_time(ospf::kIpHeaderBytes + flush.wire_bytes(), bps) +
                       core_link->params.delay;
  // Junos runs SPF `delay` after the change (no SPF in the last holddown),
  // then the FIB takes the change after its install delay.
  const Time spf = arrival + junos.spf.delay;
  const Time fib = spf + rib::fib_defaults(vendor::Vendor::kJunos).install_delay;

  lab.run_to(down - Duration::nanoseconds(1));
  REQUIRE(lab.core_fib().size() == 2);
  lab.run_to(arrival);
  const ospf::OspfProcess* core = lab.world.ospf(lab.world.network().find_node("C-SW-1"));
  REQUIRE(core);
  CHECK(core->spf_due() == spf);
  lab.run_to(spf - Duration::nanoseconds(1));
  CHECK(lab.router("C-SW-1").rib().active(kService)->next_hops.size() == 2);
  lab.run_to(spf);
  CHECK(lab.router("C-SW-1").rib().active(kService)->next_hops ==
        std::vector<rib::NextHop>{lab.via_s2()});
  lab.run_to(fib - Duration::nanoseconds(1));
  CHECK(lab.core_fib().size() == 2);
  lab.run_to(fib);
  CHECK(lab.core_fib() == std::vector<rib::NextHop>{lab.via_s2()});
  // 60s + 68-byte Hello + 84-byte LSU at 1 Gb/s + 5 us + 200 ms + 20 ms.
  CHECK(fib == Time::zero() + Duration::nanoseconds(60'220'006'216));

  // Still S-SW-2 alone after the 90s restore, until pc's BIRD has waited its
  // connect delay (5 s, jittered down by up to a quarter; no error wait after
  // a lost neighbour) and reconnected; by the run's end both next hops are back.
  lab.run_to(Duration::seconds(90 + 3));
  CHECK(lab.core_fib() == std::vector<rib::NextHop>{lab.via_s2()});
  lab.run_to(s.duration);
  CHECK(lab.core_fib().size() == 2);
}

TEST_CASE("seed lab: the RIB holds both next hops either way, the FIB only with the ECMP policy",
          "[run][ospf][seedlab]") {
  SECTION("with forwarding-table export ECMP (the lab)") {
    Lab lab;
    lab.run_to(Duration::seconds(55));
    CHECK(lab.router("C-SW-1").rib().active(kService)->next_hops.size() == 2);
    CHECK(lab.core_fib() == std::vector<rib::NextHop>{lab.via_s1(), lab.via_s2()});
  }
  SECTION("without it: Junos installs one of the two") {
    run::Scenario s = run::load_scenario(kSeedLab);
    routing_of(s, "C-SW-1").fib.forwarding_export.clear();
    Lab lab(std::move(s));
    lab.run_to(Duration::seconds(55));
    CHECK(lab.router("C-SW-1").rib().active(kService)->next_hops ==
          std::vector<rib::NextHop>{lab.via_s1(), lab.via_s2()});
    const std::vector<rib::NextHop> fib = lab.core_fib();
    REQUIRE(fib.size() == 1);
    CHECK((fib[0] == lab.via_s1() || fib[0] == lab.via_s2()));
  }
}
