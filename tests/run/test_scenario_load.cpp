// Loading good scenarios: scenarios/seed-lab.yaml as the lab write-up has
// it, and the defaults and warnings of smaller files.
//
//                 C-SW-1
//        ge-0/0/0 /    \ ge-0/0/1        /31s
//        ge-0/0/0 /      \ ge-0/0/0
//           S-SW-1        S-SW-2
//        ge-0/0/9 \      / ge-0/0/9      /30s
//             eth0 \    / eth1
//                    pc          lo 192.168.100.1/32
#include <catch2/catch.hpp>

#include "tests/run/scenario_files.hpp"

using run::Scenario;
using run::ScenarioInterface;
using run::ScenarioNode;
using sim::Duration;

namespace {

const std::string kSeedLab = std::string(MHSIM_SOURCE_DIR) + "/scenarios/seed-lab.yaml";

std::vector<std::string> addresses_of(const Scenario& s, std::string_view node,
                                      std::string_view ifc) {
  const ScenarioNode* n = s.find_node(node);
  REQUIRE(n);
  const ScenarioInterface* i = n->find_interface(ifc);
  REQUIRE(i);
  std::vector<std::string> out;
  for (const net::InterfaceAddress& a : i->addresses) out.push_back(a.to_string());
  return out;
}

using Strings = std::vector<std::string>;

}  // namespace

TEST_CASE("seed-lab.yaml: the write-up's nodes", "[scenario]") {
  const run::ScenarioLoad loaded = run::load_scenario_with_warnings(kSeedLab);
  const Scenario& s = loaded.scenario;
  CHECK(loaded.warnings.empty());
  CHECK(s.name == "seed-lab");
  CHECK(s.seed == 1);
  CHECK(s.duration == Duration::seconds(180));

  REQUIRE(s.nodes.size() == 5);
  CHECK(s.nodes[0].name == "pc");
  CHECK(s.nodes[0].kind == net::NodeKind::kHost);
  CHECK(s.nodes[0].vendor == vendor::Vendor::kBird);
  CHECK_FALSE(s.nodes[0].carrier_delay);
  for (size_t i = 1; i < 4; ++i) {
    CHECK(s.nodes[i].kind == net::NodeKind::kSwitch);
    CHECK(s.nodes[i].vendor == vendor::Vendor::kJunos);
  }
  CHECK(s.nodes[1].name == "S-SW-1");
  CHECK(s.nodes[1].carrier_delay == Duration::zero());
  CHECK(s.nodes[2].name == "S-SW-2");
  CHECK(s.nodes[3].name == "C-SW-1");
  CHECK(s.nodes[4].name == "client");
  CHECK(s.nodes[4].kind == net::NodeKind::kHost);
  CHECK(s.nodes[4].vendor == vendor::Vendor::kLinux);
}

TEST_CASE("seed-lab.yaml: interfaces and addresses", "[scenario]") {
  const Scenario s = run::load_scenario(kSeedLab);
  CHECK(addresses_of(s, "pc", "lo") == Strings{"127.0.0.1/8", "192.168.100.1/32"});
  CHECK(addresses_of(s, "pc", "eth0") == Strings{"10.10.1.2/30"});
  CHECK(addresses_of(s, "pc", "eth1") == Strings{"10.10.2.2/30"});
  CHECK(addresses_of(s, "S-SW-1", "ge-0/0/9") == Strings{"10.10.1.1/30"});
  CHECK(addresses_of(s, "S-SW-1", "ge-0/0/0") == Strings{"10.1.1.1/31"});
  CHECK(addresses_of(s, "S-SW-1", "lo0") == Strings{"10.255.0.1/32"});
  CHECK(addresses_of(s, "S-SW-2", "ge-0/0/9") == Strings{"10.10.2.1/30"});
  CHECK(addresses_of(s, "S-SW-2", "ge-0/0/0") == Strings{"10.1.1.2/31"});
  CHECK(addresses_of(s, "S-SW-2", "lo0") == Strings{"10.255.0.2/32"});
  CHECK(addresses_of(s, "C-SW-1", "ge-0/0/0") == Strings{"10.1.1.0/31"});
  CHECK(addresses_of(s, "C-SW-1", "ge-0/0/1") == Strings{"10.1.1.3/31"});
  CHECK(addresses_of(s, "C-SW-1", "lo0") == Strings{"10.255.0.3/32"});

  // The order the addresses section names them in, loopback first on pc.
  const ScenarioNode& pc = *s.find_node("pc");
  REQUIRE(pc.interfaces.size() == 3);
  CHECK(pc.interfaces[0].name == "lo");
  CHECK(pc.interfaces[0].loopback());
  CHECK_FALSE(pc.interfaces[0].link);
  CHECK(pc.interfaces[1].link == 0u);
  CHECK(pc.interfaces[2].link == 1u);
}

TEST_CASE("seed-lab.yaml: links and events", "[scenario]") {
  const Scenario s = run::load_scenario(kSeedLab);
  REQUIRE(s.links.size() == 5);
  CHECK(s.links[0].name() == "pc:eth0--S-SW-1:ge-0/0/9");
  CHECK(s.links[1].name() == "pc:eth1--S-SW-2:ge-0/0/9");
  CHECK(s.links[2].name() == "S-SW-1:ge-0/0/0--C-SW-1:ge-0/0/0");
  CHECK(s.links[3].name() == "S-SW-2:ge-0/0/0--C-SW-1:ge-0/0/1");
  CHECK(s.links[4].name() == "client:eth0--C-SW-1:ge-0/0/2");
  for (const run::ScenarioLink& l : s.links) {
    CHECK(l.params.bandwidth_bps == 1'000'000'000);
    CHECK(l.params.delay == Duration::microseconds(5));
    CHECK(l.params.mtu == 1500);
    CHECK(l.params.queue_bytes == 1'000'000);
  }

  REQUIRE(s.events.size() == 2);
  CHECK(s.events[0].at == sim::Time::zero() + Duration::seconds(60));
  CHECK(s.events[0].action == run::EventAction::kDown);
  CHECK(s.events[0].link == 0);
  CHECK(s.events[1].at == sim::Time::zero() + Duration::seconds(90));
  CHECK(s.events[1].action == run::EventAction::kRestore);
  CHECK(s.events[1].link == 0);
}

TEST_CASE("defaults: name from the file, seed 1, built-in link parameters", "[scenario]") {
  const Scenario s =
      test::load_text(
          "duration: 1s\n"
          "topology:\n"
          "  nodes: { a: { kind: host, vendor: linux }, b: { kind: host, vendor: linux } }\n"
          "  links: [ { endpoints: [\"a:eth0\", \"b:eth0\"], delay: 2ms } ]\n")
          .scenario;
  CHECK(s.name == "s");  // test::scenario_path() is .../s.yaml
  CHECK(s.seed == 1);
  CHECK(s.description.empty());
  const net::LinkParams builtin;
  REQUIRE(s.links.size() == 1);
  CHECK(s.links[0].params.bandwidth_bps == builtin.bandwidth_bps);
  CHECK(s.links[0].params.delay == Duration::milliseconds(2));
  CHECK(s.links[0].params.mtu == builtin.mtu);
  CHECK(s.links[0].params.queue_bytes == builtin.queue_bytes);
}

TEST_CASE("link overrides and units", "[scenario]") {
  const Scenario s =
      test::load_text(
          "duration: 1s\n"
          "link_defaults: { bandwidth: 10G, delay: 1us, mtu: 9000, queue: 4MiB }\n"
          "topology:\n"
          "  nodes: { a: { kind: router, vendor: eos }, b: { kind: router, vendor: frr } }\n"
          "  links:\n"
          "    - endpoints: [\"a:et1\", \"b:swp1\"]\n"
          "    - endpoints: [\"a:et2\", \"b:swp2\"]\n"
          "      bandwidth: 100Mbps\n"
          "      mtu: 1500B\n"
          "      queue: 64KB\n")
          .scenario;
  REQUIRE(s.links.size() == 2);
  CHECK(s.links[0].params.bandwidth_bps == 10'000'000'000);
  CHECK(s.links[0].params.mtu == 9000);
  CHECK(s.links[0].params.queue_bytes == 4u << 20);
  CHECK(s.links[1].params.bandwidth_bps == 100'000'000);
  CHECK(s.links[1].params.delay == Duration::microseconds(1));
  CHECK(s.links[1].params.mtu == 1500);
  CHECK(s.links[1].params.queue_bytes == 64'000);
}

TEST_CASE("warnings: late events, unusable host addresses, bare nodes", "[scenario]") {
  const run::ScenarioLoad loaded = test::load_text(
      "duration: 10s\n"
      "topology:\n"
      "  nodes:\n"
      "    a: { kind: host, vendor: linux }\n"
      "    b: { kind: host, vendor: linux }\n"
      "    spare: { kind: switch, vendor: eos }\n"
      "  links:\n"
      "    - endpoints: [\"a:eth0\", \"b:eth0\"]\n"
      "addresses:\n"
      "  a: { eth0: 10.0.0.0/30 }\n"
      "  b: { eth0: 10.0.0.3/30 }\n"
      "events:\n"
      "  - { at: 10s, link: \"a:eth0\", action: down }\n"
      "  - { at: 11s, link: \"a:eth0\", action: up }\n");
  const std::string& f = test::scenario_path();
  CHECK(loaded.warnings ==
        Strings{f + ":10:14: warning: 10.0.0.0/30 is the network address of its subnet",
                f + ":11:14: warning: 10.0.0.3/30 is the broadcast address of its subnet",
                f + ":14:11: warning: event at 11s is after the end of the run (duration 10s) "
                    "and will not happen",
                f + ":6:5: warning: node 'spare' has no interfaces"});
  // An event exactly at the end still happens (run_until includes its end).
  CHECK(loaded.scenario.events.size() == 2);
}

TEST_CASE("one-way events resolve `from` to a link side", "[scenario]") {
  const Scenario s =
      test::load_text(
          "duration: 10s\n"
          "topology:\n"
          "  nodes: { a: { kind: host, vendor: linux }, b: { kind: host, vendor: linux } }\n"
          "  links: [ { endpoints: [\"a:eth0\", \"b:eth0\"] } ]\n"
          "events:\n"
          "  - { at: 1s, link: \"b:eth0\", action: silent, from: b }\n"
          "  - { at: 2s, link: \"a:eth0\", action: loss, probability: 0.25 }\n"
          "  - { at: 2s, link: \"a:eth0\", action: loss, probability: 1, from: a }\n")
          .scenario;
  REQUIRE(s.events.size() == 3);
  CHECK(s.events[0].side == 1);
  CHECK(s.events[0].from == "b");
  CHECK(s.events[1].side == -1);
  CHECK(s.events[1].probability == 0.25);
  CHECK(s.events[2].side == 0);
  CHECK(s.events[2].probability == 1.0);
}

TEST_CASE("optional sections may be left empty", "[scenario]") {
  const run::ScenarioLoad loaded = test::load_text(
      "duration: 1s\n"
      "link_defaults:\n"
      "topology:\n"
      "  nodes: { a: { kind: host, vendor: linux } }\n"
      "  links:\n"
      "addresses:\n"
      "  a: { lo: 10.0.0.1/32 }\n"
      "events:\n"
      "#  - { at: 1s, link: \"a:eth0\", action: down }\n");
  CHECK(loaded.scenario.links.empty());
  CHECK(loaded.scenario.events.empty());
  CHECK(loaded.warnings.empty());
}
