// scenarios/seed-lab-no-pref90.yaml: the seed lab without `preference 90`
// on the switches' BGP import. Each switch prefers the other's OSPF external
// (150) to its own eBGP route (170), stops redistributing (Junos exports
// only active routes), and the two flip in lockstep until the 60s failure
// leaves S-SW-2 the only exporter; S-SW-1 then never uses its own route again.
#include <catch2/catch.hpp>
#include <sstream>

#include "sim/run/report.hpp"
#include "sim/run/world.hpp"

using sim::Duration;
using sim::Time;

namespace {

const std::string kNoPref90 = std::string(MHSIM_SOURCE_DIR) + "/scenarios/seed-lab-no-pref90.yaml";
const std::string kSeedLab = std::string(MHSIM_SOURCE_DIR) + "/scenarios/seed-lab.yaml";

net::Prefix prefix(const char* text) { return *net::parse_prefix(text).value; }
net::Ipv4 ip(const char* text) { return *net::parse_ipv4(text).value; }

const net::Prefix kService = prefix("192.168.100.1/32");

struct Lab {
  explicit Lab(const std::string& file) : scenario(run::load_scenario(file)) {}
  run::Scenario scenario;
  run::World world{scenario, scenario.seed};

  const rib::Rib& rib(const char* node) const {
    return world.router(world.network().find_node(node)).rib();
  }
  net::InterfaceId ifc(const char* node, const char* name) const {
    return world.network().find_interface(world.network().find_node(node), name);
  }
  const rib::Route* service(const char* node) const { return rib(node).active(kService); }
  void run_to(Duration d) { world.simulator().run_until(Time::zero() + d); }
};

}  // namespace

TEST_CASE(
    "no-pref90: the scenario is the seed lab with IMPORT-BGP-SERVERS at the default preference",
    "[run][ospf]") {
  const run::Scenario s = run::load_scenario(kNoPref90);
  const policy::Policy& import = s.routing.policies.at("IMPORT-BGP-SERVERS");
  REQUIRE(import.terms.size() == 2);
  CHECK(import.terms[0].then.empty());  // no `preference 90`
  CHECK(import.terms[0].verdict == policy::Verdict::kAccept);
  CHECK(s.events.size() == 2);
}

TEST_CASE(
    "no-pref90: both switches flip to each other's external at once and the core loses the route",
    "[run][ospf]") {
  Lab lab(kNoPref90);
  // 23s: both switches route the service address to C-SW-1 (OSPF/150), and
  // C-SW-1 routes it to both switches: a forwarding loop.
  lab.run_to(Duration::seconds(23));
  for (const char* sw : {"S-SW-1", "S-SW-2"}) {
    CAPTURE(sw);
    REQUIRE(lab.service(sw));
    CHECK(lab.service(sw)->protocol == rib::Protocol::kOspfExternal2);
    CHECK(lab.rib(sw).vendor_preference(*lab.service(sw)) == 150);
  }
  REQUIRE(lab.service("C-SW-1"));
  CHECK(lab.service("C-SW-1")->next_hops.size() == 2);

  // 28s: both switches are back on BGP (170), neither exports: the core has nothing.
  lab.run_to(Duration::seconds(28));
  for (const char* sw : {"S-SW-1", "S-SW-2"}) {
    CAPTURE(sw);
    REQUIRE(lab.service(sw));
    CHECK(lab.service(sw)->protocol == rib::Protocol::kBgp);
    CHECK(lab.rib(sw).vendor_preference(*lab.service(sw)) == 170);
  }
  CHECK(lab.service("C-SW-1") == nullptr);

  // With `preference 90`, C-SW-1 has both next hops at the same moment.
  Lab good(kSeedLab);
  good.run_to(Duration::seconds(28));
  REQUIRE(good.service("C-SW-1"));
  CHECK(good.service("C-SW-1")->next_hops.size() == 2);
}

TEST_CASE(
    "no-pref90: at the end S-SW-1's active route is S-SW-2's OSPF external, not its eBGP route",
    "[run][ospf]") {
  Lab lab(kNoPref90);
  lab.run_to(lab.scenario.duration);

  // S-SW-1's session to pc is back (BIRD restarted it after the 90s restore)...
  const node::BgpProcess* bgp = lab.world.bgp(lab.world.network().find_node("S-SW-1"));
  REQUIRE(bgp);
  CHECK(bgp->session(0).state() == bgp::State::kEstablished);
  // ... but its route loses to the OSPF copy through C-SW-1.
  const rib::Route* active = lab.service("S-SW-1");
  REQUIRE(active);
  CHECK(active->protocol == rib::Protocol::kOspfExternal2);
  CHECK(lab.rib("S-SW-1").vendor_preference(*active) == 150);
  CHECK(active->next_hops ==
        std::vector<rib::NextHop>{{ip("10.1.1.0"), lab.ifc("S-SW-1", "ge-0/0/0")}});
  const auto candidates = lab.rib("S-SW-1").candidates(kService);
  REQUIRE(candidates.size() == 2);
  CHECK(candidates[1].protocol == rib::Protocol::kBgp);
  CHECK(lab.rib("S-SW-1").vendor_preference(candidates[1]) == 170);
  // S-SW-2 keeps its own; C-SW-1 has one next hop: no ECMP.
  REQUIRE(lab.service("S-SW-2"));
  CHECK(lab.service("S-SW-2")->protocol == rib::Protocol::kBgp);
  REQUIRE(lab.service("C-SW-1"));
  CHECK(lab.service("C-SW-1")->next_hops ==
        std::vector<rib::NextHop>{{ip("10.1.1.2"), lab.ifc("C-SW-1", "ge-0/0/1")}});

  // The report says so.
  std::ostringstream report;
  run::print_bgp_overridden(report, lab.world);
  CHECK(report.str() ==
        "\nBGP-learnt prefixes another protocol's route wins:\n"
        "  S-SW-1: 192.168.100.1/32 active via OSPF external (150) from S-SW-2, not its eBGP "
        "route (170); since 62.200 s\n");

  // The seed lab's report has no such section.
  Lab good(kSeedLab);
  good.run_to(good.scenario.duration);
  std::ostringstream clean;
  run::print_bgp_overridden(clean, good.world);
  CHECK(clean.str().empty());
}
