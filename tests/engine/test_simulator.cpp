#include <catch2/catch.hpp>
#include <vector>

#include "sim/engine/simulator.hpp"

using sim::Duration;
using sim::EventId;
using sim::Simulator;
using sim::StopReason;
using sim::Time;

namespace {

Time at_ms(int64_t ms) { return Time::zero() + Duration::milliseconds(ms); }

}  // namespace

TEST_CASE("events run in time order, ties in insertion order", "[engine][simulator]") {
  Simulator sim;
  std::vector<int> order;
  auto* log = &order;
  sim.schedule_at(at_ms(30), [log] { log->push_back(30); });
  sim.schedule_at(at_ms(10), [log] { log->push_back(10); });
  for (int i = 0; i < 50; ++i) sim.schedule_at(at_ms(20), [log, i] { log->push_back(100 + i); });
  sim.schedule_at(at_ms(0), [log] { log->push_back(0); });

  CHECK(sim.run_until(Time::max()) == StopReason::kQueueEmpty);
  std::vector<int> expected{0, 10};
  for (int i = 0; i < 50; ++i) expected.push_back(100 + i);
  expected.push_back(30);
  CHECK(order == expected);
  CHECK(sim.events_executed() == 53);
  CHECK(sim.now() == at_ms(30));
}

TEST_CASE("the clock reads each event's time while it runs", "[engine][simulator]") {
  Simulator sim;
  std::vector<Time> seen;
  auto* log = &seen;
  Simulator* s = &sim;
  sim.schedule_at(at_ms(5), [log, s] {
    log->push_back(s->now());
    s->schedule_in(Duration::milliseconds(7), [log, s] { log->push_back(s->now()); });
  });
  sim.run_until(Time::max());
  CHECK(seen == std::vector<Time>{at_ms(5), at_ms(12)});
}

TEST_CASE("an event scheduled for now runs after those already queued for now",
          "[engine][simulator]") {
  Simulator sim;
  std::vector<char> order;
  auto* log = &order;
  Simulator* s = &sim;
  sim.schedule_at(at_ms(1), [log, s] {
    log->push_back('a');
    s->schedule_in(Duration::zero(), [log] { log->push_back('c'); });
  });
  sim.schedule_at(at_ms(1), [log] { log->push_back('b'); });
  sim.run_until(Time::max());
  CHECK(order == std::vector<char>{'a', 'b', 'c'});
}

TEST_CASE("scheduling in the past is an error", "[engine][simulator]") {
  Simulator sim;
  sim.run_until(at_ms(10));
  CHECK_THROWS_AS(sim.schedule_at(at_ms(9), [] {}), std::logic_error);
  CHECK_NOTHROW(sim.schedule_at(at_ms(10), [] {}));
}

TEST_CASE("cancel", "[engine][simulator]") {
  Simulator sim;
  std::vector<int> ran;
  auto* log = &ran;

  SECTION("a cancelled event does not run") {
    const EventId a = sim.schedule_at(at_ms(1), [log] { log->push_back(1); });
    sim.schedule_at(at_ms(2), [log] { log->push_back(2); });
    CHECK(sim.pending(a));
    sim.cancel(a);
    CHECK_FALSE(sim.pending(a));
    CHECK(sim.pending_events() == 1);
    sim.cancel(a);  // twice is harmless
    CHECK(sim.pending_events() == 1);
    sim.run_until(Time::max());
    CHECK(ran == std::vector<int>{2});
  }

  SECTION("cancelling an event that already ran does not hit its slot's next user") {
    const EventId first = sim.schedule_at(at_ms(1), [log] { log->push_back(1); });
    sim.run_until(at_ms(1));
    CHECK_FALSE(sim.pending(first));
    // The slab reuses the freed record for the next event.
    const EventId second = sim.schedule_at(at_ms(2), [log] { log->push_back(2); });
    CHECK(second.slot == first.slot);
    sim.cancel(first);
    CHECK(sim.pending(second));
    sim.run_until(Time::max());
    CHECK(ran == std::vector<int>{1, 2});
  }

  SECTION("an event can cancel another at the same time, and itself harmlessly") {
    struct Ids {
      EventId self, victim;
    } ids;
    Ids* id = &ids;
    Simulator* s = &sim;
    ids.self = sim.schedule_at(at_ms(3), [log, s, id] {
      log->push_back(1);
      s->cancel(id->self);
      s->cancel(id->victim);
      s->schedule_in(Duration::zero(), [log] { log->push_back(3); });
    });
    ids.victim = sim.schedule_at(at_ms(3), [log] { log->push_back(2); });
    sim.run_until(Time::max());
    CHECK(ran == std::vector<int>{1, 3});
    CHECK(sim.pending_events() == 0);
  }

  SECTION("a default EventId is never pending and cancelling it is a no-op") {
    sim.schedule_at(at_ms(1), [log] { log->push_back(1); });
    CHECK_FALSE(sim.pending(EventId{}));
    sim.cancel(EventId{});
    sim.run_until(Time::max());
    CHECK(ran == std::vector<int>{1});
  }
}

TEST_CASE("many cancels compact the queue", "[engine][simulator]") {
  Simulator sim;
  int ran = 0;
  int* count = &ran;
  // One long-lived event, then a million scheduled-and-cancelled ones, as a
  // model that reschedules a retransmission on every ACK would produce.
  sim.schedule_at(at_ms(1'000'000), [count] { ++*count; });
  size_t peak = 0;
  for (int i = 0; i < 1'000'000; ++i) {
    const EventId id = sim.schedule_at(at_ms(1 + i % 1000), [count] { *count += 1000; });
    sim.cancel(id);
    peak = std::max(peak, sim.queue_size());
  }
  CHECK(sim.pending_events() == 1);
  CHECK(peak <= 4096);
  sim.run_until(Time::max());
  CHECK(ran == 1);
  CHECK(sim.queue_size() == 0);
}

TEST_CASE("compaction keeps the order of live events", "[engine][simulator]") {
  Simulator sim;
  std::vector<int> order;
  auto* log = &order;
  std::vector<EventId> ids;
  for (int i = 0; i < 10'000; ++i)
    ids.push_back(sim.schedule_at(at_ms(i % 100), [log, i] { log->push_back(i); }));
  for (int i = 0; i < 10'000; ++i)
    if (i % 7 != 0) sim.cancel(ids[i]);
  CHECK(sim.queue_size() < 10'000);  // compaction ran
  sim.run_until(Time::max());
  std::vector<int> expected;
  for (int t = 0; t < 100; ++t)
    for (int i = t; i < 10'000; i += 100)
      if (i % 7 == 0) expected.push_back(i);
  CHECK(order == expected);
}

TEST_CASE("run_until boundaries", "[engine][simulator]") {
  Simulator sim;
  std::vector<int> ran;
  auto* log = &ran;
  sim.schedule_at(at_ms(10), [log] { log->push_back(10); });
  sim.schedule_at(at_ms(10) + Duration::picoseconds(1), [log] { log->push_back(11); });

  SECTION("an event exactly at the end runs and the clock then reads the end") {
    CHECK(sim.run_until(at_ms(10)) == StopReason::kReachedEnd);
    CHECK(ran == std::vector<int>{10});
    CHECK(sim.now() == at_ms(10));
    CHECK(sim.pending_events() == 1);
  }

  SECTION("the clock advances to the end even with no event there") {
    CHECK(sim.run_until(at_ms(5)) == StopReason::kReachedEnd);
    CHECK(ran.empty());
    CHECK(sim.now() == at_ms(5));
    CHECK(sim.run_until(at_ms(20)) == StopReason::kQueueEmpty);
    CHECK(ran == std::vector<int>{10, 11});
    CHECK(sim.now() == at_ms(20));
  }

  SECTION("running to Time::max leaves the clock at the last event") {
    CHECK(sim.run_until(Time::max()) == StopReason::kQueueEmpty);
    CHECK(sim.now() == at_ms(10) + Duration::picoseconds(1));
  }

  SECTION("an earlier end never moves the clock back") {
    sim.run_until(at_ms(15));
    CHECK(sim.run_until(at_ms(12)) == StopReason::kQueueEmpty);
    CHECK(sim.now() == at_ms(15));
  }
}

TEST_CASE("a cancelled event does not change how a run ends", "[engine][simulator]") {
  // With nothing pending the run reports an empty queue, whether or not a
  // dead entry is still waiting in the heap beyond the end.
  Simulator sim;
  sim.cancel(sim.schedule_at(at_ms(10), [] {}));
  CHECK(sim.pending_events() == 0);
  CHECK(sim.run_until(at_ms(5)) == StopReason::kQueueEmpty);
  CHECK(sim.now() == at_ms(5));
  CHECK(sim.run_until(at_ms(20)) == StopReason::kQueueEmpty);
}

TEST_CASE("stop ends the run after the current event", "[engine][simulator]") {
  Simulator sim;
  std::vector<int> ran;
  auto* log = &ran;
  Simulator* s = &sim;
  sim.schedule_at(at_ms(1), [log, s] {
    log->push_back(1);
    s->stop();
  });
  sim.schedule_at(at_ms(1), [log] { log->push_back(2); });
  CHECK(sim.run_until(at_ms(100)) == StopReason::kStopped);
  CHECK(ran == std::vector<int>{1});
  CHECK(sim.now() == at_ms(1));
  CHECK(sim.run_until(at_ms(100)) == StopReason::kQueueEmpty);
  CHECK(ran == std::vector<int>{1, 2});
}

TEST_CASE("the event limit stops a run without losing the next event", "[engine][simulator]") {
  Simulator sim;
  int ran = 0;
  int* count = &ran;
  Simulator* s = &sim;
  // A self-rescheduling event would run forever without the limit.
  struct Tick {
    Simulator* s;
    int* count;
    void operator()() const {
      ++*count;
      s->schedule_in(Duration::milliseconds(1), *this);
    }
  };
  sim.schedule_at(Time::zero(), Tick{s, count});
  sim.set_event_limit(100);
  CHECK(sim.run_until(Time::max()) == StopReason::kEventLimit);
  CHECK(ran == 100);
  CHECK(sim.events_executed() == 100);
  CHECK(sim.now() == at_ms(99));
  CHECK(sim.pending_events() == 1);

  sim.set_event_limit(150);
  CHECK(sim.run_until(Time::max()) == StopReason::kEventLimit);
  CHECK(ran == 150);
  CHECK(sim.now() == at_ms(149));
}
