// bird.conf from scenarios: the seed lab's pc gives back the write-up's
// bird.conf, and what BIRD cannot express as mhsim simulates it is refused
// by name. (test_export_daemons.sh has BIRD itself parse every config.)
#include <catch2/catch.hpp>

#include "sim/export/bird_config.hpp"
#include "sim/export/export_common.hpp"
#include "tests/export/export_test.hpp"
#include "tests/run/scenario_files.hpp"

namespace {

const std::string kSeedLab = std::string(MHSIM_SOURCE_DIR) + "/scenarios/seed-lab.yaml";

using export_test::has;

std::string bird_of(const run::Scenario& s, const std::string& node) {
  return confgen::bird_config(s, *s.find_node(node));
}

std::string export_error(const run::Scenario& s, const std::string& node) {
  return export_test::refusal([&] { bird_of(s, node); });
}

// A BIRD host h with one eBGP neighbour r; POLICY and EXTRA are spliced in.
std::string host_scenario(const std::string& policy, const std::string& neighbour_extra = "",
                          const std::string& routing_extra = "") {
  return R"(duration: 10s
topology:
  nodes:
    h: { kind: host, vendor: bird }
    r: { kind: router, vendor: frr }
  links:
    - endpoints: ["h:eth0", "r:eth0"]
addresses:
  h: { lo: [127.0.0.1/8, 192.0.2.1/32], eth0: 10.0.0.2/30 }
  r: { eth0: 10.0.0.1/30 }
prefix_lists:
  SVC: [192.0.2.1/32]
policies:
  P:
)" + policy + R"(
routing:
  h:
)" + routing_extra + R"(
    bgp:
      as: 65000
      neighbors:
        - { name: up, address: 10.0.0.1, remote_as: 65001, import: P, export: P)" +
         neighbour_extra + R"( }
  r:
    bgp:
      as: 65001
      neighbors:
        - { address: 10.0.0.2, remote_as: 65000 }
)";
}

}  // namespace

TEST_CASE("the seed lab's pc gets the write-up's bird.conf", "[export][bird]") {
  const run::Scenario s = run::load_scenario(kSeedLab);
  const std::string conf = bird_of(s, "pc");
  CHECK(has(conf, "router id 192.168.100.1;\n"));
  // The write-up's filter service_address, in its own form.
  CHECK(has(conf, "filter service_address {\n  if net = 192.168.100.1/32 then accept;\n  reject;\n}\n"));
  // The direct protocol brings in lo, whose /32 the filter exports.
  CHECK(has(conf, "protocol direct {\n  ipv4;\n  interface \"lo\";\n}\n"));
  CHECK(has(conf, "protocol kernel {\n  ipv4 {\n    import none;\n    export all;\n  };\n"
                  "  merge paths on;\n}\n"));
  CHECK(has(conf, "protocol bgp sw_sw_1 {\n  local as 65000;\n  neighbor 10.10.1.1 as 65001;\n"
                  "  ipv4 {\n    import all;\n    export filter service_address;\n  };\n}\n"));
  CHECK(has(conf, "protocol bgp sw_sw_2 {\n  local as 65000;\n  neighbor 10.10.2.1 as 65001;\n"));
  // Timers the scenario does not set are left to BIRD's defaults.
  CHECK_FALSE(has(conf, "hold time"));
  CHECK_FALSE(has(conf, "connect delay"));
}

TEST_CASE("a junos node gets no bird.conf", "[export][bird]") {
  const run::Scenario s = run::load_scenario(kSeedLab);
  CHECK(export_error(s, "S-SW-1") ==
        "node S-SW-1 is vendor junos: BIRD configs are written for bird and linux nodes");
}

TEST_CASE("bird timers, passive and bfd are written in BIRD's words", "[export][bird]") {
  const run::ScenarioLoad l = test::load_text(host_scenario(
      "    - then: accept",
      ", passive: true, hold_time: 9s, keepalive: 3s, connect_retry: 30s, connect_delay: 2s, "
      "graceful_restart: on, bfd: { interval: 200ms, multiplier: 4 }"));
  const std::string conf = bird_of(l.scenario, "h");
  CHECK(has(conf, "  passive on;\n  hold time 9;\n  keepalive time 3;\n  connect retry time 30;\n"
                  "  connect delay time 2;\n  graceful restart on;\n  bfd on;\n"));
  // Left out, BIRD's own default (aware) applies and nothing is written.
  CHECK_FALSE(has(bird_of(test::load_text(host_scenario("    - then: accept", "")).scenario, "h"),
                  "graceful restart"));
  // BIRD sets BFD options per interface; rx and tx are the one interval.
  CHECK(has(conf, "protocol bfd {\n  interface \"eth0\" {\n    min rx interval 200 ms;\n"
                  "    min tx interval 200 ms;\n    idle tx interval 1000 ms;\n    multiplier 4;\n"));
}

TEST_CASE("bird filters: prefix lists, ranges, preference, next term, prepend", "[export][bird]") {
  const run::ScenarioLoad l = test::load_text(host_scenario(R"(    - from: { prefix_list: SVC }
      then: { preference: 120, local_pref: 200, action: next }
    - from: { route_filter: [10.0.0.0/8 orlonger, 172.16.0.0/12 upto /24] }
      then: { as_path_prepend: "65000 65000", med: 5, action: accept }
    - then: reject)"));
  const std::string conf = bird_of(l.scenario, "h");
  CHECK(has(conf, "define SVC = [ 192.0.2.1/32 ];\n"));
  CHECK(has(conf, "filter P {\n"
                  "  if net ~ SVC then {\n    preference = 120;\n    bgp_local_pref = 200;\n  }\n"
                  "  if net ~ [ 10.0.0.0/8+, 172.16.0.0/12{12,24} ] then {\n"
                  "    bgp_path.prepend(65000); bgp_path.prepend(65000);\n    bgp_med = 5;\n"
                  "    accept;\n  }\n"
                  "  reject;\n}\n"));
}

TEST_CASE("what BIRD cannot express is refused with the policy and term", "[export][bird]") {
  {
    const run::ScenarioLoad l = test::load_text(host_scenario(R"(    - term: LB
      then: { load_balance: per-packet, action: accept })"));
    CHECK(export_error(l.scenario, "h") ==
          "h: policy 'P' term LB: load_balance is a Junos forwarding-table action; BIRD merges "
          "equal paths with the kernel protocol's `merge paths` (fib.merge_paths)");
  }
  {
    const run::ScenarioLoad l = test::load_text(host_scenario("    - then: accept", ", mrai: 5s"));
    CHECK(export_error(l.scenario, "h") ==
          "h neighbor 10.0.0.1: mrai 5s cannot be configured: BIRD has no advertisement interval");
  }
  {
    const run::ScenarioLoad l = test::load_text(host_scenario(R"(    - from: { neighbor: 10.0.0.1 }
      then: accept)"));
    CHECK(export_error(l.scenario, "h") ==
          "h: policy 'P' term 1: a neighbour condition has no BIRD attribute on BGP export (BIRD "
          "filters are per protocol: give each neighbour its own policy)");
  }
}

TEST_CASE("interface names that Linux cannot have are refused", "[export][bird]") {
  const run::ScenarioLoad l = test::load_text(R"(duration: 10s
topology:
  nodes:
    h: { kind: host, vendor: bird }
    r: { kind: router, vendor: junos }
  links:
    - endpoints: ["h:ge-0/0/1", "r:ge-0/0/0"]
)");
  CHECK(export_error(l.scenario, "h") ==
        "interface 'ge-0/0/1' of h is not a Linux interface name (at most 15 characters, no '/', "
        "':' or spaces): BIRD and FRR configs name the kernel's interfaces; rename it in the "
        "scenario (e.g. ge-0/0/9 -> swp9)");
}
