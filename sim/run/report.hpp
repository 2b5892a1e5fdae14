// The short human report `mhsim run` prints on stdout.
#pragma once

#include <filesystem>
#include <iosfwd>

#include "sim/run/summary.hpp"
#include "sim/run/world.hpp"

namespace run {

void print_report(std::ostream& out, World& world, const RunInfo& info, double wall_s,
                  const std::filesystem::path& out_dir);

// "1Gbps", "10Gbps", "100Mbps"
std::string format_bandwidth(uint64_t bps);

}  // namespace run
