#include "models/transport/kernel_timer.hpp"

#include <cstdint>

namespace transport {

sim::Duration kernel_timer_delay(sim::Time now, sim::Duration delay) {
  constexpr int kLevelShift = 3;   // LVL_CLK_SHIFT: each level 8 times coarser
  constexpr int64_t kLevelSize = 64;  // LVL_SIZE
  const int64_t jiffy = kJiffy.ps();
  const int64_t now_j = now.since_start().ps() / jiffy;
  // msecs_to_jiffies and friends round the delay up to whole jiffies.
  const int64_t delta = (delay.ps() + jiffy - 1) / jiffy;
  const int64_t expires = now_j + delta;
  // calc_wheel_index: level n (granularity 8^n jiffies) takes delays below
  // LVL_START(n + 1) = (LVL_SIZE - 1) << (3 n); calc_index rounds the expiry
  // up to the next multiple of the granularity.
  int shift = 0;
  while (shift < 8 * kLevelShift && delta >= ((kLevelSize - 1) << shift)) shift += kLevelShift;
  const int64_t fires = (((expires >> shift) + 1) << shift) * jiffy;
  return sim::Duration::picoseconds(fires - now.since_start().ps());
}

}  // namespace transport
