// The short human report `mhsim run` prints on stdout.
#pragma once

#include <filesystem>
#include <iosfwd>
#include <vector>

#include "sim/run/ecmp_report.hpp"
#include "sim/run/summary.hpp"
#include "sim/run/world.hpp"

namespace run {

void print_report(std::ostream& out, World& world, const RunInfo& info, double wall_s,
                  const std::filesystem::path& out_dir, const std::vector<EcmpGroupReport>& groups);
// Data packets by outcome, per traffic source, and the shares of the
// busiest ECMP group. Prints nothing when no data packet was sent.
void print_traffic(std::ostream& out, const World& world, const std::vector<EcmpGroupReport>& groups);

// Per node, every prefix BGP learnt whose active route is another protocol's
// ("S-SW-1: 192.168.100.1/32 active via OSPF external (150) from S-SW-2, not
// its eBGP route (170)"): the sign of a preference that lets the IGP's copy
// of a redistributed route win. Prints nothing when BGP wins everywhere.
void print_bgp_overridden(std::ostream& out, const World& world);

// "1Gbps", "10Gbps", "100Mbps"
std::string format_bandwidth(uint64_t bps);

}  // namespace run
