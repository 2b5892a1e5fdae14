#include "models/bgp/defaults.hpp"

namespace bgp {
namespace {

constexpr sim::Duration s(int64_t v) { return sim::Duration::seconds(v); }

// BIRD 2.x (lab: 2.13.1). proto/bgp/config.Y defaults, proto/bgp/bgp.c
// (bgp_start_timer jitters every BGP timer; bgp_update_startup_delay is the
// error wait; check link defaults to on for direct sessions), doc/bird.sgml.
BgpTimers bird() {
  BgpTimers t;
  t.hold_time = s(240);
  t.keepalive_rule = KeepaliveRule::kScaledWithHold;  // hold/3 when not configured
  t.connect_retry_time = s(120);
  t.connect_retry_max = s(120);
  t.connect_delay = s(5);
  t.connect_fail_wait = s(5);      // socket error -> bgp_decision -> bgp_active (connect delay)
  t.open_sent_hold_time = s(240);  // "startup hold time"
  t.mrai_ebgp = sim::Duration::zero();  // BIRD has no MRAI
  t.mrai_ibgp = sim::Duration::zero();
  t.idle_hold_time = s(60);  // "error wait time 60, 300"
  t.idle_hold_max = s(300);
  t.idle_hold_forget = s(300);  // "error forget time"
  t.jitter = JitterPolicy::kAllTimers;
  t.update_restarts_keepalive = false;  // packets.c bgp_fire_tx: only a KEEPALIVE sent
  t.track_link_state = true;
  // A lost neighbour is no error: bgp_neigh_notify() does not call
  // bgp_update_startup_delay() (measured on BIRD 2.0.12, docs/validation.md).
  t.link_loss_is_error = false;
  // config.Y: gr_mode = BGP_GR_AWARE, gr_time = 120. FRR 8.4.4 logs BIRD
  // 2.0.12's aware capability as "Restart Time: 120" (length 2: no address
  // family), so aware sends the time too.
  t.graceful_restart.mode = GrMode::kAware;
  t.graceful_restart.aware_sends_restart_time = true;
  // config.Y: llgr_mode = BGP_LLGR_AWARE (BIRD >= 2.0.8), and bgp_hold_timeout()
  // handles an expiry with llgr_ready as a graceful restart. Measured against
  // FRR 8.4.4: "Hold timer expired", "Neighbor graceful restart detected",
  // the routes from the switch kept in the kernel through a 15 s silence,
  // "Connect delayed by 5 seconds" (docs/validation.md).
  t.graceful_restart.long_lived = true;
  t.graceful_restart.long_lived_helper = true;
  // bgp.c bgp_bfd_notify(): a BFD session going down while the protocol is
  // starting (waiting out its startup delay) stops and restarts it, and the
  // restart waits the whole delay again. Measured: "BFD session down", then
  // "Startup delayed by 60 seconds due to errors" 26 s into an earlier
  // 60 s wait (docs/validation.md).
  t.bfd_down_restarts_idle_hold = true;
  return t;
}

// FRR (traditional profile, 10.3 and later). bgpd/bgp_vty.c / bgp_nb_config.c
// FRR_CFG_DEFAULT_ULONG (hold 180, keepalive 60), bgpd/bgpd.h (ROUTEADV 0,
// MAX_CONNECT_RETRY 120, INIT_START_TIMER 1), PR #17599 (connect retry 30 s
// with backoff), bgp_packet.c (keepalive = min(configured, hold/3)),
// bgp_fsm.c (no jitter), doc/user/bgp.rst (fast-external-failover default).
BgpTimers frr() {
  BgpTimers t;
  t.hold_time = s(180);
  t.keepalive_time = s(60);
  t.keepalive_rule = KeepaliveRule::kMinOfConfiguredAndThird;
  t.connect_retry_time = s(30);
  t.connect_retry_max = s(120);
  t.open_sent_hold_time = s(180);  // OpenSent runs the hold timer with the configured hold
  t.mrai_ebgp = sim::Duration::zero();
  t.mrai_ibgp = sim::Duration::zero();
  // Start timer 1 s, doubled by the NOTIFICATION sent on the error: 2 s.
  t.idle_hold_time = s(2);
  t.idle_hold_max = s(120);
  t.jitter = JitterPolicy::kNone;
  t.track_link_state = true;
  t.link_loss_sends_cease = false;  // BGP_Stop (timers.hpp); BIRD logged "Connection closed"
  // Measured: pc's SYN 0.5 s after S-SW-1's port came back was accepted
  // and the session Established at once, 1.5 s before FRR's start timer.
  t.accepts_while_idle = true;
  t.update_restarts_keepalive = false;  // bgp_keepalives.c: every interval after the last
  // bgpd.c: global_gr_present_state = GLOBAL_HELPER unless configured;
  // bgpd.h BGP_DEFAULT_RESTART_TIME 120, BGP_DEFAULT_STALEPATH_TIME 360.
  t.graceful_restart.mode = GrMode::kAware;
  t.graceful_restart.stale_routes_time = s(360);
  // FRR 8.2+ sends the long-lived capability (stale time 0) by default:
  // BIRD 2.0.12 treated its hold expiry toward FRR 8.4.4 as a graceful
  // restart, which it does only with llgr_ready (UNVERIFIED in FRR's source).
  t.graceful_restart.long_lived = true;
  // bgpd holds peers created while the configuration is read in
  // (shut_during_cfg: not started) and closes their incoming connections ("Incoming BGP
  // connection rejected ... due to configuration being currently read in",
  // bgp_network.c) until the configuration is done plus a post-config delay.
  // Measured on FRR 8.4.4 with route-maps configured: released 4.0 s after
  // the configuration was read; a host connecting earlier was reset and
  // retried after its connect delay (5 of 20 sessions, docs/validation.md).
  // UNVERIFIED: that the delay is the route-map delay timer's remainder.
  t.start_hold = s(4);
  return t;
}

// Junos. hold-time reference (default 90 s, hold = 3 x keepalive, zero loses
// to non-zero); out-delay (no MRAI knob). Connect retry, OpenSent hold,
// jitter and link tracking are not documented where we looked: RFC values
// and the widely reported behaviour are used and marked unverified.
BgpTimers junos() {
  BgpTimers t = rfc4271_timers();
  t.mrai_ebgp = sim::Duration::zero();
  t.mrai_ibgp = sim::Duration::zero();
  t.zero_hold_yields_to_nonzero = true;
  t.track_link_state = true;
  // Helper mode is on "even if graceful restart is not enabled" (Configuring
  // Graceful Restart for Routing Protocols); restart-time 120, stale-routes-time 300.
  t.graceful_restart.mode = GrMode::kAware;
  t.graceful_restart.stale_routes_time = s(300);
  return t;
}

// Arista EOS: nothing verified; common EOS defaults (timers bgp 60 180).
BgpTimers eos() {
  BgpTimers t = rfc4271_timers();
  t.hold_time = s(180);
  t.keepalive_time = s(60);
  t.keepalive_rule = KeepaliveRule::kMinOfConfiguredAndThird;
  t.mrai_ebgp = sim::Duration::zero();
  t.mrai_ibgp = sim::Duration::zero();
  t.track_link_state = true;
  return t;
}

}  // namespace

BgpTimers rfc4271_timers() {
  BgpTimers t;  // the struct's defaults are RFC 4271 §10's suggested values
  t.jitter = JitterPolicy::kRfc4271;
  return t;
}

BgpTimers default_timers(vendor::Vendor v) {
  switch (v) {
    case vendor::Vendor::kJunos:
      return junos();
    case vendor::Vendor::kBird:
      return bird();
    case vendor::Vendor::kLinux:
      return bird();
    case vendor::Vendor::kFrr:
      return frr();
    case vendor::Vendor::kEos:
      return eos();
  }
  return rfc4271_timers();
}

Pacing default_pacing(vendor::Vendor v) {
  Pacing p;
  switch (v) {
    case vendor::Vendor::kFrr:
      // lib/workqueue.h WORK_QUEUE_DEFAULT_HOLD 50 ms, the hold of bgpd's
      // route-processing queue; bgp_route.c gives the peer's clear-node
      // queue a 10 ms hold. bgp_updgrp.h: a new subgroup's coalesce time is
      // MIN(10000, 1000 + peers x 50) ms. Measured on FRR 8.4.4: UPDATE
      // received -> route to zebra 50 ms; session down -> clearing done
      // 13.5 ms -> route to zebra 50 ms later; first UPDATE to a new peer
      // 1100 ms after Established with one configured neighbour
      // (docs/validation.md).
      p.decision_hold = sim::Duration::milliseconds(50);
      p.clear_hold = sim::Duration::milliseconds(10);
      p.first_update = FirstUpdate::kCoalesce;
      p.coalesce_base = sim::Duration::milliseconds(1000);
      p.coalesce_per_peer = sim::Duration::milliseconds(50);
      p.coalesce_max = sim::Duration::milliseconds(10000);
      // bgp_routemap.c: reading a route-map arms the route-map delay timer
      // (`bgp route-map delay-timer`, 5 s); when it fires bgpd re-applies
      // inbound policy and sends ROUTE-REFRESH to its Established peers.
      // Measured: "Processing route_map IMPORT-BGP-SERVERS ... (inbound,
      // route-refresh)", "sending REFRESH_REQ" 5.1 s after the start.
      p.route_refresh_after_start = sim::Duration::seconds(5);
      break;
    case vendor::Vendor::kBird:
    case vendor::Vendor::kLinux:
      // Measured on BIRD 2.0.12 (docs/validation.md): the first UPDATE to a
      // newly Established peer leaves when the event loop next wakes for
      // something else (the peer's first UPDATE, another session's connect
      // timer, a ROUTE-REFRESH): 74 ms to 1.1 s after Established in five
      // sessions. The loop sleeps at most 3 s (sysdep/unix/io.c io_loop,
      // poll timeout 3000 ms). UNVERIFIED: which of BIRD's paths defers it.
      p.first_update = FirstUpdate::kNextWakeup;
      p.wakeup_max = sim::Duration::seconds(3);
      break;
    case vendor::Vendor::kJunos:
    case vendor::Vendor::kEos:
      break;  // nothing known: at once
  }
  return p;
}

DecisionConfig default_decision(vendor::Vendor v) {
  DecisionConfig d;
  switch (v) {
    case vendor::Vendor::kBird:
    case vendor::Vendor::kLinux:
      // One best route unless the kernel protocol has `merge paths` (limit 16 when on).
      d.max_paths = 1;
      d.multipath_as = MultipathAsRule::kAny;
      break;
    case vendor::Vendor::kFrr:
      d.max_paths = 16;  // maximum-paths defaults to MULTIPATH_NUM
      d.multipath_as = MultipathAsRule::kIdenticalAsPath;
      break;
    case vendor::Vendor::kJunos:
      d.max_paths = 1;  // needs `multipath`; then paths from the same neighbouring AS
      d.multipath_as = MultipathAsRule::kSameNeighborAs;
      break;
    case vendor::Vendor::kEos:
      d.max_paths = 1;
      d.multipath_as = MultipathAsRule::kIdenticalAsPath;
      break;
  }
  return d;
}

}  // namespace bgp
