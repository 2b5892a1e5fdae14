#include <catch2/catch.hpp>
#include <cstdint>
#include <limits>
#include <tuple>
#include <vector>

#include "models/rib/preference.hpp"
#include "models/rib/rib.hpp"

using rib::Protocol;
using vendor::Vendor;

namespace {

net::Prefix prefix(const char* text) { return *net::parse_prefix(text).value; }

const std::vector<Vendor> kVendors{Vendor::kJunos, Vendor::kBird, Vendor::kFrr, Vendor::kEos,
                                   Vendor::kLinux};

// A route as a protocol would hand it to the RIB, with the vendor's default
// preference unless `vendor_preference` overrides it (a policy's `preference`).
rib::Route route(Vendor v, Protocol p, uint32_t source, int64_t vendor_preference = -1,
                 bool ibgp = false) {
  rib::Route r;
  r.prefix = prefix("192.168.100.1/32");
  r.protocol = p;
  r.ibgp = ibgp;
  r.source = source;
  r.next_hops = {rib::NextHop{net::Ipv4{0x0a0a0102 + source}, source}};
  r.preference = vendor_preference < 0
                     ? rib::default_internal_preference(v, p, ibgp)
                     : rib::to_internal(v, static_cast<uint32_t>(vendor_preference));
  return r;
}

}  // namespace

TEST_CASE("every vendor's default route preferences", "[rib][preference]") {
  // (vendor, protocol, ibgp, expected value in the vendor's own convention)
  const std::vector<std::tuple<Vendor, Protocol, bool, uint32_t>> table{
      {Vendor::kJunos, Protocol::kDirect, false, 0},
      {Vendor::kJunos, Protocol::kStatic, false, 5},
      {Vendor::kJunos, Protocol::kKernel, false, 40},
      {Vendor::kJunos, Protocol::kOspfInternal, false, 10},
      {Vendor::kJunos, Protocol::kOspfExternal1, false, 150},
      {Vendor::kJunos, Protocol::kOspfExternal2, false, 150},
      {Vendor::kJunos, Protocol::kBgp, false, 170},
      {Vendor::kJunos, Protocol::kBgp, true, 170},
      {Vendor::kFrr, Protocol::kDirect, false, 0},
      {Vendor::kFrr, Protocol::kKernel, false, 0},
      {Vendor::kFrr, Protocol::kStatic, false, 1},
      {Vendor::kFrr, Protocol::kBgp, false, 20},
      {Vendor::kFrr, Protocol::kOspfInternal, false, 110},
      {Vendor::kFrr, Protocol::kOspfExternal1, false, 110},
      {Vendor::kFrr, Protocol::kOspfExternal2, false, 110},
      {Vendor::kFrr, Protocol::kBgp, true, 200},
      {Vendor::kLinux, Protocol::kDirect, false, 0},
      {Vendor::kLinux, Protocol::kKernel, false, 0},
      {Vendor::kLinux, Protocol::kStatic, false, 1},
      {Vendor::kLinux, Protocol::kBgp, false, 20},
      {Vendor::kLinux, Protocol::kOspfExternal2, false, 110},
      {Vendor::kLinux, Protocol::kBgp, true, 200},
      {Vendor::kEos, Protocol::kDirect, false, 0},
      {Vendor::kEos, Protocol::kStatic, false, 1},
      {Vendor::kEos, Protocol::kKernel, false, 1},
      {Vendor::kEos, Protocol::kOspfInternal, false, 110},
      {Vendor::kEos, Protocol::kOspfExternal1, false, 110},
      {Vendor::kEos, Protocol::kOspfExternal2, false, 110},
      {Vendor::kEos, Protocol::kBgp, false, 200},
      {Vendor::kEos, Protocol::kBgp, true, 200},
      {Vendor::kBird, Protocol::kDirect, false, 240},
      {Vendor::kBird, Protocol::kStatic, false, 200},
      {Vendor::kBird, Protocol::kOspfInternal, false, 150},
      {Vendor::kBird, Protocol::kOspfExternal1, false, 150},
      {Vendor::kBird, Protocol::kOspfExternal2, false, 150},
      {Vendor::kBird, Protocol::kBgp, false, 100},
      {Vendor::kBird, Protocol::kBgp, true, 100},
      {Vendor::kBird, Protocol::kKernel, false, 10},
  };
  for (const auto& [v, p, ibgp, expected] : table) {
    INFO(vendor::name(v) << " " << rib::protocol_name(p) << (ibgp ? " ibgp" : ""));
    CHECK(rib::default_preference(v, p, ibgp) == expected);
    CHECK(rib::default_preference(v, p, ibgp) <= rib::max_preference(v));
  }
}

TEST_CASE("preference survives the round trip through the internal scale", "[rib][preference]") {
  const std::vector<uint32_t> values{
      0,   1,   5,   10,  20,  90,    100,   110,      150,
      170, 200, 240, 255, 256, 65535, 65536, 1u << 31, std::numeric_limits<uint32_t>::max()};
  for (Vendor v : kVendors)
    for (uint32_t x : values) {
      INFO(vendor::name(v) << " " << x);
      CHECK(rib::to_vendor(v, rib::to_internal(v, x)) == x);
      CHECK(rib::to_internal(v, rib::to_vendor(v, x)) == x);
    }
}

TEST_CASE("lower internal preference means more preferred for every vendor", "[rib][preference]") {
  // Direct beats static beats BGP on every vendor, whatever its convention.
  for (Vendor v : kVendors) {
    INFO(vendor::name(v));
    CHECK(rib::default_internal_preference(v, Protocol::kDirect) <
          rib::default_internal_preference(v, Protocol::kStatic));
    CHECK(rib::default_internal_preference(v, Protocol::kStatic) <
          rib::default_internal_preference(v, Protocol::kBgp, true));
  }
  CHECK(rib::higher_preference_wins(Vendor::kBird));
  CHECK_FALSE(rib::higher_preference_wins(Vendor::kJunos));
  CHECK(rib::preference_word(Vendor::kJunos) == "preference");
  CHECK(rib::preference_word(Vendor::kFrr) == "distance");
}

TEST_CASE("BIRD: the higher preference wins", "[rib][preference]") {
  CHECK(rib::to_internal(Vendor::kBird, 240) < rib::to_internal(Vendor::kBird, 100));
  CHECK(rib::to_internal(Vendor::kBird, 200) < rib::to_internal(Vendor::kBird, 150));

  rib::Rib table(Vendor::kBird);
  table.update(route(Vendor::kBird, Protocol::kBgp, 1));
  table.update(route(Vendor::kBird, Protocol::kOspfExternal2, 2));
  // OSPF 150 beats BGP 100 on BIRD ...
  REQUIRE(table.active(prefix("192.168.100.1/32"))->protocol == Protocol::kOspfExternal2);
  // ... until a filter sets `preference = 200` on the BGP route.
  table.update(route(Vendor::kBird, Protocol::kBgp, 1, 200));
  const rib::Route* best = table.active(prefix("192.168.100.1/32"));
  CHECK(best->protocol == Protocol::kBgp);
  CHECK(table.vendor_preference(*best) == 200);
  // The host's own service address is direct (240) and beats everything.
  table.update(route(Vendor::kBird, Protocol::kDirect, 3));
  CHECK(table.active(prefix("192.168.100.1/32"))->protocol == Protocol::kDirect);
}

TEST_CASE("Junos, the lab's key case: preference 90 on the eBGP route", "[rib][preference]") {
  const net::Prefix service = prefix("192.168.100.1/32");
  rib::Rib s_sw_1(Vendor::kJunos);

  SECTION("without the override, OSPF external 150 beats BGP 170") {
    s_sw_1.update(route(Vendor::kJunos, Protocol::kBgp, 1));
    s_sw_1.update(route(Vendor::kJunos, Protocol::kOspfExternal2, 2));
    const rib::Route* best = s_sw_1.active(service);
    CHECK(best->protocol == Protocol::kOspfExternal2);
    CHECK(s_sw_1.vendor_preference(*best) == 150);
  }
  SECTION("with IMPORT-BGP-SERVERS' preference 90, BGP beats OSPF external 150") {
    s_sw_1.update(route(Vendor::kJunos, Protocol::kBgp, 1, 90));
    s_sw_1.update(route(Vendor::kJunos, Protocol::kOspfExternal2, 2));
    const rib::Route* best = s_sw_1.active(service);
    CHECK(best->protocol == Protocol::kBgp);
    CHECK(s_sw_1.vendor_preference(*best) == 90);
    SECTION("but not OSPF internal 10") {
      s_sw_1.update(route(Vendor::kJunos, Protocol::kOspfInternal, 3));
      CHECK(s_sw_1.active(service)->protocol == Protocol::kOspfInternal);
    }
  }
}

TEST_CASE("FRR prefers eBGP over OSPF, EOS prefers OSPF over eBGP", "[rib][preference]") {
  const net::Prefix service = prefix("192.168.100.1/32");
  rib::Rib frr(Vendor::kFrr);
  frr.update(route(Vendor::kFrr, Protocol::kOspfExternal2, 2));
  frr.update(route(Vendor::kFrr, Protocol::kBgp, 1));
  CHECK(frr.active(service)->protocol == Protocol::kBgp);
  // iBGP (200) loses to OSPF (110).
  frr.update(route(Vendor::kFrr, Protocol::kBgp, 1, -1, true));
  CHECK(frr.active(service)->protocol == Protocol::kOspfExternal2);

  rib::Rib eos(Vendor::kEos);
  eos.update(route(Vendor::kEos, Protocol::kBgp, 1));
  eos.update(route(Vendor::kEos, Protocol::kOspfExternal2, 2));
  CHECK(eos.active(service)->protocol == Protocol::kOspfExternal2);
}
