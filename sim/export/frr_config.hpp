// FRR config for an `frr` node: what mhsim simulated, as the integrated
// frr.conf that `vtysh -w` would save (FRR 8.4, Debian 12's frr), plus the
// /etc/frr/daemons lines it needs.
//
// For the FRR version of the lab's S-SW-1 (scenarios/seed-lab-frr.yaml):
//
//   interface swp0
//    ip ospf area 0.0.0.0
//    ip ospf network point-to-point
//   exit
//   router bgp 65001
//    bgp router-id 10.255.0.1
//    neighbor 10.10.1.2 remote-as 65000
//    neighbor 10.10.1.2 passive
//    address-family ipv4 unicast
//     redistribute ospf route-map EXPORT-BGP-SERVERS
//     neighbor 10.10.1.2 route-map IMPORT-BGP-SERVERS in
//     neighbor 10.10.1.2 route-map EXPORT-BGP-SERVERS out
//    exit-address-family
//   exit
//   router ospf
//    ospf router-id 10.255.0.1
//    redistribute bgp route-map EXPORT-OSPF
//   exit
//
// mhsim's BGP export takes any active route the policy accepts (Junos and
// BIRD semantics); FRR sends only what its BGP table holds, so the other
// protocols whose routes an export could take are redistributed into BGP
// through the same route-map (`redistribute ospf route-map ...`).
// Timers a scenario leaves unset are left out: FRR's defaults apply, the
// ones mhsim's frr profile reproduces (docs/vendor-defaults.md).
#pragma once

#include <string>
#include <vector>

#include "sim/run/scenario.hpp"

namespace confgen {

struct FrrConfig {
  std::string frr_conf;
  // Daemons to enable in /etc/frr/daemons besides zebra (always runs):
  // "staticd", "bgpd", "ospfd", "bfdd", in that order.
  std::vector<std::string> daemons;
};

// Throws ExportError for a construct FRR cannot express as mhsim simulates it.
FrrConfig frr_config(const run::Scenario& scenario, const run::ScenarioNode& node);

// frr_conf with the daemons lines in front as `!` comments: one file that
// `vtysh --dryrun -f` accepts, as `mhsim export-config` prints it.
std::string frr_config_text(const FrrConfig& config);

}  // namespace confgen
