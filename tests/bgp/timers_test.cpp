// Timer arithmetic, jitter bounds, vendor defaults and message sizes.
#include <catch2/catch.hpp>

#include "models/bgp/defaults.hpp"
#include "models/bgp/message.hpp"
#include "tests/bgp/pair.hpp"

using namespace bgp_test;
using bgp::TimerKind;
using vendor::Vendor;

TEST_CASE("hold time negotiation is the smaller value (RFC 4271 §4.2)", "[bgp]") {
  CHECK(bgp::negotiate_hold_time(240, 90, false) == 90);
  CHECK(bgp::negotiate_hold_time(90, 180, false) == 90);
  CHECK(bgp::negotiate_hold_time(0, 90, false) == 0);
  // Junos: zero loses to non-zero.
  CHECK(bgp::negotiate_hold_time(0, 90, true) == 90);
  CHECK(bgp::negotiate_hold_time(240, 0, true) == 240);
  CHECK(bgp::negotiate_hold_time(0, 0, true) == 0);
  CHECK(bgp::acceptable_hold_time(0));
  CHECK_FALSE(bgp::acceptable_hold_time(1));
  CHECK_FALSE(bgp::acceptable_hold_time(2));
  CHECK(bgp::acceptable_hold_time(3));
}

TEST_CASE("keepalive interval per vendor rule", "[bgp]") {
  const auto bird = bgp::default_timers(Vendor::kBird);
  const auto frr = bgp::default_timers(Vendor::kFrr);
  const auto junos = bgp::default_timers(Vendor::kJunos);
  CHECK(bgp::keepalive_interval(bird, 240) == s(80));
  CHECK(bgp::keepalive_interval(bird, 90) == s(30));
  CHECK(bgp::keepalive_interval(junos, 90) == s(30));
  CHECK(bgp::keepalive_interval(frr, 180) == s(60));
  CHECK(bgp::keepalive_interval(frr, 90) == s(30));  // min(60, 30)
  CHECK(bgp::keepalive_interval(frr, 0) == s(0));    // no keepalives
  CHECK(bgp::keepalive_interval(junos, 3) == s(1));
  auto bird_cfg = bird;
  bird_cfg.keepalive_time = s(20);  // BIRD scales a configured keepalive: 20 * 90 / 240
  CHECK(bgp::keepalive_interval(bird_cfg, 90) == s(7));
  auto frr_fast = frr;
  frr_fast.keepalive_time = s(3);
  CHECK(bgp::keepalive_interval(frr_fast, 9) == s(3));
}

TEST_CASE("jitter stays within 0.75 to 1.0 x base for the timers the policy covers", "[bgp]") {
  sim::RandomStream rng(42, "host/bgp/10.10.1.1");
  const sim::Duration base = s(30);
  sim::Duration lo = base, hi = sim::Duration::zero();
  for (int i = 0; i < 2000; ++i) {
    const auto d = bgp::jitter(base, TimerKind::kKeepalive, bgp::JitterPolicy::kRfc4271, rng);
    REQUIRE(d >= base - base / 4);
    REQUIRE(d <= base);
    lo = std::min(lo, d);
    hi = std::max(hi, d);
  }
  CHECK(lo < base - base / 5);  // the whole range is used
  CHECK(hi > base - base / 100);
  // The RFC does not jitter the hold timer; BIRD does; FRR jitters nothing.
  CHECK(bgp::jitter(base, TimerKind::kHold, bgp::JitterPolicy::kRfc4271, rng) == base);
  CHECK(bgp::jitter(base, TimerKind::kKeepalive, bgp::JitterPolicy::kNone, rng) == base);
  CHECK(bgp::is_jittered(TimerKind::kHold, bgp::JitterPolicy::kAllTimers));
  CHECK(bgp::is_jittered(TimerKind::kMrai, bgp::JitterPolicy::kRfc4271));
  CHECK(bgp::is_jittered(TimerKind::kConnectRetry, bgp::JitterPolicy::kRfc4271));
}

TEST_CASE("vendor defaults", "[bgp]") {
  const auto bird = bgp::default_timers(Vendor::kBird);
  CHECK(bird.hold_time == s(240));
  CHECK(bird.connect_retry_time == s(120));
  CHECK(bird.connect_delay == s(5));
  CHECK(bird.open_sent_hold_time == s(240));
  CHECK(bird.mrai_ebgp == s(0));
  CHECK(bird.idle_hold_time == s(60));
  CHECK(bird.idle_hold_max == s(300));
  CHECK(bird.jitter == bgp::JitterPolicy::kAllTimers);
  CHECK(bird.track_link_state);
  CHECK(bgp::default_timers(Vendor::kLinux).hold_time == s(240));  // a Linux host runs BIRD

  const auto frr = bgp::default_timers(Vendor::kFrr);
  CHECK(frr.hold_time == s(180));
  CHECK(frr.connect_retry_time == s(30));
  CHECK(frr.connect_retry_max == s(120));
  CHECK(frr.mrai_ebgp == s(0));
  CHECK(frr.jitter == bgp::JitterPolicy::kNone);
  CHECK(bgp::default_decision(Vendor::kFrr).max_paths == 16);

  const auto junos = bgp::default_timers(Vendor::kJunos);
  CHECK(junos.hold_time == s(90));
  CHECK(junos.zero_hold_yields_to_nonzero);
  CHECK(bgp::default_decision(Vendor::kJunos).max_paths == 1);

  const auto rfc = bgp::rfc4271_timers();
  CHECK(rfc.hold_time == s(90));
  CHECK(rfc.connect_retry_time == s(120));
  CHECK(rfc.mrai_ebgp == s(30));
  CHECK(rfc.mrai_ibgp == s(5));
  CHECK(rfc.open_sent_hold_time == s(240));
  for (auto v : {Vendor::kJunos, Vendor::kBird, Vendor::kFrr, Vendor::kEos, Vendor::kLinux})
    CHECK(bgp::validate(bgp::default_timers(v)).empty());
}

TEST_CASE("message sizes on the wire (RFC 4271 §4)", "[bgp]") {
  CHECK(bgp::Keepalive{}.wire_bytes() == 19);
  bgp::Notification n;
  CHECK(n.wire_bytes() == 21);
  bgp::Open open;
  open.cap_multiprotocol_ipv4 = open.cap_route_refresh = open.cap_four_octet_as = false;
  CHECK(open.wire_bytes() == 29);
  open = bgp::Open{};
  CHECK(open.wire_bytes() == 29 + 2 + 6 + 2 + 6);

  // The host's announcement of its service address: ORIGIN (4) + AS_PATH
  // 65000 (3 + 2 + 4) + NEXT_HOP (7), one /32 (5 bytes).
  bgp::Update u;
  u.attributes = bgp::PathAttributes{};
  u.attributes->as_path = {65000};
  u.attributes->next_hop = ip("10.10.1.2");
  u.nlri = {prefix("192.168.100.1/32")};
  CHECK(u.attributes->wire_bytes() == 20);
  CHECK(u.wire_bytes() == 19 + 4 + 20 + 5);
  // A withdrawal of the default route: one byte (length 0).
  bgp::Update w;
  w.withdrawn = {prefix("0.0.0.0/0")};
  CHECK(w.wire_bytes() == 24);
  CHECK(bgp::prefix_wire_bytes(prefix("10.10.1.0/30")) == 5);
  CHECK(bgp::prefix_wire_bytes(prefix("10.0.0.0/8")) == 2);
  // MED and LOCAL_PREF add 7 bytes each; a 300-AS path needs two segments
  // and the extended length.
  bgp::PathAttributes big;
  big.as_path.assign(300, 65000);
  big.med = 1;
  big.local_pref = 100;
  CHECK(big.wire_bytes() == 4 + (4 + 2 + 255 * 4 + 2 + 45 * 4) + 7 + 7 + 7);
  CHECK(bgp::describe(bgp::ErrorCode::kOpenMessageError, 6) ==
        "OPEN Message Error / Unacceptable Hold Time");
}
