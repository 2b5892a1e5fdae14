// The forwarding benchmark's workload, shared by mhsim's program and the ns-3
// one (bench/ns3/leaf_spine.cc) so that both simulate exactly the same thing.
//
// A two-tier leaf-spine: kSpines spines, kLeaves leaves, kHostsPerLeaf hosts
// per leaf, every link 10 Gb/s with 1 us of propagation delay. Every host
// sends one UDP CBR stream of 1000-byte IP packets to one host on another
// leaf, picked by a fixed pseudo-random sequence, so each packet crosses four
// links: host -> leaf -> spine -> leaf -> host. Leaves spread packets over the
// spines per packet at random (ns-3's RandomEcmpRouting).
#pragma once

#include <cstdint>
#include <vector>

namespace bench {

inline constexpr int kSpines = 4;
inline constexpr int kLeaves = 8;
inline constexpr int kHostsPerLeaf = 16;
inline constexpr int kHosts = kLeaves * kHostsPerLeaf;
inline constexpr uint64_t kLinkBps = 10'000'000'000;
inline constexpr int64_t kLinkDelayNs = 1'000;
inline constexpr uint32_t kPacketBytes = 1000;  // IP packet, headers included
inline constexpr int64_t kStartNs = 1'000'000;  // traffic starts at 1 ms (routes are in by then)

struct Pair {
  int src_leaf, src_host, dst_leaf, dst_host;
};

// Host (l, h) sends to a host on another leaf; the same list on every run.
inline std::vector<Pair> traffic_pairs() {
  uint64_t state = 0x5EEDull;
  auto next = [&state] {
    uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  };
  std::vector<Pair> pairs;
  for (int l = 0; l < kLeaves; ++l)
    for (int h = 0; h < kHostsPerLeaf; ++h) {
      const uint64_t r = next();
      const int dl = static_cast<int>((static_cast<uint64_t>(l) + 1 + r % (kLeaves - 1)) % kLeaves);
      const int dh = static_cast<int>((r >> 32) % kHostsPerLeaf);
      pairs.push_back(Pair{l, h, dl, dh});
    }
  return pairs;
}

}  // namespace bench
