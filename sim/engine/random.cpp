#include "sim/engine/random.hpp"

#include <cmath>

namespace sim {

uint64_t splitmix64(uint64_t& state) {
  uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

uint64_t hash_name(std::string_view name) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : name) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

RandomStream::RandomStream(uint64_t run_seed, std::string_view name) {
  uint64_t state = run_seed ^ hash_name(name);
  for (uint64_t& word : s_) word = splitmix64(state);
}

static inline uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

uint64_t RandomStream::next_u64() {
  const uint64_t result = rotl(s_[1] * 5, 7) * 9;
  const uint64_t t = s_[1] << 17;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = rotl(s_[3], 45);
  return result;
}

double RandomStream::uniform01() { return static_cast<double>(next_u64() >> 11) * 0x1.0p-53; }

uint64_t RandomStream::uniform_int(uint64_t lo, uint64_t hi) {
  const uint64_t span = hi - lo;
  if (span == UINT64_MAX) return next_u64();
  const uint64_t range = span + 1;
  // Rejection sampling: draw until below the largest multiple of range.
  const uint64_t limit = UINT64_MAX - (UINT64_MAX % range);
  uint64_t x;
  do {
    x = next_u64();
  } while (x >= limit);
  return lo + x % range;
}

Duration RandomStream::uniform(Duration lo, Duration hi) {
  if (hi <= lo) return lo;
  return Duration::picoseconds(static_cast<int64_t>(
      uniform_int(static_cast<uint64_t>(lo.ps()), static_cast<uint64_t>(hi.ps()))));
}

Duration RandomStream::exponential(Duration mean) {
  const double u = 1.0 - uniform01();  // (0, 1]
  return Duration::picoseconds(static_cast<int64_t>(std::llround(-std::log(u) * mean.ps())));
}

}  // namespace sim
