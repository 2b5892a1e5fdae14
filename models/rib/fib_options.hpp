// How a node programs its FIB: install delay, ECMP width, path merging.
//
// Defaults per vendor, with the reasoning and sources, are in
// docs/vendor-defaults.md ("FIB"). Install delays are ASSUMPTIONS (no vendor
// documents a per-route programming latency); scenarios override them per node.
#pragma once

#include <cstdint>

#include "models/vendor/vendor.hpp"
#include "sim/engine/time.hpp"

namespace rib {

struct FibOptions {
  // From a RIB change to the FIB forwarding with it (daemon -> kernel ->
  // hardware). Updates are applied in the order they were made.
  sim::Duration install_delay;
  // Least time between two applied updates: the installer's throughput
  // (e.g. ~26 us per prefix for 38k prefixes/s). Zero: unlimited.
  sim::Duration install_interval;
  // Next hops of one route that reach the FIB.
  uint32_t max_paths = 1;
  // The same when a forwarding-table policy asks for load balancing (Junos
  // `then load-balance per-packet` exported to the forwarding table).
  uint32_t load_balance_max_paths = 1;
  // BIRD kernel protocol `merge paths on`: the FIB gets the next hops of the
  // active route and of every route equal-cost with it (one per BGP neighbour).
  bool merge_paths = false;
  // Picks which next hops survive max_paths (Junos chooses one at random);
  // hashed with the prefix so that prefixes spread over the paths.
  uint64_t path_salt = 0;
};

// Junos `routing-options maximum-ecmp` default (16).
inline constexpr uint32_t kJunosMaxEcmp = 16;

FibOptions fib_defaults(vendor::Vendor v);

}  // namespace rib
