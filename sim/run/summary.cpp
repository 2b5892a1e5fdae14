#include "sim/run/summary.hpp"

#include <cstdio>

#include "sim/run/convergence.hpp"
#include "sim/run/link_load.hpp"
#include "sim/run/version.hpp"

namespace run {

double seconds(sim::Duration d) { return static_cast<double>(d.ns()) / 1e9; }

std::string_view stop_reason_name(sim::StopReason r) {
  switch (r) {
    case sim::StopReason::kReachedEnd:
      return "reached_end";
    case sim::StopReason::kQueueEmpty:
      return "queue_empty";
    case sim::StopReason::kStopped:
      return "stopped";
    case sim::StopReason::kEventLimit:
      return "event_limit";
  }
  return "?";
}

namespace {

using Json = nlohmann::ordered_json;

std::string hex64(uint64_t v) {
  char buf[19];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
  return buf;
}

Json nodes_json(const net::Network& n) {
  Json nodes = Json::array();
  for (const net::Node& node : n.nodes()) {
    Json ifaces = Json::array();
    for (net::InterfaceId i : node.interfaces) {
      const net::Interface& ifc = n.interface(i);
      Json addrs = Json::array();
      for (const auto& a : ifc.addresses) addrs.push_back(a.to_string());
      ifaces.push_back(Json{{"name", ifc.name}, {"addresses", addrs}, {"oper_up", ifc.oper_up()}});
    }
    nodes.push_back(Json{{"name", node.name},
                         {"kind", net::kind_name(node.kind)},
                         {"vendor", vendor::name(node.vendor)},
                         {"interfaces", ifaces}});
  }
  return nodes;
}

Json links_json(const net::Network& n, const RunInfo& info) {
  Json links = Json::array();
  const double elapsed_ps = static_cast<double>(info.end.ps());
  for (net::LinkId l = 0; l < n.link_count(); ++l) {
    const net::LinkParams& p = n.link_params(l);
    Json dirs = Json::array();
    for (int side = 0; side < 2; ++side) {
      const net::LinkStats& s = n.link_stats(l, side);
      const double busy_ps = static_cast<double>(n.busy_time(l, side).ps());
      dirs.push_back(Json{{"direction", side == 0 ? "a->b" : "b->a"},
                          {"silent", n.link_silent(l, side)},
                          {"loss", n.link_loss(l, side)},
                          {"packets", s.packets},
                          {"bytes", s.bytes},
                          {"drops_queue_full", s.drops_queue_full},
                          {"drops_loss", s.drops_loss},
                          {"drops_silent", s.drops_silent},
                          {"drops_link_down", s.drops_link_down},
                          {"drops_mtu", s.drops_mtu},
                          {"peak_queue_bytes", s.peak_queue_bytes},
                          {"drops", link_drops(s)},
                          {"utilization", elapsed_ps > 0 ? busy_ps / elapsed_ps : 0.0},
                          {"peak_utilization", info.link_load
                                                   ? Json(info.link_load->peak_utilization(l, side))
                                                   : Json(nullptr)}});
    }
    links.push_back(Json{{"name", n.link_name(l)},
                         {"bandwidth_bps", p.bandwidth_bps},
                         {"delay_s", seconds(p.delay)},
                         {"mtu", p.mtu},
                         {"queue_bytes", p.queue_bytes},
                         {"carrier", n.link_carrier(l)},
                         {"directions", dirs}});
  }
  return links;
}

}  // namespace

Json make_summary(World& world, const RunInfo& info) {
  sim::Simulator& sim = world.simulator();
  const Scenario& sc = world.scenario();
  Json j;
  j["mhsim"] = Json{{"version", kVersion}, {"git", kGitSha}};
  j["scenario"] =
      Json{{"name", sc.name}, {"file", info.scenario_path}, {"hash", hex64(info.scenario_hash)}};
  j["seed"] = world.seed();
  j["duration_s"] = seconds(sc.duration);
  j["end_time_s"] = seconds(info.end);
  j["stop_reason"] = stop_reason_name(info.stop_reason);
  j["events_executed"] = sim.events_executed();
  j["trace"] =
      Json{{"records", sim.trace().records()}, {"fingerprint", hex64(sim.trace().fingerprint())}};
  // What trace.log kept (`mhsim explain` says when it is not everything).
  j["trace"]["filter"] = info.trace_filter;
  j["nodes"] = nodes_json(world.network());
  // The resolved data-plane inputs: each node's ECMP mode and hash seed.
  for (const net::Node& n : world.network().nodes()) {
    const node::EcmpConfig& e = world.router(n.id).forwarder().ecmp();
    j["nodes"][n.id]["ecmp"] = Json{{"mode", node::ecmp_mode_name(e.mode)}, {"seed", e.salt}};
  }
  j["outputs"] = Json{{"sample_every_s", seconds(sc.outputs.sample_every)}};
  j["links"] = links_json(world.network(), info);
  j["control_packets"] = packet_counters_json(world.network().counters(true));
  j["packets"] = data_packets_json(world);
  j["traffic"] = traffic_json(world);
  j["flows"] = flows_json(world);
  j["bgp_sessions"] = bgp_sessions_json(world);
  j["ospf_adjacencies"] = ospf_adjacencies_json(world);
  j["routes"] = routes_json(world);
  j["fib"] = fib_json(world);
  if (info.convergence) j["convergence"] = convergence_json(*info.convergence);
  return j;
}

}  // namespace run
