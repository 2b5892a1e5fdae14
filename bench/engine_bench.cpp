// Engine throughput next to the bare loops it must stay close to.
//
// Every mhsim benchmark has a baseline doing the same work on a plain
// std::priority_queue, so one run compares them on one machine:
//
//   Hold*:         the classic hold model. N events are pending; each executed
//                  event schedules one more at now + delay. Delays are
//                  precomputed so both sides pay the same for randomness.
//   TimerLater*:   N protocol timers, all restarted every tick to a later
//                  deadline (hold timers on KEEPALIVE). The baseline pushes an
//                  entry per restart and skips stale ones when they surface.
//   TimerEarlier*: as above, but 31 of every 32 restarts move the deadline
//                  earlier, which the engine handles by cancel + re-queue.
//
// Items are executed events (Hold) or timer restarts (Timer).
#include <benchmark/benchmark.h>

#include <memory>
#include <queue>
#include <vector>

#include "sim/engine/random.hpp"
#include "sim/engine/simulator.hpp"
#include "sim/engine/timer.hpp"

namespace {

using sim::Duration;
using sim::Time;

// ---- hold model ----

constexpr size_t kDelayMask = (size_t{1} << 20) - 1;
constexpr int64_t kBatch = 1 << 14;  // events per benchmark iteration

const int64_t* delays() {
  static const std::vector<int64_t> table = [] {
    sim::RandomStream rng(1, "bench/hold");
    std::vector<int64_t> v(kDelayMask + 1);
    for (int64_t& d : v) d = 1 + rng.exponential(Duration::microseconds(1)).ps();
    return v;
  }();
  return table.data();
}

struct SimHold {
  sim::Simulator sim;
  const int64_t* delay = delays();
  size_t next = 0;
  Duration next_delay() { return Duration::picoseconds(delay[next++ & kDelayMask]); }
};

struct HoldEvent {
  SimHold* model;
  void operator()() const { model->sim.schedule_in(model->next_delay(), *this); }
};

void BM_HoldSimulator(benchmark::State& state) {
  SimHold model;
  for (int64_t i = 0; i < state.range(0); ++i)
    model.sim.schedule_in(model.next_delay(), HoldEvent{&model});
  for (auto _ : state) {
    model.sim.set_event_limit(model.sim.events_executed() + kBatch);
    model.sim.run_until(Time::max());
  }
  state.SetItemsProcessed(state.iterations() * kBatch);
}

struct BareEntry {
  int64_t at;
  uint64_t seq;
  uint32_t handler;
};
struct BareLater {
  bool operator()(const BareEntry& a, const BareEntry& b) const {
    return a.at > b.at || (a.at == b.at && a.seq > b.seq);
  }
};

struct BareHold;
using BareHandler = void (*)(BareHold&);

struct BareHold {
  std::priority_queue<BareEntry, std::vector<BareEntry>, BareLater> queue;
  std::vector<BareHandler> handlers;  // filled at run time so calls stay indirect
  int64_t now = 0;
  uint64_t seq = 0;
  const int64_t* delay = delays();
  size_t next = 0;
  void schedule(uint32_t handler) {
    queue.push({now + delay[next++ & kDelayMask], seq++, handler});
  }
};

void bare_hold_event(BareHold& model) { model.schedule(0); }

void BM_HoldBarePQ(benchmark::State& state) {
  BareHold model;
  model.handlers.push_back(bare_hold_event);
  benchmark::DoNotOptimize(model.handlers.data());
  for (int64_t i = 0; i < state.range(0); ++i) model.schedule(0);
  for (auto _ : state) {
    for (int64_t i = 0; i < kBatch; ++i) {
      const BareEntry e = model.queue.top();
      model.queue.pop();
      model.now = e.at;
      model.handlers[e.handler](model);
    }
  }
  state.SetItemsProcessed(state.iterations() * kBatch);
}

// ---- timer restarts ----

constexpr Duration kTick = Duration::milliseconds(1);

// Later: always 90 ticks from now. Earlier: 100, 98, ..., 38 ticks from now,
// so each restart but the first of a cycle of 32 lands before the last deadline.
Duration hold_later(uint64_t) { return kTick * 90; }
Duration hold_earlier(uint64_t tick) { return kTick * (100 - 2 * static_cast<int64_t>(tick % 32)); }

template <Duration (*Hold)(uint64_t)>
void BM_TimerSimulator(benchmark::State& state) {
  sim::Simulator sim;
  uint64_t expired = 0;
  uint64_t* count = &expired;
  std::vector<std::unique_ptr<sim::Timer>> timers;  // a Timer is never moved
  for (int64_t i = 0; i < state.range(0); ++i)
    timers.push_back(std::make_unique<sim::Timer>(sim, [count] { ++*count; }));
  uint64_t tick = 0;
  for (auto _ : state) {
    sim.run_until(sim.now() + kTick);
    const Duration hold = Hold(tick++);
    for (auto& t : timers) t->start(hold);
  }
  benchmark::DoNotOptimize(expired);
  state.SetItemsProcessed(state.iterations() * state.range(0));
  state.counters["queue"] = static_cast<double>(sim.queue_size());
}

// The usual hand-rolled timer: a generation per timer, one queue entry per
// restart, and entries whose generation is stale are dropped when popped.
struct BareTimers {
  struct Entry {
    int64_t at;
    uint64_t seq;
    uint32_t timer;
    uint32_t generation;
  };
  struct Later {
    bool operator()(const Entry& a, const Entry& b) const {
      return a.at > b.at || (a.at == b.at && a.seq > b.seq);
    }
  };
  std::priority_queue<Entry, std::vector<Entry>, Later> queue;
  std::vector<uint32_t> generation;
  std::vector<void (*)(BareTimers&, uint32_t)> on_expiry;
  int64_t now = 0;
  uint64_t seq = 0;
  uint64_t expired = 0;

  void start(uint32_t timer, int64_t after) {
    queue.push({now + after, seq++, timer, ++generation[timer]});
  }
  void run_until(int64_t end) {
    while (!queue.empty() && queue.top().at <= end) {
      const Entry e = queue.top();
      queue.pop();
      if (generation[e.timer] != e.generation) continue;
      now = e.at;
      ++generation[e.timer];
      on_expiry[e.timer](*this, e.timer);
    }
    now = end;
  }
};

void bare_expiry(BareTimers& timers, uint32_t) { ++timers.expired; }

template <Duration (*Hold)(uint64_t)>
void BM_TimerBarePQ(benchmark::State& state) {
  BareTimers timers;
  const auto n = static_cast<uint32_t>(state.range(0));
  timers.generation.assign(n, 0);
  timers.on_expiry.assign(n, bare_expiry);
  benchmark::DoNotOptimize(timers.on_expiry.data());
  uint64_t tick = 0;
  for (auto _ : state) {
    timers.run_until(timers.now + kTick.ps());
    const int64_t hold = Hold(tick++).ps();
    for (uint32_t t = 0; t < n; ++t) timers.start(t, hold);
  }
  benchmark::DoNotOptimize(timers.expired);
  state.SetItemsProcessed(state.iterations() * state.range(0));
  state.counters["queue"] = static_cast<double>(timers.queue.size());
}

BENCHMARK(BM_HoldSimulator)->Arg(1'000)->Arg(100'000)->Arg(1'000'000);
BENCHMARK(BM_HoldBarePQ)->Arg(1'000)->Arg(100'000)->Arg(1'000'000);
BENCHMARK(BM_TimerSimulator<hold_later>)->Name("BM_TimerLaterSimulator")->Arg(1'000)->Arg(10'000);
BENCHMARK(BM_TimerBarePQ<hold_later>)->Name("BM_TimerLaterBarePQ")->Arg(1'000)->Arg(10'000);
BENCHMARK(BM_TimerSimulator<hold_earlier>)
    ->Name("BM_TimerEarlierSimulator")
    ->Arg(1'000)
    ->Arg(10'000);
BENCHMARK(BM_TimerBarePQ<hold_earlier>)->Name("BM_TimerEarlierBarePQ")->Arg(1'000)->Arg(10'000);

}  // namespace

BENCHMARK_MAIN();
