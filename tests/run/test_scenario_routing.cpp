// Loading the routing sections: scenarios/seed-lab.yaml's BGP configuration
// as the lab write-up has it (its policies evaluated on the routes the lab
// sends), and every field's value and default on smaller files.
#include <catch2/catch.hpp>

#include "tests/run/scenario_files.hpp"

using policy::Verdict;
using run::BgpNeighborSpec;
using run::RoutingSpec;
using run::Scenario;
using sim::Duration;

namespace {

const std::string kSeedLab = std::string(MHSIM_SOURCE_DIR) + "/scenarios/seed-lab.yaml";

net::Prefix prefix(std::string_view text) { return *net::parse_prefix(text).value; }
net::Ipv4 ip(std::string_view text) { return *net::parse_ipv4(text).value; }

policy::RouteAttributes route(std::string_view p, rib::Protocol protocol = rib::Protocol::kBgp) {
  policy::RouteAttributes r;
  r.prefix = prefix(p);
  r.protocol = protocol;
  return r;
}

const policy::Policy* policy_of(const Scenario& s, const std::string& name) {
  const auto it = s.routing.policies.find(name);
  REQUIRE(it != s.routing.policies.end());
  return &it->second;
}

const RoutingSpec& spec_of(const Scenario& s, std::string_view node) {
  const RoutingSpec* spec = s.routing.find(node);
  REQUIRE(spec);
  return *spec;
}

using Chain = std::vector<const policy::Policy*>;
using Strings = std::vector<std::string>;

// Two routers on one /30, with loopbacks (lines 1-10); tests add lines 11 on.
const std::string kTwoRouters =
    "duration: 10s\n"
    "topology:\n"
    "  nodes:\n"
    "    r1: { kind: router, vendor: junos }\n"
    "    r2: { kind: router, vendor: frr }\n"
    "  links:\n"
    "    - endpoints: [\"r1:eth0\", \"r2:eth0\"]\n"
    "addresses:\n"
    "  r1: { eth0: 10.0.0.1/30, lo0: 10.255.0.1/32 }\n"
    "  r2: { eth0: 10.0.0.2/30, lo: 10.255.0.2/32 }\n";

// r1 and r2 peer with each other; `policies` and r1's neighbour options are appended.
std::string with_session(const std::string& policies, const std::string& r1_options) {
  return kTwoRouters + policies +
         "routing:\n"
         "  r1:\n"
         "    bgp:\n"
         "      as: 65001\n"
         "      neighbors:\n"
         "        - { address: 10.0.0.2, remote_as: 65002" +
         r1_options +
         " }\n"
         "  r2:\n"
         "    bgp: { as: 65002, neighbors: [ { address: 10.0.0.1, remote_as: 65001 } ] }\n";
}

}  // namespace

TEST_CASE("seed-lab.yaml: prefix lists and policies", "[scenario][routing]") {
  const run::ScenarioLoad loaded = run::load_scenario_with_warnings(kSeedLab);
  CHECK(loaded.warnings.empty());
  const Scenario& s = loaded.scenario;

  REQUIRE(s.routing.prefix_lists.size() == 1);
  const auto& list = s.routing.prefix_lists.at("SERVER-SERVICE-ADDRESS");
  CHECK(list->name == "SERVER-SERVICE-ADDRESS");
  CHECK(list->prefixes == std::vector<net::Prefix>{prefix("192.168.100.1/32")});

  // The lab's five, and the built-ins all and none.
  CHECK(s.routing.policies.size() == 7);

  SECTION("IMPORT-BGP-SERVERS: the service address at preference 90, nothing else") {
    const policy::Policy& p = *policy_of(s, "IMPORT-BGP-SERVERS");
    REQUIRE(p.terms.size() == 2);
    CHECK(p.terms[0].name == "SERVER-SERVICE-ADDRESS");
    REQUIRE(p.terms[0].from.prefix_lists.size() == 1);
    CHECK(p.terms[0].from.prefix_lists[0].list == list);  // shared, not copied
    CHECK(p.default_verdict == Verdict::kNext);

    policy::RouteAttributes service = route("192.168.100.1/32");
    service.preference = 170;  // Junos BGP default
    CHECK(policy::evaluate(p, service) == Verdict::kAccept);
    CHECK(service.preference == 90);

    policy::RouteAttributes wider = route("192.168.100.0/24");
    CHECK(policy::evaluate(p, wider) == Verdict::kReject);
    policy::RouteAttributes other = route("10.0.0.0/8");
    CHECK(policy::evaluate(p, other) == Verdict::kReject);
  }
  SECTION("EXPORT-BGP-SERVERS: only the default route, next-hop self") {
    const policy::Policy& p = *policy_of(s, "EXPORT-BGP-SERVERS");
    policy::RouteAttributes dflt = route("0.0.0.0/0", rib::Protocol::kStatic);
    CHECK(policy::evaluate(p, dflt) == Verdict::kAccept);
    CHECK(dflt.next_hop_self);
    policy::RouteAttributes service = route("192.168.100.1/32");
    CHECK(policy::evaluate(p, service) == Verdict::kReject);
    policy::RouteAttributes link = route("10.10.1.0/30", rib::Protocol::kDirect);
    CHECK(policy::evaluate(p, link) == Verdict::kReject);
  }
  SECTION("service_address: BIRD exports the loopback /32 and nothing else") {
    const policy::Policy& p = *policy_of(s, "service_address");
    policy::RouteAttributes service = route("192.168.100.1/32", rib::Protocol::kDirect);
    CHECK(policy::evaluate(p, service) == Verdict::kAccept);
    for (const char* other : {"10.10.1.0/30", "10.10.2.0/30", "0.0.0.0/0", "192.168.100.0/24"}) {
      policy::RouteAttributes r = route(other, rib::Protocol::kDirect);
      CHECK(policy::evaluate(p, r) == Verdict::kReject);
    }
  }
  SECTION("ECMP marks every route for load balancing and decides nothing") {
    const policy::Policy& p = *policy_of(s, "ECMP");
    policy::RouteAttributes r = route("192.168.100.1/32", rib::Protocol::kOspfExternal2);
    CHECK(policy::evaluate(p, r) == Verdict::kNext);
    CHECK(r.load_balance);
  }
  SECTION("EXPORT-OSPF: the service address into OSPF, nothing else") {
    const policy::Policy& p = *policy_of(s, "EXPORT-OSPF");
    policy::RouteAttributes service = route("192.168.100.1/32");
    CHECK(policy::evaluate(p, service) == Verdict::kAccept);
    for (const char* other : {"0.0.0.0/0", "10.10.1.0/30", "192.168.100.0/24"}) {
      policy::RouteAttributes r = route(other);
      CHECK(policy::evaluate(p, r) == Verdict::kReject);
    }
  }
  SECTION("the built-ins") {
    policy::RouteAttributes r = route("10.0.0.0/8");
    CHECK(policy::evaluate(*policy_of(s, "all"), r) == Verdict::kAccept);
    CHECK(policy::evaluate(*policy_of(s, "none"), r) == Verdict::kReject);
  }
}

TEST_CASE("seed-lab.yaml: each node's routing", "[scenario][routing]") {
  const Scenario s = run::load_scenario(kSeedLab);
  REQUIRE(s.routing.nodes.size() == 5);
  CHECK(s.routing.nodes[0].node == "pc");
  CHECK(s.routing.nodes[3].node == "C-SW-1");
  CHECK(s.routing.find("nobody") == nullptr);

  SECTION("pc: BIRD, merge paths, two eBGP sessions exporting service_address") {
    const RoutingSpec& pc = spec_of(s, "pc");
    CHECK(pc.router_id == ip("192.168.100.1"));
    CHECK(pc.static_routes.empty());
    CHECK(pc.fib.merge_paths == true);
    CHECK(pc.fib.forwarding_export.empty());
    REQUIRE(pc.bgp);
    CHECK(pc.bgp->as == 65000);
    CHECK_FALSE(pc.bgp->multipath);
    REQUIRE(pc.bgp->neighbors.size() == 2);
    const char* names[] = {"sw_sw_1", "sw_sw_2"};
    const char* addresses[] = {"10.10.1.1", "10.10.2.1"};
    for (size_t i = 0; i < 2; ++i) {
      const BgpNeighborSpec& nb = pc.bgp->neighbors[i];
      CHECK(nb.name == names[i]);
      CHECK(nb.address == ip(addresses[i]));
      CHECK(nb.remote_as == 65001);
      CHECK_FALSE(nb.local_as);
      CHECK_FALSE(nb.passive);
      CHECK(nb.import_policies == Chain{policy_of(s, "all")});
      CHECK(nb.export_policies == Chain{policy_of(s, "service_address")});
      CHECK_FALSE(nb.hold_time);
      CHECK_FALSE(nb.keepalive_time);
    }
  }
  SECTION("S-SW-1 and S-SW-2: OSPF exporting EXPORT-OSPF and the passive SERVER group") {
    const char* nodes[] = {"S-SW-1", "S-SW-2"};
    const char* ids[] = {"10.255.0.1", "10.255.0.2"};
    const char* hosts[] = {"10.10.1.2", "10.10.2.2"};
    for (size_t i = 0; i < 2; ++i) {
      const RoutingSpec& sw = spec_of(s, nodes[i]);
      CHECK(sw.router_id == ip(ids[i]));
      // The default route comes from C-SW-1 over OSPF, not a static stand-in.
      CHECK(sw.static_routes.empty());
      REQUIRE(sw.ospf);
      REQUIRE(sw.ospf->interfaces.size() == 2);
      CHECK(sw.ospf->interfaces[0].name == "ge-0/0/0");
      CHECK_FALSE(sw.ospf->interfaces[0].passive);
      CHECK(sw.ospf->interfaces[1].name == "lo0");
      CHECK(sw.ospf->interfaces[1].passive);
      CHECK(sw.ospf->export_policies == Chain{policy_of(s, "EXPORT-OSPF")});
      CHECK_FALSE(sw.ospf->default_originate);
      REQUIRE(sw.bgp);
      CHECK(sw.bgp->as == 65001);
      REQUIRE(sw.bgp->neighbors.size() == 1);
      const BgpNeighborSpec& nb = sw.bgp->neighbors[0];
      CHECK(nb.name == "SERVER");
      CHECK(nb.address == ip(hosts[i]));
      CHECK(nb.remote_as == 65000);
      CHECK(nb.passive);
      CHECK(nb.import_policies == Chain{policy_of(s, "IMPORT-BGP-SERVERS")});
      CHECK(nb.export_policies == Chain{policy_of(s, "EXPORT-BGP-SERVERS")});
    }
  }
  SECTION("C-SW-1: forwarding-table export ECMP, no BGP") {
    const RoutingSpec& c = spec_of(s, "C-SW-1");
    CHECK(c.router_id == ip("10.255.0.3"));
    REQUIRE(c.ospf);
    CHECK(c.ospf->interfaces.size() == 3);
    CHECK(c.ospf->export_policies.empty());
    REQUIRE(c.ospf->default_originate);
    CHECK(c.ospf->default_originate->always);
    CHECK(c.fib.forwarding_export == Chain{policy_of(s, "ECMP")});
    CHECK_FALSE(c.fib.merge_paths);
    CHECK_FALSE(c.bgp);
  }
}

TEST_CASE("a moved scenario's specs still point into its own policies", "[scenario][routing]") {
  Scenario s = run::load_scenario(kSeedLab);
  const policy::Policy* before = policy_of(s, "service_address");
  const Scenario moved = std::move(s);
  CHECK(policy_of(moved, "service_address") == before);
  CHECK(spec_of(moved, "pc").bgp->neighbors[0].export_policies == Chain{before});
}

TEST_CASE("route filters, prefix list filters, protocols and neighbours", "[scenario][routing]") {
  const Scenario s =
      test::load_text(
          kTwoRouters +
          "prefix_lists:\n"
          "  A: [10.0.0.0/8, 172.16.0.0/12]\n"
          "  B: 192.168.0.0/16\n"
          "policies:\n"
          "  P:\n"
          "    - from:\n"
          "        route_filter: [10.0.0.0/8 exact, 10.0.0.0/8 orlonger, 10.0.0.0/8 longer,\n"
          "                       10.0.0.0/8 upto /24, 10.0.0.0/8 prefix-length-range /16-/24]\n"
          "        prefix_list: [A, B]\n"
          "        prefix_list_filter: { list: B, match: orlonger }\n"
          "        protocol: [static, ospf]\n"
          "        neighbor: [10.0.0.2, 10.0.0.6]\n"
          "      then: accept\n"
          "routing:\n"
          "  r1: { fib: { forwarding_export: P } }\n")
          .scenario;
  const policy::Match& m = policy_of(s, "P")->terms.at(0).from;
  REQUIRE(m.route_filters.size() == 5);
  const std::pair<int, int> ranges[] = {{8, 8}, {8, 32}, {9, 32}, {8, 24}, {16, 24}};
  for (size_t i = 0; i < 5; ++i) {
    CHECK(m.route_filters[i].prefix == prefix("10.0.0.0/8"));
    CHECK(m.route_filters[i].min_len == ranges[i].first);
    CHECK(m.route_filters[i].max_len == ranges[i].second);
  }
  REQUIRE(m.prefix_lists.size() == 3);
  CHECK(m.prefix_lists[0].list->name == "A");
  CHECK(m.prefix_lists[0].how == policy::ListMatch::kExact);
  CHECK(m.prefix_lists[1].list->name == "B");
  CHECK(m.prefix_lists[2].list->name == "B");
  CHECK(m.prefix_lists[2].how == policy::ListMatch::kOrLonger);
  CHECK(m.protocols.contains(rib::Protocol::kStatic));
  CHECK(m.protocols.contains(rib::Protocol::kOspfInternal));
  CHECK(m.protocols.contains(rib::Protocol::kOspfExternal1));
  CHECK(m.protocols.contains(rib::Protocol::kOspfExternal2));
  CHECK_FALSE(m.protocols.contains(rib::Protocol::kBgp));
  CHECK_FALSE(m.protocols.contains(rib::Protocol::kDirect));
  CHECK(m.neighbours == std::vector<net::Ipv4>{ip("10.0.0.2"), ip("10.0.0.6")});

  policy::RouteAttributes r = route("192.168.1.0/24", rib::Protocol::kStatic);
  r.neighbour = ip("10.0.0.6");
  CHECK(m.matches(r));  // B orlonger
  r.protocol = rib::Protocol::kBgp;
  CHECK_FALSE(m.matches(r));
}

TEST_CASE("then: actions in order, prepends, and terms that fall through", "[scenario][routing]") {
  const Scenario s =
      test::load_text(kTwoRouters +
                      "policies:\n"
                      "  P:\n"
                      "    - term: marks\n"
                      "      then: { local_pref: 200, med: 5, metric: 7, next_hop: 10.0.0.2 }\n"
                      "    - term: prepends\n"
                      "      from: { protocol: bgp }\n"
                      "      then: { as_path_prepend: \"65000 65000 65001\", action: next }\n"
                      "    - term: more\n"
                      "      then: { as_path_prepend: { as: 65009, count: 2 }, preference: 20, "
                      "action: accept }\n"
                      "routing:\n"
                      "  r1: { fib: { forwarding_export: P } }\n")
          .scenario;
  const policy::Policy& p = *policy_of(s, "P");
  REQUIRE(p.terms.size() == 3);
  CHECK(p.terms[0].verdict == Verdict::kNext);  // a map without `action` goes on
  CHECK(p.terms[1].verdict == Verdict::kNext);
  CHECK(p.terms[2].verdict == Verdict::kAccept);

  policy::RouteAttributes r = route("10.1.0.0/16");
  r.as_path = {65002};
  CHECK(policy::evaluate(p, r) == Verdict::kAccept);
  CHECK(r.local_pref == 200);
  CHECK(r.med == 5u);
  CHECK(r.metric == 7);
  CHECK(r.next_hop == ip("10.0.0.2"));
  CHECK(r.preference == 20);
  CHECK(r.as_path == std::vector<uint32_t>{65009, 65009, 65000, 65000, 65001, 65002});
}

TEST_CASE("neighbour fields, timers and defaults", "[scenario][routing]") {
  const Scenario s =
      test::load_text(
          with_session("policies:\n  IN: [ { from: { protocol: static }, then: reject } ]\n  OUT: "
                       "[ { then: accept } ]\n",
                       ", name: peer, local_as: 64512, passive: true, import: [IN, none], "
                       "export: OUT, hold_time: 9s, keepalive: 3s, connect_retry: 5s, "
                       "connect_delay: 0s, mrai: 0s, graceful_restart: off"))
          .scenario;
  const BgpNeighborSpec& nb = spec_of(s, "r1").bgp->neighbors.at(0);
  CHECK(nb.name == "peer");
  CHECK(nb.local_as == 64512u);
  CHECK(nb.passive);
  CHECK(nb.import_policies == Chain{policy_of(s, "IN"), policy_of(s, "none")});
  CHECK(nb.export_policies == Chain{policy_of(s, "OUT")});
  CHECK(nb.hold_time == Duration::seconds(9));
  CHECK(nb.keepalive_time == Duration::seconds(3));
  CHECK(nb.connect_retry_time == Duration::seconds(5));
  CHECK(nb.connect_delay == Duration::zero());
  CHECK(nb.mrai == Duration::zero());
  CHECK(nb.graceful_restart == bgp::GrMode::kOff);  // a bare `off`, not YAML's false

  // r2 wrote only the address and the AS: the name is the address, the
  // chains are empty (the vendor's default) and no timer is overridden.
  const BgpNeighborSpec& d = spec_of(s, "r2").bgp->neighbors.at(0);
  CHECK(d.name == "10.0.0.1");
  CHECK_FALSE(d.local_as);
  CHECK_FALSE(d.passive);
  CHECK(d.import_policies.empty());
  CHECK(d.export_policies.empty());
  CHECK_FALSE(d.hold_time);
  CHECK_FALSE(d.connect_retry_time);
  CHECK_FALSE(d.graceful_restart);
  CHECK_FALSE(spec_of(s, "r2").router_id);  // default: chosen by the node from its addresses
}

TEST_CASE("the edges of the AS and hold time ranges are accepted", "[scenario][routing]") {
  for (const char* hold : {"0s", "3s", "65535s"}) {
    const run::ScenarioLoad loaded =
        test::load_text(with_session("", std::string(", hold_time: ") + hold));
    CHECK(loaded.warnings.empty());
    CHECK(spec_of(loaded.scenario, "r1").bgp->neighbors.at(0).hold_time ==
          sim::parse_duration(hold).value);
  }
  const run::ScenarioLoad loaded = test::load_text(
      kTwoRouters +
      "routing:\n"
      "  r1: { bgp: { as: 1, neighbors: [ { address: 10.0.0.2, remote_as: 4294967295 } ] } }\n"
      "  r2: { bgp: { as: 4294967295, neighbors: [ { address: 10.0.0.1, remote_as: 1 } ] } }\n");
  CHECK(loaded.warnings.empty());
  CHECK(spec_of(loaded.scenario, "r1").bgp->as == 1);
  CHECK(spec_of(loaded.scenario, "r2").bgp->as == 4294967295u);
}

TEST_CASE("static routes and fib options", "[scenario][routing]") {
  const Scenario s =
      test::load_text(kTwoRouters +
                      "routing:\n"
                      "  r2:\n"
                      "    static:\n"
                      "      - { prefix: 0.0.0.0/0, next_hop: 10.0.0.1, preference: 250 }\n"
                      "      - { prefix: 10.9.0.0/16, discard: true }\n"
                      "      - { prefix: 10.8.0.0/16, next_hop: 10.0.0.1, discard: false }\n"
                      "    fib: { merge_paths: false, install_delay: 2ms, max_paths: 4 }\n"
                      "  r1:\n")
          .scenario;
  REQUIRE(s.routing.nodes.size() == 1);  // r1's empty section counts as absent
  const RoutingSpec& r2 = spec_of(s, "r2");
  REQUIRE(r2.static_routes.size() == 3);
  CHECK(r2.static_routes[0].prefix == prefix("0.0.0.0/0"));
  CHECK(r2.static_routes[0].via == std::vector<net::Ipv4>{ip("10.0.0.1")});
  CHECK(r2.static_routes[0].preference == 250u);
  CHECK(r2.static_routes[1].discard());
  CHECK(r2.static_routes[2].via == std::vector<net::Ipv4>{ip("10.0.0.1")});
  CHECK(r2.fib.merge_paths == false);
  CHECK(r2.fib.install_delay == Duration::milliseconds(2));
  CHECK(r2.fib.max_paths == 4u);
  CHECK_FALSE(r2.bgp);
}

TEST_CASE("routing warnings", "[scenario][routing]") {
  const std::string& f = test::scenario_path();
  const auto warning = [&](int line, int column, const std::string& message) {
    return f + ":" + std::to_string(line) + ":" + std::to_string(column) + ": warning: " + message;
  };
  SECTION("unreachable terms and policies, unused names, lists that match nothing") {
    const run::ScenarioLoad loaded =
        test::load_text(kTwoRouters +
                        "prefix_lists:\n"                                       // 11
                        "  A: [10.0.0.0/8, 10.0.0.0/8]\n"                       // 12
                        "  EMPTY: []\n"                                         // 13
                        "policies:\n"                                           // 14
                        "  P:\n"                                                // 15
                        "    - then: reject\n"                                  // 16
                        "    - from: { prefix_list: A }\n"                      // 17
                        "      then: accept\n"                                  // 18
                        "  Q:\n"                                                // 19
                        "    - from: { route_filter: 10.255.0.1/32 longer }\n"  // 20
                        "      then: accept\n"                                  // 21
                        "routing:\n"                                            // 22
                        "  r1: { fib: { forwarding_export: [all, Q] } }\n");    // 23
    CHECK(loaded.warnings ==
          Strings{
              warning(12, 19, "duplicate prefix 10.0.0.0/8 in prefix list 'A' (first at line 12)"),
              warning(13, 10, "prefix list 'EMPTY' is empty and matches nothing"),
              warning(17, 7,
                      "this term of policy 'P' is never reached: the term at line 16 rejects "
                      "every route"),
              warning(20, 29,
                      "route_filter '10.255.0.1/32 longer' matches nothing: no prefix is longer "
                      "than /32"),
              warning(23, 41,
                      "policy 'Q' in forwarding_export is never evaluated: 'all' before "
                      "it decides every route"),
              warning(13, 3, "prefix list 'EMPTY' is not used by any policy"),
              warning(15, 3, "policy 'P' is not used by any node"),
          });
  }
  SECTION("sessions that cannot come up") {
    const run::ScenarioLoad loaded =
        test::load_text(kTwoRouters +
                        "routing:\n"                                                          // 11
                        "  r1:\n"                                                             // 12
                        "    bgp:\n"                                                          // 13
                        "      as: 65001\n"                                                   // 14
                        "      neighbors:\n"                                                  // 15
                        "        - { address: 10.0.0.2, remote_as: 65009, passive: true }\n"  // 16
                        "  r2:\n"                                                             // 17
                        "    bgp: { as: 65002, neighbors: [ { address: 10.0.0.1, remote_as: 65001, "
                        "passive: true, hold_time: 0s, keepalive: 10s } ] }\n");  // 18
    CHECK(loaded.warnings ==
          Strings{
              warning(18, 116,
                      "keepalive has no effect: hold time 0s turns keepalives off "
                      "(RFC 4271 §4.4)"),
              warning(16, 11,
                      "remote_as 65009 does not match r2's AS 65002: the session will "
                      "fail with an OPEN error (Bad Peer AS)"),
              warning(16, 11,
                      "both ends of the session r1 -- r2 are passive: neither "
                      "connects, so it never comes up"),
          });
  }
  SECTION("multipath on a BIRD node") {
    const run::ScenarioLoad loaded = test::load_text(
        "duration: 10s\n"
        "topology:\n"
        "  nodes:\n"
        "    h: { kind: host, vendor: bird }\n"
        "    r: { kind: router, vendor: junos }\n"
        "  links:\n"
        "    - endpoints: [\"h:eth0\", \"r:eth0\"]\n"
        "addresses:\n"
        "  h: { eth0: 10.0.0.1/30 }\n"
        "  r: { eth0: 10.0.0.2/30 }\n"
        "routing:\n"
        "  h:\n"
        "    bgp:\n"
        "      as: 65000\n"
        "      multipath: true\n"  // line 15
        "      neighbors: [ { address: 10.0.0.2, remote_as: 65001 } ]\n"
        "  r: { bgp: { as: 65001, neighbors: [ { address: 10.0.0.1, remote_as: 65000 } ] } }\n");
    CHECK(loaded.warnings ==
          Strings{warning(15, 7,
                          "multipath has no effect on bird: BIRD merges equal BGP paths with "
                          "fib.merge_paths (kernel protocol `merge paths on`)")});
    CHECK(loaded.scenario.routing.find("h")->bgp->multipath == true);
  }
  SECTION("a neighbour nobody answers for") {
    const run::ScenarioLoad loaded = test::load_text(
        "duration: 10s\n"                                                      // 1
        "topology:\n"                                                          // 2
        "  nodes:\n"                                                           // 3
        "    r1: { kind: router, vendor: junos }\n"                            // 4
        "    r2: { kind: router, vendor: frr }\n"                              // 5
        "    r3: { kind: router, vendor: bird }\n"                             // 6
        "  links:\n"                                                           // 7
        "    - endpoints: [\"r1:eth0\", \"r2:eth0\"]\n"                        // 8
        "    - endpoints: [\"r1:eth1\", \"r3:eth0\"]\n"                        // 9
        "    - endpoints: [\"r1:eth2\", \"r3:eth1\"]\n"                        // 10
        "addresses:\n"                                                         // 11
        "  r1: { eth0: 10.0.0.1/30, eth1: 10.0.1.1/30, eth2: 10.0.2.1/24 }\n"  // 12
        "  r2: { eth0: 10.0.0.2/30 }\n"                                        // 13
        "  r3: { eth0: 10.0.1.2/30, eth1: 10.0.2.2/24 }\n"                     // 14
        "routing:\n"                                                           // 15
        "  r1:\n"                                                              // 16
        "    bgp:\n"                                                           // 17
        "      as: 65001\n"                                                    // 18
        "      neighbors:\n"                                                   // 19
        "        - { address: 10.0.0.2, remote_as: 65002 }\n"                  // 20
        "        - { address: 10.0.1.2, remote_as: 65003 }\n"                  // 21
        "        - { address: 10.0.2.9, remote_as: 65004 }\n"                  // 22
        "  r3:\n"                                                              // 23
        "    bgp: { as: 65003, neighbors: [ { address: 10.0.2.8, remote_as: 65005 } ] }\n");
    CHECK(loaded.warnings ==
          Strings{
              warning(20, 11, "r2 (10.0.0.2) runs no BGP: the session will never come up"),
              warning(21, 11,
                      "r3 has no bgp neighbor with an address of r1: the session will "
                      "never come up"),
              warning(22, 11,
                      "no node has address 10.0.2.9: the session to it will never come "
                      "up"),
              warning(24, 36,
                      "no node has address 10.0.2.8: the session to it will never come "
                      "up"),
          });
  }
}
