// frr.conf from scenarios: the FRR seed lab's switches, the route-map
// translation rules, `no bgp ebgp-requires-policy` only where mhsim's
// semantics need it, and refusals by name. (test_export_daemons.sh has
// vtysh itself check every config.)
#include <catch2/catch.hpp>

#include "sim/export/export_common.hpp"
#include "sim/export/frr_config.hpp"
#include "tests/cli/run_command.hpp"
#include "tests/export/export_test.hpp"
#include "tests/run/scenario_files.hpp"

namespace {

const std::string kFrrLab = std::string(MHSIM_SOURCE_DIR) + "/scenarios/seed-lab-frr.yaml";
const std::string kSeedLab = std::string(MHSIM_SOURCE_DIR) + "/scenarios/seed-lab.yaml";

using export_test::has;

confgen::FrrConfig frr_of(const run::Scenario& s, const std::string& node) {
  return confgen::frr_config(s, *s.find_node(node));
}

std::string export_error(const run::Scenario& s, const std::string& node) {
  return export_test::refusal([&] { frr_of(s, node); });
}

// An FRR router r with one eBGP neighbour h; the policy and neighbour
// options are spliced in.
std::string router_scenario(const std::string& policy, const std::string& neighbour) {
  return R"(duration: 10s
topology:
  nodes:
    h: { kind: host, vendor: bird }
    r: { kind: router, vendor: frr }
  links:
    - endpoints: ["h:eth0", "r:eth0"]
addresses:
  h: { eth0: 10.0.0.2/30 }
  r: { eth0: 10.0.0.1/30, lo: 10.255.0.1/32 }
prefix_lists:
  L: [10.255.0.0/24]
policies:
  P:
)" + policy + R"(
routing:
  h:
    bgp:
      as: 65000
      neighbors:
        - { address: 10.0.0.1, remote_as: 65001, import: all, export: none }
  r:
    static:
      - { prefix: 198.51.100.0/24, next_hop: [10.0.0.2] }
    bgp:
      as: 65001
      neighbors:
        - { address: 10.0.0.2, remote_as: 65000)" + neighbour + R"( }
)";
}

}  // namespace

TEST_CASE("the FRR seed lab's access switch: BGP, OSPF, route-maps", "[export][frr]") {
  const run::Scenario s = run::load_scenario(kFrrLab);
  const confgen::FrrConfig c = frr_of(s, "S-SW-1");
  CHECK(c.daemons == std::vector<std::string>{"bgpd", "ospfd"});
  const std::string& f = c.frr_conf;
  CHECK(has(f, "hostname S-SW-1\n"));
  CHECK(has(f, "interface swp0\n ip ospf area 0.0.0.0\n ip ospf network point-to-point\nexit\n"));
  CHECK(has(f, "interface lo\n ip ospf area 0.0.0.0\n ip ospf passive\nexit\n"));
  CHECK(has(f, "router bgp 65001\n bgp router-id 10.255.0.1\n neighbor 10.10.1.2 remote-as 65000\n"
               " neighbor 10.10.1.2 description SERVER\n neighbor 10.10.1.2 passive\n"));
  // Both directions have a route-map: FRR 8's ebgp-requires-policy stays on.
  CHECK_FALSE(has(f, "ebgp-requires-policy"));
  // The default is an OSPF route: it reaches BGP through redistribution.
  CHECK(has(f, " address-family ipv4 unicast\n  redistribute ospf route-map EXPORT-BGP-SERVERS\n"
               "  neighbor 10.10.1.2 route-map IMPORT-BGP-SERVERS in\n"
               "  neighbor 10.10.1.2 route-map EXPORT-BGP-SERVERS out\n exit-address-family\n"));
  CHECK(has(f, "router ospf\n ospf router-id 10.255.0.1\n redistribute bgp route-map EXPORT-OSPF\nexit\n"));
  CHECK(has(f, "ip prefix-list EXPORT-BGP-SERVERS-DEFAULT seq 5 permit 0.0.0.0/0\n"));
  CHECK(has(f, "ip prefix-list SERVER-SERVICE-ADDRESS seq 5 permit 192.168.100.1/32\n"));
  CHECK(has(f, "route-map EXPORT-BGP-SERVERS permit 10\n"
               " match ip address prefix-list EXPORT-BGP-SERVERS-DEFAULT\n"
               " set ip next-hop peer-address\nexit\n!\nroute-map EXPORT-BGP-SERVERS deny 20\nexit\n"));
  CHECK(has(f, "route-map IMPORT-BGP-SERVERS permit 10\n"
               " match ip address prefix-list SERVER-SERVICE-ADDRESS\nexit\n!\n"
               "route-map IMPORT-BGP-SERVERS deny 20\nexit\n"));
}

TEST_CASE("the FRR seed lab's core switch originates the default", "[export][frr]") {
  const run::Scenario s = run::load_scenario(kFrrLab);
  const confgen::FrrConfig c = frr_of(s, "C-SW-1");
  CHECK(c.daemons == std::vector<std::string>{"ospfd"});
  CHECK(has(c.frr_conf, "router ospf\n ospf router-id 10.255.0.3\n"
                        " default-information originate always metric 1\nexit\n"));
  CHECK_FALSE(has(c.frr_conf, "router bgp"));
}

TEST_CASE("ebgp-requires-policy goes off only for a neighbour without an import policy",
          "[export][frr]") {
  // mhsim's FRR accepts all from such a neighbour; FRR 8 would accept
  // nothing. Off, FRR would also send it every best path, which mhsim's FRR
  // does not: it gets the `none` route-map out.
  const run::ScenarioLoad l = test::load_text(router_scenario("    - then: accept", ""));
  const std::string f = frr_of(l.scenario, "r").frr_conf;
  CHECK(has(f, " no bgp ebgp-requires-policy\n"));
  CHECK(has(f, "  neighbor 10.0.0.2 route-map none out\n"));
  CHECK(has(f, "route-map none deny 10\nexit\n"));
}

TEST_CASE("frr route-maps: next terms, fallbacks, prefix ranges, statics, timers, bfd",
          "[export][frr]") {
  const run::ScenarioLoad l = test::load_text(router_scenario(
      R"(    - term: MARK
      from: { prefix_list_filter: { list: L, match: orlonger } }
      then: { local_pref: 300, action: next }
    - from: { route_filter: 198.51.100.0/24 exact }
      then: { as_path_prepend: "65001 65001", action: accept })",
      ", import: P, export: P, hold_time: 9s, mrai: 0s, graceful_restart: off, "
      "bfd: { interval: 100ms, multiplier: 5 }"));
  const confgen::FrrConfig c = frr_of(l.scenario, "r");
  const std::string& f = c.frr_conf;
  CHECK(c.daemons == std::vector<std::string>{"staticd", "bgpd", "bfdd"});
  CHECK(has(f, "ip route 198.51.100.0/24 10.0.0.2\n"));
  // Hold time alone: FRR takes both, keepalive a third of it.
  CHECK(has(f, " neighbor 10.0.0.2 timers 3 9\n neighbor 10.0.0.2 advertisement-interval 0\n"
               " neighbor 10.0.0.2 graceful-restart-disable\n"
               " neighbor 10.0.0.2 bfd profile bfd-100ms-x5\n"));
  // The export chain takes the static route (not lo's /32: MARK only marks
  // it and nothing accepts it after), so FRR gets that into BGP.
  CHECK(has(f, "  redistribute static route-map P\n"));
  CHECK_FALSE(has(f, "redistribute connected"));
  CHECK(has(f, "ip prefix-list P-MARK seq 5 permit 10.255.0.0/24 le 32\n"));
  CHECK(has(f, "ip prefix-list P-2 seq 5 permit 198.51.100.0/24\n"));
  // Export: an undecided route is rejected. FRR would permit one that falls
  // off the end after an `on-match next` entry matched it, so the deny is
  // written out.
  CHECK(has(f, "route-map P permit 10\n match ip address prefix-list P-MARK\n"
               " set local-preference 300\n on-match next\nexit\n!\n"
               "route-map P permit 20\n match ip address prefix-list P-2\n"
               " set as-path prepend 65001 65001\nexit\n!\nroute-map P deny 30\nexit\n"));
  // Import: the same chain, but an undecided route is accepted (mhsim's FRR
  // import default), so it is another route-map.
  CHECK(has(f, "route-map P-IN permit 30\nexit\n"));
  CHECK(has(f, "  neighbor 10.0.0.2 route-map P-IN in\n  neighbor 10.0.0.2 route-map P out\n"));
  CHECK(has(f, "bfd\n profile bfd-100ms-x5\n  detect-multiplier 5\n  receive-interval 100\n"
               "  transmit-interval 100\n exit\n !\nexit\n"));
}

TEST_CASE("graceful_restart aware and on are FRR's per-neighbour helper and restarting modes",
          "[export][frr]") {
  for (const auto& [word, line] : {std::pair{"aware", "graceful-restart-helper"},
                                   std::pair{"on", "graceful-restart"}}) {
    const run::ScenarioLoad l =
        test::load_text(router_scenario("    - then: accept", std::string(", graceful_restart: ") + word));
    CHECK(has(frr_of(l.scenario, "r").frr_conf, " neighbor 10.0.0.2 " + std::string(line) + "\n"));
  }
}

TEST_CASE("what FRR cannot express is refused with the policy and term", "[export][frr]") {
  {
    const run::ScenarioLoad l = test::load_text(router_scenario(R"(    - term: OSPF-ONLY
      from: { protocol: ospf }
      then: accept)", ", import: P"));
    CHECK(export_error(l.scenario, "r") ==
          "r: policy 'P' term OSPF-ONLY: a protocol condition has no FRR route-map match here "
          "(FRR picks protocols with `redistribute`)");
  }
  {
    const run::ScenarioLoad l = test::load_text(router_scenario("    - then: accept",
                                                                ", import: P, connect_delay: 5s"));
    CHECK(export_error(l.scenario, "r") ==
          "r neighbor 10.0.0.2: connect_delay 5s cannot be configured: FRR has no connect delay "
          "(BIRD's `connect delay time`)");
  }
  const run::Scenario s = run::load_scenario(kSeedLab);
  CHECK(export_error(s, "S-SW-1") ==
        "node S-SW-1 is vendor junos: FRR configs are written for frr nodes");
}

TEST_CASE("mhsim export-config prints a node's config and exits 2 for a junos node",
          "[export][cli]") {
  const auto frr = test::run_mhsim("export-config " + kFrrLab + " --node S-SW-2");
  CHECK(frr.status == 0);
  CHECK(frr.out.rfind("! frr.conf from mhsim. /etc/frr/daemons: zebra always runs; enable "
                      "bgpd=yes ospfd=yes.\n",
                      0) == 0);
  CHECK(has(frr.out, "neighbor 10.10.2.2 remote-as 65000\n"));
  const auto bird = test::run_mhsim("export-config " + kFrrLab + " --node pc");
  CHECK(bird.status == 0);
  CHECK(has(bird.out, "protocol bgp sw_sw_2 {\n"));
  const auto junos = test::run_mhsim("export-config " + kSeedLab + " --node S-SW-1");
  CHECK(junos.status == 2);
  CHECK(junos.out.empty());
  CHECK(junos.err ==
        "mhsim: error: node S-SW-1 is vendor junos: export-config writes BIRD and FRR configs only\n");
  const auto unknown = test::run_mhsim("export-config " + kSeedLab + " --node S-SW-9");
  CHECK(unknown.status == 2);
  CHECK(has(unknown.err, "no node 'S-SW-9' (did you mean 'S-SW-1'?)"));
}
