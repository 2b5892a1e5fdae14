// The convergence figures drawn from a run's FIB timeline, the same for the
// simulated and the real runs (sim/emulate/timeline.hpp), the bound issue 9
// sets, and the prediction side on the smoke scenario.
#include <catch2/catch.hpp>

#include "sim/emulate/predict.hpp"
#include "sim/emulate/report.hpp"
#include "sim/emulate/timeline.hpp"

using emulate::NodeTimeline;
using emulate::Timeline;

namespace {

Timeline two_events() {
  Timeline t;
  NodeTimeline a{"a", false, {0.2, 5.0, 30.0004, 30.2, 45.0, 50.5}, {{4.9, true}, {30.2, false}, {50.5, true}}};
  NodeTimeline owner{"owner", true, {0.1, 30.0}, {}};
  NodeTimeline quiet{"quiet", false, {-1.0}, {{-1.0, true}}};  // a static route set up before the start
  t.nodes = {a, owner, quiet};
  t.event_at = {30.0, 45.0, 45.0};
  t.window_of = {0, 1, 1};
  t.end = 60.0;
  return t;
}

}  // namespace

TEST_CASE("bring-up is when the last node first has its route", "[emulate]") {
  const emulate::RunFigures f = emulate::figures(two_events());
  CHECK(f.first_route[0] == Approx(4.9));
  CHECK_FALSE(f.first_route[1]);           // holds the destination
  CHECK(f.first_route[2] == Approx(0.0));  // before the start counts as at the start
  REQUIRE(f.bring_up);
  CHECK(*f.bring_up == Approx(4.9));
}

TEST_CASE("each window has the last changes after its event, per node and network", "[emulate]") {
  const emulate::RunFigures f = emulate::figures(two_events());
  // Events at the same time (45s) share one window, owned by the first.
  REQUIRE(f.windows.size() == 2);
  const auto& w0 = f.windows[0];
  CHECK(w0.event == 0);
  CHECK(*w0.fib[0] == Approx(0.2));    // 30.0004 and 30.2: the last
  CHECK(*w0.route[0] == Approx(0.2));
  CHECK(*w0.fib[1] == Approx(0.0));    // the owner's FIB counts, its route does not
  CHECK_FALSE(w0.route[1]);
  CHECK_FALSE(w0.fib[2]);              // nothing changed there
  CHECK(*w0.network_fib == Approx(0.2));
  const auto& w1 = f.windows[1];
  CHECK(w1.event == 1);
  CHECK(*w1.fib[0] == Approx(5.5));
  CHECK(*w1.network_route == Approx(5.5));
}

TEST_CASE("a node that never gets its route before the first event leaves no bring-up", "[emulate]") {
  Timeline t = two_events();
  t.nodes[0].route_changes = {{31.0, true}};
  const emulate::RunFigures f = emulate::figures(t);
  CHECK(*f.first_route[0] == Approx(31.0));
  CHECK_FALSE(f.bring_up);
}

TEST_CASE("issue 9's bound is max(10 percent, 50 ms) of the measured value", "[emulate]") {
  CHECK(emulate::within_bound(1.05, 1.0));
  CHECK_FALSE(emulate::within_bound(1.11, 1.0));
  CHECK(emulate::within_bound(0.049, 0.0));
  CHECK_FALSE(emulate::within_bound(0.051, 0.0));
  CHECK(emulate::within_bound(0.30, 0.26));
}

TEST_CASE("the prediction of the smoke scenario: BGP bring-up, then sw1 loses its route",
          "[emulate]") {
  const run::Scenario s =
      run::load_scenario(std::string(MHSIM_SOURCE_DIR) + "/tests/emulate/smoke.yaml");
  const std::vector<net::Ipv4> dests = emulate::destinations(s);
  REQUIRE(dests.size() == 1);
  CHECK(dests[0].to_string() == "192.168.100.1");
  const Timeline t = emulate::predict(s, s.seed, dests);
  REQUIRE(t.nodes.size() == 3);
  CHECK(t.nodes[0].owns_destination);  // h
  const emulate::RunFigures f = emulate::figures(t);
  // BIRD's 5 s connect delay, jittered per RFC 4271 to 3.75-5 s (FRR resets
  // a connection before 4 s while it reads its configuration, and BIRD tries
  // again after another connect delay); BIRD's first UPDATE waits until its
  // loop wakes, at the latest for the switch's own first UPDATE (FRR's
  // coalesce time, 1000 + 2 x 50 ms); then bgpd's 50 ms decision hold and
  // zebra's 10 ms.
  REQUIRE(f.bring_up);
  CHECK(*f.bring_up >= 4.0 + 0.06);
  CHECK(*f.bring_up <= 4.0 + 5.0 + 1.1 + 0.06 + 1e-6);
  REQUIRE(f.windows.size() == 2);
  REQUIRE(f.windows[0].route[1]);
  // sw1: the route's only next hop is on the downed link, dead at once as in
  // the kernel; FRR's own withdrawal comes 70 ms later and changes nothing.
  CHECK(*f.windows[0].route[1] == 0.0);
  CHECK_FALSE(f.windows[0].route[2]);  // sw2 keeps its route
  // h resets its session to sw2: the Cease crosses the link in microseconds,
  // sw2 clears 10 ms, decides 50 ms later, zebra installs 10 ms after that.
  REQUIRE(f.windows[1].route[2]);
  CHECK(*f.windows[1].route[2] == Approx(0.070).margin(0.0001));
}
