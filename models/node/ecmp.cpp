#include "models/node/ecmp.hpp"

namespace node {
namespace {

struct ModeName {
  EcmpMode mode;
  std::string_view name;
};
constexpr ModeName kModes[] = {{EcmpMode::kPerFlow, "per-flow"},
                               {EcmpMode::kL3, "l3"},
                               {EcmpMode::kPerPacketRoundRobin, "per-packet-rr"},
                               {EcmpMode::kPerPacketRandom, "per-packet-random"}};

}  // namespace

std::string_view ecmp_mode_name(EcmpMode m) {
  for (const ModeName& n : kModes)
    if (n.mode == m) return n.name;
  return "?";
}

std::optional<EcmpMode> parse_ecmp_mode(std::string_view text) {
  for (const ModeName& n : kModes)
    if (n.name == text) return n.mode;
  return std::nullopt;
}

std::vector<std::string> ecmp_mode_names() {
  std::vector<std::string> out;
  for (const ModeName& n : kModes) out.emplace_back(n.name);
  return out;
}

EcmpMode default_ecmp_mode(vendor::Vendor v) {
  switch (v) {
    case vendor::Vendor::kJunos:
      // Trio MPCs hash source and destination address, protocol and both
      // ports by default (Junos `enhanced-hash-key` reference), and Junos'
      // `load-balance per-packet` is per-flow hashing on them ("Configuring
      // Per-Packet Load Balancing": "functionally equivalent to what other
      // vendors may term per-flow load balancing").
      return EcmpMode::kPerFlow;
    case vendor::Vendor::kEos:
      // ASSUMPTION: merchant-silicon default of L3 + L4 fields.
      return EcmpMode::kPerFlow;
    case vendor::Vendor::kBird:
    case vendor::Vendor::kFrr:
    case vendor::Vendor::kLinux:
      // BIRD and FRR program the Linux kernel, which forwards: its
      // net.ipv4.fib_multipath_hash_policy defaults to 0, Layer 3 only
      // (Documentation/networking/ip-sysctl.rst).
      return EcmpMode::kL3;
  }
  return EcmpMode::kL3;
}

}  // namespace node
