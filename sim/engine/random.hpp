// Named, seeded random streams.
//
// Every stream is derived from (run seed, stream name) alone, so adding a flow
// or a node never shifts another component's random numbers. The generator is
// xoshiro256** seeded through splitmix64.
#pragma once

#include <cstdint>
#include <string_view>

#include "sim/engine/time.hpp"

namespace sim {

uint64_t splitmix64(uint64_t& state);
uint64_t hash_name(std::string_view name);  // FNV-1a 64

class RandomStream {
 public:
  RandomStream(uint64_t run_seed, std::string_view name);

  uint64_t next_u64();
  // Uniform in [0, 1) with 53 random bits.
  double uniform01();
  // Uniform integer in [lo, hi], without modulo bias.
  uint64_t uniform_int(uint64_t lo, uint64_t hi);
  bool bernoulli(double p) { return uniform01() < p; }
  // Uniform in [lo, hi], whole picoseconds.
  Duration uniform(Duration lo, Duration hi);
  // Exponentially distributed with the given mean, rounded to picoseconds.
  Duration exponential(Duration mean);

 private:
  uint64_t s_[4];
};

}  // namespace sim
