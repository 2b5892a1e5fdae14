#include "models/bfd/defaults.hpp"

namespace bfd {
namespace {

constexpr sim::Duration ms(int64_t v) { return sim::Duration::milliseconds(v); }

BfdTimers make(int64_t tx_ms, int64_t rx_ms, uint8_t mult) {
  BfdTimers t;
  t.desired_min_tx = ms(tx_ms);
  t.required_min_rx = ms(rx_ms);
  t.detect_mult = mult;
  t.slow_tx = sim::Duration::seconds(1);
  return t;
}

}  // namespace

BfdTimers default_timers(vendor::Vendor v) {
  switch (v) {
    // BIRD 2 doc/bird.sgml, BFD section: min rx interval 10 ms, min tx
    // interval 100 ms, idle tx interval 1 s, multiplier 5.
    case vendor::Vendor::kBird:
    case vendor::Vendor::kLinux:
      return make(100, 10, 5);
    // FRR bfdd/bfd.h: BFD_DEFDESIREDMINTX 300 ms, BFD_DEFREQUIREDMINRX 300 ms,
    // BFD_DEFDETECTMULT 3, slow timer 1 s.
    case vendor::Vendor::kFrr:
      return make(300, 300, 3);
    // Junos: multiplier defaults to 3 (bfd-liveness-detection `multiplier`
    // reference pages). minimum-interval has no Junos OS default: it must be
    // configured. 300 ms is the common configured value (and JunosE's
    // default) -- UNVERIFIED as a Junos OS default.
    case vendor::Vendor::kJunos:
      return make(300, 300, 3);
    // Arista EOS: `bfd interval 300 min-rx 300 multiplier 3` -- UNVERIFIED.
    case vendor::Vendor::kEos:
      return make(300, 300, 3);
  }
  return make(300, 300, 3);
}

sim::Duration min_interval(vendor::Vendor v) {
  switch (v) {
    // BIRD 2 proto/bfd/config.Y reads `interval`, `min rx interval` and
    // `min tx interval` as microseconds with no lower bound.
    case vendor::Vendor::kBird:
    case vendor::Vendor::kLinux:
      return sim::Duration::microseconds(1);
    // FRR doc/user/bfd.rst: receive-interval and transmit-interval (10-4294967) ms.
    case vendor::Vendor::kFrr:
      return ms(10);
    // Junos bfd-liveness-detection minimum-interval: "Range: 1 through
    // 255,000" milliseconds (protocols bgp reference page).
    case vendor::Vendor::kJunos:
      return ms(1);
    // Arista EOS `bfd interval` accepts 50..60000 ms -- UNVERIFIED.
    case vendor::Vendor::kEos:
      return ms(50);
  }
  return ms(1);
}

}  // namespace bfd
