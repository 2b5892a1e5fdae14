// How the daemons pace their work (models/bgp/pacing.hpp): FRR's decision
// and clear holds and its coalesce time, BIRD's first UPDATE that waits for
// its event loop to wake. Each expected time is computed from the pacing
// values and the wire's 1 ms delay.
//
//   A (AS 65000) 10.10.1.2 --- 10.10.1.1 B (AS 65001, passive)
#include "models/bgp/speaker.hpp"

#include <catch2/catch.hpp>

#include "models/bgp/defaults.hpp"
#include "tests/bgp/pair.hpp"

using namespace bgp_test;
using bgp::State;
using vendor::Vendor;

namespace {

const net::Prefix kA = prefix("192.168.100.1/32");
const net::Prefix kB = prefix("0.0.0.0/0");
constexpr sim::Duration kWire = ms(1);

// Best-path changes of one prefix, with their times.
struct Changes {
  std::vector<sim::Time> at;
  std::vector<size_t> paths;
};

struct Pair {
  sim::Simulator sim;
  bgp::Speaker a, b;
  LoopbackWire wire{sim, kWire};
  Changes a_sees_b, b_sees_a;

  Pair(bgp::Pacing a_pacing, bgp::Pacing b_pacing)
      : a(sim, {"A", 65000, ip("10.10.1.2"), {}, 1, a_pacing}),
        b(sim, {"B", 65001, ip("10.10.1.1"), {}, 1, b_pacing}) {
    // No graceful restart: no End-of-RIB, so an empty update sends nothing.
    bgp::BgpTimers t = no_jitter(bgp::default_timers(Vendor::kFrr));
    t.graceful_restart.mode = bgp::GrMode::kOff;
    t.start_hold = sim::Duration::zero();  // not under test here
    a.add_neighbor({host_config(t), {}, {}});
    b.add_neighbor({switch_config(t), {}, {}});
    wire.attach(a.session(0), b.session(0));
    a.on_best_path_change([this](const net::Prefix& p, const std::vector<bgp::Path>& best) {
      if (p == kB) a_sees_b.at.push_back(sim.now()), a_sees_b.paths.push_back(best.size());
    });
    b.on_best_path_change([this](const net::Prefix& p, const std::vector<bgp::Path>& best) {
      if (p == kA) b_sees_a.at.push_back(sim.now()), b_sees_a.paths.push_back(best.size());
    });
    a.originate(kA, {});
    b.originate(kB, {});
    // Sessions start once the originations' own decision runs are over.
    sim.run_until(at(s(1)));
    a.start();
    b.start();
  }
  void run_until(sim::Duration d) { sim.run_until(at(d)); }
};

bgp::Pacing none() { return {}; }

}  // namespace

TEST_CASE("FRR sends its first UPDATE to a new peer after the coalesce time", "[bgp][pacing]") {
  const bgp::Pacing frr = bgp::default_pacing(Vendor::kFrr);
  // bgp_updgrp.h: 1000 ms + 50 ms per peer, counting the accepted connection's.
  CHECK(frr.coalesce_time(1) == ms(1100));
  CHECK(frr.coalesce_time(4) == ms(1250));
  CHECK(frr.coalesce_time(1000) == s(10));
  Pair p(none(), frr);
  p.run_until(s(20));
  REQUIRE(p.b.session(0).state() == State::kEstablished);
  const sim::Time established = p.b.session(0).last_state_change();
  REQUIRE(p.a_sees_b.at.size() == 1);
  CHECK(p.a_sees_b.at[0] == established + ms(1100) + kWire);
}

TEST_CASE("FRR decides received routes after its 50 ms work-queue hold", "[bgp][pacing]") {
  Pair p(none(), bgp::default_pacing(Vendor::kFrr));
  p.run_until(s(20));
  REQUIRE(p.b_sees_a.at.size() == 1);
  // A sent at once on Established; B holds it 50 ms before its decision.
  const sim::Time a_established = p.a.session(0).last_state_change();
  CHECK(p.b_sees_a.at[0] == a_established + kWire + ms(50));
  CHECK_FALSE(p.b.decision_pending());

  // A withdraw, then an announcement 20 ms later: one run, 50 ms after the first.
  p.a.withdraw_origin(kA);
  p.run_until(s(20) + ms(20));
  CHECK(p.b.decision_pending());
  p.a.originate(kA, {});
  p.run_until(s(21));
  CHECK(p.b_sees_a.at.size() == 1);  // decided together: withdrawn and back, no change
  REQUIRE(p.b.best_paths(kA) != nullptr);
}

TEST_CASE("FRR removes a lost session's routes after its clear and decision holds",
          "[bgp][pacing]") {
  Pair p(none(), bgp::default_pacing(Vendor::kFrr));
  p.run_until(s(20));
  REQUIRE(p.b.best_paths(kA) != nullptr);
  p.a.session(0).ManualStop();  // a Cease NOTIFICATION, 1 ms on the wire
  p.run_until(s(21));
  REQUIRE(p.b.session(0).state() != State::kEstablished);
  const sim::Time down = p.b.session(0).last_state_change();
  REQUIRE(p.b_sees_a.at.size() == 2);
  CHECK(p.b_sees_a.paths[1] == 0);
  CHECK(p.b_sees_a.at[1] == down + ms(10) + ms(50));
}

TEST_CASE("BIRD's first UPDATE waits for its loop to wake, at most 3 s", "[bgp][pacing]") {
  const bgp::Pacing bird = bgp::default_pacing(Vendor::kBird);
  REQUIRE(bird.first_update == bgp::FirstUpdate::kNextWakeup);
  SECTION("a peer that sends nothing: the loop's longest sleep") {
    Pair p(bird, none());
    p.b.withdraw_origin(kB);
    p.run_until(s(20));
    const sim::Time established = p.a.session(0).last_state_change();
    REQUIRE(p.b_sees_a.at.size() == 1);
    CHECK(p.b_sees_a.at[0] == established + s(3) + kWire);
  }
  SECTION("the peer's first UPDATE wakes it") {
    Pair p(bird, none());
    p.run_until(s(20));
    // B sends at once on its Established; A reads it one wire delay later and
    // sends its own in the same wake-up.
    const sim::Time b_established = p.b.session(0).last_state_change();
    REQUIRE(p.a_sees_b.at.size() == 1);
    CHECK(p.a_sees_b.at[0] == b_established + kWire);
    REQUIRE(p.b_sees_a.at.size() == 1);
    CHECK(p.b_sees_a.at[0] == b_established + kWire + kWire);
  }
}

TEST_CASE("FRR asks its peers for a route refresh 5 s after it starts, which wakes BIRD",
          "[bgp][pacing]") {
  REQUIRE(bgp::default_pacing(Vendor::kFrr).route_refresh_after_start == s(5));
  bgp::Pacing refresh;  // only the refresh, 2 s after B starts at 1 s
  refresh.route_refresh_after_start = s(2);
  Pair p(bgp::default_pacing(Vendor::kBird), refresh);
  p.b.withdraw_origin(kB);  // B sends nothing that would wake A sooner
  p.run_until(s(20));
  REQUIRE(p.b_sees_a.at.size() == 1);
  // B's ROUTE-REFRESH leaves at 3 s and reaches A one wire delay later; A
  // sends its routes in that wake-up (else it would wait until 3 s after
  // its Established, about 4 s).
  CHECK(p.b_sees_a.at[0] == at(s(3)) + kWire + kWire);
  CHECK(p.a.updates_sent(0) >= 1);
}

TEST_CASE("BIRD acts on a hold timer expiry when its loop next wakes, at most 3 s later",
          "[bgp][pacing]") {
  Pair p(bgp::default_pacing(Vendor::kBird), none());
  p.run_until(s(20));
  REQUIRE(p.a.session(0).state() == State::kEstablished);
  p.wire.set_silent(true);
  const sim::Time expiry = p.a.session(0).hold_expires_at();
  p.sim.run_until(expiry);
  // The timer fired, but the NOTIFICATION, close and restart are events the
  // loop runs on its next pass: with nothing else to wake it, after its
  // longest sleep.
  CHECK(p.a.session(0).state() == State::kEstablished);
  p.sim.run_until(expiry + s(3) - sim::Duration::picoseconds(1));
  CHECK(p.a.session(0).state() == State::kEstablished);
  p.sim.run_until(expiry + s(3));
  CHECK(p.a.session(0).state() == State::kIdle);
  CHECK(p.a.session(0).last_state_change() == expiry + s(3));
  CHECK(p.a.session(0).last_error() == "hold timer expired");
}

TEST_CASE("BIRD back from a long-lived restart of its peer sends its routes at once",
          "[bgp][pacing][gr]") {
  sim::Simulator sim;
  bgp::Speaker a(sim, {"A", 65000, ip("10.10.1.2"), {}, 1, bgp::default_pacing(Vendor::kBird)});
  bgp::Speaker b(sim, {"B", 65001, ip("10.10.1.1"), {}, 1, bgp::default_pacing(Vendor::kFrr)});
  bgp::BgpTimers ta = no_jitter(bgp::default_timers(Vendor::kBird));
  bgp::BgpTimers tb = no_jitter(bgp::default_timers(Vendor::kFrr));
  for (bgp::BgpTimers* t : {&ta, &tb}) {
    t->hold_time = s(9);
    t->keepalive_time = s(3);
    t->start_hold = sim::Duration::zero();
  }
  a.add_neighbor({host_config(ta), {}, {}});
  b.add_neighbor({switch_config(tb), {}, {}});
  LoopbackWire wire{sim, kWire};
  wire.attach(a.session(0), b.session(0));
  std::vector<sim::Time> b_sees_a;
  b.on_best_path_change([&](const net::Prefix& p, const std::vector<bgp::Path>&) {
    if (p == kA) b_sees_a.push_back(sim.now());
  });
  a.originate(kA, {});
  b.originate(kB, {});
  sim.run_until(at(s(1)));
  a.start();
  b.start();
  sim.run_until(at(s(20)));
  REQUIRE(a.session(0).state() == State::kEstablished);
  REQUIRE(b_sees_a.size() == 1);

  // Both hold timers expire in the silence; A (BIRD, both sides long-lived
  // capable) keeps B's routes as stale and reconnects after its connect
  // delay, by which time the link is back.
  wire.set_silent(true);
  const sim::Time expiry = a.session(0).hold_expires_at();
  sim.run_until(expiry + s(3));
  REQUIRE(a.session(0).state() != State::kEstablished);
  REQUIRE(a.stale_count(0) == 1);
  wire.set_silent(false);
  sim.run_until(expiry + s(20));
  REQUIRE(a.session(0).state() == State::kEstablished);
  const sim::Time back = a.session(0).established_at();
  // B withdrew A's route at its own expiry and has it again one wire delay
  // plus its 50 ms decision hold after A is Established: A did not wait
  // for its loop to wake (B's first UPDATE comes only after 1.1 s).
  REQUIRE(b_sees_a.size() == 3);
  CHECK(b_sees_a[2] == back + kWire + ms(50));
}
