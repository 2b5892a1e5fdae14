// The Linux timer wheel's rounding (models/transport/kernel_timer.hpp),
// against the SYN retransmissions measured on Linux 6.18 with HZ 250 and
// tcp_syn_linear_timeouts 4: 0, 1.016, 2.040, 3.064, 4.088, 5.112, 7.128,
// 11.184, 19.376, 35.504 s (the first SYN at an unknown jiffies phase).
#include "models/transport/kernel_timer.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

using sim::Duration;
using sim::Time;
using transport::kernel_timer_delay;

TEST_CASE("kernel timers fire at the next tick of their wheel level", "[transport][timer]") {
  const Time zero = Time::zero();
  // Under 63 jiffies (252 ms): one jiffy late at most... and at least one.
  CHECK(kernel_timer_delay(zero, Duration::milliseconds(200)) == Duration::milliseconds(204));
  // 1 s = 250 jiffies, level 1 (8 jiffies): from jiffy 0, the bucket at 256.
  CHECK(kernel_timer_delay(zero, Duration::seconds(1)) == Duration::milliseconds(1024));
  // 8 s = 2000 jiffies, level 2 (64 jiffies): 2000 -> 2048.
  CHECK(kernel_timer_delay(zero, Duration::seconds(8)) == Duration::milliseconds(8192));
  // Mid-jiffy: counted from the jiffy boundary, so never early.
  const Time mid = zero + Duration::microseconds(1500);
  CHECK(kernel_timer_delay(mid, Duration::milliseconds(200)) ==
        Duration::milliseconds(204) - Duration::microseconds(1500));
  CHECK(kernel_timer_delay(mid, Duration::seconds(1)) >= Duration::seconds(1));
}

TEST_CASE("SYN retransmissions with the wheel's rounding match Linux 6.18", "[transport][timer]") {
  // Timeouts 1, 1, 1, 1, 1, 2, 4, 8, 16 s (linear timeouts 4), each armed
  // when the previous one fired.
  const std::vector<int> timeouts = {1, 1, 1, 1, 1, 2, 4, 8, 16};
  const std::vector<double> measured = {1.016, 2.040, 3.064, 4.088, 5.112, 7.128, 11.184, 19.376, 35.504};
  Time t = Time::zero();
  for (size_t i = 0; i < timeouts.size(); ++i) {
    t = t + kernel_timer_delay(t, Duration::seconds(timeouts[i]));
    // Within the coarsest granularity used so far (256 ms from 4 s on).
    CHECK(std::abs(t.since_start().seconds_f() - measured[i]) < (timeouts[i] >= 4 ? 0.256 : 0.032));
  }
}
