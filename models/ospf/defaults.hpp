// Per-vendor OSPF defaults: protocol timers, SPF throttling, interface
// costs and the metric of redistributed routes.
//
// Every value, its source (document or source file and version) and what
// could not be verified is listed in docs/vendor-defaults.md, section
// "OSPF". `linux` means a Linux host running BIRD, as in the lab and in
// models/bgp/defaults.hpp.
#pragma once

#include <cstdint>
#include <string>

#include "models/vendor/vendor.hpp"
#include "sim/engine/time.hpp"

namespace ospf {

// How a router delays its routing table calculation after a change
// (RFC 2328 leaves this to implementations; see spf_throttle.hpp).
enum class SpfThrottleKind : uint8_t {
  kFixed,     // run `delay` after a change, at least `hold` after the last run
  kJunos,     // spf-options delay / holddown / rapid-runs
  kFrr,       // timers throttle spf delay / initial-holdtime / max-holdtime
  kBirdTick,  // calculate on the next periodic tick
};
std::string_view to_string(SpfThrottleKind k);

struct SpfThrottleConfig {
  SpfThrottleKind kind = SpfThrottleKind::kFixed;
  sim::Duration delay;     // fixed / Junos delay / FRR delay
  sim::Duration hold;      // fixed minimum gap / Junos holddown / FRR initial-holdtime
  sim::Duration max_hold;  // FRR max-holdtime
  uint32_t rapid_runs = 3;  // Junos
  sim::Duration tick = sim::Duration::seconds(1);  // BIRD
};

// When an AS-external-LSA changes: recalculate at once (RFC 2328 §16.6
// incremental update; FRR's ospf_ase_incremental_update) or with the next
// throttled SPF run.
enum class ExternalRecalc : uint8_t { kThrottled, kImmediate };

struct OspfTimers {
  // Interface timers (RFC 2328 §9, C.3). Hello and dead intervals travel in
  // whole seconds and must match on both ends (§10.5).
  sim::Duration hello_interval = sim::Duration::seconds(10);
  sim::Duration dead_interval = sim::Duration::seconds(40);
  sim::Duration rxmt_interval = sim::Duration::seconds(5);
  sim::Duration transmit_delay = sim::Duration::seconds(1);  // InfTransDelay, added to LS age
  // Architectural constants (Appendix B), configurable on FRR.
  sim::Duration min_ls_interval = sim::Duration::seconds(5);
  sim::Duration min_ls_arrival = sim::Duration::seconds(1);
  sim::Duration ls_refresh = sim::Duration::seconds(1800);
  // From the interface entering Point-to-point to the first Hello.
  sim::Duration first_hello_delay;
  // Delayed acknowledgements (§13.5) are sent this long after the first is queued.
  sim::Duration ack_delay = sim::Duration::seconds(1);
  SpfThrottleConfig spf;
  ExternalRecalc external_recalc = ExternalRecalc::kThrottled;
  // After a full run, AS-external routes are recalculated this much later
  // (FRR: ospf_ase.c OSPF_ASE_CALC_INTERVAL, 1 s); until then they stay as
  // they were. Zero: in the same run (RFC 2328 §16).
  sim::Duration external_after_spf = sim::Duration::zero();
};

// RFC 2328's values (Appendix B, C.3) with SPF on every change: a reference profile.
OspfTimers rfc2328_timers();
OspfTimers default_timers(vendor::Vendor v);

// Empty when valid, else why not ("hello interval 1.5s: must be whole seconds").
std::string validate(const OspfTimers& timers);

// Interface cost when none is configured: reference bandwidth / link
// bandwidth, at least 1 (Junos, FRR: reference 100 Mb/s), or a flat cost (BIRD 10).
uint32_t default_interface_cost(vendor::Vendor v, uint64_t bandwidth_bps);

// What a redistributed route is advertised with when the export policy sets
// no metric (RFC 2328 leaves it to the implementation).
struct ExternalDefaults {
  bool type2 = true;
  uint32_t metric = 0;
  bool metric_from_route = false;  // Junos: the route's own metric (BGP MED, static metric)
};
ExternalDefaults default_external(vendor::Vendor v);

}  // namespace ospf
