// summary.json: the machine-readable record of a run (documented in docs/output.md).
//
// Keys keep their order and names across versions; later features add keys,
// never rename them. Nothing in it depends on the wall clock or the machine,
// so the same scenario and seed give a byte-identical file.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sim/engine/simulator.hpp"
#include "sim/run/world.hpp"

namespace run {

class LinkLoad;
struct EventConvergence;

struct RunInfo {
  std::string scenario_path;
  uint64_t scenario_hash = 0;  // FNV-1a of the file's bytes
  sim::Time end;
  sim::StopReason stop_reason = sim::StopReason::kReachedEnd;
  const LinkLoad* link_load = nullptr;  // peak utilisations, when sampled
  std::string trace_filter;              // --trace as given: "" keeps every record
  // The convergence report (sim/run/convergence.hpp); null: no `convergence` key.
  const std::vector<EventConvergence>* convergence = nullptr;
};

// Seconds with nanosecond resolution, as a JSON number.
double seconds(sim::Duration d);
inline double seconds(sim::Time t) { return seconds(t.since_start()); }
std::string_view stop_reason_name(sim::StopReason r);

nlohmann::ordered_json make_summary(World& world, const RunInfo& info);

// Parts of the summary (summary_routing.cpp): per node name, every RIB
// candidate (active first) and every FIB entry; every BGP session; every
// OSPF adjacency.
nlohmann::ordered_json routes_json(const World& world);
nlohmann::ordered_json fib_json(const World& world);
nlohmann::ordered_json bgp_sessions_json(const World& world);
// Every OSPF adjacency any node has had (sim/run/world_ospf.hpp), by node.
nlohmann::ordered_json ospf_adjacencies_json(const World& world);

// The data-plane part (summary_traffic.cpp): data packets in total, per
// traffic source and per flow.
nlohmann::ordered_json packet_counters_json(const net::PacketCounters& c);
nlohmann::ordered_json data_packets_json(const World& world);
nlohmann::ordered_json traffic_json(const World& world);
nlohmann::ordered_json flows_json(const World& world);

}  // namespace run
