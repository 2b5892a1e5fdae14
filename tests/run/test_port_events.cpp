// port-down and port-up: loading them (the endpoint in `link:` is the port),
// and the seed lab with S-SW-1's port to pc shut while pc's eth0 keeps
// carrier (a media converter in between).
//
//                 C-SW-1
//        ge-0/0/0 /      \ ge-0/0/1
//          S-SW-1          S-SW-2   eBGP hold 90s (Junos) vs 240s (BIRD): 90s
//        ge-0/0/9 \      / ge-0/0/9
//             eth0  pc  eth1        S-SW-1's ge-0/0/9 shut at 60s
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "sim/run/convergence.hpp"
#include "sim/run/world.hpp"
#include "tests/run/scenario_files.hpp"

using sim::Duration;
using sim::Time;
using test::error_at;
using test::error_of;

namespace {

const std::string kSeedLab = std::string(MHSIM_SOURCE_DIR) + "/scenarios/seed-lab.yaml";

// Two routers, one link, events from line 9: r1:eth0 -- r2:eth0.
const std::string kEvents =
    "duration: 10s\n"
    "topology:\n"
    "  nodes:\n"
    "    r1: { kind: router, vendor: frr }\n"
    "    r2: { kind: router, vendor: frr }\n"
    "  links:\n"
    "    - endpoints: [\"r1:eth0\", \"r2:eth0\"]\n"
    "events:\n";

// The seed lab with its events section (the file's last) replaced.
std::string seed_lab_with(const std::string& events) {
  std::ifstream in(kSeedLab, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  const std::string text = s.str();
  return text.substr(0, text.find("\nevents:\n")) + "\nevents:\n" + events;
}

const run::NodeConvergence* node_of(const run::EventConvergence& e, const std::string& name) {
  for (const run::NodeConvergence& n : e.nodes)
    if (n.name == name) return &n;
  return nullptr;
}

}  // namespace

TEST_CASE("port-down and port-up act on the end written in link", "[run][scenario][port]") {
  const run::Scenario s = test::load_text(kEvents +
                                          "  - { at: 1s, link: \"r2:eth0\", action: port-down }\n"
                                          "  - { at: 2s, link: \"r2:eth0\", action: port-up }\n"
                                          "  - { at: 3s, link: \"r1:eth0\", action: port-down }\n")
                              .scenario;
  REQUIRE(s.events.size() == 3);
  CHECK(s.events[0].action == run::EventAction::kPortDown);
  CHECK(s.events[0].side == 1);
  CHECK(s.events[1].action == run::EventAction::kPortUp);
  CHECK(s.events[1].side == 1);
  CHECK(s.events[2].side == 0);
  CHECK(s.describe(s.events[0]) == "port-down r2:eth0");
  CHECK(s.describe(s.events[2]) == "port-down r1:eth0");
  CHECK(run::is_link_action(run::EventAction::kPortDown));
}

TEST_CASE("the seed lab's S-SW-1:ge-0/0/9 is the second end of pc's link", "[run][scenario][port]") {
  const run::Scenario s = run::load_scenario(test::write_scenario(
      seed_lab_with("  - { at: 60s, link: \"S-SW-1:ge-0/0/9\", action: port-down }\n")));
  REQUIRE(s.events.size() == 1);
  const run::ScenarioLink& l = s.links[s.events[0].link];
  CHECK(l.ends[s.events[0].side].to_string() == "S-SW-1:ge-0/0/9");
  CHECK(s.events[0].side == 1);
}

TEST_CASE("port-down takes no probability and no from", "[run][scenario][port]") {
  CHECK(error_of(kEvents +
                 "  - { at: 1s, link: \"r2:eth0\", action: port-down, probability: 0.5 }\n") ==
        error_at(9, 51, "'probability' applies only to action loss"));
  CHECK(error_of(kEvents + "  - { at: 1s, link: \"r2:eth0\", action: port-up, from: r1 }\n") ==
        error_at(9, 49, "'from' applies only to actions silent and loss"));
  CHECK(error_of(kEvents + "  - { at: 1s, link: \"r2:eth0\", action: port-down, node: r2 }\n") ==
        error_at(9, 51, "'node' does not apply to link action 'port-down'"));
}

TEST_CASE(
    "port-down on S-SW-1's port to pc: S-SW-1 drops the session at once, pc only when its hold "
    "timer expires",
    "[run][convergence][seedlab][port]") {
  const run::Scenario scenario = run::load_scenario(test::write_scenario(
      seed_lab_with("  - { at: 60s, link: \"S-SW-1:ge-0/0/9\", action: port-down }\n")));
  run::World world(scenario, scenario.seed);
  run::ConvergenceRecorder recorder(world, run::event_marks(scenario));
  const net::NodeId pc = world.network().find_node("pc");
  const net::NodeId s1 = world.network().find_node("S-SW-1");
  const Time failure = Time::zero() + Duration::seconds(60);
  world.simulator().run_until(failure - Duration::picoseconds(1));  // just before it

  // pc's first neighbour is S-SW-1, S-SW-1's only one is pc.
  const bgp::Session& pc_s1 = world.bgp(pc)->session(0);
  const bgp::Session& s1_pc = world.bgp(s1)->session(0);
  REQUIRE(pc_s1.state() == bgp::State::kEstablished);
  REQUIRE(s1_pc.state() == bgp::State::kEstablished);
  // Junos proposes 90s, BIRD 240s: the smaller one holds (RFC 4271 §4.2).
  // BIRD jitters its hold timer too (bgp_start_timer: 0.75 to 1 of it), so
  // the expiry is the one its last KEEPALIVE from S-SW-1 set.
  const Duration hold = Duration::seconds(pc_s1.negotiated_hold_s());
  CHECK(hold == Duration::seconds(90));
  const Time last_heard = pc_s1.last_received_at();
  CHECK(last_heard < failure);
  const Time expiry = pc_s1.hold_expires_at();
  CHECK(expiry >= last_heard + hold * 3 / 4);
  CHECK(expiry <= last_heard + hold);
  CHECK(expiry > failure);

  // S-SW-1 sees its port go down at once and drops the session (Junos link tracking).
  world.simulator().run_until(failure);
  const net::InterfaceId port = world.network().find_interface(s1, "ge-0/0/9");
  const net::InterfaceId eth0 = world.network().find_interface(pc, "eth0");
  CHECK_FALSE(world.network().interface(port).oper_up());
  CHECK(world.network().interface(eth0).oper_up());
  CHECK(s1_pc.state() != bgp::State::kEstablished);
  CHECK(s1_pc.last_state_change() == failure);
  CHECK(pc_s1.state() == bgp::State::kEstablished);

  // pc's eth0 keeps carrier (BIRD's `check link` sees nothing): Established
  // until one hold time after the last message it heard from S-SW-1.
  world.simulator().run_until(expiry - Duration::picoseconds(1));
  CHECK(pc_s1.state() == bgp::State::kEstablished);
  CHECK(pc_s1.last_received_at() == last_heard);  // nothing got through since
  // BIRD acts on the expiry when its event loop next wakes (a message or
  // timer of its other session, or its 3 s poll timeout): Established until then.
  world.simulator().run_until(expiry);
  CHECK(pc_s1.state() == bgp::State::kEstablished);
  world.simulator().run_until(expiry + Duration::seconds(3));
  CHECK(pc_s1.state() != bgp::State::kEstablished);
  const Time dropped = pc_s1.last_state_change();
  CHECK(dropped > expiry);
  CHECK(dropped <= expiry + Duration::seconds(3));
  // What pc sent into the link meanwhile (its KEEPALIVEs) was lost at the shut port.
  CHECK(world.network().counters(true).dropped[static_cast<size_t>(net::DropReason::kLinkDown)] >
        0);

  world.simulator().run_until(Time::zero() + scenario.duration);
  const std::vector<run::EventConvergence> events = recorder.finish();
  REQUIRE(events.size() == 1);
  CHECK(events[0].mark.action == "port-down");
  CHECK(events[0].mark.target == "S-SW-1:ge-0/0/9");
  const run::NodeConvergence* switch1 = node_of(events[0], "S-SW-1");
  const run::NodeConvergence* host = node_of(events[0], "pc");
  REQUIRE(switch1);
  REQUIRE(host);
  CHECK(switch1->detected == Duration::zero());
  CHECK(host->detected == dropped - failure);
  CHECK(world.check_accounting().empty());
}
