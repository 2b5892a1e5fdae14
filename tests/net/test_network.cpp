// Link timing, drop-tail queues and every link failure mode.
//
//   a:eth0 ---- b:eth0      10 Gb/s, 1 us, MTU 1500, queue given per test
#include <catch2/catch.hpp>

#include "models/net/network.hpp"
#include "tests/net/pair.hpp"

using sim::Duration;
using sim::Time;

namespace {

using net_test::Recorder;

struct TwoNodes {
  sim::Simulator sim;
  net::Network network{sim, 7};
  net::NodeId a, b;
  net::InterfaceId a0, b0;
  net::LinkId link;
  Recorder at_a, at_b;

  explicit TwoNodes(uint64_t queue_bytes = 1'000'000) {
    a = network.add_node("a", net::NodeKind::kHost, vendor::Vendor::kLinux);
    b = network.add_node("b", net::NodeKind::kSwitch, vendor::Vendor::kJunos);
    a0 = network.add_interface(a, "eth0");
    b0 = network.add_interface(b, "eth0");
    net::LinkParams p;
    p.bandwidth_bps = 10'000'000'000;
    p.delay = Duration::microseconds(1);
    p.mtu = 1500;
    p.queue_bytes = queue_bytes;
    link = network.connect(a0, b0, p);
    at_a.network = at_b.network = &network;
    network.set_receiver(a, &at_a);
    network.set_receiver(b, &at_b);
  }
  void send(net::InterfaceId out, uint32_t bytes = 1500) {
    net::Packet p;
    p.size_bytes = bytes;
    network.transmit(out, network.originate(p));
  }
  const net::PacketCounters& counters() const { return network.counters(false); }
  uint64_t dropped(net::DropReason r) const {
    return counters().dropped[static_cast<size_t>(r)];
  }
};

}  // namespace

TEST_CASE("a 1500-byte packet on 10 Gb/s with 1 us delay arrives after exactly 2.2 us", "[net]") {
  TwoNodes t;
  t.send(t.a0);
  t.sim.run_until(Time::max());
  REQUIRE(t.at_b.arrivals == std::vector<Time>{Time::zero() + Duration::nanoseconds(2200)});
}

TEST_CASE("back-to-back packets serialise one after the other", "[net]") {
  TwoNodes t;
  t.send(t.a0);
  t.send(t.a0);
  t.send(t.a0, 64);  // 64 bytes at 10 Gb/s: 51.2 ns, exact in picoseconds
  t.sim.run_until(Time::max());
  REQUIRE(t.at_b.arrivals.size() == 3);
  CHECK(t.at_b.arrivals[0] == Time::zero() + Duration::nanoseconds(2200));
  CHECK(t.at_b.arrivals[1] == Time::zero() + Duration::nanoseconds(3400));
  CHECK(t.at_b.arrivals[2] == Time::zero() + Duration::nanoseconds(3400) + Duration::picoseconds(51'200));
}

TEST_CASE("the two directions of a link are independent", "[net]") {
  TwoNodes t;
  t.send(t.a0);
  t.send(t.b0);
  t.sim.run_until(Time::max());
  CHECK(t.at_a.arrivals == std::vector<Time>{Time::zero() + Duration::nanoseconds(2200)});
  CHECK(t.at_b.arrivals == std::vector<Time>{Time::zero() + Duration::nanoseconds(2200)});
}

TEST_CASE("drop-tail queue drops what does not fit and records the peak", "[net]") {
  TwoNodes t(3000);
  for (int i = 0; i < 3; ++i) t.send(t.a0);  // 1500 in service + 1500 waiting fill 3000 bytes
  t.sim.run_until(Time::max());
  CHECK(t.at_b.arrivals.size() == 2);
  CHECK(t.dropped(net::DropReason::kQueueFull) == 1);
  CHECK(t.network.link_stats(t.link, 0).drops_queue_full == 1);
  CHECK(t.network.link_stats(t.link, 0).peak_queue_bytes == 3000);
}

TEST_CASE("a packet larger than the MTU is dropped", "[net]") {
  TwoNodes t;
  t.send(t.a0, 1501);
  t.sim.run_until(Time::max());
  CHECK(t.at_b.arrivals.empty());
  CHECK(t.dropped(net::DropReason::kMtu) == 1);
}

TEST_CASE("carrier loss drops what is on the wire and takes interfaces down after the carrier delay",
          "[net]") {
  TwoNodes t;
  t.network.node(t.b).carrier_delay = Duration::milliseconds(10);
  std::vector<std::pair<Time, bool>> a_events, b_events;
  t.network.add_interface_listener(t.a, [&](net::InterfaceId, bool up) { a_events.emplace_back(t.sim.now(), up); });
  t.network.add_interface_listener(t.b, [&](net::InterfaceId, bool up) { b_events.emplace_back(t.sim.now(), up); });

  t.send(t.a0);  // would arrive at 2.2 us
  t.sim.schedule_at(Time::zero() + Duration::microseconds(2), [&] { t.network.set_carrier(t.link, false); });
  t.sim.run_until(Time::zero() + Duration::seconds(1));

  CHECK(t.at_b.arrivals.empty());
  CHECK(t.dropped(net::DropReason::kLinkDown) == 1);
  const Time down = Time::zero() + Duration::microseconds(2);
  CHECK(a_events == std::vector<std::pair<Time, bool>>{{down, false}});
  CHECK(b_events == std::vector<std::pair<Time, bool>>{{down + Duration::milliseconds(10), false}});
  CHECK_FALSE(t.network.interface(t.a0).oper_up());

  // While down, sending is a link_down drop at once; after `up` traffic flows again.
  t.send(t.a0);
  CHECK(t.dropped(net::DropReason::kLinkDown) == 2);
  t.network.set_carrier(t.link, true);
  t.sim.run_until(Time::zero() + Duration::seconds(2));
  t.send(t.a0);
  t.sim.run_until(Time::zero() + Duration::seconds(3));
  CHECK(t.at_b.arrivals.size() == 1);
  CHECK(t.network.interface(t.b0).oper_up());
  CHECK(b_events.back().second);
}

TEST_CASE("carrier flapping faster than the carrier delay leaves the interface as the wire is", "[net]") {
  TwoNodes t;
  t.network.node(t.b).carrier_delay = Duration::milliseconds(10);
  int b_changes = 0;
  t.network.add_interface_listener(t.b, [&](net::InterfaceId, bool) { ++b_changes; });
  t.network.set_carrier(t.link, false);
  t.sim.run_until(Time::zero() + Duration::milliseconds(5));
  t.network.set_carrier(t.link, true);
  t.sim.run_until(Time::zero() + Duration::seconds(1));
  CHECK(b_changes == 0);
  CHECK(t.network.interface(t.b0).oper_up());
}

TEST_CASE("a silent link drops packets but keeps carrier, one direction only when asked", "[net]") {
  TwoNodes t;
  int listener_calls = 0;
  t.network.add_interface_listener(t.a, [&](net::InterfaceId, bool) { ++listener_calls; });
  t.network.add_interface_listener(t.b, [&](net::InterfaceId, bool) { ++listener_calls; });
  t.send(t.a0);  // on the wire when the link goes silent: lost
  t.sim.schedule_at(Time::zero() + Duration::microseconds(1), [&] { t.network.set_silent(t.link, 0, true); });
  t.sim.run_until(Time::zero() + Duration::microseconds(10));
  t.send(t.a0);  // a->b is silent
  t.send(t.b0);  // b->a still works
  t.sim.run_until(Time::zero() + Duration::seconds(1));

  CHECK(t.at_b.arrivals.empty());
  CHECK(t.at_a.arrivals.size() == 1);
  CHECK(t.dropped(net::DropReason::kSilent) == 2);
  CHECK(listener_calls == 0);
  CHECK(t.network.interface(t.a0).oper_up());
  CHECK(t.network.link_carrier(t.link));

  t.network.restore(t.link);
  t.send(t.a0);
  t.sim.run_until(Time::zero() + Duration::seconds(2));
  CHECK(t.at_b.arrivals.size() == 1);
}

TEST_CASE("loss p drops about p of the packets, the same ones for the same seed", "[net]") {
  auto run = [](uint64_t n) {
    TwoNodes t;
    t.network.set_loss(t.link, 0, 0.3);
    for (uint64_t i = 0; i < n; ++i) {
      t.send(t.a0, 100);
      t.sim.run_until(t.sim.now() + Duration::microseconds(1));
    }
    t.sim.run_until(Time::max());
    return std::pair{t.dropped(net::DropReason::kLoss), t.at_b.arrivals};
  };
  const auto [lost, arrivals] = run(10'000);
  // Binomial(10000, 0.3): sd = 45.8; 5 sd either side.
  CHECK(lost > 3000 - 230);
  CHECK(lost < 3000 + 230);
  CHECK(lost + arrivals.size() == 10'000);
  CHECK(run(10'000).second == arrivals);
}

TEST_CASE("every packet is delivered, dropped or in flight", "[net]") {
  TwoNodes t(4500);
  t.network.set_loss(t.link, 0, 0.2);
  for (int i = 0; i < 50; ++i) t.send(i % 2 ? t.a0 : t.b0);
  t.sim.run_until(Time::zero() + Duration::nanoseconds(2300));
  const net::PacketCounters& c = t.counters();
  CHECK(c.sent == 50);
  CHECK(c.in_flight() > 0);
  CHECK(c.sent == c.delivered + c.dropped_total() + c.in_flight());
  CHECK(t.network.packets().in_use() == c.in_flight());
  t.sim.run_until(Time::max());
  CHECK(c.in_flight() == 0);
  CHECK(t.network.packets().in_use() == 0);
}
