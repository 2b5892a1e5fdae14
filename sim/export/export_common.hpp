// What the BIRD and FRR config writers share: the error they throw, the
// values mhsim fills in when a scenario leaves them out (router id), the
// checks that a scenario can become a daemon config at all (Linux interface
// names), and the static questions asked of policies (would this chain
// export that connected prefix?).
//
// Split: export_common.* (this), bird_config.* and bird_policy.cpp (BIRD 2),
// frr_config.* and frr_policy.cpp (FRR 8), export_command.* (the CLI).
#pragma once

#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "models/policy/policy.hpp"
#include "sim/run/scenario.hpp"

namespace confgen {

// A scenario construct the target daemon cannot express as mhsim simulates
// it. The message names the node and, for policies, the policy and term:
// export-config never writes a config that means something else.
class ExportError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The router id mhsim uses: the configured one, else the highest loopback
// address outside 127/8, else the highest address (sim/run/world.cpp).
// Written out in every config, since BIRD would pick another by default.
net::Ipv4 router_id(const run::ScenarioNode& node, const run::RoutingSpec* spec);

// Throws unless `name` can name a Linux network interface: 1 to 15 bytes,
// no '/', ':' or whitespace (the kernel's dev_valid_name(), IFNAMSIZ 16).
void check_linux_interface_name(const run::ScenarioNode& node, std::string_view name);

// "term SERVERS" or, for a term without a name, "term 2" (1-based).
std::string term_label(const policy::Policy& p, size_t index);
// "policy 'EXPORT-OSPF' term SERVERS", for error messages.
std::string where(const policy::Policy& p, size_t index);

// Whether the chain accepts this route, with `fallback` when it decides nothing.
bool chain_accepts(std::span<const policy::Policy* const> chain, const net::Prefix& prefix,
                   rib::Protocol protocol, policy::Verdict fallback);

// The node's connected prefixes (interface subnets, loopbacks included, 127/8
// left out) that the chain accepts as routes of protocol `direct`.
std::vector<net::Prefix> exported_connected(const run::ScenarioNode& node,
                                            std::span<const policy::Policy* const> chain,
                                            policy::Verdict fallback);
// Names of the interfaces holding those prefixes, in interface order.
std::vector<std::string> interfaces_of(const run::ScenarioNode& node,
                                       const std::vector<net::Prefix>& prefixes);

// Whether any of the node's static routes is accepted by the chain.
bool exports_static(const run::RoutingSpec& spec, std::span<const policy::Policy* const> chain,
                    policy::Verdict fallback);

// Whether a chain decides every route before its end (no fallback needed).
bool decides_every_route(std::span<const policy::Policy* const> chain);

// Whole seconds of a duration, or an ExportError naming `what`.
uint64_t whole_seconds(sim::Duration d, const std::string& what);
// Whole milliseconds of a duration, or an ExportError naming `what`.
uint64_t whole_milliseconds(sim::Duration d, const std::string& what);

// The interface (of `node`) whose subnet holds `address`: where a BGP
// neighbour is. Loopbacks never qualify.
const run::ScenarioInterface* attachment(const run::ScenarioNode& node, net::Ipv4 address);

}  // namespace confgen
