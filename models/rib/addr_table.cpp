#include "models/rib/addr_table.hpp"

#include <stdexcept>
#include <utility>

namespace rib {

void AddrTable::grow() {
  const size_t capacity = slots_.empty() ? 8 : slots_.size() * 2;
  std::vector<Slot> old = std::exchange(slots_, std::vector<Slot>(capacity));
  mask_ = capacity - 1;
  shift_ = 64;
  for (size_t c = capacity; c > 1; c >>= 1) --shift_;
  size_ = 0;
  for (const Slot& s : old)
    if (s.value != kMissing) put(s.key, s.value);
}

uint32_t AddrTable::put(uint32_t key, uint32_t value) {
  if (value == kMissing) throw std::invalid_argument("AddrTable cannot store its empty marker");
  if ((size_ + 1) * 2 > slots_.size()) grow();
  for (size_t i = home(key);; i = (i + 1) & mask_) {
    Slot& s = slots_[i];
    if (s.value == kMissing) {
      s = Slot{key, value};
      ++size_;
      return kMissing;
    }
    if (s.key == key) return std::exchange(s.value, value);
  }
}

uint32_t AddrTable::erase(uint32_t key) {
  if (size_ == 0) return kMissing;
  size_t hole = home(key);
  for (;; hole = (hole + 1) & mask_) {
    if (slots_[hole].value == kMissing) return kMissing;
    if (slots_[hole].key == key) break;
  }
  const uint32_t removed = slots_[hole].value;
  // Backward-shift deletion: pull later entries of the probe run into the
  // hole when their home position does not lie (cyclically) after the hole.
  for (size_t next = (hole + 1) & mask_; slots_[next].value != kMissing;
       next = (next + 1) & mask_) {
    const size_t want = home(slots_[next].key);
    const bool stays = ((next - want) & mask_) < ((next - hole) & mask_);
    if (stays) continue;
    slots_[hole] = slots_[next];
    hole = next;
  }
  slots_[hole] = Slot{};
  --size_;
  return removed;
}

}  // namespace rib
