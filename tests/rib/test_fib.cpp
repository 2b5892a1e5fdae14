#include <catch2/catch.hpp>
#include <map>
#include <random>
#include <vector>

#include "models/rib/addr_table.hpp"
#include "models/rib/fib.hpp"

namespace {

net::Prefix prefix(const char* text) { return *net::parse_prefix(text).value; }
net::Ipv4 addr(const char* text) { return *net::parse_ipv4(text).value; }

const rib::NextHop kA{net::Ipv4{0x0a010101}, 1};
const rib::NextHop kB{net::Ipv4{0x0a010102}, 2};
const rib::NextHop kC{net::Ipv4{0x0a010103}, 3};

}  // namespace

TEST_CASE("FIB longest-prefix match over /0, /30, /31 and /32", "[fib]") {
  rib::Fib fib;
  CHECK_FALSE(fib.lookup(addr("10.10.1.2")).found());

  fib.set(prefix("0.0.0.0/0"), std::vector<rib::NextHop>{kA});
  fib.set(prefix("10.10.1.0/30"), std::vector<rib::NextHop>{kB});
  fib.set(prefix("10.10.1.2/31"), std::vector<rib::NextHop>{kC});
  fib.set(prefix("10.10.1.2/32"), std::vector<rib::NextHop>{{net::Ipv4{}, 9}});
  CHECK(fib.route_count() == 4);

  auto via = [&](const char* dst) { return fib.lookup(addr(dst)).prefix.to_string(); };
  CHECK(via("10.10.1.2") == "10.10.1.2/32");
  CHECK(via("10.10.1.3") == "10.10.1.2/31");
  CHECK(via("10.10.1.1") == "10.10.1.0/30");
  CHECK(via("10.10.1.0") == "10.10.1.0/30");
  CHECK(via("10.10.1.4") == "0.0.0.0/0");
  CHECK(via("8.8.8.8") == "0.0.0.0/0");
  CHECK(via("255.255.255.255") == "0.0.0.0/0");

  const auto m = fib.lookup(addr("10.10.1.3"));
  REQUIRE(m.found());
  CHECK(fib.next_hops(m.group).size() == 1);
  CHECK(fib.next_hops(m.group)[0] == kC);

  fib.remove(prefix("10.10.1.2/32"));
  CHECK(via("10.10.1.2") == "10.10.1.2/31");
  fib.remove(prefix("0.0.0.0/0"));
  CHECK_FALSE(fib.lookup(addr("8.8.8.8")).found());
  CHECK(via("10.10.1.1") == "10.10.1.0/30");
  fib.remove(prefix("10.10.1.0/30"));
  fib.remove(prefix("10.10.1.2/31"));
  CHECK(fib.route_count() == 0);
  CHECK(fib.group_count() == 0);
  CHECK_FALSE(fib.lookup(addr("10.10.1.1")).found());
  // Removing what is not there is harmless.
  fib.remove(prefix("10.10.1.0/30"));
  CHECK(fib.route_count() == 0);
}

TEST_CASE("FIB next-hop groups are shared, refcounted and released", "[fib]") {
  rib::Fib fib;
  // The same set in another order and with a duplicate is the same group.
  fib.set(prefix("192.168.100.1/32"), std::vector<rib::NextHop>{kA, kB});
  fib.set(prefix("192.168.100.2/32"), std::vector<rib::NextHop>{kB, kA, kB});
  const auto g1 = fib.exact(prefix("192.168.100.1/32"));
  const auto g2 = fib.exact(prefix("192.168.100.2/32"));
  CHECK(g1 == g2);
  CHECK(fib.group_count() == 1);
  CHECK(fib.group(g1).refs == 2);
  CHECK(fib.group(g1).next_hops == std::vector<rib::NextHop>{kA, kB});

  // Setting a prefix to the set it already has changes nothing.
  fib.set(prefix("192.168.100.1/32"), std::vector<rib::NextHop>{kA, kB});
  CHECK(fib.group(g1).refs == 2);

  // Moving one prefix to another set releases a reference.
  fib.set(prefix("192.168.100.1/32"), std::vector<rib::NextHop>{kC});
  CHECK(fib.group_count() == 2);
  CHECK(fib.group(g1).refs == 1);

  // The last user going frees the group; its id is reused.
  fib.remove(prefix("192.168.100.2/32"));
  CHECK(fib.group_count() == 1);
  fib.set(prefix("192.168.100.3/32"), std::vector<rib::NextHop>{kA});
  CHECK(fib.exact(prefix("192.168.100.3/32")) == g1);
  CHECK(fib.group(g1).next_hops == std::vector<rib::NextHop>{kA});

  // acquire/release by hand, as FibSync's queue does.
  const auto held = fib.acquire(std::vector<rib::NextHop>{kC});
  CHECK(held == fib.exact(prefix("192.168.100.1/32")));
  CHECK(fib.group(held).refs == 2);
  fib.release(held);
  CHECK(fib.group(held).refs == 1);
  // Releasing more often than acquiring is a bug and says so.
  const auto once = fib.acquire(std::vector<rib::NextHop>{kB});
  fib.release(once);
  CHECK_THROWS(fib.release(once));
}

TEST_CASE("FIB discard route: a group without next hops", "[fib]") {
  rib::Fib fib;
  fib.set(prefix("10.0.0.0/8"), std::vector<rib::NextHop>{});
  const auto m = fib.lookup(addr("10.1.2.3"));
  REQUIRE(m.found());
  CHECK(fib.next_hops(m.group).empty());
}

TEST_CASE("FIB entries come out in prefix order", "[fib]") {
  rib::Fib fib;
  for (const char* p : {"192.168.100.1/32", "10.10.2.0/30", "0.0.0.0/0", "10.10.1.0/30"})
    fib.set(prefix(p), std::vector<rib::NextHop>{kA});
  std::vector<std::string> order;
  for (const auto& [p, g] : fib.entries()) order.push_back(p.to_string());
  CHECK(order ==
        std::vector<std::string>{"0.0.0.0/0", "10.10.1.0/30", "10.10.2.0/30", "192.168.100.1/32"});
}

TEST_CASE("FIB agrees with a brute-force LPM under churn", "[fib]") {
  std::mt19937 rng(42);
  rib::Fib fib;
  std::map<net::Prefix, uint32_t> truth;  // prefix -> interface of its one next hop
  const uint8_t lengths[] = {0, 8, 16, 24, 30, 31, 32};
  for (int step = 0; step < 4000; ++step) {
    // Addresses from a small space so that prefixes overlap a lot.
    const uint32_t a = 0x0a000000u | (rng() & 0x0000ffffu);
    const uint8_t len = lengths[rng() % std::size(lengths)];
    const net::Prefix p{net::Ipv4{a & net::Prefix::mask_of(len)}, len};
    if (rng() % 3 == 0) {
      fib.remove(p);
      truth.erase(p);
    } else {
      const uint32_t ifc = rng() % 5;
      fib.set(p, std::vector<rib::NextHop>{{net::Ipv4{}, ifc}});
      truth[p] = ifc;
    }
  }
  CHECK(fib.route_count() == truth.size());
  CHECK(fib.group_count() <= 5);
  for (int probe = 0; probe < 4000; ++probe) {
    const net::Ipv4 dst{static_cast<uint32_t>(0x0a000000u | (rng() & 0x0000ffffu))};
    const net::Prefix* best = nullptr;
    for (const auto& [p, ifc] : truth)
      if (p.contains(dst) && (best == nullptr || p.len > best->len)) best = &p;
    const auto m = fib.lookup(dst);
    REQUIRE(m.found() == (best != nullptr));
    if (best != nullptr) {
      CHECK(m.prefix == *best);
      CHECK(fib.next_hops(m.group)[0].interface == truth[*best]);
    }
  }
}

TEST_CASE("AddrTable keeps every key findable through erase churn", "[fib]") {
  rib::AddrTable t;
  std::map<uint32_t, uint32_t> truth;
  std::mt19937 rng(7);
  for (int i = 0; i < 20000; ++i) {
    const uint32_t key = rng() % 3000;  // dense keys collide in the probe runs
    if (rng() % 2 == 0) {
      CHECK(t.erase(key) == (truth.count(key) ? truth[key] : rib::AddrTable::kMissing));
      truth.erase(key);
    } else {
      const uint32_t value = rng() % 1000;
      t.put(key, value);
      truth[key] = value;
    }
  }
  CHECK(t.size() == truth.size());
  for (uint32_t key = 0; key < 3000; ++key)
    CHECK(t.find(key) == (truth.count(key) ? truth[key] : rib::AddrTable::kMissing));
}
