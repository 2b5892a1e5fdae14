// What the scenario says about one node's OSPF instance. The scenario
// loader fills it; the protocol never sees YAML.
//
//   protocols ospf {                          OspfConfig cfg;
//     area 0.0.0.0 {                          cfg.router_id = 10.0.0.1;
//       interface ge-0/0/0.0 {                cfg.interfaces = {
//         interface-type p2p; }                 {ge-0/0/0 id, {}, false},
//       interface lo0.0 { passive; } }          {lo0 id, {}, true}};
//     export EXPORT-OSPF; }                   cfg.export_policies = {&export_ospf};
//
// Every interface is in area 0 and point-to-point (Junos `interface-type
// p2p`, FRR `ip ospf network point-to-point`, BIRD `type ptp`); interfaces
// without a link (loopbacks) are advertised as host routes.
#pragma once

#include <optional>
#include <vector>

#include "models/net/topology.hpp"
#include "models/ospf/defaults.hpp"
#include "models/policy/policy.hpp"

namespace ospf {

struct OspfInterfaceConfig {
  net::InterfaceId interface = net::kNone;
  // Empty: the vendor default (reference bandwidth / link bandwidth; 0 for
  // loopbacks, RFC 2328 §12.4.1.4).
  std::optional<uint32_t> cost;
  // Advertised as a stub network, no hellos and no adjacency (Junos `passive`).
  bool passive = false;
  // Per-interface timers; empty: OspfConfig::timers. Whole seconds.
  std::optional<sim::Duration> hello_interval;
  std::optional<sim::Duration> dead_interval;
};

enum class ExternalType : uint8_t { kType1 = 1, kType2 = 2 };

// A default route (0.0.0.0/0) as an AS-external-LSA: Junos exports a
// generated 0/0 by policy, FRR `default-information originate [always]
// metric M metric-type T`, BIRD exports a static 0/0.
struct DefaultOriginate {
  uint32_t metric = 1;
  ExternalType type = ExternalType::kType2;
  // False: only while the RIB has an active non-OSPF default route (FRR
  // without `always`).
  bool always = true;
};

struct OspfConfig {
  net::Ipv4 router_id;
  std::vector<OspfInterfaceConfig> interfaces;
  // RIB routes exported into OSPF as AS-external-LSAs, as a Junos policy
  // chain; a route no policy decides is not exported (Junos, FRR and BIRD
  // export nothing into OSPF unless told to).
  std::vector<const policy::Policy*> export_policies;
  // Type of the AS-external-LSAs for exported routes (the policy language
  // has no `external { type 1; }` action yet). Metric: the policy's
  // `metric` action, else the vendor default (defaults.hpp).
  ExternalType export_type = ExternalType::kType2;
  std::optional<DefaultOriginate> default_originate;
  // Empty: ospf::default_timers(vendor).
  std::optional<OspfTimers> timers;
  // Route preference in the vendor's convention (Junos `preference` /
  // `external-preference`); empty: the vendor default.
  std::optional<uint32_t> preference;
  std::optional<uint32_t> external_preference;
};

}  // namespace ospf
