#include <catch2/catch.hpp>
#include <set>
#include <vector>

#include "models/policy/policy.hpp"
#include "models/rib/fib_sync.hpp"
#include "models/rib/preference.hpp"

using rib::Protocol;
using sim::Duration;
using sim::Time;
using vendor::Vendor;

namespace {

net::Prefix prefix(const char* text) { return *net::parse_prefix(text).value; }
net::Ipv4 addr(const char* text) { return *net::parse_ipv4(text).value; }
Time at_ms(int64_t ms) { return Time::zero() + Duration::milliseconds(ms); }

rib::NextHop via(const char* a, net::InterfaceId ifc) { return {addr(a), ifc}; }

rib::Route route(Vendor v, const char* p, Protocol protocol, rib::SourceId source,
                 std::vector<rib::NextHop> next_hops) {
  rib::Route r;
  r.prefix = prefix(p);
  r.protocol = protocol;
  r.source = source;
  r.preference = rib::default_internal_preference(v, protocol);
  r.next_hops = std::move(next_hops);
  return r;
}

// The installed next hops of an exact prefix (empty when absent).
std::vector<rib::NextHop> installed(const rib::Fib& fib, const char* p) {
  const auto g = fib.exact(prefix(p));
  if (g == rib::Fib::kNoGroup) return {};
  auto nh = fib.next_hops(g);
  return {nh.begin(), nh.end()};
}

// One node: simulator, RIB, FIB and the sync between them.
struct Node {
  sim::Simulator sim;
  rib::Rib rib;
  rib::Fib fib;
  rib::FibSync sync;
  Node(Vendor v, rib::FibOptions o) : rib(v), sync(sim, rib, fib, o) {}
  explicit Node(Vendor v) : Node(v, rib::fib_defaults(v)) {}
};

}  // namespace

TEST_CASE("FIB defaults per vendor", "[fib]") {
  const auto junos = rib::fib_defaults(Vendor::kJunos);
  CHECK(junos.max_paths == 1);
  CHECK(junos.load_balance_max_paths == rib::kJunosMaxEcmp);
  CHECK(junos.install_delay == Duration::milliseconds(20));
  const auto bird = rib::fib_defaults(Vendor::kBird);
  CHECK_FALSE(bird.merge_paths);
  CHECK(bird.max_paths == 16);
  CHECK(rib::fib_defaults(Vendor::kFrr).max_paths == 16);
  CHECK(rib::fib_defaults(Vendor::kLinux).max_paths == 64);
  for (Vendor v : {Vendor::kJunos, Vendor::kBird, Vendor::kFrr, Vendor::kEos, Vendor::kLinux}) {
    INFO(vendor::name(v));
    CHECK(rib::fib_defaults(v).install_delay > Duration::zero());
    CHECK(rib::fib_defaults(v).install_delay <= Duration::milliseconds(20));
  }
}

TEST_CASE("an update at T is in the FIB at T + install delay and not before", "[fib]") {
  rib::FibOptions o = rib::fib_defaults(Vendor::kJunos);
  const Duration delay = o.install_delay;
  Node n(Vendor::kJunos, o);
  std::vector<Time> changes;
  n.sync.add_change_listener([&](const net::Prefix&, Time t) { changes.push_back(t); });

  n.sim.run_until(at_ms(1000));
  n.rib.update(route(Vendor::kJunos, "192.168.100.1/32", Protocol::kBgp, 1, {via("10.10.1.2", 9)}));
  CHECK(n.sync.pending() == 1);
  n.sim.run_until(at_ms(1000) + delay - Duration::picoseconds(1));
  CHECK_FALSE(n.fib.lookup(addr("192.168.100.1")).found());
  n.sim.run_until(at_ms(1000) + delay);
  CHECK(n.fib.lookup(addr("192.168.100.1")).found());
  CHECK(n.sync.last_change() == at_ms(1000) + delay);
  CHECK(changes == std::vector<Time>{at_ms(1000) + delay});

  SECTION("a withdrawal is delayed the same way") {
    n.sim.run_until(at_ms(2000));
    n.rib.withdraw(prefix("192.168.100.1/32"), Protocol::kBgp, 1);
    n.sim.run_until(at_ms(2000) + delay - Duration::picoseconds(1));
    CHECK(n.fib.lookup(addr("192.168.100.1")).found());
    n.sim.run_until(at_ms(2000) + delay);
    CHECK_FALSE(n.fib.lookup(addr("192.168.100.1")).found());
    CHECK(n.sync.changes_applied() == 2);
    CHECK(n.fib.group_count() == 0);
  }
}

TEST_CASE("FIB updates are applied in the order they were made", "[fib]") {
  rib::FibOptions o = rib::fib_defaults(Vendor::kJunos);
  o.install_delay = Duration::milliseconds(20);
  Node n(Vendor::kJunos, o);
  const auto first = std::vector<rib::NextHop>{via("10.1.1.1", 0)};
  const auto second = std::vector<rib::NextHop>{via("10.1.1.2", 1)};

  n.sim.run_until(at_ms(100));
  n.rib.update(route(Vendor::kJunos, "192.168.100.1/32", Protocol::kOspfExternal2, 0, first));
  n.sim.run_until(at_ms(101));
  SECTION("with a constant delay each lands at its own time") {
    n.rib.update(route(Vendor::kJunos, "192.168.100.1/32", Protocol::kOspfExternal2, 0, second));
    n.sim.run_until(at_ms(120));
    CHECK(installed(n.fib, "192.168.100.1/32") == first);
    n.sim.run_until(at_ms(121));
    CHECK(installed(n.fib, "192.168.100.1/32") == second);
  }
  SECTION("a shorter delay does not let a later update overtake") {
    o.install_delay = Duration::milliseconds(1);
    n.sync.set_options(o);
    n.rib.update(route(Vendor::kJunos, "192.168.100.1/32", Protocol::kOspfExternal2, 0, second));
    n.sim.run_until(at_ms(119));
    CHECK(installed(n.fib, "192.168.100.1/32").empty());
    n.sim.run_until(at_ms(120));
    CHECK(installed(n.fib, "192.168.100.1/32") == second);
    CHECK(n.sync.changes_applied() == 2);
  }
  CHECK(n.sync.pending() == 0);
  CHECK(n.fib.group_count() == 1);
}

TEST_CASE("install_interval spaces updates out (installer throughput)", "[fib]") {
  rib::FibOptions o = rib::fib_defaults(Vendor::kFrr);
  o.install_delay = Duration::milliseconds(1);
  o.install_interval = Duration::milliseconds(2);
  Node n(Vendor::kFrr, o);
  std::vector<Time> changes;
  n.sync.add_change_listener([&](const net::Prefix&, Time t) { changes.push_back(t); });
  for (const char* p : {"10.0.0.1/32", "10.0.0.2/32", "10.0.0.3/32"})
    n.rib.update(route(Vendor::kFrr, p, Protocol::kStatic, 0, {via("10.1.1.1", 0)}));
  n.sim.run_until(at_ms(100));
  CHECK(changes == std::vector<Time>{at_ms(1), at_ms(3), at_ms(5)});
  CHECK(n.fib.group_count() == 1);
  CHECK(n.fib.group(n.fib.exact(prefix("10.0.0.1/32"))).refs == 3);
}

TEST_CASE("Junos installs one next hop unless load-balance is exported", "[fib]") {
  // C-SW-1: 192.168.100.1/32 as OSPF external via both S-SWs.
  const auto both = std::vector<rib::NextHop>{via("10.1.1.1", 0), via("10.1.1.2", 1)};
  Node c_sw_1(Vendor::kJunos);
  c_sw_1.rib.update(route(Vendor::kJunos, "192.168.100.1/32", Protocol::kOspfExternal2, 0, both));

  SECTION("default: one of the two") {
    c_sw_1.sim.run_until(at_ms(100));
    const auto nh = installed(c_sw_1.fib, "192.168.100.1/32");
    REQUIRE(nh.size() == 1);
    CHECK((nh[0] == both[0] || nh[0] == both[1]));
    CHECK(c_sw_1.rib.active(prefix("192.168.100.1/32"))->next_hops.size() == 2);

    SECTION("and it sticks to it while it stays valid") {
      auto three = both;
      three.push_back(via("10.1.1.3", 2));
      c_sw_1.rib.update(
          route(Vendor::kJunos, "192.168.100.1/32", Protocol::kOspfExternal2, 0, three));
      CHECK(c_sw_1.sync.pending() == 0);  // nothing to reprogram
      c_sw_1.sim.run_until(at_ms(200));
      CHECK(installed(c_sw_1.fib, "192.168.100.1/32") == nh);
    }
  }
  SECTION("with `forwarding-table export ECMP` (then load-balance per-packet): both") {
    const policy::Policy ecmp{
        "ECMP",
        {policy::Term{"", {}, {policy::Action::load_balance()}, policy::Verdict::kNext}},
        policy::Verdict::kNext};
    c_sw_1.sim.run_until(at_ms(100));
    REQUIRE(installed(c_sw_1.fib, "192.168.100.1/32").size() == 1);
    // Committing the export reprograms the routes already there ...
    c_sw_1.sync.set_forwarding_policy(&ecmp);
    c_sw_1.sim.run_until(at_ms(200));
    CHECK(installed(c_sw_1.fib, "192.168.100.1/32") == both);
    // ... and applies to new ones.
    c_sw_1.rib.update(route(Vendor::kJunos, "192.168.100.2/32", Protocol::kOspfExternal2, 0, both));
    c_sw_1.sim.run_until(at_ms(300));
    CHECK(installed(c_sw_1.fib, "192.168.100.2/32") == both);
    // Both prefixes share one two-path group (the lab's `ulst` with NhRef 2).
    CHECK(c_sw_1.fib.exact(prefix("192.168.100.1/32")) ==
          c_sw_1.fib.exact(prefix("192.168.100.2/32")));
    CHECK(c_sw_1.fib.group(c_sw_1.fib.exact(prefix("192.168.100.1/32"))).refs == 2);
    // Deleting the export goes back to one next hop.
    c_sw_1.sync.set_forwarding_policy(nullptr);
    c_sw_1.sim.run_until(at_ms(400));
    CHECK(installed(c_sw_1.fib, "192.168.100.1/32").size() == 1);
  }
}

TEST_CASE("Junos single-path picks spread over prefixes and depend on the salt", "[fib]") {
  const auto both = std::vector<rib::NextHop>{via("10.1.1.1", 0), via("10.1.1.2", 1)};
  auto picks = [&](uint64_t salt) {
    rib::FibOptions o = rib::fib_defaults(Vendor::kJunos);
    o.path_salt = salt;
    Node n(Vendor::kJunos, o);
    std::vector<net::InterfaceId> out;
    for (uint32_t i = 0; i < 64; ++i) {
      rib::Route r = route(Vendor::kJunos, "10.0.0.0/32", Protocol::kOspfExternal2, 0, both);
      r.prefix.addr.value += i;
      n.rib.update(r);
      out.push_back(n.sync.select_next_hops(r.prefix).at(0).interface);
    }
    return out;
  };
  const auto a = picks(1);
  CHECK(std::set<net::InterfaceId>(a.begin(), a.end()).size() == 2);
  CHECK(picks(1) == a);  // reproducible
  CHECK(picks(2) != a);
}

TEST_CASE("BIRD merges the equal-cost BGP defaults only with `merge paths on`", "[fib]") {
  // The lab host: 0.0.0.0/0 from sw_sw_1 and sw_sw_2.
  auto host_fib = [](bool merge_paths) {
    rib::FibOptions o = rib::fib_defaults(Vendor::kBird);
    o.merge_paths = merge_paths;
    Node host(Vendor::kBird, o);
    host.rib.update(route(Vendor::kBird, "0.0.0.0/0", Protocol::kBgp, 1, {via("10.10.1.1", 0)}));
    host.rib.update(route(Vendor::kBird, "0.0.0.0/0", Protocol::kBgp, 2, {via("10.10.2.1", 1)}));
    host.sim.run_until(at_ms(10));
    return installed(host.fib, "0.0.0.0/0");
  };
  CHECK(host_fib(false) == std::vector<rib::NextHop>{via("10.10.1.1", 0)});
  // `ip route show default`: nexthop via 10.10.1.1 dev eth0, nexthop via 10.10.2.1 dev eth1.
  CHECK(host_fib(true) == std::vector<rib::NextHop>{via("10.10.1.1", 0), via("10.10.2.1", 1)});
}

TEST_CASE("FRR installs up to 16 next hops", "[fib]") {
  Node n(Vendor::kFrr);
  std::vector<rib::NextHop> many;
  for (uint32_t i = 0; i < 20; ++i) many.push_back({net::Ipv4{0x0a000001u + i}, i});
  n.rib.update(route(Vendor::kFrr, "10.9.0.0/16", Protocol::kOspfInternal, 0, many));
  n.sim.run_until(at_ms(10));
  CHECK(installed(n.fib, "10.9.0.0/16").size() == 16);
}

TEST_CASE("FibSync created late installs what the RIB already has", "[fib]") {
  sim::Simulator sim;
  rib::Rib table(Vendor::kLinux);
  rib::Fib fib;
  table.update(route(Vendor::kLinux, "10.10.1.0/30", Protocol::kDirect, 0, {{{}, 0}}));
  rib::FibSync sync(sim, table, fib, rib::fib_defaults(Vendor::kLinux));
  CHECK(sync.pending() == 1);
  sim.run_until(at_ms(1));
  CHECK(fib.lookup(addr("10.10.1.1")).found());
}

TEST_CASE("RIB changes that do not change the forwarding state are not queued", "[fib]") {
  Node n(Vendor::kBird);  // merge paths off
  n.rib.update(route(Vendor::kBird, "0.0.0.0/0", Protocol::kBgp, 1, {via("10.10.1.1", 0)}));
  n.sim.run_until(at_ms(10));
  // An equal-cost companion is a RIB event but not a FIB change without merging.
  n.rib.update(route(Vendor::kBird, "0.0.0.0/0", Protocol::kBgp, 2, {via("10.10.2.1", 1)}));
  CHECK(n.sync.pending() == 0);
  CHECK(n.sync.changes_applied() == 1);
}

TEST_CASE("destroying a FibSync with queued updates releases their groups", "[fib]") {
  sim::Simulator sim;
  rib::Rib table(Vendor::kJunos);
  rib::Fib fib;
  {
    rib::FibSync sync(sim, table, fib, rib::fib_defaults(Vendor::kJunos));
    table.update(route(Vendor::kJunos, "10.0.0.0/8", Protocol::kStatic, 0, {via("10.1.1.1", 0)}));
    CHECK(fib.group_count() == 1);  // held by the queue
  }
  CHECK(fib.group_count() == 0);
  sim.run_until(at_ms(100));  // the cancelled install does not run
  CHECK(fib.route_count() == 0);
}
