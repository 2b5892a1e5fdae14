// How a BGP daemon paces its own work, which RFC 4271 leaves open and which
// sets how long a route takes through a router: the hold before the
// decision process runs, and when a newly Established peer gets its first
// UPDATE. Per vendor in defaults.cpp (default_pacing); sources and
// measurements in docs/vendor-defaults.md ("BGP pacing") and
// docs/validation.md.
#pragma once

#include <cstddef>
#include <cstdint>

#include "sim/engine/time.hpp"

namespace bgp {

enum class FirstUpdate : uint8_t {
  // At the end of the instant the session is Established (Junos, EOS).
  kAtOnce,
  // After the update-group coalesce time (FRR's subgroup coalesce timer).
  kCoalesce,
  // When the daemon's event loop next wakes for anything else: a message on
  // any session or one of its timers, at the latest after its longest
  // sleep (BIRD).
  kNextWakeup,
};

struct Pacing {
  // Changes wait this long, batched, before the decision process runs and
  // its result goes to the RIB and the peers (FRR: bgpd's route-processing
  // work queue). Zero: at once.
  sim::Duration decision_hold = sim::Duration::zero();
  // A lost session's routes wait this long before they join that queue
  // (FRR: the peer's clear-node work queue).
  sim::Duration clear_hold = sim::Duration::zero();
  FirstUpdate first_update = FirstUpdate::kAtOnce;
  // kCoalesce: base + per_peer x (configured neighbours + 1), at most max.
  // The + 1 is the temporary peer FRR creates for an accepted connection,
  // which counts when the heuristic is computed.
  sim::Duration coalesce_base = sim::Duration::zero();
  sim::Duration coalesce_per_peer = sim::Duration::zero();
  sim::Duration coalesce_max = sim::Duration::zero();
  // kNextWakeup: the longest the event loop sleeps.
  sim::Duration wakeup_max = sim::Duration::zero();
  // This long after the daemon starts, every Established peer is asked for
  // a route refresh (FRR: the route-map delay timer armed by reading the
  // configuration's route-maps fires, and bgpd refreshes inbound policy).
  // Zero: never.
  sim::Duration route_refresh_after_start = sim::Duration::zero();

  sim::Duration coalesce_time(size_t neighbors) const {
    const sim::Duration t = coalesce_base + coalesce_per_peer * static_cast<int64_t>(neighbors + 1);
    return t < coalesce_max ? t : coalesce_max;
  }
};

}  // namespace bgp
