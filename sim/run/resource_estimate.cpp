#include "sim/run/resource_estimate.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <set>

#include "sim/run/scenario.hpp"

namespace run {
namespace {

// Bytes per item, measured with /usr/bin/time (maximum resident set size)
// on generated leaf-spine fabrics and then rounded up (docs/reliability.md,
// "Memory estimate"). They include what each item makes the simulator keep
// (timers, pending events, packet records).
constexpr uint64_t kBaseBytes = 16'000'000;   // the program, yaml-cpp, buffers
constexpr uint64_t kNodeBytes = 40'000;       // Router, RIB, FIB tables, daemons
constexpr uint64_t kInterfaceBytes = 2'000;   // interface, OSPF interface, neighbour
constexpr uint64_t kLinkBytes = 2'000;        // both directions, counters, streams
constexpr uint64_t kRouteBytes = 600;         // RIB candidate + FIB slot + protocol copy
constexpr uint64_t kLsdbEntryBytes = 400;     // an LSDB entry and its share of the LSA
constexpr uint64_t kQueuedPacketBytes = 200;  // a packet record and its event
constexpr uint64_t kFlowBytes = 200;          // per-flow counters
constexpr double kMemoryShare = 0.8;          // of physical memory

__extension__ typedef unsigned __int128 u128;

uint64_t saturate(u128 v) { return v > UINT64_MAX ? UINT64_MAX : static_cast<uint64_t>(v); }

uint64_t add(uint64_t a, uint64_t b) { return saturate(u128{a} + b); }
uint64_t mul(uint64_t a, uint64_t b) { return saturate(u128{a} * b); }

// Packets a traffic entry sends over the run.
uint64_t packets_of(const TrafficSpec& t, sim::Duration run_length) {
  const sim::Duration stop = t.stop ? std::min(*t.stop, run_length) : run_length;
  if (stop <= t.start) return 0;
  const u128 span_ps = static_cast<u128>((stop - t.start).ps());
  u128 per_source = 0;
  if (t.interval) {
    per_source = span_ps / static_cast<u128>(std::max<int64_t>(1, t.interval->ps()));
  } else if (t.rate_bps) {
    // packets = span * rate / (8 * size), with span in picoseconds.
    per_source = span_ps * *t.rate_bps / (u128{8} * t.packet_bytes * 1'000'000'000'000ull);
  }
  return saturate((per_source + 1) * t.from.size());
}

}  // namespace

ResourceEstimate estimate_resources(const Scenario& s, sim::Duration run_length) {
  ResourceEstimate e;
  uint64_t interfaces = 0;
  std::set<net::Prefix> prefixes;
  for (const ScenarioNode& n : s.nodes) {
    interfaces += n.interfaces.size();
    for (const ScenarioInterface& i : n.interfaces)
      for (const net::InterfaceAddress& a : i.addresses) prefixes.insert(a.subnet());
  }
  for (const RoutingSpec& r : s.routing.nodes)
    for (const node::StaticRoute& st : r.static_routes) prefixes.insert(st.prefix);

  // A routing node may learn every prefix, once in its RIB and FIB and once
  // per BGP neighbour (Adj-RIB-In and -Out); other nodes hold their own.
  uint64_t routes = 0, lsdb_entries = 0, ospf_nodes = 0;
  for (const RoutingSpec& r : s.routing.nodes) {
    const uint64_t copies = 1 + (r.bgp ? r.bgp->neighbors.size() : 0);
    routes = add(routes, mul(prefixes.size(), copies));
    if (r.ospf) ++ospf_nodes;
  }
  routes = add(routes, mul(s.nodes.size() - s.routing.nodes.size(), 4));
  // Each OSPF node holds every router's Router-LSA and every external.
  lsdb_entries = mul(ospf_nodes, ospf_nodes + prefixes.size());
  e.routes = routes;

  uint64_t flows = 0;
  uint32_t smallest_packet = UINT32_MAX;
  for (const TrafficSpec& t : s.traffic) {
    e.traffic_packets = add(e.traffic_packets, packets_of(t, run_length));
    flows = add(flows, mul(t.flows, t.from.size()));
    smallest_packet = std::min(smallest_packet, t.packet_bytes);
  }
  if (!s.traffic.empty()) {
    uint64_t queue_room = 0;
    for (const ScenarioLink& l : s.links)
      queue_room = add(queue_room, mul(2, l.params.queue_bytes / smallest_packet + 1));
    e.queued_packets = std::min(queue_room, e.traffic_packets);
  }

  const int64_t every = s.outputs.sample_every.ps();
  if (every > 0)
    e.link_load_rows =
        mul(static_cast<uint64_t>(run_length.ps() / every) + 1, mul(2, s.links.size()));

  uint64_t m = kBaseBytes;
  m = add(m, mul(s.nodes.size(), kNodeBytes));
  m = add(m, mul(interfaces, kInterfaceBytes));
  m = add(m, mul(s.links.size(), kLinkBytes));
  m = add(m, mul(routes, kRouteBytes));
  m = add(m, mul(lsdb_entries, kLsdbEntryBytes));
  m = add(m, mul(e.queued_packets, kQueuedPacketBytes));
  m = add(m, mul(flows, kFlowBytes));
  e.memory_bytes = m;
  return e;
}

uint64_t physical_memory_bytes() {
  const long pages = ::sysconf(_SC_PHYS_PAGES);
  const long page = ::sysconf(_SC_PAGE_SIZE);
  if (pages <= 0 || page <= 0) return 0;
  return mul(static_cast<uint64_t>(pages), static_cast<uint64_t>(page));
}

std::string format_bytes(uint64_t bytes) {
  static constexpr const char* units[] = {"B", "kB", "MB", "GB", "TB", "PB", "EB"};
  double v = static_cast<double>(bytes);
  size_t u = 0;
  while (v >= 1000.0 && u + 1 < std::size(units)) {
    v /= 1000.0;
    ++u;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, u == 0 ? "%.0f %s" : "%.1f %s", v, units[u]);
  return buf;
}

std::string check_resource_limits(const ResourceEstimate& e, uint64_t physical_memory) {
  const auto count = [](uint64_t n) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3g", static_cast<double>(n));
    return std::string(buf);
  };
  if (physical_memory != 0 &&
      static_cast<double>(e.memory_bytes) > kMemoryShare * static_cast<double>(physical_memory))
    return "the run would need about " + format_bytes(e.memory_bytes) + " of memory (" +
           count(e.routes) + " routes, " + count(e.queued_packets) +
           " queued packets), more than 80% of this machine's " + format_bytes(physical_memory);
  if (e.traffic_packets > kMaxTrafficPackets)
    return "the traffic sources would send " + count(e.traffic_packets) +
           " packets, more than the " + count(kMaxTrafficPackets) +
           " mhsim simulates without --force (hours of work); check rate, interval and "
           "duration";
  if (e.link_load_rows > kMaxLinkLoadRows)
    return "link_load.csv would have " + count(e.link_load_rows) + " rows, more than the " +
           count(kMaxLinkLoadRows) + " mhsim writes without --force; raise outputs.sample_every";
  return "";
}

}  // namespace run
