// A node's SYN back-off (`tcp_syn_linear_timeouts`): pc's first connect to
// S-SW-1 goes into a link that went silent before it, so its SYNs are lost
// until the connect fails after the seventh. With the first four
// retransmissions a second apart (Linux 6.18's default) that is
// 1 + 1 + 1 + 1 + 1 + 2 + 4 = 11 s; with the classic back-off it would be
// 1 + 2 + 4 + ... + 64 = 127 s, and BIRD's 120 s connect retry timer starts
// a new attempt first.
#include <catch2/catch.hpp>

#include <optional>
#include <string>

#include "sim/run/world.hpp"

using sim::Duration;
using sim::Time;

namespace {

// When pc's session to S-SW-1 first entered Connect, and first left it
// because the connect failed.
struct ConnectTimes {
  std::optional<Time> connect, failed;
};

ConnectTimes first_connect(uint32_t linear_timeouts) {
  run::Scenario s = run::load_scenario(std::string(MHSIM_SOURCE_DIR) + "/scenarios/seed-lab-frr.yaml");
  for (run::ScenarioNode& n : s.nodes)
    if (n.name == "pc") n.tcp_syn_linear_timeouts = linear_timeouts;
  s.events.clear();
  run::World world(s, s.seed);
  net::Network& network = world.network();
  const net::InterfaceId eth0 = network.find_interface(network.find_node("pc"), "eth0");
  network.set_silent(network.interface(eth0).link, -1, true);  // before BIRD's first connect
  ConnectTimes times;
  const auto id = world.simulator().trace().add_observer(
      [&](Time at, std::string_view subject, std::string_view category, std::string_view detail) {
        if (subject != "pc" || category != "bgp") return;
        if (!times.connect && detail == "neighbor 10.10.1.1 Connect") times.connect = at;
        if (!times.failed && detail == "neighbor 10.10.1.1 Active (connect failed)") times.failed = at;
      });
  world.simulator().run_until(Time::zero() + Duration::seconds(200));
  world.simulator().trace().remove_observer(id);
  return times;
}

}  // namespace

TEST_CASE("a connect into a silent link fails after 11 s of SYNs with linear timeouts",
          "[tcp][run]") {
  const ConnectTimes classic = first_connect(0);
  REQUIRE(classic.connect);
  CHECK_FALSE(classic.failed);  // cut short by BIRD's connect retry timer, 120 s
  const ConnectTimes linear = first_connect(4);
  REQUIRE(linear.connect);
  REQUIRE(linear.failed);
  CHECK(*linear.failed - *linear.connect == Duration::seconds(11));
}
