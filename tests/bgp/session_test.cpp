// The per-neighbour FSM (RFC 4271 §8) on the lab's host <-> switch session.
//
//   host (BIRD, AS 65000) 10.10.1.2 ----1 ms---- 10.10.1.1 S-SW-1 (Junos, AS 65001, passive)
#include <catch2/catch.hpp>
#include <sstream>

#include "models/bgp/defaults.hpp"
#include "tests/bgp/pair.hpp"

using namespace bgp_test;
using bgp::State;
using vendor::Vendor;

TEST_CASE("passive switch waits, the host connects after its connect delay", "[bgp]") {
  SessionPair p(no_jitter(bgp::default_timers(Vendor::kBird)),
                no_jitter(bgp::default_timers(Vendor::kJunos)));
  p.start();
  p.run_until(s(4));
  CHECK(p.host->state() == State::kActive);  // BIRD: connect delay 5 s
  CHECK(p.sw->state() == State::kActive);    // passive: listens, never connects
  p.run_until(s(10));
  REQUIRE(p.host->state() == State::kEstablished);
  REQUIRE(p.sw->state() == State::kEstablished);
  // SYN at 5 s, SYN-ACK at +2 ms (host sends OPEN), switch sends its OPEN at
  // +3 ms, the host gets OPEN and KEEPALIVE at +4 ms, the switch the host's
  // KEEPALIVE at +5 ms.
  CHECK(p.host->established_at() == at(s(5) + ms(4)));
  CHECK(p.sw->established_at() == at(s(5) + ms(5)));

  std::vector<State> host_states;
  for (const auto& c : p.host_log) host_states.push_back(c.to);
  CHECK(host_states == std::vector<State>{State::kActive, State::kConnect, State::kOpenSent,
                                          State::kOpenConfirm, State::kEstablished});
  std::vector<State> sw_states;
  for (const auto& c : p.sw_log) sw_states.push_back(c.to);
  CHECK(sw_states == std::vector<State>{State::kActive, State::kOpenSent, State::kOpenConfirm,
                                        State::kEstablished});
  CHECK(p.host->peer_router_id() == ip("10.255.0.1"));
}

TEST_CASE("BIRD's jittered connect delay puts establishment in [3.75 s, 5 s] + 4 ms", "[bgp]") {
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    SessionPair p(bgp::default_timers(Vendor::kBird), bgp::default_timers(Vendor::kJunos), seed);
    p.start();
    p.run_until(s(10));
    REQUIRE(p.host->state() == State::kEstablished);
    CHECK(p.host->established_at() >= at(s(3) + ms(750) + ms(4)));
    CHECK(p.host->established_at() <= at(s(5) + ms(4)));
  }
}

TEST_CASE("hold time negotiation: BIRD 240 s vs Junos 90 s gives 90 s, keepalive 30 s", "[bgp]") {
  SessionPair p(bgp::default_timers(Vendor::kBird), bgp::default_timers(Vendor::kJunos));
  p.start();
  p.run_until(s(1000));
  REQUIRE(p.host->state() == State::kEstablished);
  CHECK(p.host->negotiated_hold_s() == 90);
  CHECK(p.sw->negotiated_hold_s() == 90);
  CHECK(p.host->keepalive_interval() == s(30));
  CHECK(p.sw->keepalive_interval() == s(30));
  CHECK(p.host->flap_count() == 0);
  // ~33 keepalives each way in 1000 s, plus OPEN: the session is kept alive.
  CHECK(p.host->messages_in() > 30);
}

TEST_CASE("FRR 180/60 vs Junos 90: FRR keeps min(60, 90/3) = 30 s", "[bgp]") {
  SessionPair p(bgp::default_timers(Vendor::kFrr), bgp::default_timers(Vendor::kJunos));
  p.start();
  p.run_until(s(5));
  REQUIRE(p.host->state() == State::kEstablished);
  CHECK(p.host->negotiated_hold_s() == 90);
  CHECK(p.host->keepalive_interval() == s(30));
}

namespace {
struct SilentCase {
  const char* name;
  bgp::BgpTimers host;
  bgp::BgpTimers sw;
  int64_t hold_s;
};

bgp::BgpTimers with_hold(bgp::BgpTimers t, int64_t hold_s) {
  t.hold_time = s(hold_s);
  return t;
}
}  // namespace

TEST_CASE("silent failure: each side drops at last message received + H, within jitter", "[bgp]") {
  const auto junos = bgp::default_timers(Vendor::kJunos);
  const auto bird = bgp::default_timers(Vendor::kBird);
  const auto frr = bgp::default_timers(Vendor::kFrr);
  const SilentCase c = GENERATE_COPY(values<SilentCase>({
      {"junos-junos 90", junos, junos, 90},
      {"frr-frr 180", frr, frr, 180},
      {"bird-bird 240", bird, bird, 240},
      {"bird-junos 90", bird, junos, 90},
      {"frr-frr 9 (datacenter hold)", with_hold(frr, 9), with_hold(frr, 9), 9},
      {"junos-junos 30", with_hold(junos, 30), with_hold(junos, 30), 30},
      {"bird-bird 3", with_hold(bird, 3), with_hold(bird, 3), 3},
  }));
  for (uint64_t seed = 1; seed <= 5; ++seed) {
    INFO(c.name << " seed " << seed);
    SessionPair p(c.host, c.sw, seed);
    p.start();
    const sim::Duration failure = s(1000) + ms(123);
    p.run_until(failure);
    REQUIRE(p.host->state() == State::kEstablished);
    REQUIRE(p.sw->state() == State::kEstablished);
    REQUIRE(p.host->negotiated_hold_s() == c.hold_s);
    p.wire.set_silent(true);
    p.run_until(failure + s(2 * c.hold_s + 10));

    const sim::Duration hold = s(c.hold_s);
    for (const auto* side : {&p.host_log, &p.sw_log}) {
      const bool host_side = side == &p.host_log;
      const bgp::BgpTimers& t = host_side ? c.host : c.sw;
      const Change* drop = SessionPair::first_drop(*side);
      REQUIRE(drop != nullptr);
      CHECK(drop->to == State::kIdle);
      CHECK(drop->last_received <= at(failure));
      const sim::Duration waited = drop->when - drop->last_received;
      // RFC jitter leaves the hold timer alone; BIRD jitters it too.
      const bool jittered = bgp::is_jittered(bgp::TimerKind::kHold, t.jitter);
      const sim::Duration lo = jittered ? hold - hold / 4 : hold;
      CHECK(waited >= lo);
      CHECK(waited <= hold);
      CHECK(drop->when > at(failure));
    }
    CHECK(p.host->flap_count() == 1);
    // BIRD with a long-lived GR capable peer takes it as a restart (below).
    CHECK(p.host->last_error().rfind("hold timer expired", 0) == 0);
  }
}

TEST_CASE("a hold time of 1 or 2 s is rejected with OPEN Message Error", "[bgp]") {
  const int64_t bad = GENERATE(1, 2);
  auto host = bgp::default_timers(Vendor::kFrr);
  host.hold_time = s(bad);
  host.start_hold = s(0);  // connect at once
  CHECK_FALSE(bgp::validate(host).empty());
  SessionPair p(host, bgp::default_timers(Vendor::kJunos));
  p.start();
  p.run_until(ms(100));
  for (const auto& c : p.host_log) CHECK(c.to != State::kEstablished);
  for (const auto& c : p.sw_log) CHECK(c.to != State::kEstablished);
  CHECK(p.sw->last_error() == "unacceptable hold time");
  CHECK(p.host->last_error() ==
        "received NOTIFICATION OPEN Message Error / Unacceptable Hold Time");
  CHECK(p.host->state() == State::kIdle);
  CHECK(p.sw->state() == State::kActive);  // passive again, listening
}

TEST_CASE("hold time 0 on both sides: no keepalives, no hold timer", "[bgp]") {
  auto t = bgp::default_timers(Vendor::kFrr);
  t.hold_time = s(0);
  SessionPair p(t, t);
  p.start();
  p.run_until(s(10));
  REQUIRE(p.host->state() == State::kEstablished);
  const auto in_before = p.host->messages_in();
  p.wire.set_silent(true);
  p.run_until(s(100000));
  CHECK(p.host->state() == State::kEstablished);  // nothing can notice
  CHECK(p.host->messages_in() == in_before);
}

TEST_CASE("interface down drops a directly connected eBGP session where tracked", "[bgp]") {
  auto tracked = bgp::default_timers(Vendor::kFrr);
  auto untracked = tracked;
  untracked.track_link_state = false;
  SessionPair p(tracked, untracked);
  p.start();
  p.run_until(s(10));
  REQUIRE(p.host->state() == State::kEstablished);
  p.wire.set_silent(true);  // carrier lost: nothing crosses the link any more
  p.host->interface_down();
  p.sw->interface_down();
  CHECK(p.host->state() == State::kIdle);
  CHECK(p.host->last_error() == "interface down");
  CHECK(p.sw->state() == State::kEstablished);  // waits for its hold timer
  p.run_until(s(100));
  CHECK(p.host->state() == State::kIdle);  // no restart while the link is down
  p.run_until(s(10) + s(180));
  CHECK(p.sw->state() != State::kEstablished);
  // Carrier back: the host restarts after FRR's 2 s and the session returns.
  p.wire.set_silent(false);
  p.host->interface_up();
  p.run_until(s(190) + ms(1999));
  CHECK(p.host->state() == State::kIdle);
  p.run_until(s(200));
  CHECK(p.host->state() == State::kEstablished);
  CHECK(p.host->flap_count() == 1);
}

TEST_CASE("a refused open is retried after the ConnectRetry time (FRR 30 s)", "[bgp]") {
  auto frr = no_jitter(bgp::default_timers(Vendor::kFrr));
  frr.start_hold = s(0);  // connect at once
  SessionPair p(frr, no_jitter(bgp::default_timers(Vendor::kJunos)));
  p.host->start();  // the switch is not configured yet: Idle refuses
  p.run_until(s(10));
  CHECK(p.host->state() == State::kActive);
  CHECK(p.host->last_error().empty());
  p.sw->start();
  p.run_until(s(40));
  REQUIRE(p.host->state() == State::kEstablished);
  // RST after 2 ms, retry 30 s later, established 4 ms after that SYN.
  CHECK(p.host->established_at() == at(s(30) + ms(2) + ms(4)));
}

TEST_CASE("two passive sides never meet", "[bgp]") {
  auto t = bgp::default_timers(Vendor::kJunos);
  SessionPair p(t, t);
  p.host = std::make_unique<bgp::Session>(
      p.sim,
      [&] {
        auto c = host_config(t);
        c.passive = true;
        return c;
      }(),
      1);
  p.wire.attach(*p.host, *p.sw);
  p.start();
  p.run_until(s(1000));
  CHECK(p.host->state() == State::kActive);
  CHECK(p.sw->state() == State::kActive);
}

TEST_CASE("after a gray failure heals, BIRD reconnects after its error wait", "[bgp]") {
  SessionPair p(bgp::default_timers(Vendor::kBird), bgp::default_timers(Vendor::kJunos), 7);
  p.start();
  p.run_until(s(100));
  p.wire.set_silent(true);
  p.run_until(s(300));
  REQUIRE(p.host->state() != State::kEstablished);
  const Change* drop = SessionPair::first_drop(p.host_log);
  REQUIRE(drop != nullptr);
  // Error wait 60 s (jittered to [45, 60]) in Idle before BIRD starts again.
  bool restarted = false;
  for (const auto& c : p.host_log) {
    if (c.when > drop->when && c.from == State::kIdle) {
      CHECK(c.when - drop->when >= s(45));
      CHECK(c.when - drop->when <= s(60));
      restarted = true;
      break;
    }
  }
  CHECK(restarted);
  p.wire.set_silent(false);
  p.run_until(s(700));
  CHECK(p.host->state() == State::kEstablished);
  CHECK(p.host->flap_count() == 1);
}

TEST_CASE("ManualStop sends Cease and stays down", "[bgp]") {
  SessionPair p(bgp::default_timers(Vendor::kFrr), bgp::default_timers(Vendor::kJunos));
  p.start();
  p.run_until(s(5));
  REQUIRE(p.host->state() == State::kEstablished);
  p.host->ManualStop();
  p.run_until(s(500));
  CHECK(p.host->state() == State::kIdle);
  CHECK(p.sw->last_error() == "received NOTIFICATION Cease / Administrative Shutdown");
  CHECK(p.sw->state() == State::kActive);
}

TEST_CASE("state changes are traced as 'neighbor <address> <State>'", "[bgp]") {
  std::ostringstream out;
  SessionPair p(no_jitter(bgp::default_timers(Vendor::kBird)),
                no_jitter(bgp::default_timers(Vendor::kJunos)));
  p.sim.trace().attach(&out);
  p.start();
  p.run_until(s(10));
  p.wire.set_silent(true);
  p.run_until(s(200));
  const std::string text = out.str();
  CHECK(text.find("    5.004000000 host bgp neighbor 10.10.1.1 Established\n") !=
        std::string::npos);
  CHECK(text.find("    5.005000000 S-SW-1 bgp neighbor 10.10.1.2 Established\n") !=
        std::string::npos);
  CHECK(text.find("S-SW-1 bgp neighbor 10.10.1.2 Idle (hold timer expired)") != std::string::npos);
}

TEST_CASE("FRR holds its sessions Idle for 4 s while it reads its configuration", "[bgp]") {
  // A host connecting meanwhile is refused and tries again after its own wait.
  auto frr = no_jitter(bgp::default_timers(Vendor::kFrr));
  REQUIRE(frr.start_hold == s(4));
  SessionPair p(no_jitter(bgp::default_timers(Vendor::kJunos)), frr);
  p.start();
  p.run_until(s(4) - ms(1));
  CHECK(p.sw->state() == State::kIdle);
  CHECK(p.host->state() == State::kActive);  // its open was refused
  p.run_until(s(4));
  CHECK(p.sw->state() == State::kActive);  // passive: listening now
  p.run_until(s(200));
  CHECK(p.host->state() == State::kEstablished);
  CHECK(p.host->established_at() > at(s(4)));
}

TEST_CASE("BFD down during BIRD's error wait starts the wait again", "[bgp]") {
  // bgp_bfd_notify(): the protocol is stopped and started again, and the
  // start waits the whole startup delay (error wait) anew.
  const auto bird = no_jitter(bgp::default_timers(Vendor::kBird));
  REQUIRE(bird.bfd_down_restarts_idle_hold);
  SessionPair p(bird, no_jitter(bgp::default_timers(Vendor::kJunos)));
  p.start();
  p.run_until(s(20));
  REQUIRE(p.host->state() == State::kEstablished);
  p.host->BfdDown();  // an error: 60 s error wait from 20 s
  CHECK(p.host->state() == State::kIdle);
  p.run_until(s(50));
  p.host->BfdDown();  // again, 30 s into the wait: 60 s from 50 s
  p.run_until(s(110) - ms(1));
  CHECK(p.host->state() == State::kIdle);
  p.run_until(s(110));
  CHECK(p.host->state() != State::kIdle);  // started: its connect delay runs
}
