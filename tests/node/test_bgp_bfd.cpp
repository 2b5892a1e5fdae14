// BGP protected by BFD (RFC 5882 §4.3): the lab pair of test_bgp_process.cpp
// with a BFD session on each end; a BFD Up -> Down drops the BGP session at
// once instead of after the hold time. And the scenario's `bfd:` field.
//
//   pc (BIRD, AS65000)  eth0 10.10.1.2/30 ---- ge-0/0/9 10.10.1.1/30  S-SW-1 (Junos, AS65001, passive)
#include <catch2/catch.hpp>

#include "tests/node/lab_pair.hpp"
#include "tests/run/scenario_files.hpp"

using sim::Duration;
using sim::Time;
using test::ip;
using test::prefix;

namespace {

bfd::BfdTimers timers_300x3() {
  bfd::BfdTimers t;
  t.desired_min_tx = Duration::milliseconds(300);
  t.required_min_rx = Duration::milliseconds(300);
  t.detect_mult = 3;
  return t;
}

// The lab pair with BFD on both ends (or none), recording when the switch's
// RIB lost its active route to the service address.
struct BfdLab : test::LabPair {
  std::optional<Time> service_gone_at;

  explicit BfdLab(std::optional<bfd::BfdTimers> bfd) : test::LabPair({std::nullopt, bfd}) {
    sw_router->rib().add_listener([this](const rib::RibChange& c) {
      if (c.prefix == prefix("192.168.100.1/32") && !c.active) service_gone_at = sim.now();
    });
  }
};

}  // namespace

TEST_CASE("a bfd down drops the protected bgp session within the detection time", "[bgp][bfd]") {
  BfdLab lab(timers_300x3());
  lab.run_to(Duration::seconds(60));
  REQUIRE(lab.sw_bgp->bfd_session(0));
  REQUIRE(lab.pc_bgp->bfd_session(0));
  REQUIRE(lab.sw_bgp->bfd_session(0)->state() == bfd::State::kUp);
  REQUIRE(lab.pc_bgp->bfd_session(0)->state() == bfd::State::kUp);
  REQUIRE(lab.sw_bgp->session(0).state() == bgp::State::kEstablished);
  REQUIRE(lab.sw_router->rib().active(prefix("192.168.100.1/32")));

  const Time t = lab.sim.now();
  lab.network.set_silent(lab.link, -1, true);
  lab.run_to(Duration::seconds(62));

  const bgp::Session& s = lab.sw_bgp->session(0);
  CHECK(s.state() != bgp::State::kEstablished);
  CHECK(s.flap_count() == 1);
  CHECK(s.last_error() == "BFD down");
  // Left Established when BFD went Down: after T, no later than the detection
  // time (3 x 300 ms) after T plus one hop for a packet already on the wire.
  const Time left = s.established_at() < s.last_state_change() ? s.last_state_change() : Time::zero();
  CHECK(lab.sw_bgp->bfd_session(0)->state() == bfd::State::kDown);
  CHECK(lab.sw_bgp->bfd_session(0)->local_diag() == bfd::Diag::kControlDetectionTimeExpired);
  CHECK(left > t);
  CHECK(left <= t + Duration::milliseconds(900) + Duration::milliseconds(1));
  CHECK(left == lab.sw_bgp->bfd_session(0)->last_state_change());
  // The service route left the switch's RIB at the same instant.
  CHECK_FALSE(lab.sw_router->rib().active(prefix("192.168.100.1/32")));
  REQUIRE(lab.service_gone_at);
  CHECK(*lab.service_gone_at == left);
  // The host's end drops too.
  CHECK(lab.pc_bgp->session(0).state() != bgp::State::kEstablished);
  CHECK(lab.pc_bgp->session(0).last_error() == "BFD down");
}

TEST_CASE("without bfd a silent link leaves the bgp session up until the hold time", "[bgp][bfd]") {
  BfdLab lab(std::nullopt);
  lab.run_to(Duration::seconds(60));
  REQUIRE_FALSE(lab.sw_bgp->bfd_session(0));
  REQUIRE(lab.sw_bgp->session(0).state() == bgp::State::kEstablished);
  lab.network.set_silent(lab.link, -1, true);
  lab.run_to(Duration::seconds(61));
  CHECK(lab.sw_bgp->session(0).state() == bgp::State::kEstablished);
  CHECK(lab.sw_router->rib().active(prefix("192.168.100.1/32")));
}

TEST_CASE("after a bfd down bgp and bfd come back by themselves when the link recovers", "[bgp][bfd]") {
  BfdLab lab(timers_300x3());
  lab.run_to(Duration::seconds(60));
  REQUIRE(lab.sw_bgp->session(0).state() == bgp::State::kEstablished);
  lab.network.set_silent(lab.link, -1, true);
  lab.run_to(Duration::seconds(62));
  REQUIRE(lab.pc_bgp->session(0).state() != bgp::State::kEstablished);
  // The link comes back: BFD and then BGP come back by themselves.
  lab.network.set_silent(lab.link, -1, false);
  lab.run_to(Duration::seconds(180));
  CHECK(lab.sw_bgp->bfd_session(0)->state() == bfd::State::kUp);
  CHECK(lab.sw_bgp->session(0).state() == bgp::State::kEstablished);
  CHECK(lab.sw_router->rib().active(prefix("192.168.100.1/32")));
}

namespace {

const std::string kTwoRouters =
    "duration: 10s\n"
    "topology:\n"
    "  nodes:\n"
    "    r1: { kind: router, vendor: junos }\n"
    "    r2: { kind: router, vendor: bird }\n"
    "  links:\n"
    "    - endpoints: [\"r1:eth0\", \"r2:eth0\"]\n"
    "addresses:\n"
    "  r1: { eth0: 10.0.0.1/30, lo0: 10.255.0.1/32 }\n"
    "  r2: { eth0: 10.0.0.2/30, lo: 10.255.0.2/32 }\n";

std::string with_bfd(const std::string& r1_bfd, const std::string& r2_bfd) {
  return kTwoRouters +
         "routing:\n"
         "  r1:\n"
         "    bgp:\n"
         "      as: 65001\n"
         "      neighbors:\n"
         "        - { address: 10.0.0.2, remote_as: 65002, bfd: " + r1_bfd + " }\n"
         "  r2:\n"
         "    bgp: { as: 65002, neighbors: [ { address: 10.0.0.1, remote_as: 65001, bfd: " + r2_bfd +
         " } ] }\n";
}

}  // namespace

TEST_CASE("scenario bfd on a bgp neighbor loads into the spec", "[bgp][bfd][scenario]") {
  // seed-lab.yaml has no bfd and still loads without warnings.
  const run::ScenarioLoad seed =
      run::load_scenario_with_warnings(std::string(MHSIM_SOURCE_DIR) + "/scenarios/seed-lab.yaml");
  CHECK(seed.warnings.empty());
  for (const run::RoutingSpec& r : seed.scenario.routing.nodes)
    if (r.bgp)
      for (const run::BgpNeighborSpec& nb : r.bgp->neighbors) CHECK_FALSE(nb.bfd);

  const run::ScenarioLoad loaded = test::load_text(with_bfd("{ interval: 50ms, multiplier: 4 }", "true"));
  const run::RoutingSpec* r1 = loaded.scenario.routing.find("r1");
  const run::RoutingSpec* r2 = loaded.scenario.routing.find("r2");
  REQUIRE(r1);
  REQUIRE(r2);
  const std::optional<bfd::BfdTimers>& b1 = r1->bgp->neighbors.at(0).bfd;
  REQUIRE(b1);
  CHECK(b1->desired_min_tx == Duration::milliseconds(50));
  CHECK(b1->required_min_rx == Duration::milliseconds(50));
  CHECK(b1->detect_mult == 4);
  const std::optional<bfd::BfdTimers>& b2 = r2->bgp->neighbors.at(0).bfd;
  REQUIRE(b2);
  CHECK(b2->desired_min_tx == bfd::default_timers(vendor::Vendor::kBird).desired_min_tx);
  CHECK(b2->detect_mult == bfd::default_timers(vendor::Vendor::kBird).detect_mult);

  // Only a multiplier: the vendor's interval.
  const run::ScenarioLoad partial = test::load_text(with_bfd("{ multiplier: 5 }", "false"));
  const auto& p1 = partial.scenario.routing.find("r1")->bgp->neighbors.at(0).bfd;
  REQUIRE(p1);
  CHECK(p1->detect_mult == 5);
  CHECK(p1->desired_min_tx == bfd::default_timers(vendor::Vendor::kJunos).desired_min_tx);
  CHECK_FALSE(partial.scenario.routing.find("r2")->bgp->neighbors.at(0).bfd);
}

TEST_CASE("scenario bfd errors point at the value", "[bgp][bfd][scenario]") {
  // Line 16 is r1's neighbour.
  CHECK(test::error_of(with_bfd("{ interval: 300ms, multiplier: 0 }", "true")).find(":16:") != std::string::npos);
  CHECK(test::error_of(with_bfd("{ interval: 300ms, multiplier: 0 }", "true")).find("multiplier 0 is not in 1..255") !=
        std::string::npos);
  CHECK(test::error_of(with_bfd("{ interval: 300ms, multiplier: 256 }", "true")).find("1..255") !=
        std::string::npos);
  CHECK(test::error_of(with_bfd("{ interval: 300, multiplier: 3 }", "true")).find(":16:") != std::string::npos);
  CHECK(test::error_of(with_bfd("{ interval: 0ms }", "true")).find("greater than 0") != std::string::npos);
  CHECK(test::error_of(with_bfd("{ intervall: 300ms }", "true")).find("intervall") != std::string::npos);
  CHECK(test::error_of(with_bfd("yes", "true")).find(":16:") != std::string::npos);
}
