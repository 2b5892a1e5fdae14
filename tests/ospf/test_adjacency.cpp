// Adjacencies over one point-to-point link, and how they end.
//
//   R1 (10.0.0.1)  ge-0/0/0 10.1.1.0/31 ---- 10.1.1.1/31 ge-0/0/0  R2 (10.0.0.2)
//   lo0 10.0.0.1/32 passive                                       lo0 10.0.0.2/32 passive
//
// 1 Gb/s, 5 us: a Hello listing one neighbour (20 + 24 + 24 bytes) arrives
// 544 ns + 5 us after it is sent.
#include "tests/ospf/catch_print.hpp"

#include "tests/ospf/ospf_net.hpp"

using namespace ospf_test;
using ospf::NeighborState;

namespace {

struct Pair {
  OspfNet net;
  net::LinkId link;
  std::vector<ospf::AdjacencyChange> r1_changes;

  explicit Pair(vendor::Vendor v = vendor::Vendor::kJunos,
                std::optional<Duration> r2_dead = std::nullopt) {
    net.add("R1", v, "10.0.0.1");
    net.add("R2", v, "10.0.0.2");
    link = net.connect("R1", "ge-0/0/0", "10.1.1.0/31", "R2", "ge-0/0/0", "10.1.1.1/31");
    if (r2_dead) net["R2"].config.interfaces.back().dead_interval = r2_dead;
    net.start();
    net.ospf("R1").on_adjacency_change(
        [this](const ospf::AdjacencyChange& c) { r1_changes.push_back(c); });
  }
  std::optional<Time> r1_entered(NeighborState s) const {
    for (const auto& c : r1_changes)
      if (c.to == s) return c.at;
    return std::nullopt;
  }
};

const Duration kHelloWithOneNeighbor = wire_time(20 + 24 + 24) + OspfNet::kLinkDelay;

}  // namespace

TEST_CASE("a point-to-point adjacency forms with the second hello", "[ospf]") {
  // Junos sends its first Hello when the interface comes up (t = 0); the
  // Hellos at 0 s list no neighbour (Init), the ones at 10 s list each
  // other: 2-Way, then ExStart at once on a point-to-point link. The
  // database exchange then takes a few one-way trips.
  Pair p;
  p.net.run_to(Duration::seconds(30));
  REQUIRE(p.net.neighbor_state("R1", "10.0.0.2") == NeighborState::kFull);
  REQUIRE(p.net.neighbor_state("R2", "10.0.0.1") == NeighborState::kFull);
  const Time init = *p.r1_entered(NeighborState::kInit);
  CHECK(init == Time::zero() + wire_time(20 + 44) + OspfNet::kLinkDelay);
  const Time exstart = Time::zero() + Duration::seconds(10) + kHelloWithOneNeighbor;
  CHECK(*p.r1_entered(NeighborState::kExStart) == exstart);
  // R2 has the higher Router ID: it is master, R1 the slave.
  CHECK_FALSE(p.net.ospf("R1").interfaces()[1]->neighbors()[0]->master());
  const Time full = *p.r1_entered(NeighborState::kFull);
  CHECK(full > exstart);
  CHECK(full < exstart + Duration::microseconds(100));

  // Both loopbacks are now OSPF routes (Junos internal preference 10), cost 1.
  const rib::Route* lo2 = p.net.rib("R1").active(prefix("10.0.0.2/32"));
  REQUIRE(lo2);
  CHECK(lo2->protocol == rib::Protocol::kOspfInternal);
  CHECK(lo2->metric == 1);
  CHECK(p.net.rib("R1").vendor_preference(*lo2) == 10);
  CHECK(lo2->next_hops ==
        std::vector<rib::NextHop>{{ip("10.1.1.1"), p.net.interface("R1", "ge-0/0/0")}});
  // Each end originates a new Router-LSA (now with the p2p link) the moment
  // it reaches Full, microseconds after the other end installed the old one
  // from the exchange: within MinLSArrival, so it is discarded (RFC 2328 §13
  // step 5a, as FRR does) and arrives by retransmission 5 s later. R1's
  // route to R2's loopback follows with the next SPF (Junos: 200 ms).
  CHECK(p.net.ospf("R1").counters().lsa_discarded_min_arrival == 1);
  CHECK(p.net.ospf("R2").counters().lsa_retransmitted == 1);
  const Time r2_full = p.net.ospf("R2").neighbors()[0].since;
  const Time retransmitted = r2_full + Duration::seconds(5) +
                             wire_time(20 + 24 + 4 + 20 + 4 + 3 * 12) + OspfNet::kLinkDelay;
  const auto& runs = p.net.ospf("R1").spf_runs();
  auto first_route = std::find_if(runs.begin(), runs.end(),
                                  [](const ospf::SpfRun& r) { return r.routes > 0; });
  REQUIRE(first_route != runs.end());
  CHECK(first_route->at == retransmitted + Duration::milliseconds(200));
  // Each database holds both Router-LSAs, one p2p link and two stubs each.
  CHECK(p.net.ospf("R1").database().size() == 2);
  const ospf::LsdbEntry* r2_lsa =
      p.net.ospf("R1").lsdb().find({ospf::LsaType::kRouter, ip("10.0.0.2"), ip("10.0.0.2")});
  REQUIRE(r2_lsa);
  CHECK(r2_lsa->lsa->links.size() == 3);
}

TEST_CASE("FRR sends its first hello 1 ms after the interface comes up", "[ospf]") {
  Pair p(vendor::Vendor::kFrr);
  p.net.run_to(Duration::seconds(30));
  CHECK(*p.r1_entered(NeighborState::kExStart) ==
        Time::zero() + Duration::milliseconds(1) + Duration::seconds(10) + kHelloWithOneNeighbor);
  CHECK(p.net.neighbor_state("R1", "10.0.0.2") == NeighborState::kFull);
}

TEST_CASE("a silent link: the adjacency dies one dead interval after the last hello", "[ospf]") {
  Pair p;
  p.net.run_to(Duration::milliseconds(100500));
  REQUIRE(p.net.neighbor_state("R1", "10.0.0.2") == NeighborState::kFull);
  // The last Hello from R2 left at 100 s.
  const Time last_hello = Time::zero() + Duration::seconds(100) + kHelloWithOneNeighbor;
  CHECK(p.net.ospf("R1").neighbors()[0].dead_deadline == last_hello + Duration::seconds(40));
  p.net.network.set_silent(p.link, -1, true);
  p.net.run_to(last_hello + Duration::seconds(40) - Duration::nanoseconds(1));
  CHECK(p.net.neighbor_state("R1", "10.0.0.2") == NeighborState::kFull);
  p.net.run_to(Duration::seconds(200));
  CHECK(p.r1_changes.back().to == NeighborState::kDown);
  CHECK(p.r1_changes.back().at == last_hello + Duration::seconds(40));
  // Junos runs SPF 200 ms later and the route to R2's loopback is gone.
  CHECK(p.net.rib("R1").active(prefix("10.0.0.2/32")) == nullptr);
}

TEST_CASE("carrier loss kills the adjacency at once and SPF follows after its delay", "[ospf]") {
  Pair p;
  const Time t = Time::zero() + Duration::milliseconds(100500);
  p.net.run_to(t);
  REQUIRE(p.net.rib("R1").active(prefix("10.0.0.2/32")));
  p.net.network.set_carrier(p.link, false);
  p.net.run_to(t);
  CHECK(p.net.neighbor_state("R1", "10.0.0.2") == NeighborState::kDown);
  CHECK(p.r1_changes.back().at == t);
  // Junos: the last SPF ran long ago, so this one waits only the 200 ms delay.
  p.net.run_to(t + Duration::milliseconds(200) - Duration::nanoseconds(1));
  CHECK(p.net.rib("R1").active(prefix("10.0.0.2/32")));
  p.net.run_to(t + Duration::milliseconds(200));
  CHECK(p.net.rib("R1").active(prefix("10.0.0.2/32")) == nullptr);
  CHECK(p.net.ospf("R1").spf_runs().back().at == t + Duration::milliseconds(200));

  // Carrier back: a new adjacency, Full again within two hello intervals.
  p.net.network.set_carrier(p.link, true);
  p.net.run_to(t + Duration::seconds(25));
  CHECK(p.net.neighbor_state("R1", "10.0.0.2") == NeighborState::kFull);
  CHECK(p.net.rib("R1").active(prefix("10.0.0.2/32")));
}

TEST_CASE("mismatched dead intervals: hellos are dropped and no adjacency forms", "[ospf]") {
  Pair p(vendor::Vendor::kJunos, Duration::seconds(30));
  p.net.run_to(Duration::seconds(100));
  CHECK(p.net.ospf("R1").neighbors().empty());
  CHECK(p.net.ospf("R2").neighbors().empty());
  CHECK(p.net.ospf("R1").counters().hellos_mismatched == 10);  // Hellos sent at 0, 10, ..., 90 s
  CHECK(p.net.rib("R1").active(prefix("10.0.0.2/32")) == nullptr);
}
