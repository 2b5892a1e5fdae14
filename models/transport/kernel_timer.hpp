// When a Linux kernel timer fires: the timer wheel (kernel/time/timer.c,
// since 4.8) counts in jiffies and files a timer in the level its delay
// falls in, rounding the expiry up to that level's granularity so that it
// never fires early: 1 jiffy for delays under 63 jiffies, 8 under 504, 64
// under 4032, 512 under 32256, ... With HZ = 250 (Debian's kernels) a 1 s
// timer fires 4 to 32 ms late and an 8 s one up to 256 ms late. TCP's
// retransmission timers are such timers: measured on Linux 6.18 (HZ 250),
// SYNs went at 0, 1.016, 2.040, 3.064, 4.088, 5.112, 7.128, 11.184, 19.376,
// 35.504 s where the timeouts add up to 0, 1, 2, 3, 4, 5, 7, 11, 19, 35.
#pragma once

#include "sim/engine/time.hpp"

namespace transport {

inline constexpr int kKernelHz = 250;  // CONFIG_HZ
inline constexpr sim::Duration kJiffy = sim::Duration::milliseconds(1000 / kKernelHz);

// The delay after which a timer armed at `now` for `delay` fires; the
// jiffies counter is taken to start at simulated time zero.
sim::Duration kernel_timer_delay(sim::Time now, sim::Duration delay);

}  // namespace transport
