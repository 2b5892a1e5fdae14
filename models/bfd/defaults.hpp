// Per-vendor BFD defaults: the intervals and multiplier a session uses when
// BFD is enabled with nothing else configured.
//
// Sources and what could not be verified: docs/vendor-defaults.md, "BFD".
// `linux` means a Linux host running BIRD, as in the lab.
#pragma once

#include <cstdint>

#include "models/vendor/vendor.hpp"
#include "sim/engine/time.hpp"

namespace bfd {

struct BfdTimers {
  // bfd.DesiredMinTxInterval once the session is Up (RFC 5880 §6.8.1).
  sim::Duration desired_min_tx = sim::Duration::milliseconds(300);
  // bfd.RequiredMinRxInterval (§6.8.1).
  sim::Duration required_min_rx = sim::Duration::milliseconds(300);
  // bfd.DetectMult (§6.8.1).
  uint8_t detect_mult = 3;
  // DesiredMinTxInterval while not Up: at least 1 s (§6.8.3). BIRD calls it
  // "idle tx interval", FRR "slow timer".
  sim::Duration slow_tx = sim::Duration::seconds(1);
  // Passive role (§6.1): send nothing until the peer has been heard from.
  bool passive = false;
};

BfdTimers default_timers(vendor::Vendor v);

// The smallest transmit/receive interval the vendor's configuration accepts.
sim::Duration min_interval(vendor::Vendor v);

}  // namespace bfd
