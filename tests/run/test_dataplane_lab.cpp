// The seed lab's static-route variant, scenarios/ecmp-static.yaml, run:
// C-SW-1 splits the client's flows to 192.168.100.1 over S-SW-1 and S-SW-2.
//
//                client
//                  |
//               C-SW-1        static 192.168.100.1/32 via S-SW-1 and S-SW-2
//        ge-0/0/0 /      \ ge-0/0/1
//          S-SW-1          S-SW-2     eBGP: learn 192.168.100.1/32 from pc
//                 \      /
//                    pc               lo 192.168.100.1/32
#include <catch2/catch.hpp>
#include <cmath>

#include "sim/run/ecmp_report.hpp"
#include "sim/run/world.hpp"

using sim::Duration;
using sim::Time;

namespace {

const std::string kLab = std::string(MHSIM_SOURCE_DIR) + "/scenarios/ecmp-static.yaml";

run::RoutingSpec& routing_of(run::Scenario& s, const std::string& node) {
  for (run::RoutingSpec& r : s.routing.nodes)
    if (r.node == node) return r;
  FAIL("no routing for " << node);
  throw;
}

// Packets per next hop of C-SW-1's group for the service address.
std::vector<uint64_t> core_split(const run::World& world) {
  const node::Router& core = world.router(world.network().find_node("C-SW-1"));
  for (const node::EcmpGroupStats& g : core.forwarder().ecmp_stats())
    if (g.next_hops.size() == 2) return g.packets;
  return {};
}

}  // namespace

TEST_CASE("ecmp-static lab: per-packet round-robin puts exactly half the packets on each S-SW",
          "[dataplane][run]") {
  run::Scenario s = run::load_scenario(kLab);
  routing_of(s, "C-SW-1").fib.ecmp_mode = node::EcmpMode::kPerPacketRoundRobin;
  run::World world(s, s.seed);
  world.simulator().run_until(Time::zero() + Duration::seconds(59));  // before the failure

  const std::vector<uint64_t> split = core_split(world);
  REQUIRE(split.size() == 2);
  const uint64_t sent = world.network().counters(false).sent;
  CHECK(split[0] + split[1] <= sent);
  CHECK(split[0] + split[1] + 2 >= sent);  // at most the ones between client and C-SW-1
  CHECK(std::max(split[0], split[1]) - std::min(split[0], split[1]) <= 1);
  CHECK(world.network().counters(false).dropped_total() == 0);
  CHECK(world.check_accounting().empty());
}

TEST_CASE("ecmp-static lab: per-flow hashing of 1000 flows splits within statistical bounds",
          "[dataplane][run]") {
  run::Scenario s = run::load_scenario(kLab);
  REQUIRE(s.traffic.size() == 1);
  s.traffic[0].flows = 1000;
  run::World world(s, s.seed);
  world.simulator().run_until(Time::zero() + Duration::seconds(59));

  const std::vector<uint64_t> split = core_split(world);
  REQUIRE(split.size() == 2);
  // Flows send equally (round-robin), so the packet share is the share of
  // flows hashed to a side: Binomial(1000, 1/2), sd 0.0158; allow 4 sd.
  const double share = static_cast<double>(split[0]) / static_cast<double>(split[0] + split[1]);
  CHECK(std::abs(share - 0.5) < 4 * 0.5 / std::sqrt(1000.0));
  // Each flow keeps its path: no reordering.
  for (const traffic::FlowStats& f : world.traffic().flows()) CHECK(f.reordered == 0);
  CHECK(world.check_accounting().empty());
}

TEST_CASE(
    "ecmp-static lab: the failure black-holes the flows hashed to S-SW-1 and every packet is "
    "counted",
    "[dataplane][run]") {
  const run::Scenario s = run::load_scenario(kLab);
  run::World world(s, s.seed);
  world.simulator().run_until(Time::zero() + s.duration);

  const net::PacketCounters& c = world.network().counters(false);
  const auto reason = [&](net::DropReason r) { return c.dropped[static_cast<size_t>(r)]; };
  // After pc's link to S-SW-1 fails, S-SW-1 discards on its default route;
  // the few packets on the wire at that moment are lost as link_down.
  CHECK(reason(net::DropReason::kDiscard) > 0);
  CHECK(reason(net::DropReason::kLinkDown) > 0);
  CHECK(reason(net::DropReason::kDiscard) + reason(net::DropReason::kLinkDown) ==
        c.dropped_total());
  // Flows hashed to S-SW-2 lose nothing; those hashed to S-SW-1 lose from 60s on.
  size_t unharmed = 0;
  for (const traffic::FlowStats& f : world.traffic().flows()) {
    if (f.lost() == 0) ++unharmed;
    CHECK(f.reordered == 0);
  }
  CHECK(unharmed > 0);
  CHECK(unharmed < world.traffic().flows().size());
  CHECK(world.check_accounting().empty());

  const std::vector<run::EcmpGroupReport> groups = run::ecmp_groups(world);
  const run::EcmpGroupReport* busiest = run::busiest_group(groups);
  REQUIRE(busiest != nullptr);
  CHECK(busiest->node == "C-SW-1");
  CHECK(busiest->prefixes == "192.168.100.1/32");
}

TEST_CASE("imbalance metrics: max/mean, coefficient of variation, Jain's index", "[dataplane]") {
  const run::Imbalance even = run::imbalance({50, 50, 50, 50});
  CHECK(even.max_mean == Approx(1.0));
  CHECK(even.cv == Approx(0.0).margin(1e-12));
  CHECK(even.jain == Approx(1.0));
  const run::Imbalance one = run::imbalance({200, 0, 0, 0});
  CHECK(one.max_mean == Approx(4.0));
  CHECK(one.cv == Approx(std::sqrt(3.0)));
  CHECK(one.jain == Approx(0.25));
  const run::Imbalance some = run::imbalance({30, 10});
  CHECK(some.max_mean == Approx(1.5));
  CHECK(some.cv == Approx(0.5));
  CHECK(some.jain == Approx(0.8));
}
