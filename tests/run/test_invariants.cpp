// The run invariants (sim/run/invariants.hpp): silent on every scenario we
// ship, at every simulated second and at every event boundary around a
// failure; and each one fires, with its message, on a state broken on purpose.
//
// The broken states are made the way a bug would make them: a route put into
// a node's RIB behind its protocols' backs (so the FIB installs it and
// nothing ever takes it out again), or, where the model offers no way to
// break it (a BGP speaker clears its tables itself), the plain inputs of the
// check built by hand.
//
//                 C-SW-1
//        ge-0/0/0 /      \ ge-0/0/1        (scenarios/seed-lab.yaml)
//          S-SW-1          S-SW-2
//        ge-0/0/9 \      / ge-0/0/9
//             eth0  pc  eth1
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>

#include "models/ospf/lsa.hpp"
#include "models/rib/preference.hpp"
#include "sim/run/invariants.hpp"
#include "sim/run/world.hpp"

using sim::Duration;
using sim::Time;

namespace {

const std::string kSeedLab = std::string(MHSIM_SOURCE_DIR) + "/scenarios/seed-lab.yaml";

net::Prefix prefix(const char* text) { return *net::parse_prefix(text).value; }
net::Ipv4 ip(const char* text) { return *net::parse_ipv4(text).value; }
Time at_s(double s) { return Time::zero() + Duration::picoseconds(static_cast<int64_t>(s * 1e12)); }

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& l : lines) out += "\n  " + l;
  return out;
}

struct Lab {
  explicit Lab(const std::string& file = kSeedLab)
      : scenario(run::load_scenario(file)), world(scenario, scenario.seed) {}
  run::Scenario scenario;
  run::World world;

  net::NodeId node(const char* name) const { return world.network().find_node(name); }
  net::InterfaceId ifc(const char* n, const char* name) const {
    return world.network().find_interface(node(n), name);
  }
  void run_to(Time t) { world.simulator().run_until(t); }
  // A route the node's protocols know nothing about, straight into its RIB.
  void inject(const char* n, rib::Protocol protocol, const char* p, const char* via,
              net::InterfaceId out) {
    rib::Route r;
    r.prefix = prefix(p);
    r.protocol = protocol;
    r.source = 999;
    r.next_hops = {rib::NextHop{ip(via), out}};
    r.preference = rib::default_internal_preference(world.router(node(n)).vendor(), protocol);
    world.router(node(n)).rib().update(std::move(r));
  }
};

}  // namespace

TEST_CASE("invariants hold at every simulated second of every shipped scenario",
          "[invariants][run]") {
  for (const auto& e :
       std::filesystem::directory_iterator(std::string(MHSIM_SOURCE_DIR) + "/scenarios")) {
    if (e.path().extension() != ".yaml") continue;
    INFO("scenario " << e.path().filename().string());
    Lab lab(e.path().string());
    const int seconds = static_cast<int>(lab.scenario.duration / Duration::seconds(1));
    std::vector<std::string> found;
    int broken_at = -1;
    for (int s = 1; s <= seconds && found.empty(); ++s) {
      lab.run_to(Time::zero() + Duration::seconds(s));
      found = run::check_invariants(lab.world);
      broken_at = s;
    }
    INFO("at " << broken_at << " s:" << joined(found));
    CHECK(found.empty());
  }
}

TEST_CASE("invariants hold at every event boundary while the seed lab loses and regains a link",
          "[invariants][run]") {
  Lab lab;
  lab.run_to(at_s(59.9));
  sim::Simulator& sim = lab.world.simulator();
  // One event at a time through the failure at 60 s (carrier loss, the BGP
  // drop, LSA flush, SPF at +200 ms, FIB at +20 ms) and the restore at 90 s.
  uint64_t boundaries = 0;
  for (const auto& [from, to] : {std::pair{59.9, 60.5}, std::pair{89.9, 90.5}}) {
    lab.run_to(at_s(from));
    while (sim.now() < at_s(to)) {
      sim.set_event_limit(sim.events_executed() + 1);
      if (sim.run_until(at_s(to)) != sim::StopReason::kEventLimit) break;
      const std::vector<std::string> found = run::check_invariants(lab.world);
      ++boundaries;
      INFO("at " << sim::format_seconds(sim.now()) << " s:" << joined(found));
      REQUIRE(found.empty());
    }
  }
  CHECK(boundaries > 100);
}

TEST_CASE("FIB invariant: a gateway on no subnet of its interface", "[invariants]") {
  Lab lab;
  lab.run_to(at_s(30));
  lab.inject("C-SW-1", rib::Protocol::kStatic, "10.99.0.0/16", "10.50.0.1",
             lab.ifc("C-SW-1", "ge-0/0/0"));
  // Still in the install queue (Junos 20 ms): the node is reacting.
  CHECK(run::check_invariants(lab.world).empty());
  lab.run_to(at_s(31));
  CHECK(run::check_invariants(lab.world) ==
        std::vector<std::string>{"C-SW-1: FIB route 10.99.0.0/16 via 10.50.0.1 on ge-0/0/0: the "
                                 "gateway is on no subnet of ge-0/0/0 (10.1.1.0/31)"});
}

TEST_CASE("FIB invariant: a next hop on a down interface once nothing is pending", "[invariants]") {
  Lab lab;
  lab.run_to(at_s(30));
  lab.inject("C-SW-1", rib::Protocol::kStatic, "10.99.0.0/16", "10.1.1.1",
             lab.ifc("C-SW-1", "ge-0/0/0"));
  lab.run_to(at_s(31));
  REQUIRE(run::check_invariants(lab.world).empty());  // a good route

  const net::LinkId link = lab.world.network().interface(lab.ifc("C-SW-1", "ge-0/0/0")).link;
  lab.world.network().set_carrier(link, false);
  // While C-SW-1's OSPF has its SPF run pending and its FIB updates queued,
  // forwarding on the dead interface is what a real router does too.
  const ospf::OspfProcess* ospf = lab.world.ospf(lab.node("C-SW-1"));
  REQUIRE(ospf);
  bool saw_reaction = false;
  sim::Simulator& sim = lab.world.simulator();
  while (sim.now() < at_s(31.5)) {
    sim.set_event_limit(sim.events_executed() + 1);
    if (sim.run_until(at_s(31.5)) != sim::StopReason::kEventLimit) break;
    saw_reaction = saw_reaction || ospf->spf_due() != Time::max();
    // The injected route is the only thing wrong, and only once all is quiet.
    for (const std::string& v : run::check_invariants(lab.world))
      CHECK(v.rfind("C-SW-1: FIB route 10.99.0.0/16", 0) == 0);
  }
  sim.set_event_limit(0);
  CHECK(saw_reaction);
  lab.run_to(at_s(40));
  CHECK(run::check_invariants(lab.world) ==
        std::vector<std::string>{"C-SW-1: FIB route 10.99.0.0/16 via 10.1.1.1 on ge-0/0/0: "
                                 "ge-0/0/0 is down, and no FIB update or SPF run is pending to "
                                 "remove it"});
}

TEST_CASE("FIB invariant: a next hop on another node's interface", "[invariants]") {
  Lab lab;
  lab.run_to(at_s(30));
  lab.inject("C-SW-1", rib::Protocol::kStatic, "10.99.0.0/16", "10.1.1.1",
             lab.ifc("S-SW-1", "ge-0/0/0"));
  lab.run_to(at_s(31));
  const net::InterfaceId other = lab.ifc("S-SW-1", "ge-0/0/0");
  CHECK(run::check_invariants(lab.world) ==
        std::vector<std::string>{"C-SW-1: FIB route 10.99.0.0/16 via 10.1.1.1 uses interface #" +
                                 std::to_string(other) + ", which is not one of C-SW-1's"});
}

TEST_CASE("BGP invariant: a BGP route in the RIB that no session gives", "[invariants]") {
  Lab lab;
  lab.run_to(at_s(30));
  SECTION("on a node with BGP sessions") {
    const node::BgpProcess* bgp = lab.world.bgp(lab.node("S-SW-1"));
    REQUIRE(bgp);
    REQUIRE(bgp->session(0).state() == bgp::State::kEstablished);
    lab.inject("S-SW-1", rib::Protocol::kBgp, "10.98.0.0/16", "10.10.1.2",
               lab.ifc("S-SW-1", "ge-0/0/9"));
    CHECK(run::check_invariants(lab.world) ==
          std::vector<std::string>{
              "S-SW-1: RIB holds BGP route 10.98.0.0/16 via 10.10.1.2, which no Established "
              "session gives"});
  }
  SECTION("on a node without BGP") {
    lab.inject("C-SW-1", rib::Protocol::kBgp, "10.98.0.0/16", "10.1.1.1",
               lab.ifc("C-SW-1", "ge-0/0/0"));
    CHECK(run::check_invariants(lab.world) ==
          std::vector<std::string>{
              "C-SW-1: RIB holds BGP route 10.98.0.0/16 via 10.1.1.1, which no Established "
              "session gives"});
  }
}

TEST_CASE("BGP invariant: after the seed lab's session drops, its routes are gone",
          "[invariants][run]") {
  Lab lab;
  lab.run_to(at_s(61));
  const node::BgpProcess* s1 = lab.world.bgp(lab.node("S-SW-1"));
  REQUIRE(s1);
  CHECK(s1->session(0).state() != bgp::State::kEstablished);
  CHECK(s1->speaker().adj_rib_in(0).empty());
  CHECK(run::check_invariants(lab.world).empty());
}

TEST_CASE("BGP invariant: Adj-RIB-In and Loc-RIB paths from a session that is not Established",
          "[invariants]") {
  bgp::Path path;
  path.kind = bgp::PeerKind::kEbgp;
  path.neighbor = 0;
  path.attrs.next_hop = ip("10.10.1.2");
  path.peer_address = ip("10.10.1.2");
  const std::map<net::Prefix, bgp::Path> adj_rib_in{{prefix("192.168.100.1/32"), path}};
  const std::map<net::Prefix, std::vector<bgp::Path>> loc_rib{{prefix("192.168.100.1/32"), {path}}};
  rib::Rib rib(vendor::Vendor::kJunos);
  rib::Route r;
  r.prefix = prefix("192.168.100.1/32");
  r.protocol = rib::Protocol::kBgp;
  r.next_hops = {rib::NextHop{ip("10.10.1.2"), 0}};
  rib.update(r);

  std::vector<std::string> out;
  SECTION("Established: nothing to say") {
    run::check_bgp("S-SW-1",
                   {{"SERVER", ip("10.10.1.2"), bgp::State::kEstablished, &adj_rib_in, {}}},
                   loc_rib, rib, out);
    CHECK(out.empty());
  }
  SECTION("Idle: every table that still holds the path") {
    run::check_bgp("S-SW-1", {{"SERVER", ip("10.10.1.2"), bgp::State::kIdle, &adj_rib_in, {}}},
                   loc_rib, rib, out);
    CHECK(out == std::vector<std::string>{
                     "S-SW-1: the Adj-RIB-In of neighbour SERVER 10.10.1.2 (Idle) holds 1 routes, "
                     "but the session is not Established",
                     "S-SW-1: Loc-RIB path for 192.168.100.1/32 comes from neighbour SERVER "
                     "10.10.1.2 (Idle), which is not Established",
                     "S-SW-1: RIB holds BGP route 192.168.100.1/32 via 10.10.1.2, which no "
                     "Established session gives (neighbour SERVER 10.10.1.2 (Idle))"});
  }
  SECTION("Idle, but a graceful-restart helper keeps the route as stale (RFC 4724)") {
    const auto stale = [](const net::Prefix& p) { return p == prefix("192.168.100.1/32"); };
    run::check_bgp("S-SW-1", {{"SERVER", ip("10.10.1.2"), bgp::State::kIdle, &adj_rib_in, stale}},
                   loc_rib, rib, out);
    CHECK(out.empty());
  }
  SECTION("Idle, and its routes are not the stale ones") {
    const auto stale = [](const net::Prefix& p) { return p == prefix("10.0.0.0/8"); };
    run::check_bgp("S-SW-1", {{"SERVER", ip("10.10.1.2"), bgp::State::kActive, &adj_rib_in, stale}},
                   loc_rib, rib, out);
    REQUIRE(out.size() == 3);
    CHECK(out[0] ==
          "S-SW-1: the Adj-RIB-In of neighbour SERVER 10.10.1.2 (Active) holds 1 routes, but the "
          "session is not Established and they are not stale");
  }
}

TEST_CASE("LSA invariant: MaxAge only while the LSA is being flushed", "[invariants]") {
  ospf::Lsa body;
  body.key = ospf::LsaKey{ospf::LsaType::kRouter, ip("10.255.0.1"), ip("10.255.0.1")};
  body.finalise();
  const ospf::LsaPtr lsa = std::make_shared<const ospf::Lsa>(body);
  const Time now = at_s(5000);
  const auto never = [](const ospf::LsaKey&) { return false; };
  const auto always = [](const ospf::LsaKey&) { return true; };

  ospf::Lsdb lsdb;
  std::vector<std::string> out;
  SECTION("young: fine") {
    lsdb.install(ospf::LsdbEntry{lsa, 0, at_s(5000 - 3599), true});
    run::check_lsdb("C-SW-1", lsdb, now, never, out);
    CHECK(out.empty());
  }
  SECTION("aged to MaxAge and still there") {
    lsdb.install(ospf::LsdbEntry{lsa, 0, at_s(5000 - 3700), true});
    run::check_lsdb("C-SW-1", lsdb, now, never, out);
    CHECK(out == std::vector<std::string>{
                     "C-SW-1: LSDB holds router-lsa 10.255.0.1/10.255.0.1 seq 0x80000001 at "
                     "MaxAge (3600 s, since 4900.000000000 s), but it is on no retransmission "
                     "list and no database exchange is running: it should have been removed "
                     "(RFC 2328 §14)"});
    out.clear();
    run::check_lsdb("C-SW-1", lsdb, now, always, out);  // being flushed: legal
    CHECK(out.empty());
  }
  SECTION("reached MaxAge at this instant: its aging timer may still be due") {
    lsdb.install(ospf::LsdbEntry{lsa, 100, at_s(5000 - 3500), true});
    run::check_lsdb("C-SW-1", lsdb, now, never, out);
    CHECK(out.empty());
    run::check_lsdb("C-SW-1", lsdb, now + Duration::nanoseconds(1), never, out);
    CHECK(out.size() == 1);
  }
}

TEST_CASE("LSA invariant: silent while a dead neighbour's LSA ages out and is removed",
          "[invariants][run]") {
  // S-SW-1 loses its only OSPF link at 100 s; C-SW-1 keeps S-SW-1's
  // Router-LSA until it reaches MaxAge about an hour later, then floods and
  // removes it (RFC 2328 §14).
  Lab lab;
  lab.run_to(at_s(100));
  const net::LinkId link = lab.world.network().interface(lab.ifc("S-SW-1", "ge-0/0/0")).link;
  lab.world.network().set_carrier(link, false);
  const ospf::OspfProcess* core = lab.world.ospf(lab.node("C-SW-1"));
  REQUIRE(core);
  const ospf::LsaKey s1{ospf::LsaType::kRouter, ip("10.255.0.1"), ip("10.255.0.1")};
  REQUIRE(core->lsdb().find(s1));
  for (int s = 200; s <= 4000; s += 100) {
    lab.run_to(Time::zero() + Duration::seconds(s));
    const std::vector<std::string> found = run::check_invariants(lab.world);
    INFO("at " << s << " s:" << joined(found));
    REQUIRE(found.empty());
  }
  CHECK_FALSE(core->lsdb().find(s1));
}

TEST_CASE("LSA invariant: an isolated router's flushed LSA leaves its database at once",
          "[invariants][run]") {
  // S-SW-1 loses its OSPF link at 30 s, then pc at 40 s: it flushes its
  // AS-external-LSA for the service address with no neighbour to acknowledge
  // it, so nothing may keep it (RFC 2328 §14). Found by fuzz_scenario.
  Lab lab;
  lab.run_to(at_s(30));
  net::Network& network = lab.world.network();
  network.set_carrier(network.interface(lab.ifc("S-SW-1", "ge-0/0/0")).link, false);
  lab.run_to(at_s(40));
  const ospf::OspfProcess* s1 = lab.world.ospf(lab.node("S-SW-1"));
  REQUIRE(s1);
  const ospf::LsaKey external{ospf::LsaType::kAsExternal, ip("192.168.100.1"), ip("10.255.0.1")};
  REQUIRE(s1->lsdb().find(external));
  network.set_carrier(network.interface(lab.ifc("S-SW-1", "ge-0/0/9")).link, false);
  lab.run_to(at_s(45));
  CHECK(run::check_invariants(lab.world).empty());
  CHECK_FALSE(s1->lsdb().find(external));
}

TEST_CASE("check_invariants lists at most 20 violations", "[invariants]") {
  Lab lab;
  lab.run_to(at_s(30));
  for (int i = 0; i < 25; ++i) {
    const std::string p = "10.99." + std::to_string(i) + ".0/24";
    lab.inject("C-SW-1", rib::Protocol::kBgp, p.c_str(), "10.1.1.1", lab.ifc("C-SW-1", "ge-0/0/0"));
  }
  const std::vector<std::string> found = run::check_invariants(lab.world);
  REQUIRE(found.size() == run::kMaxViolations + 1);
  CHECK(found.back() == "... and 5 more");
}
