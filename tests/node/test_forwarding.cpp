// Forwarding on every hop (models/node/forwarding.hpp) with traffic sources,
// checked against exact packet counts. Every test ends with the accounting
// invariants: sent = delivered + dropped + in flight, flows agree with the
// network, the pool holds exactly the packets in flight.
#include <algorithm>
#include <catch2/catch.hpp>

#include "tests/node/dataplane_net.hpp"

using net::DropReason;
using sim::Duration;
using sim::Time;

namespace {

// h1 eth0 10.0.0.1/30 -- 10.0.0.2/30 eth0 r eth1 10.0.1.1/30 -- 10.0.1.2/30 eth0 h2
//                                                               lo 192.168.100.1/32
struct Line {
  test::DataNet n;
  net::LinkId h1_r, r_h2;
  explicit Line(net::LinkParams last = {}) {
    n.add("h1");
    n.add("r");
    n.add("h2");
    h1_r = n.link("h1", "eth0", "10.0.0.1/30", "r", "eth0", "10.0.0.2/30");
    r_h2 = n.link("r", "eth1", "10.0.1.1/30", "h2", "eth0", "10.0.1.2/30", last);
    n.address("h2", "lo", "192.168.100.1/32");
    n.route("h1", "0.0.0.0/0", {"10.0.0.2"});
    n.route("r", "192.168.100.1/32", {"10.0.1.2"});
  }
};

}  // namespace

TEST_CASE("packets to a loopback address are delivered, the rest dropped for a reason",
          "[dataplane]") {
  Line t;
  node::StaticRoute discard;
  discard.prefix = test::prefix("10.99.0.0/16");
  t.n.routes[t.n.ids["r"]].push_back(discard);
  t.n.source("service", "h1", "10.0.0.1", "192.168.100.1", 8'000'000);  // 1000 packets/s
  t.n.source("unrouted", "h1", "10.0.0.1", "10.50.0.1", 8'000'000);
  t.n.source("discarded", "h1", "10.0.0.1", "10.99.0.1", 8'000'000);
  t.n.source("no-neighbour", "h1", "10.0.0.1", "10.0.1.3", 8'000'000);
  t.n.start();
  t.n.run_to(Duration::milliseconds(100) + Duration::microseconds(500));

  const auto& flows = t.n.traffic->flows();
  REQUIRE(flows.size() == 4);
  for (const auto& f : flows) CHECK(f.sent == 100);
  CHECK(flows[0].delivered == 100);
  CHECK(flows[1].dropped[static_cast<size_t>(DropReason::kNoRoute)] == 100);
  CHECK(flows[2].dropped[static_cast<size_t>(DropReason::kDiscard)] == 100);
  // On r's connected subnet, but no neighbour owns the address: ARP fails.
  CHECK(flows[3].dropped[static_cast<size_t>(DropReason::kNoRoute)] == 100);
  CHECK(t.n.data().sent == 400);
  CHECK(t.n.data().delivered == 100);
  CHECK(t.n.data().in_flight() == 0);
  CHECK(t.n.accounting().empty());
  // Two hops of 1 us propagation and 0.8 us serialisation each at 10 Gb/s.
  CHECK(flows[0].delay_max == Duration::nanoseconds(3600));
}

TEST_CASE("a routing loop ends in ttl_expired drops after exactly 63 trips round the loop",
          "[dataplane]") {
  // h1 -- r1 -- r2, with 10.9.9.9/32 on r1 pointing at r2 and on r2 at r1.
  test::DataNet n;
  n.add("h1");
  n.add("r1");
  n.add("r2");
  n.link("h1", "eth0", "10.0.0.1/30", "r1", "eth0", "10.0.0.2/30");
  const net::LinkId loop = n.link("r1", "eth1", "10.0.1.0/31", "r2", "eth0", "10.0.1.1/31");
  n.route("h1", "0.0.0.0/0", {"10.0.0.2"});
  n.route("r1", "10.9.9.9/32", {"10.0.1.1"});
  n.route("r2", "10.9.9.9/32", {"10.0.1.0"});
  n.source("looped", "h1", "10.0.0.1", "10.9.9.9", 8'000'000);
  n.start();
  n.run_to(Duration::milliseconds(50) + Duration::microseconds(500));

  const uint64_t sent = n.data().sent;
  CHECK(sent == 50);
  CHECK(n.dropped(DropReason::kTtlExpired) == sent);
  CHECK(n.data().delivered == 0);
  // The host sends with TTL 64; r1 and r2 each forward while TTL > 1: the
  // loop link carries each packet with TTL 63 down to 1.
  CHECK(n.stats(loop, 0).packets + n.stats(loop, 1).packets == 63 * sent);
  CHECK(n.accounting().empty());
}

TEST_CASE("an overloaded link queues to its buffer and drops the rest as queue_full",
          "[dataplane]") {
  net::LinkParams slow;
  slow.bandwidth_bps = 1'000'000'000;
  slow.queue_bytes = 100'000;
  Line t(slow);
  auto& s =
      t.n.source("overload", "h1", "10.0.0.1", "192.168.100.1", 2'000'000'000);  // 2x the link
  s.stop = Time::zero() + Duration::milliseconds(11);
  t.n.start();
  t.n.run_to(Duration::milliseconds(20));

  const net::LinkStats& out = t.n.stats(t.r_h2, 0);
  CHECK(t.n.data().sent == 2500);  // 10 ms at 250,000 packets/s
  CHECK(out.drops_queue_full > 1000);
  CHECK(out.drops_queue_full == t.n.dropped(DropReason::kQueueFull));
  CHECK(out.peak_queue_bytes <= 100'000);
  CHECK(out.peak_queue_bytes > 99'000);
  // What got through is what 1 Gb/s carries in 10 ms, plus the buffer.
  CHECK(t.n.data().delivered == out.packets);
  CHECK(out.packets >= 1250);
  CHECK(out.packets <= 1250 + 101);
  CHECK(t.n.data().in_flight() == 0);
  CHECK(t.n.accounting().empty());
  // The transmitter was busy all the while after the first packet.
  const Duration busy = t.n.network.busy_time(t.r_h2, 0);
  CHECK(busy == Duration::nanoseconds(8000) * static_cast<int64_t>(out.packets));
}

TEST_CASE(
    "a link taken down mid-run loses what is queued and on the wire as link_down, nothing "
    "disappears",
    "[dataplane]") {
  net::LinkParams far;
  far.bandwidth_bps = 1'000'000'000;
  far.delay = Duration::milliseconds(1);  // ~110 packets on the wire at a time
  Line t(far);
  auto& s = t.n.source("flow", "h1", "10.0.0.1", "192.168.100.1", 900'000'000, 4);
  s.stop = Time::zero() + Duration::milliseconds(20);
  t.n.start();

  t.n.run_to(Duration::milliseconds(10));
  // Every packet accepted on r -> h2 so far is delivered or still on its way.
  const uint64_t accepted = t.n.stats(t.r_h2, 0).packets;
  const uint64_t delivered = t.n.data().delivered;
  const uint64_t on_the_way = accepted - delivered;
  CHECK(on_the_way > 100);
  t.n.network.set_carrier(t.r_h2, false);
  t.n.run_to(Duration::milliseconds(30));

  // Exactly those are lost on the link, and counted there.
  CHECK(t.n.stats(t.r_h2, 0).drops_link_down == on_the_way);
  CHECK(t.n.data().delivered == delivered);
  // Later packets meet the dead interface (link_down), then no route once
  // r's FIB loses the connected subnet and with it the static route.
  CHECK(t.n.dropped(DropReason::kLinkDown) > on_the_way);
  CHECK(t.n.dropped(DropReason::kNoRoute) > 0);
  CHECK(t.n.data().in_flight() == 0);
  CHECK(t.n.data().sent == t.n.data().delivered + t.n.data().dropped_total());
  CHECK(t.n.accounting().empty());
}

namespace {

//                      a (1 us)
//   h1 -- r <                    > r3 -- h2 (lo 192.168.100.1)
//                      b (r--b: 50 us)
struct Diamond {
  test::DataNet n;
  net::LinkId r_a, r_b;
  explicit Diamond(node::EcmpMode mode) {
    for (const char* name : {"h1", "r", "a", "b", "r3", "h2"}) n.add(name);
    net::LinkParams slow;
    slow.delay = Duration::microseconds(50);
    n.link("h1", "eth0", "10.0.0.1/30", "r", "eth0", "10.0.0.2/30");
    r_a = n.link("r", "eth1", "10.1.0.0/31", "a", "eth0", "10.1.0.1/31");
    r_b = n.link("r", "eth2", "10.1.0.2/31", "b", "eth0", "10.1.0.3/31", slow);
    n.link("a", "eth1", "10.2.0.0/31", "r3", "eth0", "10.2.0.1/31");
    n.link("b", "eth1", "10.2.0.2/31", "r3", "eth1", "10.2.0.3/31");
    n.link("r3", "eth2", "10.3.0.1/30", "h2", "eth0", "10.3.0.2/30");
    n.address("h2", "lo", "192.168.100.1/32");
    n.route("h1", "0.0.0.0/0", {"10.0.0.2"});
    n.route("r", "192.168.100.1/32", {"10.1.0.1", "10.1.0.3"});
    n.route("a", "192.168.100.1/32", {"10.2.0.1"});
    n.route("b", "192.168.100.1/32", {"10.2.0.3"});
    n.route("r3", "192.168.100.1/32", {"10.3.0.2"});
    n.set_ecmp("r", mode);
  }
};

}  // namespace

TEST_CASE("per-packet round-robin splits exactly and reorders over unequal paths", "[dataplane]") {
  Diamond d(node::EcmpMode::kPerPacketRoundRobin);
  d.n.source("rr", "h1", "10.0.0.1", "192.168.100.1", 800'000'000);  // one packet per 10 us
  d.n.start();
  d.n.run_to(Duration::milliseconds(10) + Duration::microseconds(5));  // the last is past r

  const uint64_t sent = d.n.data().sent;
  CHECK(sent == 901);
  const uint64_t via_a = d.n.stats(d.r_a, 0).packets, via_b = d.n.stats(d.r_b, 0).packets;
  CHECK(via_a + via_b == sent);
  CHECK(std::max(via_a, via_b) - std::min(via_a, via_b) <= 1);
  const auto groups = d.n.router("r").forwarder().ecmp_stats();
  REQUIRE(groups.size() == 1);
  CHECK(groups[0].packets == std::vector<uint64_t>{via_a, via_b});
  // A packet on the slow path arrives after the next few on the fast one.
  const auto& flow = d.n.traffic->flows()[0];
  CHECK(flow.reordered > sent / 4);
  CHECK(flow.delivered + flow.in_flight() == sent);
  CHECK(d.n.accounting().empty());
}

TEST_CASE("per-flow hashing keeps each flow on one path: no reordering", "[dataplane]") {
  Diamond d(node::EcmpMode::kPerFlow);
  d.n.source("flows", "h1", "10.0.0.1", "192.168.100.1", 800'000'000, 16);
  d.n.start();
  d.n.run_to(Duration::milliseconds(10));

  CHECK(d.n.data().sent > 800);
  for (const auto& f : d.n.traffic->flows()) CHECK(f.reordered == 0);
  const auto groups = d.n.router("r").forwarder().ecmp_stats();
  REQUIRE(groups.size() == 1);
  CHECK(groups[0].packets[0] > 0);
  CHECK(groups[0].packets[1] > 0);
  CHECK(d.n.accounting().empty());
}

TEST_CASE("L3 hashing sends every flow of one host pair down the same path", "[dataplane]") {
  Diamond d(node::EcmpMode::kL3);
  d.n.source("flows", "h1", "10.0.0.1", "192.168.100.1", 800'000'000, 16);
  d.n.start();
  d.n.run_to(Duration::milliseconds(10) + Duration::microseconds(5));

  const uint64_t via_a = d.n.stats(d.r_a, 0).packets, via_b = d.n.stats(d.r_b, 0).packets;
  CHECK(via_a + via_b == d.n.data().sent);
  CHECK(std::min(via_a, via_b) == 0);
  CHECK(d.n.accounting().empty());
}

TEST_CASE("the accounting check catches packets that vanish or are released twice", "[dataplane]") {
  sim::Simulator sim;
  net::Network network(sim, 1);
  CHECK(network.check_accounting().empty());
  net::Packet p;
  const net::PacketId id = network.originate(p);
  CHECK(network.check_accounting().empty());  // one in flight, one alive
  network.packets().release(id);              // gone without a counter
  CHECK(network.check_accounting() ==
        "data packets: 1 in flight by the counters (sent 1 - delivered 0 - dropped 0) but 0 "
        "alive in the packet pool");
  network.packets().release(id);
  CHECK(network.check_accounting().find("1 packets released that were not in use") !=
        std::string::npos);
}

TEST_CASE("ECMP statistics follow a route's next-hop groups through a failure and a repair",
          "[dataplane]") {
  Diamond d(node::EcmpMode::kPerPacketRoundRobin);
  auto& s = d.n.source("rr", "h1", "10.0.0.1", "192.168.100.1", 800'000'000);
  s.stop = Time::zero() + Duration::milliseconds(30);
  d.n.start();
  d.n.run_to(Duration::milliseconds(10));
  d.n.network.set_carrier(d.r_b, false);  // r: {a, b} -> {a}
  d.n.run_to(Duration::milliseconds(20));
  d.n.network.set_carrier(d.r_b, true);  // back to {a, b}, a new group in the FIB
  d.n.run_to(Duration::milliseconds(31));

  const auto groups = d.n.router("r").forwarder().ecmp_stats();
  REQUIRE(groups.size() == 3);
  CHECK(groups[0].next_hops.size() == 2);
  CHECK_FALSE(groups[0].live);
  CHECK(groups[1].next_hops.size() == 1);
  CHECK_FALSE(groups[1].live);
  CHECK(groups[2].next_hops.size() == 2);
  CHECK(groups[2].live);
  // Every packet r forwarded is in exactly one group, and round-robin is
  // exact within each.
  uint64_t total = 0;
  for (const auto& g : groups) {
    total += g.total();
    const auto [lo, hi] = std::minmax_element(g.packets.begin(), g.packets.end());
    CHECK(*hi - *lo <= 1);
  }
  CHECK(total == d.n.data().sent);
  CHECK(d.n.data().in_flight() == 0);
  CHECK(d.n.accounting().empty());
}
