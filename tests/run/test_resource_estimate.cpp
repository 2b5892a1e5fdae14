// The up-front estimate (sim/run/resource_estimate.hpp): what it counts on a
// known scenario, and the limits that refuse a run with a message saying why.
#include <catch2/catch.hpp>

#include "sim/run/resource_estimate.hpp"
#include "sim/run/scenario.hpp"
#include "tests/run/scenario_files.hpp"

using sim::Duration;

namespace {

const std::string kSeedLab = std::string(MHSIM_SOURCE_DIR) + "/scenarios/seed-lab.yaml";

const std::string kTwoHosts =
    "duration: 10s\n"
    "topology:\n"
    "  nodes:\n"
    "    h1: { kind: host, vendor: linux }\n"
    "    h2: { kind: host, vendor: linux }\n"
    "  links:\n"
    "    - { endpoints: [\"h1:eth0\", \"h2:eth0\"], queue: 1MB }\n"
    "addresses:\n"
    "  h1: { eth0: 10.0.0.1/30 }\n"
    "  h2: { eth0: 10.0.0.2/30 }\n";

}  // namespace

TEST_CASE("the seed lab's estimate: routes, packets, rows", "[run][limits]") {
  const run::Scenario s = run::load_scenario(kSeedLab);
  const run::ResourceEstimate e = run::estimate_resources(s, s.duration);
  // 11 prefixes (5 link subnets, 3 switch loopbacks, the service address,
  // pc's 127/8, the client's default route), each once on the five nodes
  // with a routing section and once more per BGP neighbour (pc 2, S-SW-1
  // and S-SW-2 one each).
  CHECK(e.routes == 11 * (3 + 2 + 2 + 1 + 1));
  // 10 Mb/s of 1000-byte packets from 20 s to 180 s, plus the first.
  CHECK(e.traffic_packets == 200'001);
  // A sample every 100 ms for 180 s (and the one at 0), 5 links both ways.
  CHECK(e.link_load_rows == 1801 * 10);
  CHECK(e.memory_bytes < 50'000'000);
  CHECK(run::check_resource_limits(e, run::physical_memory_bytes()).empty());
}

TEST_CASE("packets that can wait in queues: bounded by queue room and by what is sent",
          "[run][limits]") {
  SECTION("queue room") {
    const run::Scenario s =
        test::load_text(kTwoHosts +
                        "traffic:\n  - { from: h1, to: h2, rate: 1Gbps, packet_size: 100B }\n")
            .scenario;
    // 1 MB / 100 B + 1 per direction.
    CHECK(run::estimate_resources(s, s.duration).queued_packets == 2 * 10'001);
  }
  SECTION("what the sources send") {
    const run::Scenario s =
        test::load_text(kTwoHosts + "traffic:\n  - { from: h1, to: h2, interval: 1s }\n").scenario;
    CHECK(run::estimate_resources(s, s.duration).traffic_packets == 11);
    CHECK(run::estimate_resources(s, s.duration).queued_packets == 11);
  }
}

TEST_CASE("resource limits refuse with the reason", "[run][limits]") {
  run::ResourceEstimate e;
  e.memory_bytes = 10'000'000'000;
  e.routes = 12'000'000;
  e.queued_packets = 3;
  CHECK(run::check_resource_limits(e, 8'000'000'000) ==
        "the run would need about 10.0 GB of memory (1.2e+07 routes, 3 queued packets), more "
        "than 80% of this machine's 8.0 GB");
  CHECK(run::check_resource_limits(e, 16'000'000'000).empty());
  CHECK(run::check_resource_limits(e, 0).empty());  // memory unknown: no memory limit

  run::ResourceEstimate packets;
  packets.traffic_packets = run::kMaxTrafficPackets + 1;
  CHECK(run::check_resource_limits(packets, 0) ==
        "the traffic sources would send 1e+10 packets, more than the 1e+10 mhsim simulates "
        "without --force (hours of work); check rate, interval and duration");
  packets.traffic_packets = run::kMaxTrafficPackets;
  CHECK(run::check_resource_limits(packets, 0).empty());

  run::ResourceEstimate rows;
  rows.link_load_rows = run::kMaxLinkLoadRows + 1;
  CHECK(run::check_resource_limits(rows, 0) ==
        "link_load.csv would have 1e+09 rows, more than the 1e+09 mhsim writes without "
        "--force; raise outputs.sample_every");
}

TEST_CASE("the longest run at the finest steps is counted exactly and refused", "[run][limits]") {
  const run::Scenario s =
      test::load_text(kTwoHosts +
                      "outputs: { sample_every: 1ps }\n"
                      "traffic:\n  - { from: h1, to: h2, interval: 1ps, flows: 16000 }\n")
          .scenario;
  // About the longest a sim::Duration holds (2^63 ps is 106 days).
  const run::ResourceEstimate e = run::estimate_resources(s, Duration::seconds(9'000'000));
  CHECK(e.traffic_packets == 9'000'000'000'000'000'001ull);
  CHECK(e.link_load_rows == 18'000'000'000'000'000'002ull);
  CHECK(run::check_resource_limits(e, 0) ==
        "the traffic sources would send 9e+18 packets, more than the 1e+10 mhsim simulates "
        "without --force (hours of work); check rate, interval and duration");
}

TEST_CASE("format_bytes", "[run][limits]") {
  CHECK(run::format_bytes(0) == "0 B");
  CHECK(run::format_bytes(999) == "999 B");
  CHECK(run::format_bytes(1500) == "1.5 kB");
  CHECK(run::format_bytes(23'400'000'000) == "23.4 GB");
  CHECK(run::format_bytes(UINT64_MAX) == "18.4 EB");
}
