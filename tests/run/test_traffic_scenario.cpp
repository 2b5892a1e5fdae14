// The traffic and outputs sections and routing.NODE.fib.ecmp: what loads,
// with which defaults, and every error as the exact line a user sees.
//
// The base scenario (lines 1-14):
//
//   client:eth0 10.0.0.1/30 ---- 10.0.0.2/30 eth0:sw   (sw lo0 10.255.0.1/32)
//   h1, h2: hosts without links; h1 has no address, h2 has lo 10.9.0.2/32
#include <catch2/catch.hpp>

#include "tests/run/scenario_files.hpp"

using test::error_at;
using test::error_of;
using test::load_text;

namespace {

const std::string kBase =
    "duration: 10s\n"
    "topology:\n"
    "  nodes:\n"
    "    client: { kind: host, vendor: linux }\n"
    "    sw: { kind: switch, vendor: junos }\n"
    "    h1: { kind: host, vendor: linux }\n"
    "    h2: { kind: host, vendor: linux }\n"
    "  links:\n"
    "    - endpoints: [\"client:eth0\", \"sw:eth0\"]\n"
    "addresses:\n"
    "  client: { eth0: 10.0.0.1/30 }\n"
    "  sw: { eth0: 10.0.0.2/30, lo0: 10.255.0.1/32 }\n"
    "  h1: { eth0: [] }\n"
    "  h2: { lo: 10.9.0.2/32 }\n";

// kBase plus one traffic entry whose body (a flow map) starts at line 16, column 5.
std::string with_traffic(const std::string& entry) {
  return kBase + "traffic:\n  - " + entry + "\n";
}

}  // namespace

TEST_CASE("a traffic entry loads with its defaults", "[dataplane][scenario]") {
  const run::ScenarioLoad l = load_text(with_traffic("{ from: client, to: sw, rate: 10Mbps }"));
  CHECK(l.warnings.empty());
  REQUIRE(l.scenario.traffic.size() == 1);
  const run::TrafficSpec& t = l.scenario.traffic[0];
  CHECK(t.name == "client->sw");
  REQUIRE(t.from.size() == 1);
  CHECK(t.from[0].node == "client");
  CHECK(t.from[0].address.to_string() == "10.0.0.1");
  CHECK(t.to.to_string() == "10.255.0.1");  // a node means its loopback address
  CHECK(t.pattern == traffic::Pattern::kCbr);
  CHECK(t.rate_bps == 10'000'000u);
  CHECK_FALSE(t.interval);
  CHECK(t.packet_bytes == 1000);
  CHECK(t.flows == 1);
  CHECK(t.dst_port == 5201);
  CHECK(t.start == sim::Duration::zero());
  CHECK_FALSE(t.stop);
  CHECK(t.source_name(0) == "client->sw");
  CHECK(l.scenario.outputs.sample_every == sim::Duration::seconds(1));
}

TEST_CASE("traffic from several nodes, given by a list or a glob", "[dataplane][scenario]") {
  const run::ScenarioLoad l = load_text(
      with_traffic(
          "{ name: web, from: [client, \"*2\"], to: 192.168.100.1, pattern: poisson, "
          "interval: 1ms, packet_size: 64, flows: 8, dst_port: 80, start: 1s, stop: 9s }") +
      "outputs: { sample_every: 100ms }\n");
  const run::TrafficSpec& t = l.scenario.traffic.at(0);
  REQUIRE(t.from.size() == 2);
  CHECK(t.from[0].node == "client");
  CHECK(t.from[1].node == "h2");
  CHECK(t.from[1].address.to_string() == "10.9.0.2");
  CHECK(t.source_name(1) == "web@h2");
  CHECK(t.pattern == traffic::Pattern::kPoisson);
  CHECK(t.interval == sim::Duration::milliseconds(1));
  CHECK(t.packet_bytes == 64);
  CHECK(t.flows == 8);
  CHECK(t.dst_port == 80);
  CHECK(t.stop == sim::Duration::seconds(9));
  CHECK(l.scenario.outputs.sample_every == sim::Duration::milliseconds(100));
}

TEST_CASE("traffic errors point at the offending value", "[dataplane][scenario]") {
  // Columns of the entry "{ ... }" on line 15 start at 5.
  CHECK(error_of(with_traffic("{ from: clinet, to: sw, rate: 1Mbps }")) ==
        error_at(16, 13, "unknown node 'clinet' in from (did you mean 'client'?)"));
  CHECK(error_of(with_traffic("{ from: \"x*\", to: sw, rate: 1Mbps }")) ==
        error_at(16, 13, "from pattern 'x*' matches no node"));
  CHECK(error_of(with_traffic("{ from: h1, to: sw, rate: 1Mbps }")) ==
        error_at(16, 13, "node 'h1' has no address to send from (give it one in addresses)"));
  CHECK(error_of(with_traffic("{ from: [client, client], to: sw, rate: 1Mbps }")) ==
        error_at(16, 22, "node 'client' is listed twice in from"));
  CHECK(error_of(with_traffic("{ from: client, to: s, rate: 1Mbps }")) ==
        error_at(16, 25, "to 's' is neither an IPv4 address nor a node"));
  CHECK(error_of(with_traffic("{ from: client, to: 10.0.0.256, rate: 1Mbps }")) ==
        error_at(16, 25, "'10.0.0.256' is not an IPv4 address (want a.b.c.d)"));
  CHECK(error_of(with_traffic("{ from: client, to: sw }")) ==
        error_at(16, 5, "traffic entry needs rate or interval"));
  CHECK(error_of(with_traffic("{ from: client, to: sw, rate: 1Mbps, interval: 1ms }")) ==
        error_at(16, 42,
                 "give rate or interval, not both (rate sets the interval from packet_size)"));
  CHECK(error_of(with_traffic("{ from: client, to: sw, rate: 0Mbps }")) ==
        error_at(16, 35, "rate must be greater than 0"));
  CHECK(error_of(with_traffic("{ from: client, to: sw, rate: 10MBps }")).find("16:35: error:") !=
        std::string::npos);
  CHECK(error_of(with_traffic("{ from: client, to: sw, interval: 5 }")) ==
        error_at(16, 39, "duration '5' has no unit (use ns, us, ms, s, m or h)"));
  CHECK(error_of(with_traffic("{ from: client, to: sw, rate: 1Mbps, pattern: cbrr }")) ==
        error_at(16, 51, "unknown pattern 'cbrr' (did you mean 'cbr'?); use one of: cbr, poisson"));
  CHECK(error_of(with_traffic("{ from: client, to: sw, rate: 1Mbps, packet_size: 20 }")) ==
        error_at(16, 55, "packet_size 20 must be 28 (IPv4 + UDP headers) to 65535 bytes"));
  CHECK(error_of(with_traffic("{ from: client, to: sw, rate: 1Mbps, flows: 0 }")) ==
        error_at(16, 49, "flows 0 must be 1 to 16384 (one source port each, from 49152)"));
  CHECK(error_of(with_traffic("{ from: client, to: sw, rate: 1Mbps, dst_port: 65536 }")) ==
        error_at(16, 52, "dst_port 65536 is above 65535"));
  CHECK(error_of(with_traffic("{ from: client, to: sw, rate: 1Mbps, start: 2s, stop: 2s }")) ==
        error_at(16, 59, "stop 2s is not after start 2s"));
  CHECK(error_of(with_traffic("{ from: client, to: sw, rat: 1Mbps }")) ==
        error_at(16, 29, "unknown field 'rat' in traffic entry (did you mean 'rate'?)"));
  CHECK(error_of(with_traffic("{ to: sw, rate: 1Mbps }")) ==
        error_at(16, 5, "missing required field 'from' in traffic entry"));
  CHECK(error_of(kBase + "traffic: { from: client }\n") ==
        error_at(15, 10, "traffic must be a list, not a map"));
  CHECK(
      error_of(kBase + "traffic:\n  - { from: client, to: sw, rate: 1Mbps }\n"
                       "  - { from: client, to: sw, rate: 2Mbps }\n") ==
      error_at(
          17, 5,
          "duplicate traffic name 'client->sw' (first at line 16); give each entry its own name"));
  CHECK(error_of(kBase + "outputs: { sample_every: 0s }\n") ==
        error_at(15, 26, "sample_every must be greater than 0"));
  CHECK(error_of(kBase + "outputs: { sample: 1s }\n") ==
        error_at(15, 12, "unknown field 'sample' in outputs"));
}

TEST_CASE("traffic warnings: starting after the end, sending to itself", "[dataplane][scenario]") {
  const run::ScenarioLoad late =
      load_text(with_traffic("{ from: client, to: sw, rate: 1Mbps, start: 10s }"));
  REQUIRE(late.warnings.size() == 1);
  CHECK(late.warnings[0] ==
        test::scenario_path() +
            ":16:49: warning: traffic 'client->sw' starts at 10s, not before the "
            "end of the run (10s): it sends nothing");
  const run::ScenarioLoad self =
      load_text(with_traffic("{ from: client, to: 10.0.0.1, rate: 1Mbps }"));
  REQUIRE(self.warnings.size() == 1);
  CHECK(self.warnings[0].find("sends from client to its own address") != std::string::npos);
}

TEST_CASE("fib.ecmp sets a node's mode and seed, and static next_hop takes a list",
          "[dataplane][scenario]") {
  const std::string base =
      "duration: 10s\n"
      "topology:\n"
      "  nodes:\n"
      "    r1: { kind: router, vendor: frr }\n"
      "    r2: { kind: router, vendor: frr }\n"
      "    r3: { kind: router, vendor: frr }\n"
      "  links:\n"
      "    - endpoints: [\"r1:eth0\", \"r2:eth0\"]\n"
      "    - endpoints: [\"r1:eth1\", \"r3:eth0\"]\n"
      "addresses:\n"
      "  r1: { eth0: 10.0.0.0/31, eth1: 10.0.0.2/31 }\n"
      "  r2: { eth0: 10.0.0.1/31 }\n"
      "  r3: { eth0: 10.0.0.3/31 }\n"
      "routing:\n"
      "  r1:\n";
  const run::ScenarioLoad l =
      load_text(base +
                "    static: [{ prefix: 10.9.0.0/16, next_hop: [10.0.0.1, 10.0.0.3] }]\n"
                "    fib: { ecmp: { mode: per-packet-rr, seed: 7 } }\n");
  const run::RoutingSpec& r1 = *l.scenario.routing.find("r1");
  CHECK(r1.static_routes.at(0).via.size() == 2);
  CHECK(r1.fib.ecmp_mode == node::EcmpMode::kPerPacketRoundRobin);
  CHECK(r1.fib.ecmp_seed == 7u);

  CHECK(error_of(base + "    fib: { ecmp: { mode: per-packet } }\n") ==
        error_at(16, 26,
                 "unknown ecmp mode 'per-packet' (did you mean 'per-packet-rr'?); use one of: "
                 "per-flow, l3, per-packet-rr, per-packet-random"));
  CHECK(error_of(base + "    fib: { ecmp: { seed: -1 } }\n")
            .find("16:26: error: seed '-1' is not a whole number") != std::string::npos);
  CHECK(
      error_of(base + "    static: [{ prefix: 10.9.0.0/16, next_hop: [10.0.0.1, 10.0.0.1] }]\n") ==
      error_at(16, 58, "next_hop 10.0.0.1 is listed twice in static route 10.9.0.0/16"));
  CHECK(error_of(base + "    static: [{ prefix: 10.9.0.0/16, next_hop: [] }]\n") ==
        error_at(16, 47, "next_hop is empty"));
}
