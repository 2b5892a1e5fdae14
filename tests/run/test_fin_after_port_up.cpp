// FRR shuts S-SW-1's port to pc at 30 s and opens it at 45 s; pc's NIC
// keeps its carrier. FRR stops the session without a NOTIFICATION (fast
// external failover); its FIN is lost at the shut port, and the kernel
// retransmits it with the RTO doubling (200 ms: about 30.2, 30.6, 31.4,
// 33.0, 36.2, 42.6 and 55.4 s, each a little later on the kernel's timer
// wheel). The first one after the port is back ends pc's session: BIRD logs
// "Connection closed" (measured 57.3 s, the real kernel's RTO being 215 ms).
#include <catch2/catch.hpp>

#include <optional>
#include <string>

#include "models/transport/kernel_timer.hpp"
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
  Time fin_sent = Time::zero() + Duration::seconds(30);
  for (Duration rto = Duration::milliseconds(200); fin_sent < Time::zero() + Duration::seconds(45);
       rto = rto * 2)
    fin_sent = fin_sent + transport::kernel_timer_delay(fin_sent, rto);
  CHECK(fin_sent > Time::zero() + Duration::seconds(55));
  CHECK(*pc_closed >= fin_sent);
  CHECK(*pc_closed < fin_sent + Duration::milliseconds(1));
}
