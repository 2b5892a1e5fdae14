#include "models/ospf/spf_throttle.hpp"

#include <algorithm>

namespace ospf {

SpfThrottle::SpfThrottle(SpfThrottleConfig config, sim::Time started)
    : config_(config), started_(started) {}

sim::Time SpfThrottle::schedule(sim::Time now) {
  switch (config_.kind) {
    case SpfThrottleKind::kFixed: return fixed(now);
    case SpfThrottleKind::kJunos: return junos(now);
    case SpfThrottleKind::kFrr: return frr(now);
    case SpfThrottleKind::kBirdTick: return bird(now);
  }
  return now;
}

void SpfThrottle::ran(sim::Time at) {
  last_run_ = at;
  ++rapid_count_;  // Junos: schedule() reset it when this run began a new succession
}

sim::Time SpfThrottle::fixed(sim::Time now) const {
  const sim::Time at = now + config_.delay;
  if (last_run_ && at < *last_run_ + config_.hold) return *last_run_ + config_.hold;
  return at;
}

sim::Time SpfThrottle::junos(sim::Time now) {
  const bool in_succession = last_run_ && now - *last_run_ < config_.hold;
  if (!in_succession) {
    rapid_count_ = 0;
    return now + config_.delay;
  }
  if (rapid_count_ >= config_.rapid_runs) return std::max(*last_run_ + config_.hold, now);
  return now + config_.delay;
}

sim::Time SpfThrottle::frr(sim::Time now) {
  sim::Duration ht = config_.hold * hold_multiplier_;
  if (ht > config_.max_hold) ht = config_.max_hold;
  // No run yet: FRR's ts_spf is zero, so the elapsed time is huge.
  const bool within_hold = last_run_ && now - *last_run_ < ht;
  if (!within_hold) {
    hold_multiplier_ = 1;
    return now + config_.delay;
  }
  if (ht < config_.max_hold) ++hold_multiplier_;
  const sim::Duration rest = ht - (now - *last_run_);
  return now + std::max(rest, config_.delay);
}

sim::Time SpfThrottle::bird(sim::Time now) const {
  // The first tick strictly after `now`: a change made while a tick's work
  // runs is picked up by the next one.
  const int64_t ticks = (now - started_) / config_.tick + 1;
  return started_ + config_.tick * ticks;
}

}  // namespace ospf
