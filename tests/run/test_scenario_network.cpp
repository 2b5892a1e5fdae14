// A loaded scenario made live: build_network() and schedule_events().
//
//   a:eth0 ---- b:eth0      10.0.0.1/30 -- 10.0.0.2/30, b has carrier_delay 2s
#include <catch2/catch.hpp>

#include "tests/run/scenario_files.hpp"

using sim::Duration;
using sim::Time;

namespace {

const std::string kSeedLab = std::string(MHSIM_SOURCE_DIR) + "/scenarios/seed-lab.yaml";

Time at(int64_t seconds) { return Time::zero() + Duration::seconds(seconds); }

}  // namespace

TEST_CASE("build_network: seed-lab's nodes, interfaces, addresses and links", "[scenario]") {
  const run::Scenario s = run::load_scenario(kSeedLab);
  sim::Simulator sim;
  net::Network network(sim, s.seed);
  run::build_network(s, network);

  REQUIRE(network.nodes().size() == 5);
  CHECK(network.link_count() == 5);
  CHECK(network.interface_count() == 14);
  const net::NodeId pc = network.find_node("pc");
  REQUIRE(pc != net::kNone);
  CHECK(network.node(pc).kind == net::NodeKind::kHost);
  CHECK(network.node(pc).vendor == vendor::Vendor::kBird);

  const net::InterfaceId lo = network.find_interface(pc, "lo");
  REQUIRE(lo != net::kNone);
  CHECK(network.interface(lo).link == net::kNone);
  REQUIRE(network.interface(lo).addresses.size() == 2);
  CHECK(network.interface(lo).addresses[1].to_string() == "192.168.100.1/32");

  const net::InterfaceId eth0 = network.find_interface(pc, "eth0");
  const net::InterfaceId ge9 = network.find_interface(network.find_node("S-SW-1"), "ge-0/0/9");
  CHECK(network.peer_of(eth0) == ge9);
  CHECK(network.link_name(network.interface(eth0).link) == "pc:eth0--S-SW-1:ge-0/0/9");
  CHECK(network.link_params(network.interface(eth0).link).bandwidth_bps == 1'000'000'000);
}

TEST_CASE("schedule_link_events: seed-lab's link goes down at 60s and back at 90s", "[scenario]") {
  const run::Scenario s = run::load_scenario(kSeedLab);
  sim::Simulator sim;
  net::Network network(sim, s.seed);
  run::build_network(s, network);
  run::schedule_link_events(s, network, sim);
  const net::InterfaceId eth0 = network.find_interface(network.find_node("pc"), "eth0");
  const net::LinkId link = network.interface(eth0).link;

  sim.run_until(at(60) - Duration::picoseconds(1));
  CHECK(network.link_carrier(link));
  sim.run_until(at(60));
  CHECK_FALSE(network.link_carrier(link));
  CHECK_FALSE(network.interface(eth0).oper_up());  // bird: carrier delay 0
  sim.run_until(at(90) - Duration::picoseconds(1));
  CHECK_FALSE(network.link_carrier(link));
  sim.run_until(at(90));
  CHECK(network.link_carrier(link));
  CHECK(network.interface(eth0).oper_up());
}

TEST_CASE("schedule_link_events: every action, one-way where asked", "[scenario]") {
  const run::Scenario s =
      test::load_text(
          "duration: 100s\n"
          "topology:\n"
          "  nodes:\n"
          "    a: { kind: router, vendor: frr }\n"
          "    b: { kind: router, vendor: frr, carrier_delay: 2s }\n"
          "  links: [ { endpoints: [\"a:eth0\", \"b:eth0\"] } ]\n"
          "addresses: { a: { eth0: 10.0.0.1/30 }, b: { eth0: 10.0.0.2/30 } }\n"
          "events:\n"
          "  - { at: 10s, link: \"b:eth0\", action: silent, from: b }\n"
          "  - { at: 20s, link: \"a:eth0\", action: loss, probability: 0.3, from: a }\n"
          "  - { at: 30s, link: \"a:eth0\", action: restore }\n"
          "  - { at: 40s, link: \"a:eth0\", action: down }\n"
          "  - { at: 50s, link: \"a:eth0\", action: silent }\n"
          "  - { at: 60s, link: \"a:eth0\", action: up }\n")
          .scenario;
  sim::Simulator sim;
  net::Network network(sim, s.seed);
  run::build_network(s, network);
  run::schedule_link_events(s, network, sim);
  const net::InterfaceId a = network.find_interface(network.find_node("a"), "eth0");
  const net::InterfaceId b = network.find_interface(network.find_node("b"), "eth0");
  const net::LinkId link = network.interface(a).link;
  CHECK(network.node(network.find_node("b")).carrier_delay == Duration::seconds(2));

  sim.run_until(at(10));  // silent from b: side 1 only
  CHECK_FALSE(network.link_silent(link, 0));
  CHECK(network.link_silent(link, 1));
  sim.run_until(at(20));  // loss from a: side 0 only
  CHECK(network.link_loss(link, 0) == 0.3);
  CHECK(network.link_loss(link, 1) == 0.0);
  sim.run_until(at(30));  // restore: healthy both ways
  CHECK_FALSE(network.link_silent(link, 1));
  CHECK(network.link_loss(link, 0) == 0.0);
  sim.run_until(at(40));  // down: a sees it at once, b after its 2s carrier delay
  CHECK_FALSE(network.link_carrier(link));
  CHECK_FALSE(network.interface(a).oper_up());
  CHECK(network.interface(b).oper_up());
  sim.run_until(at(42));
  CHECK_FALSE(network.interface(b).oper_up());
  sim.run_until(at(50));  // silent without from: both ways, carrier still down
  CHECK(network.link_silent(link, 0));
  CHECK(network.link_silent(link, 1));
  sim.run_until(at(60));  // up brings carrier back and nothing else
  CHECK(network.link_carrier(link));
  CHECK(network.link_silent(link, 0));
  CHECK(network.link_silent(link, 1));
}
