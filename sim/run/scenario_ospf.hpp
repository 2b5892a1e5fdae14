// The ospf block of a node's routing section, as loaded (names checked,
// policies resolved). World turns it into an ospf::OspfConfig, filling in
// what needs the built network: interface ids, link bandwidths for costs,
// the vendor's timers under the overrides.
//
//   routing:
//     S-SW-1:
//       ospf:
//         area: 0.0.0.0                       protocols ospf { area 0.0.0.0 {
//         interfaces:                             interface ge-0/0/0.0 {
//           ge-0/0/0: { type: p2p }                   interface-type p2p; }
//           lo0: { passive: true }                interface lo0.0 { passive; } }
//         export: EXPORT-OSPF                   export EXPORT-OSPF; }
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/ospf/config.hpp"
#include "sim/engine/time.hpp"
#include "sim/run/diagnostic.hpp"

namespace run {

struct OspfInterfaceSpec {
  std::string name;  // the node's interface, as the scenario names it
  // Point-to-point is the only type (ospf/config.hpp); `type: p2p` is
  // accepted so that configs can say what the lab's Junos says.
  bool passive = false;
  std::optional<uint32_t> cost;  // unset: reference bandwidth / link bandwidth, or the vendor's
  std::optional<sim::Duration> hello;  // unset: the vendor's (whole seconds)
  std::optional<sim::Duration> dead;
  SourcePos pos;  // the interface's name in `interfaces`
};

// Overrides of the vendor's SPF throttle (ospf::SpfThrottleConfig); which
// fields apply depends on the vendor's algorithm (docs/scenario-format.md).
struct OspfSpfSpec {
  std::optional<sim::Duration> delay;
  std::optional<sim::Duration> holddown;
  std::optional<sim::Duration> max_holddown;  // FRR max-holdtime
  std::optional<uint32_t> rapid_runs;         // Junos
  std::optional<sim::Duration> tick;          // BIRD
};

struct OspfSpec {
  std::vector<OspfInterfaceSpec> interfaces;  // in file order
  std::vector<const policy::Policy*> export_policies;
  ospf::ExternalType external_type = ospf::ExternalType::kType2;
  std::optional<ospf::DefaultOriginate> default_originate;
  OspfSpfSpec spf;
  std::optional<uint64_t> reference_bandwidth_bps;
  // In the vendor's convention (Junos `preference` / `external-preference`).
  std::optional<uint32_t> preference;
  std::optional<uint32_t> external_preference;
  SourcePos pos;  // the `ospf` map

  const OspfInterfaceSpec* find_interface(std::string_view name) const {
    for (const OspfInterfaceSpec& i : interfaces)
      if (i.name == name) return &i;
    return nullptr;
  }
};

}  // namespace run
