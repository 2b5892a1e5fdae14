// The ospf block of a node's routing section: what it loads into, every
// error as the exact line a user sees (PATH:LINE:COL: error: MESSAGE), the
// warnings about links whose ends cannot form an adjacency, and that such a
// link indeed stays down in the run.
//
// The cases extend this two-router scenario:
//
//   r1 (junos) ge-0/0/0 10.0.0.0/31 ---- ge-0/0/0 10.0.0.1/31 r2 (junos)
//   lo0 10.255.0.1/32                          lo0 10.255.0.2/32
#include <algorithm>
#include <catch2/catch.hpp>
#include <sstream>

#include "sim/run/runner.hpp"
#include "sim/run/world.hpp"
#include "tests/run/scenario_files.hpp"

using test::error_at;
using test::error_of;

namespace {

const std::string kBase =
    "duration: 60s\n"
    "link_defaults: { bandwidth: 1Gbps }\n"
    "topology:\n"
    "  nodes:\n"
    "    r1: { kind: router, vendor: junos }\n"
    "    r2: { kind: router, vendor: junos }\n"
    "  links:\n"
    "    - endpoints: [\"r1:ge-0/0/0\", \"r2:ge-0/0/0\"]\n"
    "addresses:\n"
    "  r1: { ge-0/0/0: 10.0.0.0/31, lo0: 10.255.0.1/32 }\n"
    "  r2: { ge-0/0/0: 10.0.0.1/31, lo0: 10.255.0.2/32 }\n"
    "prefix_lists:\n"
    "  SERVICE: [192.168.100.1/32]\n"
    "policies:\n"
    "  EXPORT-OSPF:\n"
    "    - { from: { prefix_list: SERVICE }, then: accept }\n"
    "    - then: reject\n";

// lab(): r1 runs OSPF with ge-0/0/0 { IFC } and lo0 passive, plus `r1_extra` lines
// in its ospf block (6 spaces in) and `export: EXPORT-OSPF` unless they have an
// export; r2 gets `r2` as its routing (4 spaces in) or no routing at all.
std::string lab(const std::string& ifc, const std::string& r1_extra = "",
                const std::string& r2 =
                    "    ospf:\n      area: 0\n      interfaces:\n"
                    "        ge-0/0/0:\n        lo0: { passive: true }\n") {
  std::string s = kBase + "routing:\n  r1:\n    ospf:\n      area: 0.0.0.0\n      interfaces:\n" +
                  "        ge-0/0/0: { " + ifc + " }\n        lo0: { passive: true }\n" + r1_extra;
  // The policy is used unless the case names its own (an unused one draws a warning).
  if (r1_extra.find("export:") == std::string::npos) s += "      export: EXPORT-OSPF\n";
  if (!r2.empty()) s += "  r2:\n" + r2;
  return s;
}

// 1-based line and column of the first `needle` in `text` after `from`.
std::pair<int, int> place(const std::string& text, const std::string& needle,
                          const std::string& from = "routing:") {
  const size_t at = text.find(needle, text.find(from));
  REQUIRE(at != std::string::npos);
  const int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + at, '\n'));
  const size_t line_start = text.rfind('\n', at);
  const int column =
      static_cast<int>(at - (line_start == std::string::npos ? 0 : line_start + 1)) + 1;
  return {line, column};
}

// The error line for the first `needle` after `from`, `offset` columns into it.
std::string error_at_text(const std::string& text, const std::string& needle,
                          const std::string& message, int offset = 0,
                          const std::string& from = "routing:") {
  const auto [line, column] = place(text, needle, from);
  return error_at(line, column + offset, message);
}

std::vector<std::string> warnings_of(const std::string& yaml) {
  return test::load_text(yaml).warnings;
}

std::string warning_at(const std::string& text, const std::string& needle,
                       const std::string& message) {
  const auto [line, column] = place(text, needle);
  return test::scenario_path() + ":" + std::to_string(line) + ":" + std::to_string(column) +
         ": warning: " + message;
}

}  // namespace

TEST_CASE("ospf: the block loads into the node's OspfSpec", "[run][ospf][scenario]") {
  const std::string yaml = lab("type: p2p, cost: 7, hello: 5s, dead: 20s",
                               "      export: EXPORT-OSPF\n"
                               "      external_type: 1\n"
                               "      default_originate: { metric: 5, type: 1, always: false }\n"
                               "      spf: { delay: 50ms, holddown: 2s, rapid_runs: 2 }\n"
                               "      reference_bandwidth: 10Gbps\n"
                               "      external_preference: 160\n",
                               "    ospf:\n      area: 0\n      interfaces:\n"
                               "        ge-0/0/0: { hello: 5s, dead: 20s }\n");
  const run::ScenarioLoad loaded = test::load_text(yaml);
  CHECK(loaded.warnings.empty());
  const run::RoutingSpec* r1 = loaded.scenario.routing.find("r1");
  REQUIRE(r1);
  REQUIRE(r1->ospf);
  const run::OspfSpec& o = *r1->ospf;
  REQUIRE(o.interfaces.size() == 2);
  CHECK(o.interfaces[0].name == "ge-0/0/0");
  CHECK(o.interfaces[0].cost == 7u);
  CHECK(o.interfaces[0].hello == sim::Duration::seconds(5));
  CHECK(o.interfaces[0].dead == sim::Duration::seconds(20));
  CHECK(o.interfaces[1].passive);
  REQUIRE(o.export_policies.size() == 1);
  CHECK(o.export_policies[0]->name == "EXPORT-OSPF");
  CHECK(o.external_type == ospf::ExternalType::kType1);
  REQUIRE(o.default_originate);
  CHECK(o.default_originate->metric == 5);
  CHECK(o.default_originate->type == ospf::ExternalType::kType1);
  CHECK_FALSE(o.default_originate->always);
  CHECK(o.spf.delay == sim::Duration::milliseconds(50));
  CHECK(o.spf.holddown == sim::Duration::seconds(2));
  CHECK(o.spf.rapid_runs == 2u);
  CHECK(o.reference_bandwidth_bps == 10'000'000'000u);
  CHECK(o.external_preference == 160u);

  // The World applies it: r2's ge-0/0/0 has no cost, so 10 Gb/s reference /
  // 1 Gb/s link = 10; the SPF overrides replace Junos' 200 ms / 5 s / 3.
  run::World world(loaded.scenario, 1);
  const net::NodeId id = world.network().find_node("r1");
  const ospf::OspfProcess* p = world.ospf(id);
  REQUIRE(p);
  CHECK(p->router_id() == net::Ipv4{0x0aff0001});  // lo0, as Junos picks it
  CHECK(p->timers().spf.delay == sim::Duration::milliseconds(50));
  CHECK(p->timers().spf.hold == sim::Duration::seconds(2));
  CHECK(p->timers().spf.rapid_runs == 2u);
  CHECK(p->find_interface(world.network().find_interface(id, "ge-0/0/0"))->cost() == 7u);
  CHECK(p->config().external_preference == 160u);
  CHECK(world.ospf(world.network().find_node("r2")) != nullptr);
}

TEST_CASE("ospf: errors", "[run][ospf][scenario]") {
  SECTION("only the backbone area") {
    const std::string y = lab("").replace(lab("").find("area: 0.0.0.0"), 13, "area: 0.0.0.1");
    CHECK(error_of(y) == error_at_text(y, "0.0.0.1",
                                       "area 0.0.0.1 is not supported: mhsim models "
                                       "the backbone area 0.0.0.0 only"));
    const std::string n = lab("").replace(lab("").find("area: 0.0.0.0"), 13, "area: 1");
    CHECK(error_of(n) == error_at_text(n, "area: 1",
                                       "area 0.0.0.1 is not supported: mhsim models the backbone "
                                       "area 0.0.0.0 only",
                                       6));
    const std::string w = lab("").replace(lab("").find("area: 0.0.0.0"), 13, "area: backbone");
    CHECK(error_of(w) ==
          error_at_text(w, "backbone", "area 'backbone' is not an area ID (write 0.0.0.0 or 0)"));
    CHECK(error_of(lab("")).empty());  // `area: 0` on r2 is the same area
  }
  SECTION("an interface the node does not have") {
    std::string y = lab("");
    // Junos names the logical unit (ge-0/0/0.0); a scenario names the port.
    y.replace(y.find("ge-0/0/0: {", y.find("routing:")), 8, "ge-0/0/0.0");
    CHECK(error_of(y) == error_at_text(y, "ge-0/0/0.0:",
                                       "unknown interface 'ge-0/0/0.0' on node 'r1' (did you mean "
                                       "'ge-0/0/0'?); its interfaces: ge-0/0/0, lo0"));
  }
  SECTION("an export policy or prefix list that does not exist") {
    const std::string y = lab("", "      export: EXPORT-OSFP\n");
    CHECK(error_of(y) ==
          error_at_text(y, "EXPORT-OSFP",
                        "unknown policy 'EXPORT-OSFP' (did you mean 'EXPORT-OSPF'?)"));
    std::string l = lab("", "      export: EXPORT-OSPF\n");
    l.replace(l.find("prefix_list: SERVICE"), 20, "prefix_list: SERVISE");
    CHECK(error_of(l) == error_at_text(l, "SERVISE",
                                       "unknown prefix list 'SERVISE' (did you mean 'SERVICE'?)", 0,
                                       "policies:"));
  }
  SECTION("hello and dead: whole seconds, dead greater than hello") {
    const std::string half = lab("hello: 1500ms");
    CHECK(error_of(half) == error_at_text(half, "1500ms",
                                          "hello 1.5s is not a whole number of "
                                          "seconds (OSPF Hellos carry seconds)"));
    const std::string equal = lab("hello: 10s, dead: 10s");
    CHECK(error_of(equal) == error_at_text(equal, "10s }",
                                           "dead 10s must be greater than hello 10s; RFC 2328 "
                                           "suggests four times the hello interval"));
    const std::string dead_only = lab("dead: 10s");
    CHECK(error_of(dead_only) ==
          error_at_text(dead_only, "10s",
                        "dead 10s must be greater than the hello interval (10s, "
                        "the junos default); RFC 2328 suggests four times the "
                        "hello interval"));
    const std::string hello_only = lab("hello: 40s");
    CHECK(error_of(hello_only) ==
          error_at_text(hello_only, "40s",
                        "hello 40s must be less than the dead interval (40s, "
                        "the junos default); set dead too, four times hello"));
    const std::string zero = lab("hello: 0s");
    CHECK(error_of(zero) == error_at_text(zero, "0s", "hello must be at least 1s"));
  }
  SECTION("interface type, cost, external type, spf knobs") {
    const std::string bcast = lab("type: broadcast");
    CHECK(error_of(bcast) == error_at_text(bcast, "broadcast",
                                           "interface type 'broadcast' is not supported: mhsim "
                                           "models point-to-point interfaces only (Junos "
                                           "interface-type p2p); use p2p"));
    const std::string ptp = lab("type: ptp");
    CHECK(error_of(ptp) == error_at_text(ptp, "ptp",
                                         "unknown interface type 'ptp' (did you mean "
                                         "'p2p'?); use one of: p2p"));
    const std::string cost = lab("cost: 0");
    CHECK(error_of(cost) == error_at_text(cost, "0 }",
                                          "cost 0 must be 1 to 65535 (a Router-LSA "
                                          "link metric is 16 bits)"));
    const std::string ext = lab("", "      external_type: 3\n");
    CHECK(error_of(ext) == error_at_text(ext, "3\n", "external_type 3 must be 1 or 2"));
    const std::string tick = lab("", "      spf: { tick: 1s }\n");
    CHECK(error_of(tick) == error_at_text(tick, "tick",
                                          "spf tick does not apply to junos (its SPF throttle is "
                                          "junos; it takes delay, holddown, rapid_runs)"));
    const std::string typo = lab("", "      intefaces: {}\n");
    CHECK(error_of(typo) == error_at_text(typo, "intefaces",
                                          "unknown field 'intefaces' in ospf of node 'r1' (did "
                                          "you mean 'interfaces'?)"));
  }
}

TEST_CASE("ospf: check warns about links that cannot form an adjacency", "[run][ospf][scenario]") {
  CHECK(warnings_of(lab("")).empty());

  const std::string lonely = lab("", "", "");
  CHECK(warnings_of(lonely) ==
        std::vector<std::string>{warning_at(lonely, "ge-0/0/0: {",
                                            "OSPF runs on r1:ge-0/0/0, but r2 at the other end of "
                                            "the link runs no OSPF: no adjacency will form over "
                                            "it")});
  const std::string one_end =
      lab("", "", "    ospf:\n      area: 0\n      interfaces:\n        lo0: { passive: true }\n");
  CHECK(warnings_of(one_end) ==
        std::vector<std::string>{warning_at(one_end, "ge-0/0/0: {",
                                            "OSPF runs on r1:ge-0/0/0, but not on r2:ge-0/0/0 at "
                                            "the other end of the link: no adjacency will form "
                                            "over it")});
  const std::string passive = lab(
      "", "", "    ospf:\n      area: 0\n      interfaces:\n        ge-0/0/0: { passive: true }\n");
  CHECK(warnings_of(passive) ==
        std::vector<std::string>{warning_at(passive, "ge-0/0/0: {",
                                            "r2:ge-0/0/0 at the other end of the link is passive: "
                                            "no adjacency will form with r1:ge-0/0/0")});
  const std::string mismatch = lab("hello: 5s, dead: 20s");
  CHECK(warnings_of(mismatch) ==
        std::vector<std::string>{warning_at(
            mismatch, "ge-0/0/0: {",
            "hello/dead intervals differ across the link: r1:ge-0/0/0 5s/20s, r2:ge-0/0/0 "
            "10s/40s: each end drops the other's Hellos (RFC 2328 §10.5), so no adjacency will "
            "form")});

  SECTION("mhsim check prints the warning and succeeds") {
    std::ostringstream out, err;
    CHECK(run::check_command(test::write_scenario(mismatch), out, err) == run::kExitOk);
    CHECK(err.str().find("warning: hello/dead intervals differ across the link") !=
          std::string::npos);
  }
  SECTION("the run simulates it: no adjacency ever forms, the ends stay Down") {
    const run::ScenarioLoad loaded = test::load_text(mismatch);
    run::World world(loaded.scenario, 1);
    world.simulator().run_until(sim::Time::zero() + loaded.scenario.duration);
    for (const char* node : {"r1", "r2"}) {
      const net::NodeId id = world.network().find_node(node);
      CHECK(world.ospf(id)->neighbors().empty());
      CHECK(world.ospf_adjacencies().of(id).empty());
      CHECK(world.ospf(id)->counters().hellos_mismatched > 0);
    }
  }
}
