// RunLoop (sim/run/run_loop.hpp): the same run as Simulator::run_until, but
// stopped by a signal, by --max-events, or by an invariant check during the
// run, at the right moment.
#include <catch2/catch.hpp>
#include <csignal>

#include "models/rib/preference.hpp"
#include "sim/run/interrupt.hpp"
#include "sim/run/invariants.hpp"
#include "sim/run/run_loop.hpp"
#include "sim/run/world.hpp"

using sim::Duration;
using sim::Time;

namespace {

const std::string kSeedLab = std::string(MHSIM_SOURCE_DIR) + "/scenarios/seed-lab.yaml";
Time at_s(int s) { return Time::zero() + Duration::seconds(s); }

struct Lab {
  Lab() : scenario(run::load_scenario(kSeedLab)), world(scenario, scenario.seed) {}
  run::Scenario scenario;
  run::World world;
};

}  // namespace

TEST_CASE("RunLoop with checks runs exactly the events a plain run does", "[run][invariants]") {
  Lab plain, checked;
  REQUIRE(plain.world.simulator().run_until(at_s(120)) == sim::StopReason::kReachedEnd);
  run::RunLoop loop(checked.world, run::LoopOptions{0, Duration::seconds(1)});
  CHECK(loop.run_until(at_s(120)) == sim::StopReason::kReachedEnd);
  CHECK(loop.checks_run() == 120);
  CHECK(loop.violations().empty());
  CHECK(checked.world.simulator().now() == plain.world.simulator().now());
  CHECK(checked.world.simulator().events_executed() == plain.world.simulator().events_executed());
  CHECK(checked.world.simulator().trace().fingerprint() ==
        plain.world.simulator().trace().fingerprint());
}

TEST_CASE("RunLoop stops at --max-events across its slices", "[run]") {
  Lab lab;
  const uint64_t limit = 3 * run::RunLoop::kPollEvents + 17;
  run::RunLoop loop(lab.world, run::LoopOptions{limit, Duration::seconds(1)});
  CHECK(loop.run_until(at_s(120)) == sim::StopReason::kEventLimit);
  CHECK(lab.world.simulator().events_executed() == limit);
  // A later call with the limit reached stays put.
  CHECK(loop.run_until(at_s(120)) == sim::StopReason::kEventLimit);
  CHECK(lab.world.simulator().events_executed() == limit);
}

TEST_CASE("RunLoop stops soon after SIGINT, between events", "[run][signals]") {
  Lab lab;
  const run::InterruptScope scope;
  sim::Simulator& sim = lab.world.simulator();
  uint64_t raised_after = 0;
  sim.schedule_at(at_s(30), [&sim, &raised_after] {
    raised_after = sim.events_executed();
    std::raise(SIGINT);
  });
  run::RunLoop loop(lab.world, run::LoopOptions{});
  CHECK(loop.run_until(at_s(120)) == sim::StopReason::kStopped);
  CHECK(loop.interrupted());
  CHECK(loop.interrupt_signal() == SIGINT);
  CHECK(run::interrupt_requested());
  // Within one slice (about 10 ms of work) of the signal.
  CHECK(sim.now() >= at_s(30));
  CHECK(sim.events_executed() > raised_after);
  CHECK(sim.events_executed() <= raised_after + run::RunLoop::kPollEvents);
}

TEST_CASE("an InterruptScope starts clear and puts the old handler back", "[run][signals]") {
  struct sigaction before {};
  sigaction(SIGINT, nullptr, &before);
  {
    const run::InterruptScope scope;
    CHECK_FALSE(run::interrupt_requested());
    struct sigaction during {};
    sigaction(SIGINT, nullptr, &during);
    CHECK(during.sa_handler != before.sa_handler);
  }
  struct sigaction after {};
  sigaction(SIGINT, nullptr, &after);
  CHECK(after.sa_handler == before.sa_handler);
}

TEST_CASE("RunLoop stops at the first check that finds an invariant broken", "[run][invariants]") {
  Lab lab;
  node::Router& core = lab.world.router(lab.world.network().find_node("C-SW-1"));
  const net::InterfaceId ge0 = lab.world.network().find_interface(core.id(), "ge-0/0/0");
  // At 30.5 s a bug puts a route with an off-subnet gateway into C-SW-1's RIB.
  lab.world.simulator().schedule_at(Time::zero() + Duration::milliseconds(30'500), [&core, ge0] {
    rib::Route r;
    r.prefix = *net::parse_prefix("10.99.0.0/16").value;
    r.protocol = rib::Protocol::kStatic;
    r.source = 999;
    r.next_hops = {rib::NextHop{*net::parse_ipv4("10.50.0.1").value, ge0}};
    r.preference = rib::default_internal_preference(core.vendor(), rib::Protocol::kStatic);
    core.rib().update(std::move(r));
  });
  run::RunLoop loop(lab.world, run::LoopOptions{0, Duration::seconds(1)});
  CHECK(loop.run_until(at_s(120)) == sim::StopReason::kStopped);
  CHECK_FALSE(loop.interrupted());
  CHECK(loop.violation_time() == at_s(31));
  CHECK(lab.world.simulator().now() == at_s(31));
  REQUIRE(loop.violations().size() == 1);
  CHECK(loop.violations()[0].rfind("C-SW-1: FIB route 10.99.0.0/16 via 10.50.0.1", 0) == 0);
}
