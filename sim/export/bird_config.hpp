// bird.conf for a `bird` or `linux` node: what mhsim simulated, in BIRD 2.0
// syntax (Debian 12's bird2, 2.0.12), ready for `bird -p -c FILE`.
//
// For the lab's pc it is the write-up's bird.conf, with what mhsim assumes
// written out (router id, the kernel protocol's import/export) and what the
// write-up has but mhsim does not model left out (`persist`, scan times):
//
//   router id 192.168.100.1;
//   filter service_address {
//     if net = 192.168.100.1/32 then accept;
//     reject;
//   }
//   protocol device { }
//   protocol direct { ipv4; interface "lo"; }
//   protocol kernel { ipv4 { import none; export all; }; merge paths on; }
//   protocol bgp sw_sw_1 {
//     local as 65000;
//     neighbor 10.10.1.1 as 65001;
//     ipv4 { import all; export filter service_address; };
//   }
//
// Timers a scenario leaves unset are left out, so BIRD's own defaults apply,
// the ones mhsim's bird profile reproduces (docs/vendor-defaults.md).
#pragma once

#include <string>

#include "sim/run/scenario.hpp"

namespace confgen {

// Throws ExportError for a construct BIRD cannot express as mhsim simulates it.
std::string bird_config(const run::Scenario& scenario, const run::ScenarioNode& node);

}  // namespace confgen
