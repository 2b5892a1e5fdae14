// Node power (scripted crash and reboot), address removal and listener removal.
//
//   a:eth0 ---- b:eth0      10 Gb/s, 1 us; a has a loopback lo
//   a (Linux host), b (Junos switch; its carrier delay is set per test)
#include <catch2/catch.hpp>

#include "models/net/network.hpp"
#include "tests/net/pair.hpp"

using sim::Duration;
using sim::Time;

using net_test::Pair;

TEST_CASE("powering a node off loses the wire, downs its interfaces at once and the peer's after its carrier delay",
          "[net][power]") {
  Pair t;
  t.send(t.a0);  // on the wire until 2.2 us
  t.sim.schedule_at(Pair::at(Duration::microseconds(2)), [&] { t.network.set_node_power(t.a, false); });
  t.sim.run_until(Pair::at(Duration::seconds(1)));

  const Time off = Pair::at(Duration::microseconds(2));
  CHECK(t.at_b.arrivals.empty());
  CHECK(t.dropped(net::DropReason::kLinkDown) == 1);  // lost on the wire with the carrier
  CHECK_FALSE(t.network.node_powered(t.a));
  CHECK_FALSE(t.network.link_carrier(t.link));
  CHECK(t.network.link_carrier_scripted(t.link));
  // a's eth0 and lo go down at once; b's eth0 after b's 10 ms carrier delay.
  CHECK(t.a_events == std::vector<std::pair<Time, bool>>{{off, false}, {off, false}});
  CHECK(t.b_events == std::vector<std::pair<Time, bool>>{{off + Duration::milliseconds(10), false}});
  CHECK_FALSE(t.network.interface(t.a_lo).oper_up());

  // A powered-off node sends nothing.
  t.send(t.a0);
  CHECK(t.dropped(net::DropReason::kNodeDown) == 1);
}

TEST_CASE("powering a node back on brings loopbacks up at once and links after the carrier delay", "[net][power]") {
  Pair t;
  t.network.set_node_power(t.a, false);
  t.sim.run_until(Pair::at(Duration::seconds(1)));
  t.a_events.clear();
  t.b_events.clear();
  t.network.set_node_power(t.a, true);
  t.sim.run_until(Pair::at(Duration::seconds(2)));

  const Time on = Pair::at(Duration::seconds(1));
  // lo at once; eth0 after a's (zero) carrier delay, scheduled as an event.
  REQUIRE(t.a_events.size() == 2);
  CHECK(t.a_events[0] == std::pair<Time, bool>{on, true});
  CHECK(t.a_events[1] == std::pair<Time, bool>{on, true});
  CHECK(t.b_events == std::vector<std::pair<Time, bool>>{{on + Duration::milliseconds(10), true}});
  t.send(t.a0);
  t.sim.run_until(Pair::at(Duration::seconds(3)));
  CHECK(t.at_b.arrivals.size() == 1);
}

TEST_CASE("a link scripted down stays down when its node powers back on", "[net][power]") {
  Pair t;
  t.network.set_carrier(t.link, false);
  t.network.set_node_power(t.a, false);
  t.sim.run_until(Pair::at(Duration::seconds(1)));
  t.network.set_node_power(t.a, true);
  t.sim.run_until(Pair::at(Duration::seconds(2)));
  CHECK_FALSE(t.network.link_carrier(t.link));
  CHECK_FALSE(t.network.interface(t.b0).oper_up());
  CHECK_FALSE(t.network.interface(t.a0).oper_up());
  CHECK(t.network.interface(t.a_lo).oper_up());

  // ... and a link scripted up while its node is off waits for the power.
  t.network.set_node_power(t.a, false);
  t.network.set_carrier(t.link, true);
  t.sim.run_until(Pair::at(Duration::seconds(3)));
  CHECK_FALSE(t.network.link_carrier(t.link));
  t.network.set_node_power(t.a, true);
  t.sim.run_until(Pair::at(Duration::seconds(4)));
  CHECK(t.network.link_carrier(t.link));
  CHECK(t.network.interface(t.b0).oper_up());
}

TEST_CASE("the peer of a powered-off node drops what it sends as link_down", "[net][power]") {
  Pair t;
  t.network.set_node_power(t.a, false);
  t.send(t.b0);  // b has not noticed yet (carrier delay), but the wire is dead
  t.sim.run_until(Pair::at(Duration::seconds(1)));
  CHECK(t.at_a.arrivals.empty());
  CHECK(t.dropped(net::DropReason::kLinkDown) == 1);
  CHECK(t.network.link_stats(t.link, 1).drops_link_down == 1);
}

TEST_CASE("remove_address removes exactly that address", "[net]") {
  Pair t;
  t.network.add_address(t.a_lo, *net::parse_interface_address("192.168.100.1/32").value);
  t.network.add_address(t.a_lo, *net::parse_interface_address("192.168.100.2/32").value);
  CHECK(t.network.remove_address(t.a_lo, *net::parse_ipv4("192.168.100.1").value));
  CHECK_FALSE(t.network.remove_address(t.a_lo, *net::parse_ipv4("192.168.100.1").value));
  REQUIRE(t.network.interface(t.a_lo).addresses.size() == 1);
  CHECK(t.network.interface(t.a_lo).addresses[0].addr == *net::parse_ipv4("192.168.100.2").value);
}

TEST_CASE("a removed interface listener is not called, also when removed from inside a call", "[net]") {
  Pair t;
  int first = 0, second = 0;
  net::Network::ListenerId second_id = 0;
  t.network.add_interface_listener(t.b, [&](net::InterfaceId, bool) {
    ++first;
    t.network.remove_interface_listener(t.b, second_id);  // before `second` runs in this same call
  });
  second_id = t.network.add_interface_listener(t.b, [&](net::InterfaceId, bool) { ++second; });
  t.network.set_carrier(t.link, false);
  t.sim.run_until(Pair::at(Duration::seconds(1)));
  t.network.set_carrier(t.link, true);
  t.sim.run_until(Pair::at(Duration::seconds(2)));
  CHECK(first == 2);
  CHECK(second == 0);
  CHECK(t.b_events.size() == 2);  // the fixture's own listener still runs
}
