// Every way a scenario file can be wrong, each asserted as the exact line a
// user sees: PATH:LINE:COL: error: MESSAGE (1-based, at the offending node).
//
// Most cases extend this two-router scenario (lines 1-5):
//
//   r1:eth0 ---- r2:eth0
#include <catch2/catch.hpp>

#include "tests/run/scenario_files.hpp"

using test::error_at;
using test::error_of;

namespace {

const std::string kNodes =
    "duration: 10s\n"
    "topology:\n"
    "  nodes:\n"
    "    r1: { kind: router, vendor: frr }\n"
    "    r2: { kind: router, vendor: frr }\n";

// kNodes plus one link, r1:eth0 -- r2:eth0 (lines 6-7).
const std::string kLink = kNodes +
                          "  links:\n"
                          "    - endpoints: [\"r1:eth0\", \"r2:eth0\"]\n";

}  // namespace

TEST_CASE("the base scenarios of this file load", "[scenario]") {
  CHECK(error_of(kNodes).empty());
  CHECK(error_of(kLink).empty());
}

TEST_CASE("file-level errors", "[scenario]") {
  SECTION("missing file: no line or column") {
    const std::string path = test::scenario_path() + ".does-not-exist";
    std::string what;
    try {
      run::load_scenario(path);
    } catch (const run::ScenarioError& e) {
      what = e.what();
    }
    CHECK(what == path + ": error: cannot open scenario file: No such file or directory");
  }
  SECTION("YAML syntax error at yaml-cpp's mark") {
    CHECK(error_of("duration: 10s\ntopology: [r1, r2\nseed: 1\n") ==
          error_at(3, 5, "YAML syntax error: end of sequence flow not found"));
  }
  SECTION("empty file") {
    CHECK(error_of("# nothing yet\n") == error_at(1, 1, "scenario file is empty"));
  }
  SECTION("not a map") {
    CHECK(error_of("- a\n- b\n") ==
          error_at(1, 1,
                   "a scenario must be a map of sections (name, duration, topology, ...), "
                   "not a list"));
  }
  SECTION("two documents") {
    CHECK(error_of(kLink + "---\nduration: 5s\n") ==
          error_at(9, 1, "the file holds 2 YAML documents; a scenario is a single document"));
  }
}

TEST_CASE("top-level sections", "[scenario]") {
  SECTION("missing duration is reported at the document root") {
    CHECK(error_of("topology:\n  nodes:\n    r1: { kind: host, vendor: linux }\n") ==
          error_at(1, 1, "missing required field 'duration' in scenario"));
  }
  SECTION("missing topology") {
    CHECK(error_of("duration: 10s\n") ==
          error_at(1, 1, "missing required field 'topology' in scenario"));
  }
  SECTION("unknown section, with a suggestion") {
    CHECK(error_of(kLink + "evnts: []\n") ==
          error_at(8, 1, "unknown field 'evnts' in scenario (did you mean 'events'?)"));
  }
  SECTION("reserved sections are refused, not ignored") {
    CHECK(error_of(kLink + "protocols: {}\n") ==
          error_at(8, 1, "section 'protocols' is not supported yet"));
  }
  SECTION("per-node routing settings written at the top level") {
    CHECK(error_of(kLink + "bgp: {}\n") ==
          error_at(8, 1,
                   "unknown field 'bgp' in scenario: bgp is set per node, as routing.NODE.bgp"));
    CHECK(error_of(kLink + "ospf: {}\n") ==
          error_at(8, 1,
                   "unknown field 'ospf' in scenario: ospf is set per node, as routing.NODE.ospf"));
    CHECK(error_of(kLink + "static: []\n") ==
          error_at(8, 1,
                   "unknown field 'static' in scenario: static is set per node, as "
                   "routing.NODE.static"));
  }
  SECTION("duplicate key") {
    CHECK(error_of(kLink + "duration: 20s\n") ==
          error_at(8, 1, "duplicate field 'duration' in scenario (first at line 1)"));
  }
  SECTION("seed must be a whole number") {
    CHECK(error_of(kLink + "seed: abc\n") == error_at(8, 7, "seed 'abc' is not a whole number"));
    CHECK(error_of(kLink + "seed: -1\n") == error_at(8, 7, "seed '-1' is not a whole number"));
    CHECK(error_of(kLink + "seed: [1]\n") ==
          error_at(8, 7, "seed must be a single value, not a list"));
  }
  SECTION("unitless, negative and zero durations") {
    CHECK(error_of("duration: 90\n") ==
          error_at(1, 11, "duration '90' has no unit (use ns, us, ms, s, m or h)"));
    CHECK(error_of("duration: -90s\n") == error_at(1, 11, "duration '-90s' must not be negative"));
    CHECK(error_of("duration: 0s\n") == error_at(1, 11, "duration must be greater than 0"));
  }
  SECTION("a name that cannot be a directory") {
    CHECK(error_of("name: a/b\n" + kLink) ==
          error_at(1, 7, "name 'a/b' must not contain '/' (it names the output directory)"));
  }
  SECTION("a map where a list is wanted") {
    CHECK(error_of(kNodes + "  links: {x: 1}\n") ==
          error_at(6, 10, "links must be a list, not a map"));
    CHECK(error_of(kLink + "events: {at: 5s}\n") ==
          error_at(8, 9, "events must be a list, not a map"));
  }
}

TEST_CASE("nodes", "[scenario]") {
  SECTION("duplicate node") {
    CHECK(error_of("duration: 10s\ntopology:\n  nodes:\n"
                   "    r1: { kind: router, vendor: frr }\n"
                   "    r1: { kind: host, vendor: linux }\n") ==
          error_at(5, 5, "duplicate node 'r1' in nodes (first at line 4)"));
  }
  SECTION("unknown kind and vendor list the valid ones") {
    CHECK(error_of("duration: 10s\ntopology:\n  nodes:\n    r1: { kind: hots, vendor: frr }\n") ==
          error_at(4, 17,
                   "unknown kind 'hots' (did you mean 'host'?); use one of: host, switch, router"));
    CHECK(error_of("duration: 10s\ntopology:\n  nodes:\n"
                   "    r1: { kind: router, vendor: junso }\n") ==
          error_at(4, 33,
                   "unknown vendor 'junso' (did you mean 'junos'?); use one of: junos, bird, "
                   "frr, eos, linux"));
    CHECK(error_of("duration: 10s\ntopology:\n  nodes:\n"
                   "    r1: { kind: router, vendor: cisco }\n") ==
          error_at(4, 33, "unknown vendor 'cisco'; use one of: junos, bird, frr, eos, linux"));
  }
  SECTION("missing kind, unknown field") {
    CHECK(error_of("duration: 10s\ntopology:\n  nodes:\n    r1: { vendor: frr }\n") ==
          error_at(4, 9, "missing required field 'kind' in node 'r1'"));
    CHECK(error_of("duration: 10s\ntopology:\n  nodes:\n"
                   "    r1: { kind: host, vendor: frr, carrier-delay: 1s }\n") ==
          error_at(4, 36,
                   "unknown field 'carrier-delay' in node 'r1' (did you mean "
                   "'carrier_delay'?)"));
  }
  SECTION("node names must not contain the endpoint separator") {
    CHECK(error_of(
              "duration: 10s\ntopology:\n  nodes:\n    \"a:b\": { kind: host, vendor: frr }\n") ==
          error_at(4, 5,
                   "node name 'a:b' must not contain ':' (it separates node and "
                   "interface in endpoints)"));
  }
  SECTION("no nodes") {
    CHECK(error_of("duration: 10s\ntopology:\n  nodes: {}\n") ==
          error_at(3, 10, "nodes is empty: a scenario needs at least one node"));
    CHECK(error_of("duration: 10s\ntopology:\n  nodes:\n") ==
          error_at(3, 3, "nodes is empty: a scenario needs at least one node"));
    CHECK(error_of("duration: 10s\ntopology:\n  nodes: [r1, r2]\n") ==
          error_at(3, 10, "nodes must be a map, not a list"));
  }
}

TEST_CASE("links", "[scenario]") {
  SECTION("unknown field, with a suggestion") {
    CHECK(error_of(kLink + "      bandwith: 1Gbps\n") ==
          error_at(8, 7, "unknown field 'bandwith' in link (did you mean 'bandwidth'?)"));
  }
  SECTION("duplicate field") {
    CHECK(error_of(kLink + "      delay: 1us\n      delay: 2us\n") ==
          error_at(9, 7, "duplicate field 'delay' in link (first at line 8)"));
  }
  SECTION("unknown node in an endpoint") {
    CHECK(error_of(kNodes + "  links:\n    - endpoints: [\"r1:eth0\", \"r3:eth0\"]\n") ==
          error_at(7, 30, "unknown node 'r3' in endpoint 'r3:eth0' (did you mean 'r1'?)"));
  }
  SECTION("endpoint not of the form node:interface") {
    CHECK(error_of(kNodes + "  links:\n    - endpoints: [\"r1-eth0\", \"r2:eth0\"]\n") ==
          error_at(7, 19, "endpoint 'r1-eth0' is not of the form node:interface"));
  }
  SECTION("not two endpoints") {
    CHECK(
        error_of(kNodes + "  links:\n    - endpoints: [\"r1:eth0\", \"r2:eth0\", \"r2:eth1\"]\n") ==
        error_at(7, 18, "a link has exactly two endpoints, not 3"));
  }
  SECTION("an interface on two links") {
    CHECK(error_of(kLink + "    - endpoints: [\"r1:eth0\", \"r2:eth1\"]\n") ==
          error_at(8, 19, "interface 'r1:eth0' is already used by the link at line 7"));
  }
  SECTION("a node cabled to itself") {
    CHECK(error_of(kNodes + "  links:\n    - endpoints: [\"r1:eth0\", \"r1:eth1\"]\n") ==
          error_at(7, 30, "link connects node 'r1' to itself"));
  }
  SECTION("a loopback as an endpoint") {
    CHECK(error_of(kNodes + "  links:\n    - endpoints: [\"r1:lo0\", \"r2:eth0\"]\n") ==
          error_at(7, 19, "interface 'r1:lo0' is a loopback (lo*) and cannot be a link endpoint"));
  }
  SECTION("bandwidth 0, bad units") {
    CHECK(error_of(kLink + "      bandwidth: 0Gbps\n") ==
          error_at(8, 18, "bandwidth must be greater than 0"));
    CHECK(error_of(kLink + "      bandwidth: 10GBps\n") ==
          error_at(8, 18,
                   "bandwidth '10GBps' is in gigabytes per second (GBps); bandwidths are bits "
                   "per second: did you mean 10Gbps? (10GBps is 80Gbps)"));
    CHECK(error_of(kLink + "      delay: 5\n") ==
          error_at(8, 14, "duration '5' has no unit (use ns, us, ms, s, m or h)"));
  }
  SECTION("a queue smaller than the MTU") {
    CHECK(error_of(kLink + "      queue: 1000B\n") ==
          error_at(8, 14,
                   "queue of 1000 bytes is smaller than the mtu of 1500 bytes: no "
                   "full-size packet fits"));
    // The link's own MTU made the inherited queue too small: point at the MTU.
    CHECK(error_of("link_defaults: { queue: 4KB }\n" + kLink + "      mtu: 9000\n") ==
          error_at(9, 12,
                   "queue of 4000 bytes is smaller than the mtu of 9000 bytes: no "
                   "full-size packet fits"));
    CHECK(error_of("link_defaults: { mtu: 9000, queue: 4KiB }\n" + kLink) ==
          error_at(1, 36,
                   "queue of 4096 bytes is smaller than the mtu of 9000 bytes: no "
                   "full-size packet fits"));
  }
  SECTION("MTU out of range") {
    CHECK(error_of(kLink + "      mtu: 20\n") ==
          error_at(8, 12, "mtu 20 is below the IPv4 minimum of 68 bytes"));
    CHECK(error_of(kLink + "      mtu: 70000\n") ==
          error_at(8, 12, "mtu 70000 is above the IPv4 maximum of 65535 bytes"));
  }
}

TEST_CASE("addresses", "[scenario]") {
  SECTION("unknown node") {
    CHECK(error_of(kLink + "addresses:\n  r3: { eth0: 10.0.0.1/30 }\n") ==
          error_at(9, 3, "unknown node 'r3' in addresses (did you mean 'r1'?)"));
  }
  SECTION("malformed address and prefix length, with the parser's message") {
    CHECK(error_of(kLink + "addresses:\n  r1: { eth0: 10.0.0.256/30 }\n") ==
          error_at(9, 15, "'10.0.0.256' is not an IPv4 address (want a.b.c.d)"));
    CHECK(error_of(kLink + "addresses:\n  r1: { eth0: 10.0.0.1/33 }\n") ==
          error_at(9, 15, "prefix length '33' in '10.0.0.1/33' must be 0 to 32"));
    CHECK(error_of(kLink + "addresses:\n  r1: { eth0: 10.0.0.1 }\n") ==
          error_at(9, 15, "'10.0.0.1' is not an interface address (want a.b.c.d/len)"));
  }
  SECTION("the same address twice on one node") {
    CHECK(error_of(kLink + "addresses:\n  r1:\n    eth0: 10.0.0.1/30\n    lo: 10.0.0.1/32\n") ==
          error_at(11, 9, "duplicate address 10.0.0.1: already on r1:eth0 at line 10"));
  }
  SECTION("the same address on two nodes") {
    CHECK(error_of(kLink +
                   "addresses:\n  r1: { eth0: 10.0.0.1/30 }\n  r2: { eth0: 10.0.0.1/30 }\n") ==
          error_at(10, 15,
                   "duplicate address 10.0.0.1: already on r1:eth0 at line 9 (only /32s "
                   "on loopbacks may be shared between nodes, for anycast)"));
    // A /32 shared between a loopback and a physical port is not anycast.
    CHECK(error_of(kLink + "addresses:\n  r1: { lo: 192.168.100.1/32 }\n"
                           "  r2: { eth9: 192.168.100.1/32 }\n") ==
          error_at(10, 15,
                   "duplicate address 192.168.100.1: already on r1:lo at line 9 (only "
                   "/32s on loopbacks may be shared between nodes, for anycast)"));
  }
  SECTION("anycast: the same /32 on the loopbacks of two nodes is fine") {
    CHECK(error_of(kLink + "addresses:\n  r1: { lo: 192.168.100.1/32 }\n"
                           "  r2: { lo0: 192.168.100.1/32 }\n")
              .empty());
  }
  SECTION("the two ends of a link in different subnets") {
    CHECK(error_of(kLink +
                   "addresses:\n  r1: { eth0: 10.0.0.1/30 }\n  r2: { eth0: 10.0.1.2/30 }\n") ==
          error_at(7, 7,
                   "the ends of link r1:eth0--r2:eth0 are in different subnets: r1:eth0 "
                   "has 10.0.0.1/30, r2:eth0 has 10.0.1.2/30"));
    // Overlapping is not matching.
    CHECK(error_of(kLink +
                   "addresses:\n  r1: { eth0: 10.0.0.1/30 }\n  r2: { eth0: 10.0.0.2/24 }\n") ==
          error_at(7, 7,
                   "the ends of link r1:eth0--r2:eth0 are in different subnets: r1:eth0 "
                   "has 10.0.0.1/30, r2:eth0 has 10.0.0.2/24"));
  }
  SECTION("an interface with nothing after it") {
    CHECK(error_of(kLink + "addresses:\n  r1:\n    eth0:\n") ==
          error_at(10, 5, "no address given for r1:eth0"));
  }
  SECTION("duplicate interface") {
    CHECK(
        error_of(kLink + "addresses:\n  r1:\n    eth0: 10.0.0.1/30\n    eth0: 10.0.0.5/30\n") ==
        error_at(11, 5, "duplicate interface 'eth0' in addresses of node 'r1' (first at line 10)"));
  }
}

TEST_CASE("events", "[scenario]") {
  const std::string ev = kLink + "events:\n";  // events start at line 9
  SECTION("negative time") {
    CHECK(error_of(ev + "  - { at: -5s, link: \"r1:eth0\", action: down }\n") ==
          error_at(9, 11, "duration '-5s' must not be negative"));
  }
  SECTION("out of time order: the error is at the later event") {
    CHECK(error_of(ev + "  - { at: 5s, link: \"r1:eth0\", action: down }\n"
                        "  - { at: 2s, link: \"r1:eth0\", action: up }\n") ==
          error_at(10, 11,
                   "event at 2s comes before the previous event at 5s (line 9); list "
                   "events in time order"));
  }
  SECTION("unknown action, with a suggestion") {
    CHECK(error_of(ev + "  - { at: 5s, link: \"r1:eth0\", action: dwon }\n") ==
          error_at(9, 40,
                   "unknown action 'dwon' (did you mean 'down'?); link actions: down, up, "
                   "silent, loss, restore, port-down, port-up; node actions: crash, boot, "
                   "clear-bgp, set-timers, bgp-restart, service-down, service-up, address-add, "
                   "address-remove"));
  }
  SECTION("probability outside [0, 1], or missing") {
    CHECK(error_of(ev + "  - { at: 5s, link: \"r1:eth0\", action: loss, probability: 1.5 }\n") ==
          error_at(9, 59, "probability 1.5 is outside [0, 1]"));
    CHECK(error_of(ev + "  - { at: 5s, link: \"r1:eth0\", action: loss, probability: lots }\n") ==
          error_at(9, 59, "probability 'lots' is not a number"));
    CHECK(error_of(ev + "  - { at: 5s, link: \"r1:eth0\", action: loss }\n") ==
          error_at(9, 5, "action 'loss' needs a 'probability' from 0 to 1"));
    CHECK(error_of(ev + "  - { at: 5s, link: \"r1:eth0\", action: down, probability: 0.5 }\n") ==
          error_at(9, 46, "'probability' applies only to action loss"));
  }
  SECTION("unknown node or interface") {
    CHECK(error_of(ev + "  - { at: 5s, link: \"r3:eth0\", action: down }\n") ==
          error_at(9, 21, "unknown node 'r3' in link 'r3:eth0' (did you mean 'r1'?)"));
    CHECK(error_of(ev + "  - { at: 5s, link: \"r1:eth7\", action: down }\n") ==
          error_at(9, 21, "unknown interface 'eth7' on node 'r1' (did you mean 'eth0'?)"));
    CHECK(error_of(ev + "  - { at: 5s, link: r1, action: down }\n") ==
          error_at(9, 21, "link 'r1' is not of the form node:interface"));
  }
  SECTION("an interface that is on no link") {
    CHECK(error_of(kLink + "addresses:\n  r1: { lo: 10.255.0.1/32 }\n"
                           "events:\n  - { at: 5s, link: \"r1:lo\", action: down }\n") ==
          error_at(11, 21, "interface 'r1:lo' is not connected to a link"));
  }
  SECTION("from: only for one-way actions, and only a node of the link") {
    CHECK(error_of(ev + "  - { at: 5s, link: \"r1:eth0\", action: down, from: r1 }\n") ==
          error_at(9, 46, "'from' applies only to actions silent and loss"));
    CHECK(error_of(ev + "  - { at: 5s, link: \"r1:eth0\", action: silent, from: r3 }\n") ==
          error_at(9, 54,
                   "'from' must be one of the nodes of link r1:eth0--r2:eth0 (r1 or r2), "
                   "not 'r3'"));
  }
  SECTION("missing fields and unknown fields") {
    CHECK(error_of(ev + "  - { link: \"r1:eth0\", action: down }\n") ==
          error_at(9, 5, "missing required field 'at' in event"));
    CHECK(error_of(ev + "  - { at: 5s, link: \"r1:eth0\", action: down, for: 3s }\n") ==
          error_at(9, 46, "unknown field 'for' in event (did you mean 'from'?)"));
  }
}
