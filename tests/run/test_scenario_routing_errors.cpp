// Every way the routing sections (prefix_lists, policies, routing) can be
// wrong, each asserted as the exact line a user sees: PATH:LINE:COL: error:
// MESSAGE, at the offending YAML node.
//
// Most cases extend this two-router scenario (lines 1-10):
//
//   r1 (junos) eth0 10.0.0.1/29 ---- eth0 10.0.0.2/29 r2 (frr)
//   lo0 10.255.0.1/32
#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

#include "tests/run/scenario_files.hpp"

using test::error_at;
using test::error_of;

namespace {

const std::string kBase =
    "duration: 10s\n"
    "topology:\n"
    "  nodes:\n"
    "    r1: { kind: router, vendor: junos }\n"
    "    r2: { kind: router, vendor: frr }\n"
    "  links:\n"
    "    - endpoints: [\"r1:eth0\", \"r2:eth0\"]\n"
    "addresses:\n"
    "  r1: { eth0: 10.0.0.1/29, lo0: 10.255.0.1/32 }\n"
    "  r2: { eth0: 10.0.0.2/29 }\n";

// r1 runs BGP with AS `as` and one neighbour:
//
//   11 routing:
//   12   r1:
//   13     bgp:
//   14       as: AS                          (column 11)
//   15       neighbors:
//   16         - { NEIGHBOR }                (the map at column 11, NEIGHBOR at 13)
std::string bgp_r1(const std::string& as, const std::string& neighbor) {
  return kBase + "routing:\n  r1:\n    bgp:\n      as: " + as + "\n      neighbors:\n        - { " +
         neighbor + " }\n";
}

// The usual neighbour; extra fields appended to it start at column 50.
const std::string kNeighbor = "address: 10.0.0.2, remote_as: 65002";
std::string neighbor(const std::string& extra) { return bgp_r1("65001", kNeighbor + extra); }

// One policy P whose term is `term`:
//
//   11 policies:
//   12   P:
//   13     - TERM                            (column 7)
std::string policy_p(const std::string& term) {
  return kBase + "policies:\n  P:\n    - " + term + "\n";
}

// A term of P whose `from` map holds `from` (line 13: `from` at column 15).
std::string from_p(const std::string& from) {
  return policy_p("from: { " + from + " }\n      then: accept");
}

// A term of P whose `then` is `then` (line 13, column 13).
std::string then_p(const std::string& then) { return policy_p("then: " + then); }

// r1's static routes, one per line from line 14; fields start at column 11.
std::string static_r1(const std::vector<std::string>& routes) {
  std::string s = kBase + "routing:\n  r1:\n    static:\n";
  for (const std::string& r : routes) s += "      - { " + r + " }\n";
  return s;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// 1-based line and column of the first `needle` in `text`.
std::pair<int, int> position_of(const std::string& text, const std::string& needle) {
  const size_t at = text.find(needle);
  REQUIRE(at != std::string::npos);
  const size_t line_start = text.rfind('\n', at);
  const int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + at, '\n'));
  const int column =
      static_cast<int>(at - (line_start == std::string::npos ? 0 : line_start + 1)) + 1;
  return {line, column};
}

}  // namespace

TEST_CASE("the base scenarios of the routing error cases load", "[scenario][routing]") {
  CHECK(error_of(kBase).empty());
  CHECK(error_of(neighbor("")).empty());
  CHECK(error_of(then_p("accept")).empty());
  CHECK(error_of(from_p("protocol: bgp")).empty());
  CHECK(error_of(static_r1({"prefix: 10.9.0.0/16, discard: true"})).empty());
}

TEST_CASE("routing sections at the top level", "[scenario][routing]") {
  SECTION("a routing section for an unknown node") {
    CHECK(error_of(kBase + "routing:\n  r3: { router_id: 10.255.0.3 }\n") ==
          error_at(12, 3, "unknown node 'r3' in routing (did you mean 'r1'?)"));
  }
  SECTION("unknown field in a node's routing, with a suggestion") {
    CHECK(error_of(kBase + "routing:\n  r1: { bgpp: {} }\n") ==
          error_at(12, 9, "unknown field 'bgpp' in routing of node 'r1' (did you mean 'bgp'?)"));
  }
  SECTION("duplicate node in routing") {
    CHECK(error_of(kBase +
                   "routing:\n  r1: { router_id: 1.1.1.1 }\n  r1: { router_id: 1.1.1.2 }\n") ==
          error_at(13, 3, "duplicate node 'r1' in routing (first at line 12)"));
  }
}

TEST_CASE("prefix lists", "[scenario][routing]") {
  SECTION("a malformed prefix, with the parser's message") {
    CHECK(error_of(kBase + "prefix_lists:\n  A: [10.0.0.1/8]\n") ==
          error_at(12, 7, "'10.0.0.1/8' has host bits set (did you mean 10.0.0.0/8?)"));
    CHECK(error_of(kBase + "prefix_lists:\n  A: 10.0.0.0\n") ==
          error_at(12, 6, "'10.0.0.0' is not a prefix (want a.b.c.d/len)"));
    CHECK(error_of(kBase + "prefix_lists:\n  A: [10.0.0.0/33]\n") ==
          error_at(12, 7, "prefix length '33' in '10.0.0.0/33' must be 0 to 32"));
  }
  SECTION("duplicate name") {
    CHECK(error_of(kBase + "prefix_lists:\n  A: [10.0.0.0/8]\n  A: [10.0.0.0/16]\n") ==
          error_at(13, 3, "duplicate prefix list 'A' in prefix_lists (first at line 12)"));
  }
  SECTION("no prefixes at all") {
    CHECK(error_of(kBase + "prefix_lists:\n  A:\n") ==
          error_at(12, 3, "no prefixes given for prefix list 'A'"));
  }
  SECTION("an unknown prefix list in a policy, with a suggestion") {
    CHECK(error_of(kBase + "prefix_lists:\n"
                           "  SERVER-SERVICE-ADDRESS: [192.168.100.1/32]\n"
                           "policies:\n"
                           "  P:\n"
                           "    - from: { prefix_list: SERVER-SERVICE-ADRESS }\n"
                           "      then: accept\n") ==
          error_at(15, 28,
                   "unknown prefix list 'SERVER-SERVICE-ADRESS' (did you mean "
                   "'SERVER-SERVICE-ADDRESS'?)"));
    CHECK(error_of(from_p("prefix_list_filter: { list: B, match: orlonger }")) ==
          error_at(13, 43, "unknown prefix list 'B'"));
  }
}

TEST_CASE("policies", "[scenario][routing]") {
  SECTION("duplicate name") {
    CHECK(error_of(kBase + "policies:\n  P: [ { then: accept } ]\n  P: [ { then: reject } ]\n") ==
          error_at(13, 3, "duplicate policy 'P' in policies (first at line 12)"));
  }
  SECTION("the built-in names are taken") {
    CHECK(error_of(kBase + "policies:\n  all: [ { then: reject } ]\n") ==
          error_at(12, 3,
                   "policy name 'all' is built in ('all' accepts every route, 'none' rejects "
                   "every route); choose another name"));
  }
  SECTION("a policy is a list of terms") {
    CHECK(error_of(kBase + "policies:\n  P: { term: x, then: accept }\n") ==
          error_at(12, 6, "policy 'P' must be a list, not a map"));
    CHECK(error_of(kBase + "policies:\n  P: []\n") == error_at(12, 6, "policy 'P' has no terms"));
    CHECK(error_of(kBase + "policies:\n  P:\n") == error_at(12, 3, "policy 'P' has no terms"));
  }
  SECTION("duplicate term name") {
    CHECK(error_of(kBase + "policies:\n  P:\n    - { term: a, then: next }\n"
                           "    - { term: a, then: accept }\n") ==
          error_at(14, 7, "duplicate term 'a' in policy 'P' (first at line 13)"));
  }
  SECTION("unknown term field, missing then") {
    CHECK(error_of(policy_p("{ term: a, thn: accept }")) ==
          error_at(13, 18, "unknown field 'thn' in term of policy 'P' (did you mean 'then'?)"));
    CHECK(error_of(policy_p("from: { protocol: bgp }")) ==
          error_at(13, 7, "missing required field 'then' in term of policy 'P'"));
  }
}

TEST_CASE("from: match conditions", "[scenario][routing]") {
  SECTION("route_filter match types") {
    CHECK(error_of(from_p("route_filter: 10.0.0.0/8 exactly")) ==
          error_at(13, 29,
                   "unknown route_filter match type 'exactly' (did you mean 'exact'?); use one "
                   "of: exact, orlonger, longer, upto, prefix-length-range"));
    CHECK(error_of(from_p("route_filter: 10.0.0.0/8")) ==
          error_at(13, 29,
                   "route_filter '10.0.0.0/8' needs a match type after the prefix: exact, "
                   "orlonger, longer, upto /N or prefix-length-range /A-/B"));
    CHECK(error_of(from_p("route_filter: 10.0.0.1/8 exact")) ==
          error_at(13, 29, "'10.0.0.1/8' has host bits set (did you mean 10.0.0.0/8?)"));
    CHECK(error_of(from_p("route_filter: 10.0.0.0/8 exact foo")) ==
          error_at(13, 29, "unexpected 'foo' at the end of route_filter '10.0.0.0/8 exact foo'"));
  }
  SECTION("upto and prefix-length-range lengths") {
    CHECK(error_of(from_p("route_filter: 10.0.0.0/8 upto")) ==
          error_at(13, 29,
                   "route_filter '10.0.0.0/8 upto': upto needs a prefix length, as in 'upto "
                   "/24'"));
    CHECK(error_of(from_p("route_filter: 10.0.0.0/8 upto /4")) ==
          error_at(13, 29,
                   "route_filter '10.0.0.0/8 upto /4': upto /4 is shorter than the prefix's "
                   "own length /8"));
    CHECK(error_of(from_p("route_filter: 10.0.0.0/8 upto /33")) ==
          error_at(13, 29,
                   "prefix length '/33' in route_filter '10.0.0.0/8 upto /33' must be /0 to "
                   "/32"));
    CHECK(error_of(from_p("route_filter: 10.0.0.0/8 prefix-length-range /24-/16")) ==
          error_at(13, 29,
                   "route_filter '10.0.0.0/8 prefix-length-range /24-/16': the range /24-/16 "
                   "is empty (24 > 16)"));
    CHECK(error_of(from_p("route_filter: 10.0.0.0/8 prefix-length-range /4-/16")) ==
          error_at(13, 29,
                   "route_filter '10.0.0.0/8 prefix-length-range /4-/16': the range starts "
                   "below the prefix's own length /8"));
    CHECK(error_of(from_p("route_filter: 10.0.0.0/8 prefix-length-range /16")) ==
          error_at(13, 29,
                   "route_filter '10.0.0.0/8 prefix-length-range /16': prefix-length-range "
                   "wants /A-/B, not '/16'"));
  }
  SECTION("prefix_list_filter match types") {
    CHECK(error_of(kBase + "prefix_lists: { A: [10.0.0.0/8] }\n" +
                   "policies:\n  P:\n    - from: { prefix_list_filter: { list: A, match: upto } "
                   "}\n      then: accept\n") ==
          error_at(14, 53,
                   "unknown prefix_list_filter match type 'upto'; use one of: exact, "
                   "orlonger, longer"));
  }
  SECTION("protocols, neighbours, unknown and empty conditions") {
    CHECK(error_of(from_p("protocol: bpg")) ==
          error_at(13, 25,
                   "unknown protocol 'bpg' (did you mean 'bgp'?); use one of: direct, static, "
                   "kernel, bgp, ospf, ospf-internal, ospf-external"));
    CHECK(error_of(from_p("neighbor: [10.0.0.2, 10.0.0]")) ==
          error_at(13, 36, "'10.0.0' is not an IPv4 address (want a.b.c.d)"));
    CHECK(error_of(from_p("prefix-list: A")) ==
          error_at(13, 15, "unknown field 'prefix-list' in from (did you mean 'prefix_list'?)"));
    CHECK(error_of(policy_p("from: {}\n      then: accept")) ==
          error_at(13, 13, "from is empty: leave it out to match every route"));
    CHECK(error_of(from_p("protocol: []")) == error_at(13, 25, "protocol is empty"));
  }
}

TEST_CASE("then: actions and verdicts", "[scenario][routing]") {
  SECTION("an unknown action") {
    CHECK(error_of(then_p("acept")) ==
          error_at(13, 13,
                   "unknown action 'acept' (did you mean 'accept'?); use one of: accept, "
                   "reject, next"));
    CHECK(error_of(then_p("{ preference: 90, action: rejct }")) ==
          error_at(13, 39,
                   "unknown action 'rejct' (did you mean 'reject'?); use one of: accept, "
                   "reject, next"));
    CHECK(error_of(then_p("{ prefernce: 90 }")) ==
          error_at(13, 15, "unknown field 'prefernce' in then (did you mean 'preference'?)"));
    CHECK(error_of(then_p("[accept]")) ==
          error_at(13, 13, "then must be accept, reject, next or a map of actions, not a list"));
    CHECK(error_of(then_p("{}")) ==
          error_at(13, 13,
                   "then is empty: give an action (accept, reject, next) or a change to make"));
  }
  SECTION("load_balance takes per-packet only") {
    CHECK(error_of(then_p("{ load_balance: per-flow }")) ==
          error_at(13, 29,
                   "load_balance 'per-flow' is not supported: Junos writes per-packet (and "
                   "hashes it per flow on current hardware); use per-packet"));
    CHECK(error_of(then_p("{ load_balance: random }")) ==
          error_at(13, 29, "unknown load_balance 'random'; use per-packet"));
  }
  SECTION("values") {
    CHECK(error_of(then_p("{ next_hop: slef }")) ==
          error_at(13, 25, "next_hop 'slef' is neither self nor an IPv4 address"));
    CHECK(error_of(then_p("{ local_pref: 4294967296 }")) ==
          error_at(13, 27, "local_pref 4294967296 is above 4294967295"));
    CHECK(error_of(then_p("{ med: -1 }")) == error_at(13, 20, "med '-1' is not a whole number"));
    CHECK(
        error_of(then_p("{ as_path_prepend: \"65000 x\" }")) ==
        error_at(13, 32, "'x' in as_path_prepend '65000 x' is not an AS number (1 to 4294967295)"));
    CHECK(
        error_of(then_p("{ as_path_prepend: \"65000 0\" }")) ==
        error_at(13, 32, "'0' in as_path_prepend '65000 0' is not an AS number (1 to 4294967295)"));
    CHECK(error_of(then_p("{ as_path_prepend: { as: 65000, count: 0 } }")) ==
          error_at(13, 52, "count 0 must be 1 to 255"));
    CHECK(error_of(then_p("{ as_path_prepend: { as: 0 } }")) ==
          error_at(13, 38, "as 0 is not a valid AS number (use 1 to 4294967295)"));
  }
}

TEST_CASE("policy chains: import, export, forwarding_export", "[scenario][routing]") {
  const std::string imp = "\npolicies:\n  IMPORT-BGP-SERVERS: [ { then: reject } ]\n";
  SECTION("an unknown policy, with a suggestion") {
    CHECK(error_of(neighbor(", import: IMPORT-BGP-SERVER") + imp) ==
          error_at(16, 58,
                   "unknown policy 'IMPORT-BGP-SERVER' (did you mean 'IMPORT-BGP-SERVERS'?)"));
    CHECK(error_of(neighbor(", export: [all, nonee]")) ==
          error_at(16, 64, "unknown policy 'nonee' (did you mean 'none'?)"));
    CHECK(error_of(kBase + "routing:\n  r1: { fib: { forwarding_export: ECPM } }\n") ==
          error_at(12, 35, "unknown policy 'ECPM'"));
  }
  SECTION("an empty chain, a policy twice") {
    CHECK(error_of(neighbor(", import: []")) ==
          error_at(16, 58,
                   "import is empty: leave it out for junos's default, or write all or none"));
    CHECK(error_of(neighbor(", import: [all, all]")) ==
          error_at(16, 64, "policy 'all' is already in this import chain"));
  }
  SECTION("a preference beyond what the node's vendor accepts") {
    CHECK(error_of(kBase + "policies:\n  P: [ { then: { preference: 300 } } ]\n" +
                   "routing:\n  r2: { fib: { forwarding_export: P } }\n") ==
          error_at(14, 35,
                   "policy 'P' sets preference 300 (line 12), above the largest distance frr "
                   "accepts (255)"));
    // Junos takes any 32-bit preference.
    CHECK(error_of(kBase + "policies:\n  P: [ { then: { preference: 300 } } ]\n" +
                   "routing:\n  r1: { fib: { forwarding_export: P } }\n")
              .empty());
  }
}

TEST_CASE("router_id, static routes and fib", "[scenario][routing]") {
  SECTION("router_id must be a non-zero IPv4 address") {
    CHECK(error_of(kBase + "routing:\n  r1: { router_id: 10.0.0 }\n") ==
          error_at(12, 20, "'10.0.0' is not an IPv4 address (want a.b.c.d)"));
    CHECK(error_of(kBase + "routing:\n  r1: { router_id: 10.0.0.1/32 }\n") ==
          error_at(12, 20, "'10.0.0.1/32' is not an IPv4 address (want a.b.c.d)"));
    CHECK(error_of(kBase + "routing:\n  r1: { router_id: 0.0.0.0 }\n") ==
          error_at(12, 20,
                   "router_id 0.0.0.0 is not allowed: a BGP identifier must be non-zero "
                   "(RFC 6286 §2.1)"));
  }
  SECTION("a static next hop must be on a connected subnet") {
    CHECK(error_of(static_r1({"prefix: 10.9.0.0/16, next_hop: 10.9.9.9"})) ==
          error_at(14, 42,
                   "next_hop 10.9.9.9 is not on a connected subnet of r1 (interfaces: eth0 "
                   "10.0.0.1/29)"));
    CHECK(error_of(static_r1({"prefix: 10.9.0.0/16, next_hop: 10.0.0.1"})) ==
          error_at(14, 42, "next_hop 10.0.0.1 is r1's own address (eth0 10.0.0.1/29)"));
  }
  SECTION("next_hop or discard, exactly one") {
    CHECK(error_of(static_r1({"prefix: 10.9.0.0/16, next_hop: 10.0.0.2, discard: true"})) ==
          error_at(14, 9,
                   "static route 10.9.0.0/16 has both next_hop and discard: true; choose one"));
    CHECK(error_of(static_r1({"prefix: 10.9.0.0/16"})) ==
          error_at(14, 9, "static route 10.9.0.0/16 needs next_hop or discard: true"));
    CHECK(error_of(static_r1({"prefix: 10.9.0.0/16, discard: false"})) ==
          error_at(14, 9, "static route 10.9.0.0/16 needs next_hop or discard: true"));
    CHECK(error_of(static_r1({"prefix: 10.9.0.0/16, discard: yes"})) ==
          error_at(14, 41, "discard must be true or false, not 'yes'"));
  }
  SECTION("prefix, duplicates, preference range") {
    CHECK(error_of(static_r1({"prefix: 10.9.0.1/16, discard: true"})) ==
          error_at(14, 19, "'10.9.0.1/16' has host bits set (did you mean 10.9.0.0/16?)"));
    CHECK(error_of(static_r1(
              {"prefix: 10.9.0.0/16, discard: true", "prefix: 10.9.0.0/16, next_hop: 10.0.0.2"})) ==
          error_at(15, 19, "duplicate static route 10.9.0.0/16 on node 'r1' (first at line 14)"));
    CHECK(error_of(kBase + "routing:\n  r2:\n    static:\n"
                           "      - { prefix: 10.9.0.0/16, discard: true, preference: 256 }\n") ==
          error_at(14, 59, "preference 256 is above the largest distance frr accepts (255)"));
  }
  SECTION("fib fields") {
    CHECK(error_of(kBase + "routing:\n  r1: { fib: { max_paths: 0 } }\n") ==
          error_at(12, 27, "max_paths must be at least 1"));
    CHECK(error_of(kBase + "routing:\n  r1: { fib: { merge_paths: on } }\n") ==
          error_at(12, 29, "merge_paths must be true or false, not 'on'"));
    CHECK(error_of(kBase + "routing:\n  r1: { fib: { merge-paths: true } }\n") ==
          error_at(12, 16,
                   "unknown field 'merge-paths' in fib of node 'r1' (did you mean "
                   "'merge_paths'?)"));
  }
}

TEST_CASE("bgp: AS numbers", "[scenario][routing]") {
  CHECK(error_of(bgp_r1("0", kNeighbor)) ==
        error_at(14, 11, "as 0 is not a valid AS number (use 1 to 4294967295)"));
  CHECK(error_of(bgp_r1("4294967296", kNeighbor)) ==
        error_at(14, 11, "as 4294967296 is not a valid AS number (use 1 to 4294967295)"));
  CHECK(error_of(bgp_r1("AS65001", kNeighbor)) ==
        error_at(14, 11, "as 'AS65001' is not a whole number"));
  CHECK(error_of(bgp_r1("65001.5", kNeighbor)) ==
        error_at(14, 11, "as '65001.5' is not a whole number"));
  CHECK(error_of(bgp_r1("65001", "address: 10.0.0.2, remote_as: 0")) ==
        error_at(16, 43, "remote_as 0 is not a valid AS number (use 1 to 4294967295)"));
  CHECK(error_of(neighbor(", local_as: 99999999999999999999")) ==
        error_at(16, 60, "local_as '99999999999999999999' is too large"));
}

TEST_CASE("bgp: the section and its neighbours", "[scenario][routing]") {
  SECTION("as and neighbors are required") {
    CHECK(error_of(kBase + "routing:\n  r1: { bgp: { as: 65001, neighbors: [] } }\n") ==
          error_at(12, 38, "bgp of node 'r1' has no neighbors"));
    CHECK(error_of(kBase + "routing:\n  r1: { bgp: { neighbors: [] } }\n") ==
          error_at(12, 14, "missing required field 'as' in bgp of node 'r1'"));
    CHECK(error_of(kBase + "routing:\n  r1:\n    bgp:\n") ==
          error_at(13, 5, "bgp of node 'r1' is empty: it needs as and neighbors"));
    CHECK(error_of(bgp_r1("65001", "address: 10.0.0.2")) ==
          error_at(16, 11, "missing required field 'remote_as' in bgp neighbor"));
  }
  SECTION("unknown and malformed neighbour fields") {
    CHECK(
        error_of(neighbor(", hold-time: 9s")) ==
        error_at(16, 50, "unknown field 'hold-time' in bgp neighbor (did you mean 'hold_time'?)"));
    CHECK(error_of(neighbor(", passive: on")) ==
          error_at(16, 59, "passive must be true or false, not 'on'"));
    CHECK(error_of(bgp_r1("65001", "address: 10.0.0, remote_as: 65002")) ==
          error_at(16, 22, "'10.0.0' is not an IPv4 address (want a.b.c.d)"));
  }
  SECTION("a neighbour not on a connected subnet") {
    CHECK(error_of(bgp_r1("65001", "address: 10.9.9.9, remote_as: 65002")) ==
          error_at(16, 22,
                   "neighbor 10.9.9.9 is not on a connected subnet of r1 (interfaces: eth0 "
                   "10.0.0.1/29)"));
    // The same mistake in the seed lab, where S-SW-1 has two addressed ports.
    std::string lab = read_file(std::string(MHSIM_SOURCE_DIR) + "/scenarios/seed-lab.yaml");
    const std::string peer = "address: 10.10.1.2, remote_as: 65000, passive: true";
    const size_t at = lab.find(peer);
    REQUIRE(at != std::string::npos);
    lab.replace(at, 19, "address: 10.9.9.9, ");
    const auto [line, column] = position_of(lab, "10.9.9.9");
    CHECK(error_of(lab) ==
          error_at(line, column,
                   "neighbor 10.9.9.9 is not on a connected subnet of S-SW-1 (interfaces: "
                   "ge-0/0/9 10.10.1.1/30, ge-0/0/0 10.1.1.1/31)"));
  }
  SECTION("a neighbour at one of the node's own addresses") {
    CHECK(error_of(bgp_r1("65001", "address: 10.0.0.1, remote_as: 65002")) ==
          error_at(16, 22, "neighbor 10.0.0.1 is r1's own address (eth0 10.0.0.1/29)"));
    CHECK(error_of(bgp_r1("65001", "address: 10.255.0.1, remote_as: 65002")) ==
          error_at(16, 22, "neighbor 10.255.0.1 is r1's own address (lo0 10.255.0.1/32)"));
  }
  SECTION("a neighbour at the subnet's network or broadcast address") {
    CHECK(error_of(bgp_r1("65001", "address: 10.0.0.7, remote_as: 65002")) ==
          error_at(16, 22,
                   "neighbor 10.0.0.7 is the broadcast address of r1's subnet 10.0.0.0/29 "
                   "(eth0)"));
    CHECK(error_of(bgp_r1("65001", "address: 10.0.0.0, remote_as: 65002")) ==
          error_at(16, 22,
                   "neighbor 10.0.0.0 is the network address of r1's subnet 10.0.0.0/29 (eth0)"));
  }
  SECTION("duplicate neighbour address or name on a node") {
    CHECK(error_of(neighbor(" }\n        - { address: 10.0.0.2, remote_as: 65003, name: other")) ==
          error_at(17, 11, "duplicate neighbor 10.0.0.2 on r1 (first at line 16)"));
    CHECK(error_of(neighbor(", name: a }\n        - { address: 10.0.0.3, remote_as: 65003, "
                            "name: a")) ==
          error_at(17, 11, "duplicate neighbor name 'a' on r1 (first at line 16)"));
  }
  SECTION("BGP needs a router id from somewhere") {
    CHECK(error_of("duration: 10s\n"
                   "topology: { nodes: { h: { kind: host, vendor: bird } } }\n"
                   "addresses: { h: { eth0: 127.0.0.1/8 } }\n"
                   "routing:\n"
                   "  h:\n"
                   "    bgp: { as: 65000, neighbors: [ { address: 127.0.0.2, remote_as: 65001 } "
                   "] }\n") ==
          error_at(6, 5,
                   "node 'h' runs BGP but has no router_id and no address to take one from; "
                   "set router_id"));
  }
}

TEST_CASE("bgp: timers", "[scenario][routing]") {
  SECTION("hold time: 0 or 3 to 65535 whole seconds") {
    CHECK(error_of(neighbor(", hold_time: 2s")) ==
          error_at(16, 61,
                   "hold time 2s is not allowed: RFC 4271 §4.2 requires 0 or at least 3 seconds"));
    CHECK(error_of(neighbor(", hold_time: 1s")) ==
          error_at(16, 61,
                   "hold time 1s is not allowed: RFC 4271 §4.2 requires 0 or at least 3 seconds"));
    CHECK(error_of(neighbor(", hold_time: 1500ms")) ==
          error_at(16, 61,
                   "hold time 1.5s is not a whole number of seconds (BGP OPEN carries seconds)"));
    CHECK(error_of(neighbor(", hold_time: 65536s")) ==
          error_at(16, 61, "hold time 65536s is above 65535s, the largest a BGP OPEN can carry"));
    CHECK(error_of(neighbor(", hold_time: 90")) ==
          error_at(16, 61, "duration '90' has no unit (use ns, us, ms, s, m or h)"));
  }
  SECTION("keepalive: whole seconds, below the hold time") {
    CHECK(error_of(neighbor(", hold_time: 9s, keepalive: 9s")) ==
          error_at(16, 76,
                   "keepalive 9s must be less than the hold time 9s; RFC 4271 §10 suggests a "
                   "third of it"));
    // Without a hold_time, the vendor's default hold time counts (Junos: 90s).
    CHECK(error_of(neighbor(", keepalive: 90s")) ==
          error_at(16, 61,
                   "keepalive 90s must be less than the hold time (90s, the junos default); "
                   "RFC 4271 §10 suggests a third of it"));
    CHECK(error_of(neighbor(", keepalive: 1500ms")) ==
          error_at(16, 61, "keepalive 1.5s is not a whole number of seconds"));
    CHECK(error_of(neighbor(", keepalive: 0s")) ==
          error_at(16, 61, "keepalive must be at least 1s (hold_time: 0s turns keepalives off)"));
  }
  SECTION("connect retry") {
    CHECK(error_of(neighbor(", connect_retry: 0s")) ==
          error_at(16, 65, "connect_retry must be greater than 0"));
  }
}
