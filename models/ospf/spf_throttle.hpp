// When to run the routing table calculation after a change (SPF throttling).
//
// RFC 2328 recalculates on every change (§13.2, §16); every daemon delays
// and batches instead, each its own way. The process calls schedule() when
// something changed and no calculation is pending, runs the calculation at
// the time it returns (changes in between are batched into that run) and
// calls ran() afterwards. The algorithms (sources in docs/vendor-defaults.md):
//
//   fixed  run `delay` after the change, but no sooner than `hold` after the
//          previous run. delay = hold = 0 is RFC 2328's "on every change".
//   junos  run `delay` after the change. Runs whose change came within
//          `holddown` of the previous run are "in succession"; after
//          `rapid_runs` of them the next run waits until `holddown` after the
//          previous one, and keeps doing so while changes keep coming. A
//          quiet `holddown` after a run resets the count (spf-options: "if
//          the network stabilizes during the holddown period ... the system
//          reverts to the configured values").
//   frr    FRR's ospf_spf_calculate_schedule(): the hold time is
//          initial-holdtime × a multiplier, capped at max-holdtime. A change
//          within the hold time of the last run waits out the rest of the
//          hold (at least `delay`) and bumps the multiplier (additive, not
//          doubling); a change after it runs after `delay` and resets the
//          multiplier to 1.
//   bird   the calculation runs on BIRD's periodic tick (every `tick` since
//          the protocol started), at the first tick after the change.
#pragma once

#include <optional>

#include "models/ospf/defaults.hpp"
#include "sim/engine/time.hpp"

namespace ospf {

class SpfThrottle {
 public:
  SpfThrottle(SpfThrottleConfig config, sim::Time started);

  // A change at `now` with no calculation pending: when to calculate.
  sim::Time schedule(sim::Time now);
  // The calculation ran at `at`.
  void ran(sim::Time at);

  const SpfThrottleConfig& config() const { return config_; }
  uint32_t frr_hold_multiplier() const { return hold_multiplier_; }
  uint32_t junos_rapid_count() const { return rapid_count_; }

 private:
  sim::Time fixed(sim::Time now) const;
  sim::Time junos(sim::Time now);
  sim::Time frr(sim::Time now);
  sim::Time bird(sim::Time now) const;

  SpfThrottleConfig config_;
  sim::Time started_;
  std::optional<sim::Time> last_run_;
  uint32_t rapid_count_ = 0;      // Junos: runs in the current succession
  uint32_t hold_multiplier_ = 1;  // FRR: spf_hold_multiplier
};

}  // namespace ospf
