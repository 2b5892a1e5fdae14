// FRR shuts S-SW-1's port to pc at 30 s and opens it at 45 s; pc's NIC
// keeps its carrier. FRR stops the session without a NOTIFICATION (fast
// external failover); its FIN is lost at the shut port, and the kernel
// retransmits it with the RTO doubling (200 ms: at 30.2, 30.6, 31.4, 33.0,
// 36.2, 42.6 and 55.4 s). The first one after the port is back ends pc's
// session: BIRD logs "Connection closed" (measured 57.3 s with the real
// kernel's 215 ms RTO).
#include <catch2/catch.hpp>

#include <optional>
#include <string>

#include "sim/run/world.hpp"

using sim::Duration;
using sim::Time;

TEST_CASE("a switch's FIN lost at a shut port reaches the host when the port is back",
          "[tcp][run][port]") {
  run::Scenario s = run::load_scenario(std::string(MHSIM_SOURCE_DIR) + "/scenarios/validation/port-down.yaml");
  run::World world(s, s.seed);
  std::optional<Time> pc_closed;
  std::string why;
  const auto id = world.simulator().trace().add_observer(
      [&](Time at, std::string_view subject, std::string_view category, std::string_view detail) {
        if (subject != "pc" || category != "bgp" || pc_closed) return;
        if (detail.starts_with("neighbor 10.10.1.1 Idle")) pc_closed = at, why = detail;
      });
  world.simulator().run_until(Time::zero() + Duration::seconds(70));
  world.simulator().trace().remove_observer(id);
  REQUIRE(pc_closed);
  CHECK(why == "neighbor 10.10.1.1 Idle (connection closed)");  // no Cease before the FIN
  const Time fin_sent = Time::zero() + Duration::seconds(30) + Duration::milliseconds(200) * 127;
  CHECK(*pc_closed >= fin_sent);
  CHECK(*pc_closed < fin_sent + Duration::milliseconds(1));
}
