// What a run will cost, estimated from the scenario before anything is
// built, so that an absurd scenario is refused in a second instead of
// swapping the machine to death or running for days.
//
// The estimate is deliberately simple and errs on the high side: it counts
// what grows with the scenario (per node, interface and link; routes, which
// every routing node may learn for every prefix; OSPF LSAs; packets that
// can wait in queues; traffic flows) with per-item sizes measured on mhsim
// itself (docs/reliability.md has the measurements). Limits, each lifted
// with `mhsim run --force`:
//   memory            more than 80 % of the machine's physical memory
//   traffic packets   more than kMaxTrafficPackets sent by the sources
//   link_load rows    more than kMaxLinkLoadRows rows in link_load.csv
#pragma once

#include <cstdint>
#include <string>

#include "sim/engine/time.hpp"

namespace run {

struct Scenario;

inline constexpr uint64_t kMaxTrafficPackets = 10'000'000'000;  // hours of simulation
inline constexpr uint64_t kMaxLinkLoadRows = 1'000'000'000;     // ~60 GB of CSV

struct ResourceEstimate {
  uint64_t memory_bytes = 0;
  uint64_t routes = 0;           // RIB entries over all nodes
  uint64_t queued_packets = 0;   // packets that can wait in link queues at once
  uint64_t traffic_packets = 0;  // packets the traffic sources send in the run
  uint64_t link_load_rows = 0;   // rows of link_load.csv
};

// For a run of `run_length` (the scenario's duration or --until).
ResourceEstimate estimate_resources(const Scenario& scenario, sim::Duration run_length);

// The machine's physical memory in bytes (0 if unknown: no memory limit).
uint64_t physical_memory_bytes();

// Why the run is refused ("the run would need about 123.4 GB of memory, ..."),
// or "" when it is within every limit.
std::string check_resource_limits(const ResourceEstimate& e, uint64_t physical_memory);

// "1.5 GB", "820 MB": decimal units, for messages.
std::string format_bytes(uint64_t bytes);

}  // namespace run
