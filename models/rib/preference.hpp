// Route preference (administrative distance) in each vendor's own convention.
//
// Users write and read preferences as their box does: Junos `preference 90`
// (lower wins), FRR/Cisco/EOS `distance 20` (lower wins), BIRD `preference
// 100` (HIGHER wins). Inside one node's RIB all values live on one internal
// scale where lower always wins, so the selection code has no vendor branches:
//
//   lower-wins vendors   internal = vendor value
//   BIRD (higher wins)   internal = UINT32_MAX - vendor value
//
// Both maps are bijections on uint32, so to_vendor(to_internal(v)) == v for
// every value. Internal values of different vendors are not comparable with
// each other and never need to be: a RIB belongs to one node.
//
// Defaults and their sources are tabulated in docs/vendor-defaults.md
// ("Route preferences").
#pragma once

#include <cstdint>
#include <string_view>

#include "models/rib/route.hpp"
#include "models/vendor/vendor.hpp"

namespace rib {

// The vendor's default for a protocol, in the vendor's convention. `ibgp`
// matters only for kBgp on FRR and Linux (eBGP 20, iBGP 200).
uint32_t default_preference(vendor::Vendor v, Protocol p, bool ibgp = false);

// Vendor convention -> internal (lower wins), and back; exact round trip.
uint32_t to_internal(vendor::Vendor v, uint32_t vendor_value);
uint32_t to_vendor(vendor::Vendor v, uint32_t internal);

// Internal preference of a protocol's default route on this vendor.
inline uint32_t default_internal_preference(vendor::Vendor v, Protocol p, bool ibgp = false) {
  return to_internal(v, default_preference(v, p, ibgp));
}

// True for BIRD, where a larger preference wins.
bool higher_preference_wins(vendor::Vendor v);

// The largest value the vendor's configuration accepts (Junos 2^32-1,
// FRR/EOS/Linux 255, BIRD 65535), for the scenario loader's range checks.
uint32_t max_preference(vendor::Vendor v);

// What the vendor calls it in its CLI: "preference" or "distance".
std::string_view preference_word(vendor::Vendor v);

}  // namespace rib
