#include "sim/run/run_loop.hpp"

#include <algorithm>

#include "sim/run/interrupt.hpp"
#include "sim/run/invariants.hpp"
#include "sim/run/world.hpp"

namespace run {

RunLoop::RunLoop(World& world, LoopOptions options)
    : world_(world), options_(options), next_check_(sim::Time::max()) {
  if (options_.check_every && *options_.check_every > sim::Duration::zero())
    next_check_ = world_.simulator().now() + *options_.check_every;
}

sim::StopReason RunLoop::run_until(sim::Time end) {
  sim::Simulator& sim = world_.simulator();
  for (;;) {
    if (const int signal = run::interrupt_signal(); signal != 0) {
      interrupt_signal_ = signal;
      return sim::StopReason::kStopped;
    }
    const bool check_now = next_check_ <= end;
    const sim::Time target = check_now ? next_check_ : end;
    uint64_t limit = sim.events_executed() + kPollEvents;
    if (options_.max_events != 0) limit = std::min(limit, options_.max_events);
    sim.set_event_limit(limit);
    const sim::StopReason reason = sim.run_until(target);
    sim.set_event_limit(options_.max_events);
    if (reason == sim::StopReason::kStopped) return reason;
    if (reason == sim::StopReason::kEventLimit) {
      if (options_.max_events != 0 && sim.events_executed() >= options_.max_events) return reason;
      continue;  // only a slice ended
    }
    if (check_now) {
      ++checks_run_;
      violations_ = check_invariants(world_);
      if (!violations_.empty()) {
        violation_time_ = sim.now();
        return sim::StopReason::kStopped;
      }
      next_check_ = next_check_ + *options_.check_every;
    }
    // Nothing left to happen: no slice could change what the checks saw.
    if (reason == sim::StopReason::kQueueEmpty) return sim.run_until(end);
    if (target == end) return reason;
  }
}

}  // namespace run
