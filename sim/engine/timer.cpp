#include "sim/engine/timer.hpp"

namespace sim {

void Timer::enqueue(Time at) {
  queued_at_ = at;
  queued_ = sim_.schedule_at_sequence(at, deadline_seq_, [this] { wake(); });
}

void Timer::start(Duration after) {
  deadline_ = sim_.now() + after;
  deadline_seq_ = sim_.reserve_sequence();
  armed_ = true;
  if (sim_.pending(queued_)) {
    if (queued_at_ < deadline_) return;  // the queued wake-up comes first and re-queues
    sim_.cancel(queued_);
  }
  enqueue(deadline_);
}

void Timer::stop() {
  armed_ = false;
  sim_.cancel(queued_);
  queued_ = EventId{};
}

void Timer::wake() {
  queued_ = EventId{};
  if (!armed_) return;
  if (sim_.now() < deadline_) {
    enqueue(deadline_);
    return;
  }
  armed_ = false;
  on_expiry_();
}

}  // namespace sim
