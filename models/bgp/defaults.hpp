// Per-vendor BGP defaults: timers and decision-process settings.
//
// Every value, its source (document or source file and version) and what
// could not be verified is listed in docs/vendor-defaults.md, section "BGP".
// `linux` means a Linux host running BIRD, as in the lab (Alpine + BIRD 2.13):
// Linux itself has no BGP, and BIRD is what such hosts run.
#pragma once

#include "models/bgp/decision.hpp"
#include "models/bgp/pacing.hpp"
#include "models/bgp/timers.hpp"
#include "models/vendor/vendor.hpp"

namespace bgp {

BgpTimers default_timers(vendor::Vendor v);
DecisionConfig default_decision(vendor::Vendor v);
Pacing default_pacing(vendor::Vendor v);

// The RFC 4271 §10 suggested values with RFC jitter: a reference profile.
BgpTimers rfc4271_timers();

}  // namespace bgp
