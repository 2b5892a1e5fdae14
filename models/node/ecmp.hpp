// ECMP next-hop selection: which of a group's k next hops a packet takes.
//
// The choice is a pure function of (flow key, per-node salt, number of
// paths, mode, packet sequence) (STYLE.md lesson 6), so it is tested on its
// own and a run is reproducible. The caller supplies the sequence: a per-group
// packet counter for round-robin, a per-node packet counter for per-packet
// random.
//
// Hashed modes map the hash to a path with hash-threshold (RFC 2992 §2,
// what Linux does since 4.14): equal-weight regions of the 32-bit hash space,
// path = (h * k) >> 32. Two nodes with the same salt and mode therefore make
// correlated choices on the flows they share: hash polarisation, as seen when
// every tier of a fabric runs the same ASIC with the same seed.
//
// Vendor defaults (docs/vendor-defaults.md, "ECMP hashing"):
//   linux, bird, frr  L3: source and destination address (the Linux kernel's
//                     net.ipv4.fib_multipath_hash_policy = 0)
//   junos             per-flow: 5-tuple (Trio MPC default hash key; the
//                     `load-balance per-packet` policy hashes per flow)
//   eos               per-flow: 5-tuple
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/vendor/vendor.hpp"

namespace node {

enum class EcmpMode : uint8_t {
  kPerFlow,              // hash of the 5-tuple
  kL3,                   // hash of (source, destination)
  kPerPacketRoundRobin,  // sequence % k
  kPerPacketRandom,      // hash of (salt, sequence): a uniform draw per packet
};

// "per-flow", "l3", "per-packet-rr", "per-packet-random".
std::string_view ecmp_mode_name(EcmpMode m);
std::optional<EcmpMode> parse_ecmp_mode(std::string_view text);
std::vector<std::string> ecmp_mode_names();  // in the order above

EcmpMode default_ecmp_mode(vendor::Vendor v);

struct FlowKey {
  uint32_t src = 0;
  uint32_t dst = 0;
  uint16_t src_port = 0;
  uint16_t dst_port = 0;
  uint8_t proto = 0;
};

// splitmix64's finaliser: cheap and well mixed in every output bit.
constexpr uint64_t mix64(uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

// Index in [0, paths) of the next hop to take; paths must be at least 1.
// Inline: it runs once per packet per hop.
inline uint32_t ecmp_select(EcmpMode mode, const FlowKey& key, uint64_t salt, uint32_t paths,
                            uint64_t sequence) {
  if (paths <= 1) return 0;
  uint64_t h = 0;
  switch (mode) {
    case EcmpMode::kPerPacketRoundRobin:
      return static_cast<uint32_t>(sequence % paths);
    case EcmpMode::kPerPacketRandom:
      h = mix64(salt ^ mix64(sequence));
      break;
    case EcmpMode::kL3:
      h = mix64(salt ^ ((uint64_t{key.src} << 32) | key.dst));
      break;
    case EcmpMode::kPerFlow:
      h = mix64(salt ^ ((uint64_t{key.src} << 32) | key.dst));
      h = mix64(h ^ ((uint64_t{key.src_port} << 24) | (uint64_t{key.dst_port} << 8) | key.proto));
      break;
  }
  // Hash-threshold on the top 32 bits.
  return static_cast<uint32_t>(((h >> 32) * paths) >> 32);
}

}  // namespace node
