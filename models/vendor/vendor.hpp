// Vendor profiles: whose defaults a node follows.
//
// A profile sets default timers, route preferences and ECMP behaviour; each
// protocol model reads the part it needs. Sources for every default are in
// docs/vendor-defaults.md.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "sim/engine/time.hpp"

namespace vendor {

enum class Vendor { kJunos, kBird, kFrr, kEos, kLinux };

std::string_view name(Vendor v);
std::optional<Vendor> parse(std::string_view text);
// "junos, bird, frr, eos, linux", for error messages.
std::string all_names();

// Time from a carrier change to the interface going oper-down/up as the
// routing stack sees it. Junos `hold-time up/down` defaults to 0 ms; Linux
// reports carrier changes to netlink at once; FRR and BIRD take them from the
// kernel. So the default is 0 everywhere and users set it per node.
inline constexpr sim::Duration default_carrier_delay(Vendor) { return sim::Duration::zero(); }

}  // namespace vendor
