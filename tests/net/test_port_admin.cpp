// One end's port administratively down (the scenario's port-down, port-up):
// its node sees the interface go at once, the far end keeps carrier and
// loses what it sends.
//
//   a:eth0 ---- b:eth0      10 Gb/s, 1 us; b's port is the one shut
//   a (Linux host, carrier delay 0), b (Junos switch, carrier delay 10 ms)
#include <catch2/catch.hpp>

#include "models/net/network.hpp"
#include "tests/net/pair.hpp"

using sim::Duration;
using sim::Time;

using net_test::Pair;

TEST_CASE(
    "port down on one end: that node sees it at once, the far end keeps carrier and loses what it "
    "sends",
    "[net][port]") {
  Pair t;
  const Time shut = Pair::at(Duration::milliseconds(1));
  t.sim.schedule_at(shut, [&] { t.network.set_admin_up(t.b0, false); });
  t.sim.run_until(Pair::at(Duration::seconds(1)));

  // b is told at once, not after its 10 ms carrier delay: nothing on the wire changed.
  CHECK(t.b_events == std::vector<std::pair<Time, bool>>{{shut, false}});
  CHECK_FALSE(t.network.interface(t.b0).oper_up());
  CHECK(t.network.interface(t.b0).carrier);
  CHECK(t.a_events.empty());
  CHECK(t.network.interface(t.a0).oper_up());
  CHECK(t.network.link_carrier(t.link));

  // a sends into the link as usual; the packet is lost at the shut port.
  t.send(t.a0);
  t.sim.run_until(Pair::at(Duration::seconds(2)));
  CHECK(t.at_b.arrivals.empty());
  CHECK(t.dropped(net::DropReason::kLinkDown) == 1);
  CHECK(t.network.link_stats(t.link, 0).packets == 1);
  CHECK(t.network.link_stats(t.link, 0).drops_link_down == 1);
  // The shut port sends nothing.
  t.send(t.b0);
  t.sim.run_until(Pair::at(Duration::seconds(3)));
  CHECK(t.at_a.arrivals.empty());
  CHECK(t.dropped(net::DropReason::kLinkDown) == 2);

  // Up again: b is told at once, a never was; both directions deliver.
  const Time open = Pair::at(Duration::seconds(3));
  t.network.set_admin_up(t.b0, true);
  CHECK(t.b_events.back() == std::pair<Time, bool>{open, true});
  CHECK(t.b_events.size() == 2);
  CHECK(t.a_events.empty());
  t.send(t.a0);
  t.send(t.b0);
  t.sim.run_until(Pair::at(Duration::seconds(4)));
  CHECK(t.at_b.arrivals.size() == 1);
  CHECK(t.at_a.arrivals.size() == 1);
  CHECK(t.network.check_accounting().empty());
}

TEST_CASE("a port shut while a packet is on its way to it loses that packet", "[net][port]") {
  Pair t;
  t.send(t.a0);  // would arrive at 2.2 us
  t.sim.schedule_at(Pair::at(Duration::microseconds(2)),
                    [&] { t.network.set_admin_up(t.b0, false); });
  t.sim.run_until(Pair::at(Duration::seconds(1)));
  CHECK(t.at_b.arrivals.empty());
  CHECK(t.dropped(net::DropReason::kLinkDown) == 1);
}

TEST_CASE("a shut port with no carrier comes up only when the carrier does", "[net][port]") {
  Pair t;
  t.network.set_admin_up(t.b0, false);
  t.network.set_carrier(t.link, false);
  t.sim.run_until(Pair::at(Duration::seconds(1)));
  // Already oper-down: the carrier loss tells b nothing new; a loses it as usual.
  CHECK(t.b_events == std::vector<std::pair<Time, bool>>{{Pair::at(Duration::zero()), false}});
  CHECK(t.a_events == std::vector<std::pair<Time, bool>>{{Pair::at(Duration::zero()), false}});
  t.network.set_admin_up(t.b0, true);
  CHECK(t.b_events.size() == 1);
  CHECK_FALSE(t.network.interface(t.b0).oper_up());
  t.network.set_carrier(t.link, true);
  t.sim.run_until(Pair::at(Duration::seconds(2)));
  const Time carrier_up = Pair::at(Duration::seconds(1) + Duration::milliseconds(10));
  CHECK(t.b_events.back() == std::pair<Time, bool>{carrier_up, true});
  CHECK(t.network.interface(t.b0).oper_up());
}

TEST_CASE("restore brings a shut port back up", "[net][port]") {
  Pair t;
  t.network.set_admin_up(t.b0, false);
  t.network.restore(t.link);
  CHECK(t.network.interface(t.b0).admin_up);
  CHECK(t.network.interface(t.b0).oper_up());
  CHECK(t.b_events == std::vector<std::pair<Time, bool>>{{Pair::at(Duration::zero()), false},
                                                         {Pair::at(Duration::zero()), true}});
  CHECK(t.a_events.empty());
}
