#include <catch2/catch.hpp>
#include <stdexcept>
#include <vector>

#include "models/rib/preference.hpp"
#include "models/rib/rib.hpp"

using rib::Protocol;
using rib::RibEvent;
using vendor::Vendor;

namespace {

net::Prefix prefix(const char* text) { return *net::parse_prefix(text).value; }
net::Ipv4 addr(const char* text) { return *net::parse_ipv4(text).value; }

rib::Route route(const char* p, Protocol protocol, rib::SourceId source, uint32_t preference,
                 std::vector<rib::NextHop> next_hops, uint32_t metric = 0) {
  rib::Route r;
  r.prefix = prefix(p);
  r.protocol = protocol;
  r.source = source;
  r.preference = preference;
  r.next_hops = std::move(next_hops);
  r.metric = metric;
  return r;
}

// What a listener saw, copied out of the notification.
struct Seen {
  net::Prefix prefix;
  RibEvent event;
  bool has_active;
  Protocol protocol;
  rib::SourceId source;
  bool active_changed;
};

struct Recorder {
  std::vector<Seen> events;
  rib::Rib::Listener listener() {
    return [this](const rib::RibChange& c) {
      events.push_back(Seen{c.prefix, c.event, c.active != nullptr,
                            c.active ? c.active->protocol : Protocol::kDirect,
                            c.active ? c.active->source : 0, c.active_changed});
    };
  }
};

const rib::NextHop kVia1{net::Ipv4{0x0a010101}, 1};
const rib::NextHop kVia2{net::Ipv4{0x0a010102}, 2};
const rib::NextHop kVia3{net::Ipv4{0x0a010103}, 3};

}  // namespace

TEST_CASE("the RIB picks the active route and tells listeners", "[rib]") {
  rib::Rib table(Vendor::kJunos);
  Recorder seen;
  table.add_listener(seen.listener());
  const net::Prefix p = prefix("192.168.100.1/32");

  table.update(route("192.168.100.1/32", Protocol::kOspfExternal2, 0, 150, {kVia1}));
  REQUIRE(seen.events.size() == 1);
  CHECK(seen.events[0].event == RibEvent::kAdded);
  CHECK(seen.events[0].protocol == Protocol::kOspfExternal2);

  SECTION("a better route takes over, and its withdrawal hands back") {
    table.update(route("192.168.100.1/32", Protocol::kBgp, 7, 90, {kVia2}));
    REQUIRE(seen.events.size() == 2);
    CHECK(seen.events[1].event == RibEvent::kChanged);
    CHECK(seen.events[1].protocol == Protocol::kBgp);
    CHECK(seen.events[1].active_changed);
    CHECK(table.candidates(p).size() == 2);

    table.withdraw(p, Protocol::kBgp, 7);
    REQUIRE(seen.events.size() == 3);
    CHECK(seen.events[2].event == RibEvent::kChanged);
    CHECK(seen.events[2].protocol == Protocol::kOspfExternal2);

    table.withdraw(p, Protocol::kOspfExternal2, 0);
    REQUIRE(seen.events.size() == 4);
    CHECK(seen.events[3].event == RibEvent::kRemoved);
    CHECK_FALSE(seen.events[3].has_active);
    CHECK(table.active(p) == nullptr);
    CHECK(table.candidates(p).empty());
    CHECK(table.size() == 0);
  }
  SECTION("a worse candidate, or an unknown withdrawal, is silent") {
    table.update(route("192.168.100.1/32", Protocol::kBgp, 7, 170, {kVia2}));
    table.withdraw(p, Protocol::kBgp, 99);
    table.withdraw(prefix("10.0.0.0/8"), Protocol::kBgp, 7);
    CHECK(seen.events.size() == 1);
    CHECK(table.active(p)->protocol == Protocol::kOspfExternal2);
    // Its withdrawal does not touch the active route either.
    table.withdraw(p, Protocol::kBgp, 7);
    CHECK(seen.events.size() == 1);
  }
  SECTION("an identical update is a no-op, a changed one is an event") {
    table.update(route("192.168.100.1/32", Protocol::kOspfExternal2, 0, 150, {kVia1}));
    CHECK(seen.events.size() == 1);
    table.update(route("192.168.100.1/32", Protocol::kOspfExternal2, 0, 150, {kVia1, kVia2}));
    REQUIRE(seen.events.size() == 2);
    CHECK(seen.events[1].event == RibEvent::kChanged);
    CHECK(seen.events[1].active_changed);
    CHECK(table.active(p)->next_hops.size() == 2);
  }
  SECTION("the active route getting worse hands over to the next best") {
    table.update(route("192.168.100.1/32", Protocol::kBgp, 7, 140, {kVia2}));
    CHECK(table.active(p)->protocol == Protocol::kBgp);
    table.update(route("192.168.100.1/32", Protocol::kBgp, 7, 170, {kVia2}));
    CHECK(table.active(p)->protocol == Protocol::kOspfExternal2);
    REQUIRE(seen.events.size() == 3);
    CHECK(seen.events[2].active_changed);
  }
}

TEST_CASE("RIB tie-breaks: metric within a protocol, then protocol order, then source", "[rib]") {
  rib::Rib table(Vendor::kFrr);
  const net::Prefix p = prefix("10.0.0.0/24");
  table.update(route("10.0.0.0/24", Protocol::kOspfInternal, 1, 110, {kVia1}, 20));
  table.update(route("10.0.0.0/24", Protocol::kOspfInternal, 2, 110, {kVia2}, 10));
  CHECK(table.active(p)->source == 2);  // lower metric

  // Equal preference across protocols: protocol order decides, not metrics
  // in different units.
  table.update(route("10.0.0.0/24", Protocol::kStatic, 5, 110, {kVia3}, 1000));
  CHECK(table.active(p)->protocol == Protocol::kStatic);
  table.withdraw(p, Protocol::kStatic, 5);

  // Equal in everything: the lower source id.
  table.update(route("10.0.0.0/24", Protocol::kOspfInternal, 1, 110, {kVia1}, 10));
  CHECK(table.active(p)->source == 1);

  // rank orders routes of one protocol above the metric (BIRD's per-neighbour BGP).
  rib::Route a = route("10.1.0.0/16", Protocol::kBgp, 1, 100, {kVia1});
  rib::Route b = route("10.1.0.0/16", Protocol::kBgp, 2, 100, {kVia2});
  a.rank = 5;
  b.rank = 3;
  b.metric = 1000;
  table.update(a);
  table.update(b);
  CHECK(table.active(prefix("10.1.0.0/16"))->source == 2);
  CHECK(table.equal_cost_routes(prefix("10.1.0.0/16")).size() == 1);

  // eBGP before iBGP when nothing else differs.
  rib::Route ibgp = route("10.2.0.0/16", Protocol::kBgp, 1, 170, {kVia1});
  ibgp.ibgp = true;
  table.update(ibgp);
  table.update(route("10.2.0.0/16", Protocol::kBgp, 2, 170, {kVia2}));
  CHECK_FALSE(table.active(prefix("10.2.0.0/16"))->ibgp);
}

TEST_CASE("RIB normalises next hops", "[rib]") {
  rib::Rib table(Vendor::kLinux);
  table.update(route("10.0.0.0/8", Protocol::kStatic, 0, 1, {kVia3, kVia1, kVia3, kVia2}));
  const auto& nh = table.active(prefix("10.0.0.0/8"))->next_hops;
  CHECK(nh == std::vector<rib::NextHop>{kVia1, kVia2, kVia3});
}

TEST_CASE("RIB equal-cost companions and their events", "[rib]") {
  // The lab host: two eBGP defaults, one per switch, equal in all but source.
  rib::Rib host(Vendor::kBird);
  Recorder seen;
  host.add_listener(seen.listener());
  const net::Prefix def = prefix("0.0.0.0/0");
  const uint32_t bgp = rib::default_internal_preference(Vendor::kBird, Protocol::kBgp);
  host.update(route("0.0.0.0/0", Protocol::kBgp, 1, bgp, {{addr("10.10.1.1"), 0}}));
  host.update(route("0.0.0.0/0", Protocol::kBgp, 2, bgp, {{addr("10.10.2.1"), 1}}));
  REQUIRE(seen.events.size() == 2);
  CHECK(seen.events[1].event == RibEvent::kChanged);
  CHECK_FALSE(seen.events[1].active_changed);  // sw_sw_1's route stays best
  CHECK(host.active(def)->source == 1);
  CHECK(host.equal_cost_routes(def).size() == 2);

  // A third, worse, route is no companion and no event.
  host.update(route("0.0.0.0/0", Protocol::kBgp, 3, bgp + 1, {{addr("10.10.3.1"), 2}}));
  CHECK(seen.events.size() == 2);
  CHECK(host.equal_cost_routes(def).size() == 2);
  CHECK(host.candidates(def).size() == 3);

  // Losing the companion is an event without an active change.
  host.withdraw(def, Protocol::kBgp, 2);
  REQUIRE(seen.events.size() == 3);
  CHECK_FALSE(seen.events[2].active_changed);
  CHECK(host.equal_cost_routes(def).size() == 1);
}

TEST_CASE("RIB withdraw_source drops a whole session", "[rib]") {
  rib::Rib table(Vendor::kJunos);
  Recorder seen;
  table.update(route("10.0.0.0/8", Protocol::kBgp, 4, 170, {kVia1}));
  table.update(route("10.1.0.0/16", Protocol::kBgp, 4, 170, {kVia1}));
  table.update(route("10.1.0.0/16", Protocol::kOspfExternal2, 0, 150, {kVia2}));
  table.update(route("10.2.0.0/16", Protocol::kBgp, 5, 170, {kVia3}));
  table.add_listener(seen.listener());
  CHECK(table.withdraw_source(Protocol::kBgp, 4) == 2);
  CHECK(table.active(prefix("10.0.0.0/8")) == nullptr);
  CHECK(table.active(prefix("10.1.0.0/16"))->protocol == Protocol::kOspfExternal2);
  CHECK(table.active(prefix("10.2.0.0/16")) != nullptr);
  // 10.0.0.0/8 removed; 10.1.0.0/16's BGP route was not active: no event.
  REQUIRE(seen.events.size() == 1);
  CHECK(seen.events[0].event == RibEvent::kRemoved);
}

TEST_CASE("RIB iterates active routes in prefix order", "[rib]") {
  rib::Rib table(Vendor::kBird);
  for (const char* p : {"192.168.100.1/32", "10.10.2.0/30", "0.0.0.0/0", "10.10.1.0/30"})
    table.update(route(p, Protocol::kDirect, 0, 1, {kVia1}));
  std::vector<std::string> order;
  table.for_each_active([&](const rib::Route& r) { order.push_back(r.prefix.to_string()); });
  CHECK(order ==
        std::vector<std::string>{"0.0.0.0/0", "10.10.1.0/30", "10.10.2.0/30", "192.168.100.1/32"});
  CHECK(table.size() == 4);
}

TEST_CASE("RIB listeners may not change the RIB synchronously, removed ones are quiet", "[rib]") {
  rib::Rib table(Vendor::kJunos);
  auto id = table.add_listener([&table](const rib::RibChange& c) {
    if (c.prefix.len == 8) table.withdraw(c.prefix, Protocol::kStatic, 0);
  });
  CHECK_THROWS_AS(table.update(route("10.0.0.0/8", Protocol::kStatic, 0, 5, {kVia1})),
                  std::logic_error);
  table.remove_listener(id);
  Recorder seen;
  table.add_listener(seen.listener());
  table.update(route("10.0.0.0/8", Protocol::kStatic, 0, 6, {kVia1}));
  CHECK(seen.events.size() == 1);
}
