// A node's SYN back-off (`tcp_syn_linear_timeouts`): pc's first connect to
// S-SW-1 goes into a link that went silent before it, and the link heals
// 12 s into the connect. The session comes up with the first SYN after
// that. Linux 6.18 (linear timeouts 4, measured): SYNs at about 0, 1, 2, 3,
// 4, 5, 7, 11, 19, 35, 67 s, so the one at 19 s; the classic back-off (0):
// 0, 1, 3, 7, 15, 31 s, so the one at 15 s; each a little later on the
// kernel's timer wheel. The linear timeouts add as many retries
// (tcp_write_timeout): the connect does not fail at 11 s.
#include <catch2/catch.hpp>

#include <optional>
#include <string>

#include "models/transport/kernel_timer.hpp"
#include "sim/run/world.hpp"

using sim::Duration;
using sim::Time;

namespace {

// How long after pc's session to S-SW-1 first entered Connect it was
// Established, and whether that connect failed first.
struct ConnectOutcome {
  std::optional<Duration> established_after;
  std::optional<Duration> first_syn_after_heal;  // from the connect, on the kernel's wheel
  bool failed = false;
};

ConnectOutcome connect_through_heal(uint32_t linear_timeouts, Duration heal_after) {
  run::Scenario s = run::load_scenario(std::string(MHSIM_SOURCE_DIR) + "/scenarios/seed-lab-frr.yaml");
  for (run::ScenarioNode& n : s.nodes)
    if (n.name == "pc") n.tcp_syn_linear_timeouts = linear_timeouts;
  s.events.clear();
  run::World world(s, s.seed);
  net::Network& network = world.network();
  const net::InterfaceId eth0 = network.find_interface(network.find_node("pc"), "eth0");
  const net::LinkId link = network.interface(eth0).link;
  network.set_silent(link, -1, true);  // before BIRD's first connect
  std::optional<Time> connect;
  ConnectOutcome outcome;
  const auto id = world.simulator().trace().add_observer(
      [&](Time at, std::string_view subject, std::string_view category, std::string_view detail) {
        if (subject != "pc" || category != "bgp") return;
        if (!connect && detail == "neighbor 10.10.1.1 Connect") connect = at;
        if (detail == "neighbor 10.10.1.1 Active (connect failed)") outcome.failed = true;
        if (connect && !outcome.established_after && detail == "neighbor 10.10.1.1 Established")
          outcome.established_after = at - *connect;
      });
  Time t = Time::zero();
  while (!connect && t < Time::zero() + Duration::seconds(30))
    world.simulator().run_until(t = t + Duration::milliseconds(100));
  REQUIRE(connect);
  Time syn = *connect;
  for (int retry = 0; syn < *connect + heal_after; ++retry)
    syn = syn + transport::kernel_timer_delay(
                    syn, Duration::seconds(1) * (int64_t{1} << std::max(0, retry - static_cast<int>(linear_timeouts))));
  outcome.first_syn_after_heal = syn - *connect;
  world.simulator().run_until(*connect + heal_after);
  network.set_silent(link, -1, false);
  world.simulator().run_until(*connect + Duration::seconds(60));
  world.simulator().trace().remove_observer(id);
  return outcome;
}

}  // namespace

TEST_CASE("a connect into a silent link gets through with the first SYN after the heal",
          "[tcp][run]") {
  for (const auto& [linear_timeouts, nominal] : {std::pair{4u, 19}, std::pair{0u, 15}}) {
    const ConnectOutcome o = connect_through_heal(linear_timeouts, Duration::seconds(12));
    CHECK_FALSE(o.failed);
    REQUIRE(o.established_after);
    // The SYN of the nominal schedule, later by the wheel rounding of each timeout.
    CHECK(*o.first_syn_after_heal >= Duration::seconds(nominal));
    CHECK(*o.first_syn_after_heal < Duration::seconds(nominal + 1));
    CHECK(*o.established_after >= *o.first_syn_after_heal);
    CHECK(*o.established_after < *o.first_syn_after_heal + Duration::milliseconds(1));
  }
}
