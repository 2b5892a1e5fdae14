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
  t.track_link_state = true;
  // A lost neighbour is no error: bgp_neigh_notify() does not call
  // bgp_update_startup_delay() (measured on BIRD 2.0.12, docs/validation.md).
  t.link_loss_is_error = false;
  // config.Y: gr_mode = BGP_GR_AWARE, gr_time = 120; bgp.c sends gr_time
  // only in mode `on` (able), so the aware capability carries 0.
  t.graceful_restart.mode = GrMode::kAware;
  t.graceful_restart.aware_sends_restart_time = false;
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
  // bgpd.c: global_gr_present_state = GLOBAL_HELPER unless configured;
  // bgpd.h BGP_DEFAULT_RESTART_TIME 120, BGP_DEFAULT_STALEPATH_TIME 360.
  t.graceful_restart.mode = GrMode::kAware;
  t.graceful_restart.stale_routes_time = s(360);
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
