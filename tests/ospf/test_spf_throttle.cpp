// SPF throttling per vendor, as pure arithmetic: changes at given times,
// the calculation runs at the times each algorithm gives.
#include "tests/ospf/catch_print.hpp"

#include <vector>

#include "models/ospf/spf_throttle.hpp"

using sim::Duration;
using sim::Time;

namespace {

Time ms(int64_t v) { return Time::zero() + Duration::milliseconds(v); }

// Feeds changes at `changes` (sorted) to a throttle the way OspfProcess does:
// a change while a run is pending joins that run. Returns the run times.
std::vector<Time> runs(ospf::SpfThrottle throttle, const std::vector<Time>& changes) {
  std::vector<Time> out;
  std::optional<Time> pending;
  for (Time c : changes) {
    if (pending && *pending <= c) {
      out.push_back(*pending);
      throttle.ran(*pending);
      pending.reset();
    }
    if (!pending) pending = throttle.schedule(c);
  }
  if (pending) out.push_back(*pending);
  return out;
}

ospf::SpfThrottleConfig junos() {
  ospf::SpfThrottleConfig c;
  c.kind = ospf::SpfThrottleKind::kJunos;
  c.delay = Duration::milliseconds(200);
  c.hold = Duration::milliseconds(5000);
  c.rapid_runs = 3;
  return c;
}

ospf::SpfThrottleConfig frr() {
  ospf::SpfThrottleConfig c;
  c.kind = ospf::SpfThrottleKind::kFrr;
  c.delay = Duration::zero();
  c.hold = Duration::milliseconds(50);
  c.max_hold = Duration::milliseconds(5000);
  return c;
}

}  // namespace

TEST_CASE("Junos SPF: delay, three rapid runs, then holddown until the network is quiet", "[ospf]") {
  const ospf::SpfThrottle t(junos(), Time::zero());
  // 0: run at 200. 50 joins it. 300, 600: rapid runs 2 and 3 at 500 and 800.
  // 900: the fourth in succession waits for 800 + 5000. 6000 is within 5 s
  // of that run: holddown again. 20000 comes after a quiet holddown: delay only.
  CHECK(runs(t, {ms(0), ms(50), ms(300), ms(600), ms(900), ms(6000), ms(20000)}) ==
        std::vector<Time>{ms(200), ms(500), ms(800), ms(5800), ms(10800), ms(20200)});
  // Changes further apart than the holddown never accumulate rapid runs.
  CHECK(runs(t, {ms(0), ms(6000), ms(12000), ms(18000)}) ==
        std::vector<Time>{ms(200), ms(6200), ms(12200), ms(18200)});
}

TEST_CASE("FRR SPF: initial delay, hold time growing by initial-holdtime per change", "[ospf]") {
  const ospf::SpfThrottle t(frr(), Time::zero());
  // hold 50 x 1, then each change within the hold raises the multiplier by
  // one: the runs are 50, 100, 150, 200 ms apart; a change after the hold
  // runs at once with the multiplier back to 1.
  CHECK(runs(t, {ms(1000), ms(1010), ms(1060), ms(1160), ms(1310), ms(2000), ms(2010)}) ==
        std::vector<Time>{ms(1000), ms(1050), ms(1150), ms(1300), ms(1500), ms(2000), ms(2050)});
}

TEST_CASE("FRR SPF hold time stops growing at max-holdtime", "[ospf]") {
  ospf::SpfThrottleConfig c = frr();
  c.max_hold = Duration::milliseconds(120);
  const ospf::SpfThrottle t(c, Time::zero());
  // Holds 50, 100, then 120 (150 capped) and 120 again.
  CHECK(runs(t, {ms(1000), ms(1001), ms(1051), ms(1151), ms(1271)}) ==
        std::vector<Time>{ms(1000), ms(1050), ms(1150), ms(1270), ms(1390)});
}

TEST_CASE("BIRD SPF runs on the first tick after the change", "[ospf]") {
  ospf::SpfThrottleConfig c;
  c.kind = ospf::SpfThrottleKind::kBirdTick;
  c.tick = Duration::seconds(1);
  const ospf::SpfThrottle t(c, ms(300));  // the protocol started at 0.3 s
  // A change at a tick instant waits for the next tick.
  CHECK(runs(t, {ms(300), ms(1200), ms(1250), ms(2200), ms(2300), ms(5000)}) ==
        std::vector<Time>{ms(1300), ms(2300), ms(3300), ms(5300)});
}

TEST_CASE("the RFC-neutral fixed throttle runs on every change unless told to wait", "[ospf]") {
  ospf::SpfThrottleConfig c;
  c.kind = ospf::SpfThrottleKind::kFixed;
  CHECK(runs(ospf::SpfThrottle(c, Time::zero()), {ms(10), ms(20)}) ==
        std::vector<Time>{ms(10), ms(20)});
  c.delay = Duration::milliseconds(100);
  c.hold = Duration::milliseconds(1000);
  CHECK(runs(ospf::SpfThrottle(c, Time::zero()), {ms(0), ms(150), ms(3000)}) ==
        std::vector<Time>{ms(100), ms(1100), ms(3100)});
}
