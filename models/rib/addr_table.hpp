// A flat hash map from a 32-bit key (a masked IPv4 address) to a 32-bit value.
//
// The FIB keeps one per prefix length; a lookup is a multiply, a shift and a
// short linear probe in one contiguous array, with no allocation and no
// pointer chasing. Open addressing with linear probing at a load factor of at
// most 1/2; erase shifts the following entries back instead of leaving
// tombstones, so a table that churns does not slow down.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

namespace rib {

class AddrTable {
 public:
  // The value that marks an empty slot; it cannot be stored.
  static constexpr uint32_t kMissing = std::numeric_limits<uint32_t>::max();

  uint32_t find(uint32_t key) const {
    if (size_ == 0) return kMissing;
    for (size_t i = home(key);; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.value == kMissing) return kMissing;
      if (s.key == key) return s.value;
    }
  }
  // Inserts or overwrites; returns the previous value or kMissing.
  uint32_t put(uint32_t key, uint32_t value);
  // Returns the removed value or kMissing.
  uint32_t erase(uint32_t key);
  size_t size() const { return size_; }

  template <class F>
  void for_each(F&& f) const {
    for (const Slot& s : slots_)
      if (s.value != kMissing) f(s.key, s.value);
  }

 private:
  struct Slot {
    uint32_t key = 0;
    uint32_t value = kMissing;
  };

  // Fibonacci hashing: the top bits of key * 2^64/phi spread consecutive
  // addresses (a /30 per link) evenly.
  size_t home(uint32_t key) const {
    return static_cast<size_t>((uint64_t{key} * 0x9E3779B97F4A7C15ull) >> shift_);
  }
  void grow();

  std::vector<Slot> slots_;
  size_t size_ = 0;
  size_t mask_ = 0;
  int shift_ = 64;
};

}  // namespace rib
