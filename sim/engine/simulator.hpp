// The discrete-event core: a clock, an event queue and the run loop.
//
// Events are ordered by (time, sequence number): two events at the same time
// run in the order they were scheduled, on every machine. The queue is a
// 4-ary min-heap of 24-byte entries; callbacks live in a slab of records that
// is reused, so scheduling allocates nothing once the slab has grown to the
// run's peak. Cancelling marks the record (O(1)); dead entries are skipped
// when they surface and the heap is compacted when they outnumber live ones,
// so cancelling or restarting never leaves a growing pile behind.
//
// The engine knows nothing of networking. There is no global simulator:
// models take a Simulator& so that many simulations can run in one process.
#pragma once

#include <cstdint>
#include <limits>
#include <vector>

#include "sim/engine/callback.hpp"
#include "sim/engine/time.hpp"
#include "sim/engine/trace.hpp"

namespace sim {

struct EventId {
  uint32_t slot = std::numeric_limits<uint32_t>::max();
  uint32_t generation = 0;
  bool valid() const { return slot != std::numeric_limits<uint32_t>::max(); }
};

enum class StopReason { kReachedEnd, kQueueEmpty, kStopped, kEventLimit };

class Simulator {
 public:
  Simulator() = default;
  Simulator(const Simulator&) = delete;
  Simulator& operator=(const Simulator&) = delete;

  Time now() const { return now_; }

  EventId schedule_at(Time at, Callback fn) { return push(at, next_seq_++, fn); }
  EventId schedule_in(Duration delay, Callback fn) { return schedule_at(now_ + delay, fn); }
  // Cancels a pending event; a no-op for one that has run or was cancelled.
  void cancel(EventId id);
  bool pending(EventId id) const;

  // Runs events up to and including `end`. The clock then reads `end`
  // unless the run stopped early.
  StopReason run_until(Time end);
  // Ends the current run_until after the running event returns.
  void stop() { stop_requested_ = true; }
  // Stop with kEventLimit after this many events in total (0 = no limit).
  void set_event_limit(uint64_t max_events) { event_limit_ = max_events; }

  uint64_t events_executed() const { return events_executed_; }
  size_t pending_events() const { return heap_.size() - stale_; }
  size_t queue_size() const { return heap_.size(); }  // including dead entries

  Trace& trace() { return trace_; }

  // For Timer: reserves the tie-break position of an event scheduled later.
  uint64_t reserve_sequence() { return next_seq_++; }
  EventId schedule_at_sequence(Time at, uint64_t seq, Callback fn) { return push(at, seq, fn); }

 private:
  struct Entry {
    int64_t at;
    uint64_t seq;
    uint32_t slot;
    uint32_t generation;
  };
  struct Record {
    Callback fn;
    uint32_t generation = 0;
    uint32_t next_free = kNoSlot;
  };
  static constexpr uint32_t kNoSlot = std::numeric_limits<uint32_t>::max();

  static bool earlier(const Entry& a, const Entry& b) {
    return a.at < b.at || (a.at == b.at && a.seq < b.seq);
  }
  EventId push(Time at, uint64_t seq, Callback fn);
  void pop_top();
  void sift_up(size_t i);
  void sift_down(size_t i);
  void release(uint32_t slot);
  void compact();

  Time now_;
  uint64_t next_seq_ = 0;
  uint64_t events_executed_ = 0;
  uint64_t event_limit_ = 0;
  bool stop_requested_ = false;
  std::vector<Entry> heap_;
  std::vector<Record> records_;
  uint32_t free_head_ = kNoSlot;
  size_t stale_ = 0;
  Trace trace_;
};

}  // namespace sim
