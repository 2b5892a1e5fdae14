#include "models/rib/preference.hpp"

#include <limits>

namespace rib {
namespace {

using vendor::Vendor;

// Junos route preference table ("Understanding Route Preference Values",
// juniper.net local-preference topic map): direct 0, static 5, OSPF internal
// 10, kernel 40, OSPF AS external 150, BGP 170 (eBGP and iBGP alike).
uint32_t junos(Protocol p) {
  switch (p) {
    case Protocol::kDirect:
      return 0;
    case Protocol::kStatic:
      return 5;
    case Protocol::kKernel:
      return 40;
    case Protocol::kOspfInternal:
      return 10;
    case Protocol::kOspfExternal1:
    case Protocol::kOspfExternal2:
      return 150;
    case Protocol::kBgp:
      return 170;
  }
  return std::numeric_limits<uint32_t>::max();
}

// FRR lib/frrdistance.h: kernel 0, connected 0, static 1, eBGP 20, OSPF 110
// (all path types), iBGP 200. A Linux host follows the same table: its kernel
// has no preference at all (it orders routes by metric), and when a routing
// daemon runs on Linux it is FRR's zebra that picks between sources.
uint32_t frr(Protocol p, bool ibgp) {
  switch (p) {
    case Protocol::kDirect:
      return 0;
    case Protocol::kKernel:
      return 0;
    case Protocol::kStatic:
      return 1;
    case Protocol::kOspfInternal:
    case Protocol::kOspfExternal1:
    case Protocol::kOspfExternal2:
      return 110;
    case Protocol::kBgp:
      return ibgp ? 200 : 20;
  }
  return 255;
}

// Arista EOS: connected 0, static 1, OSPF 110, BGP 200 for eBGP *and* iBGP
// (the known surprise for Cisco users; `distance bgp 20 200 200` restores the
// Cisco values). EOS has no "kernel" route source; such a route is treated
// as static.
uint32_t eos(Protocol p) {
  switch (p) {
    case Protocol::kDirect:
      return 0;
    case Protocol::kStatic:
    case Protocol::kKernel:
      return 1;
    case Protocol::kOspfInternal:
    case Protocol::kOspfExternal1:
    case Protocol::kOspfExternal2:
      return 110;
    case Protocol::kBgp:
      return 200;
  }
  return 255;
}

// BIRD 2 nest/route.h DEF_PREF_*: direct 240, static 200, OSPF 150 (every
// path type), BGP 100, and 10 for routes "inherited from other routing
// daemons", which is what the kernel protocol imports. Higher wins.
uint32_t bird(Protocol p) {
  switch (p) {
    case Protocol::kDirect:
      return 240;
    case Protocol::kStatic:
      return 200;
    case Protocol::kOspfInternal:
    case Protocol::kOspfExternal1:
    case Protocol::kOspfExternal2:
      return 150;
    case Protocol::kBgp:
      return 100;
    case Protocol::kKernel:
      return 10;
  }
  return 0;
}

}  // namespace

uint32_t default_preference(Vendor v, Protocol p, bool ibgp) {
  switch (v) {
    case Vendor::kJunos:
      return junos(p);
    case Vendor::kBird:
      return bird(p);
    case Vendor::kFrr:
    case Vendor::kLinux:
      return frr(p, ibgp);
    case Vendor::kEos:
      return eos(p);
  }
  return frr(p, ibgp);
}

bool higher_preference_wins(Vendor v) { return v == Vendor::kBird; }

uint32_t to_internal(Vendor v, uint32_t vendor_value) {
  return higher_preference_wins(v) ? std::numeric_limits<uint32_t>::max() - vendor_value
                                   : vendor_value;
}

uint32_t to_vendor(Vendor v, uint32_t internal) {
  // The BIRD map is its own inverse.
  return to_internal(v, internal);
}

uint32_t max_preference(Vendor v) {
  switch (v) {
    case Vendor::kJunos:
      return std::numeric_limits<uint32_t>::max();
    case Vendor::kBird:
      return 65535;
    case Vendor::kFrr:
    case Vendor::kEos:
    case Vendor::kLinux:
      return 255;
  }
  return 255;
}

std::string_view preference_word(Vendor v) {
  switch (v) {
    case Vendor::kJunos:
    case Vendor::kBird:
      return "preference";
    case Vendor::kFrr:
    case Vendor::kEos:
    case Vendor::kLinux:
      return "distance";
  }
  return "preference";
}

}  // namespace rib
