#include <catch2/catch.hpp>
#include <vector>

#include "sim/engine/timer.hpp"

using sim::Duration;
using sim::Simulator;
using sim::Time;
using sim::Timer;

namespace {

Time at_s(int64_t s) { return Time::zero() + Duration::seconds(s); }

// Records when a timer expired, as a model's expiry handler would act.
struct Expiries {
  Simulator* sim;
  std::vector<Time> at;
  sim::Callback recorder() {
    return [this] { at.push_back(sim->now()); };
  }
};

}  // namespace

TEST_CASE("a started timer fires once at its deadline", "[engine][timer]") {
  Simulator sim;
  Expiries fired{&sim, {}};
  Timer timer(sim, fired.recorder());
  CHECK_FALSE(timer.running());
  timer.start(Duration::seconds(90));
  CHECK(timer.running());
  CHECK(timer.expires_at() == at_s(90));
  sim.run_until(at_s(30));
  CHECK(timer.remaining() == Duration::seconds(60));
  sim.run_until(Time::max());
  CHECK(fired.at == std::vector<Time>{at_s(90)});
  CHECK_FALSE(timer.running());
  CHECK(timer.remaining() == Duration::zero());
}

TEST_CASE("restarting to a later deadline moves the expiry", "[engine][timer]") {
  Simulator sim;
  Expiries fired{&sim, {}};
  Timer timer(sim, fired.recorder());
  timer.start(Duration::seconds(90));
  sim.run_until(at_s(60));
  timer.start(Duration::seconds(90));  // now due at 150 s
  sim.run_until(at_s(149));
  CHECK(fired.at.empty());
  CHECK(timer.running());
  sim.run_until(Time::max());
  CHECK(fired.at == std::vector<Time>{at_s(150)});
}

TEST_CASE("restarting to an earlier deadline moves the expiry", "[engine][timer]") {
  Simulator sim;
  Expiries fired{&sim, {}};
  Timer timer(sim, fired.recorder());
  timer.start(Duration::seconds(90));
  sim.run_until(at_s(10));
  timer.start(Duration::seconds(5));  // now due at 15 s
  sim.run_until(Time::max());
  CHECK(fired.at == std::vector<Time>{at_s(15)});
  CHECK(sim.pending_events() == 0);
}

TEST_CASE("restarting earlier again and again stays bounded", "[engine][timer]") {
  Simulator sim;
  Expiries fired{&sim, {}};
  Timer timer(sim, fired.recorder());
  size_t peak = 0;
  for (int i = 1'000'000; i > 0; --i) {
    timer.start(Duration::seconds(i));
    peak = std::max(peak, sim.queue_size());
  }
  CHECK(peak <= 2048);
  CHECK(sim.pending_events() == 1);
  sim.run_until(Time::max());
  CHECK(fired.at == std::vector<Time>{at_s(1)});
}

TEST_CASE("a stopped timer does not fire and can be started again", "[engine][timer]") {
  Simulator sim;
  Expiries fired{&sim, {}};
  Timer timer(sim, fired.recorder());
  timer.start(Duration::seconds(90));
  sim.run_until(at_s(10));
  timer.stop();
  CHECK_FALSE(timer.running());
  CHECK(sim.pending_events() == 0);
  sim.run_until(at_s(200));
  CHECK(fired.at.empty());

  timer.stop();  // stopping a stopped timer is harmless
  timer.start(Duration::seconds(1));
  sim.run_until(Time::max());
  CHECK(fired.at == std::vector<Time>{at_s(201)});
}

TEST_CASE("a timer stopped after a lazy restart does not fire", "[engine][timer]") {
  Simulator sim;
  Expiries fired{&sim, {}};
  Timer timer(sim, fired.recorder());
  timer.start(Duration::seconds(10));
  timer.start(Duration::seconds(20));  // the 10 s entry stays queued
  timer.stop();
  sim.run_until(Time::max());
  CHECK(fired.at.empty());
}

TEST_CASE("an expiry handler can restart its own timer", "[engine][timer]") {
  Simulator sim;
  std::vector<Time> fired;
  auto* log = &fired;
  Simulator* s = &sim;
  Timer* self = nullptr;
  Timer** timer = &self;
  Timer keepalive(sim, [log, s, timer] {
    log->push_back(s->now());
    if (log->size() < 3) (*timer)->start(Duration::seconds(30));
  });
  self = &keepalive;
  keepalive.start(Duration::seconds(30));
  sim.run_until(Time::max());
  CHECK(fired == std::vector<Time>{at_s(30), at_s(60), at_s(90)});
}

TEST_CASE("a hold timer restarted 10,000,000 times holds at most one queue entry",
          "[engine][timer]") {
  // Each KEEPALIVE (every 1 us) restarts the 3 us hold timer; the hold timer
  // only expires after the last one. The queue holds the next KEEPALIVE and at
  // most one entry for the timer throughout.
  constexpr int kRestarts = 10'000'000;
  const Duration interval = Duration::microseconds(1);
  Simulator sim;
  Expiries fired{&sim, {}};
  Timer hold(sim, fired.recorder());
  struct Keepalive {
    Simulator* sim;
    Timer* hold;
    int* left;
    size_t* peak;
    void operator()() const {
      hold->start(Duration::microseconds(3));
      *peak = std::max(*peak, sim->queue_size());
      if (--*left > 0) sim->schedule_in(Duration::microseconds(1), *this);
    }
  };
  int left = kRestarts;
  size_t peak = 0;
  sim.schedule_at(Time::zero() + interval, Keepalive{&sim, &hold, &left, &peak});
  sim.run_until(Time::max());

  CHECK(left == 0);
  CHECK(peak <= 2);
  const Time last_restart = Time::zero() + interval * kRestarts;
  CHECK(fired.at == std::vector<Time>{last_restart + Duration::microseconds(3)});
}

TEST_CASE("timers due at the same time fire in the order of their last start", "[engine][timer]") {
  Simulator sim;
  std::vector<char> order;
  auto* log = &order;
  Timer a(sim, [log] { log->push_back('a'); });
  Timer b(sim, [log] { log->push_back('b'); });

  SECTION("restart to the same deadline") {
    a.start(Duration::seconds(10));
    b.start(Duration::seconds(10));
    sim.run_until(at_s(1));
    a.start(Duration::seconds(9));  // still due at 10 s, but started after b
  }
  SECTION("lazy restart from an earlier deadline") {
    a.start(Duration::seconds(5));
    b.start(Duration::seconds(10));
    sim.run_until(at_s(1));
    a.start(Duration::seconds(9));  // the 5 s entry wakes a, which re-queues for 10 s
  }
  SECTION("a plain event scheduled between the starts sits between them") {
    a.start(Duration::seconds(5));
    sim.schedule_at(at_s(10), [log] { log->push_back('e'); });
    b.start(Duration::seconds(10));
    sim.run_until(at_s(1));
    a.start(Duration::seconds(9));
    sim.run_until(Time::max());
    CHECK(order == std::vector<char>{'e', 'b', 'a'});
    return;
  }
  sim.run_until(Time::max());
  CHECK(order == std::vector<char>{'b', 'a'});
}

TEST_CASE("a timer started before an event due at the same time fires first", "[engine][timer]") {
  // The timer is restarted lazily; when it wakes early and re-queues, it must
  // keep the tie-break position of its start, ahead of later-scheduled events.
  Simulator sim;
  std::vector<char> order;
  auto* log = &order;
  Timer t(sim, [log] { log->push_back('t'); });
  t.start(Duration::seconds(5));
  t.start(Duration::seconds(10));
  sim.schedule_at(at_s(10), [log] { log->push_back('e'); });
  sim.run_until(Time::max());
  CHECK(order == std::vector<char>{'t', 'e'});
}
