// bgp-restart in the seed lab: pc's BIRD restarts at 30 s while the client
// sends 10 Mb/s to the service address.
//
//           C-SW-1 (client)
//          /      \    .
//     S-SW-1      S-SW-2      Junos: graceful restart helper by default
//          \      /
//            pc               BIRD: `graceful restart aware` by default
//
// With `graceful restart on` (able) on pc the switches keep pc's route as
// stale (RFC 4724 §4.2) until pc's End-of-RIB, so no packet is lost; with
// BIRD's default (aware: no address family in the capability) they withdraw
// it at once and traffic is lost until pc's sessions are back.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "scenario_files.hpp"
#include "sim/run/world.hpp"

using sim::Duration;
using sim::Time;

namespace {

// The seed lab playing `events`; `graceful`: BIRD `graceful restart on` on
// both of pc's sessions (the scenario's graceful_restart field).
std::string seed_lab_with(const std::string& events, bool graceful) {
  std::ifstream in(std::string(MHSIM_SOURCE_DIR) + "/scenarios/seed-lab.yaml", std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  std::string text = s.str();
  if (graceful)
    for (const char* name : {"{ name: sw_sw_1, ", "{ name: sw_sw_2, "}) {
      const size_t at = text.find(name);
      REQUIRE(at != std::string::npos);
      text.insert(at + std::string(name).size(), "graceful_restart: on, ");
    }
  return text.substr(0, text.find("\nevents:")) + "\nevents:\n" + events;
}

struct Lab {
  explicit Lab(bool graceful)
      : scenario(run::load_scenario(test::write_scenario(
            seed_lab_with("  - { at: 30s, node: pc, action: bgp-restart }\n", graceful)))),
        world(scenario, scenario.seed) {}
  net::NodeId id(const char* name) const { return world.network().find_node(name); }
  void run_to(Duration d) { world.simulator().run_until(Time::zero() + d); }
  uint64_t dropped() const { return world.network().counters(false).dropped_total(); }
  size_t stale_at(const char* sw) {
    const node::BgpProcess& b = *world.bgp(id(sw));
    size_t n = 0;
    for (size_t i = 0; i < b.neighbor_count(); ++i) n += b.speaker().stale_count(i);
    return n;
  }
  size_t core_paths() {
    const rib::Fib& fib = world.router(id("C-SW-1")).fib();
    const rib::Fib::Match m = fib.lookup(*net::parse_ipv4("192.168.100.1").value);
    return m.found() ? fib.next_hops(m.group).size() : 0;
  }

  run::Scenario scenario;
  run::World world;
};

}  // namespace

TEST_CASE("bgp-restart with graceful restart: switches keep pc's route as stale, nothing is lost",
          "[run][events][gr]") {
  Lab lab(true);
  lab.run_to(Duration::seconds(30) - Duration::nanoseconds(1));
  REQUIRE(lab.core_paths() == 2);
  REQUIRE(lab.dropped() == 0);
  lab.run_to(Duration::seconds(31));
  // pc's FIN reached both switches: each keeps the one route, stale.
  CHECK(lab.stale_at("S-SW-1") == 1);
  CHECK(lab.stale_at("S-SW-2") == 1);
  CHECK(lab.core_paths() == 2);
  lab.run_to(Duration::seconds(60));
  // pc is back (BIRD's connect delay, at most 5 s) and its End-of-RIB
  // ended the restart: nothing stale, both paths, no packet lost.
  CHECK(lab.stale_at("S-SW-1") == 0);
  CHECK(lab.stale_at("S-SW-2") == 0);
  for (size_t i = 0; i < 2; ++i)
    CHECK(lab.world.bgp(lab.id("pc"))->session(i).state() == bgp::State::kEstablished);
  CHECK(lab.core_paths() == 2);
  CHECK(lab.dropped() == 0);
}

TEST_CASE("bgp-restart without graceful restart: the switches withdraw pc's route, traffic is lost",
          "[run][events][gr]") {
  Lab lab(false);
  lab.run_to(Duration::seconds(30) - Duration::nanoseconds(1));
  REQUIRE(lab.core_paths() == 2);
  REQUIRE(lab.dropped() == 0);
  lab.run_to(Duration::seconds(31));
  CHECK(lab.stale_at("S-SW-1") == 0);
  CHECK(lab.core_paths() == 0);
  lab.run_to(Duration::seconds(60));
  CHECK(lab.core_paths() == 2);
  // Lost at least while pc waits its connect delay (5 s x [0.75, 1]).
  CHECK(lab.dropped() >= 3 * 1250);
}
