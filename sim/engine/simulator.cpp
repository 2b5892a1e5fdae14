#include "sim/engine/simulator.hpp"

#include <algorithm>
#include <stdexcept>

namespace sim {

EventId Simulator::push(Time at, uint64_t seq, Callback fn) {
  if (at < now_) throw std::logic_error("event scheduled in the past at " + format_seconds(at));
  uint32_t slot;
  if (free_head_ != kNoSlot) {
    slot = free_head_;
    free_head_ = records_[slot].next_free;
  } else {
    slot = static_cast<uint32_t>(records_.size());
    records_.emplace_back();
  }
  Record& r = records_[slot];
  r.fn = fn;
  r.next_free = kNoSlot;
  heap_.push_back(Entry{at.ps(), seq, slot, r.generation});
  sift_up(heap_.size() - 1);
  return EventId{slot, r.generation};
}

void Simulator::release(uint32_t slot) {
  Record& r = records_[slot];
  ++r.generation;
  r.next_free = free_head_;
  free_head_ = slot;
}

void Simulator::cancel(EventId id) {
  if (!pending(id)) return;
  release(id.slot);
  ++stale_;
  if (stale_ > 1024 && stale_ * 2 > heap_.size()) compact();
}

bool Simulator::pending(EventId id) const {
  // A run or cancelled event bumped its record's generation, so an old id no longer matches.
  return id.valid() && id.slot < records_.size() && records_[id.slot].generation == id.generation;
}

void Simulator::compact() {
  std::erase_if(heap_, [this](const Entry& e) { return records_[e.slot].generation != e.generation; });
  stale_ = 0;
  // Rebuild bottom-up; (at, seq) is a total order, so the result is deterministic.
  for (size_t i = heap_.size() / 4 + 1; i-- > 0;) sift_down(i);
}

void Simulator::sift_up(size_t i) {
  const Entry moving = heap_[i];
  while (i > 0) {
    const size_t parent = (i - 1) / 4;
    if (!earlier(moving, heap_[parent])) break;
    heap_[i] = heap_[parent];
    i = parent;
  }
  heap_[i] = moving;
}

void Simulator::sift_down(size_t i) {
  const size_t n = heap_.size();
  if (i >= n) return;
  const Entry moving = heap_[i];
  for (;;) {
    const size_t first = 4 * i + 1;
    if (first >= n) break;
    size_t best = first;
    const size_t last = std::min(first + 4, n);
    for (size_t c = first + 1; c < last; ++c)
      if (earlier(heap_[c], heap_[best])) best = c;
    if (!earlier(heap_[best], moving)) break;
    heap_[i] = heap_[best];
    i = best;
  }
  heap_[i] = moving;
}

void Simulator::pop_top() {
  heap_.front() = heap_.back();
  heap_.pop_back();
  if (!heap_.empty()) sift_down(0);
}

StopReason Simulator::run_until(Time end) {
  stop_requested_ = false;
  while (!heap_.empty()) {
    const Entry top = heap_.front();
    if (top.at > end.ps()) break;
    // With many events pending the record is a cache miss; start fetching it
    // now so the miss overlaps the heap fix-up instead of following it.
    __builtin_prefetch(&records_[top.slot]);
    pop_top();
    Record& r = records_[top.slot];
    if (r.generation != top.generation) {
      --stale_;
      continue;
    }
    if (event_limit_ != 0 && events_executed_ >= event_limit_) {
      // Put it back untouched so the state stays consistent for reporting.
      heap_.push_back(top);
      sift_up(heap_.size() - 1);
      return StopReason::kEventLimit;
    }
    now_ = Time::from_ps(top.at);
    Callback fn = r.fn;  // copy out: the callback may schedule into this slot
    release(top.slot);
    ++events_executed_;
    fn();
    if (stop_requested_) return StopReason::kStopped;
  }
  // Dead entries beyond `end` may remain; they must not change the outcome.
  const bool drained = pending_events() == 0;
  if (end != Time::max()) now_ = std::max(now_, end);
  return drained ? StopReason::kQueueEmpty : StopReason::kReachedEnd;
}

}  // namespace sim
