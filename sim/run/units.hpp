// Bandwidths and byte sizes as written in scenario files, parsed exactly.
//
// Both are built on sim::parse_scaled, so "1.5Gbps" is exactly 1'500'000'000
// and a missing or unknown unit is an error naming the units accepted.
// Durations are sim::parse_duration's (sim/engine/parse.hpp).
#pragma once

#include <cstdint>
#include <string_view>

#include "sim/engine/parse.hpp"

namespace run {

// Bits per second. Decimal (SI) multiples, as link speeds are always quoted:
//   bps, kbps, Mbps, Gbps, Tbps
// and the port-speed shorthand k, M, G, T ("10G", "400G") meaning the same.
// Byte rates ("GBps", "MB/s") are not accepted: an 8x mistake is too easy.
// They get their own message, which names the byte unit, suggests the bit
// unit of the same letter and gives the value in bits per second.
sim::Parsed<uint64_t> parse_bandwidth(std::string_view text);

// Bytes. B; decimal kB (also KB), MB, GB; binary KiB, MiB, GiB. Fractions
// are exact and must come to whole bytes: "1.5MiB" is 1'572'864.
// `what` names the quantity in error messages ("queue").
sim::Parsed<uint64_t> parse_byte_size(std::string_view text, std::string_view what = "size");

// The units as listed in error messages and docs/scenario-format.md.
inline constexpr std::string_view kBandwidthUnits = "bps, kbps, Mbps, Gbps or Tbps";
inline constexpr std::string_view kByteUnits = "B, kB, KB, MB, GB, KiB, MiB or GiB";

}  // namespace run
