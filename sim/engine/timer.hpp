// A restartable protocol timer (hold timer, keepalive timer, SPF timer, ...).
//
// Restarting is the common operation (a BGP hold timer restarts on every
// KEEPALIVE), so it is O(1) when the new deadline is later than the event
// already queued: the queued event wakes the timer early and it re-queues
// itself for the real deadline. A timer therefore holds at most one entry in
// the queue however often it is restarted. Ties with other events at the same
// time are broken by when the timer was last started.
//
// A Timer must outlive its pending expiry and is neither copied nor moved.
#pragma once

#include "sim/engine/callback.hpp"
#include "sim/engine/simulator.hpp"

namespace sim {

class Timer {
 public:
  Timer(Simulator& sim, Callback on_expiry) : sim_(sim), on_expiry_(on_expiry) {}
  ~Timer() { stop(); }
  Timer(const Timer&) = delete;
  Timer& operator=(const Timer&) = delete;

  // (Re)starts the timer to expire `after` from now.
  void start(Duration after);
  void stop();
  bool running() const { return armed_; }
  Time expires_at() const { return deadline_; }
  Duration remaining() const { return armed_ ? deadline_ - sim_.now() : Duration::zero(); }

 private:
  void wake();
  void enqueue(Time at);

  Simulator& sim_;
  Callback on_expiry_;
  Time deadline_;
  uint64_t deadline_seq_ = 0;
  bool armed_ = false;
  EventId queued_;
  Time queued_at_;
};

}  // namespace sim
