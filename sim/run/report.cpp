#include "sim/run/report.hpp"

#include <cstdio>
#include <iomanip>
#include <ostream>
#include <set>

#include "sim/run/convergence.hpp"
#include "sim/run/version.hpp"

namespace run {

std::string format_bandwidth(uint64_t bps) {
  struct Unit {
    uint64_t scale;
    const char* name;
  };
  static constexpr Unit units[] = {{1'000'000'000'000, "Tbps"}, {1'000'000'000, "Gbps"},
                                   {1'000'000, "Mbps"}, {1'000, "kbps"}, {1, "bps"}};
  for (const Unit& u : units)
    if (bps >= u.scale && bps % u.scale == 0) return std::to_string(bps / u.scale) + u.name;
  return std::to_string(bps) + "bps";
}

namespace {

std::string percent(uint64_t part, uint64_t whole) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.1f%%", whole ? 100.0 * static_cast<double>(part) / static_cast<double>(whole) : 0.0);
  return buf;
}

// " (no_route 3, link_down 12)", or "" when nothing was dropped.
std::string reasons(const std::array<uint64_t, static_cast<size_t>(net::DropReason::kCount)>& d) {
  std::string out;
  for (size_t r = 0; r < d.size(); ++r)
    if (d[r] != 0)
      out += (out.empty() ? " (" : ", ") +
             std::string(net::drop_reason_name(static_cast<net::DropReason>(r))) + " " +
             std::to_string(d[r]);
  return out.empty() ? out : out + ")";
}

}  // namespace

void print_traffic(std::ostream& out, const World& world, const std::vector<EcmpGroupReport>& groups) {
  const net::PacketCounters& c = world.network().counters(false);
  if (c.sent == 0) return;
  const traffic::Traffic& t = world.traffic();
  uint64_t reordered = 0;
  for (const traffic::FlowStats& f : t.flows()) reordered += f.reordered;
  out << "\ndata packets: " << c.sent << " sent, " << c.delivered << " delivered, "
      << c.dropped_total() << " lost" << reasons(c.dropped) << ", " << c.in_flight()
      << " in flight, " << reordered << " reordered\n";
  for (size_t i = 0; i < t.source_count(); ++i) {
    const traffic::FlowStats s = t.source_totals(i);
    char delay[64];
    std::snprintf(delay, sizeof delay, "%.6f", s.mean_delay_s());
    out << "  " << t.source(i).name << ": " << s.sent << " sent, " << s.delivered << " delivered ("
        << percent(s.delivered, s.sent) << "), " << s.lost() << " lost" << reasons(s.dropped)
        << ", mean delay " << delay << " s\n";
  }
  const EcmpGroupReport* g = busiest_group(groups);
  if (!g) return;
  char stats[96];
  std::snprintf(stats, sizeof stats, "max/mean %.3f, CV %.3f, Jain %.3f", g->max_mean, g->cv, g->jain);
  out << "ECMP at the busiest group: " << g->node << " " << g->prefixes << ", " << g->packets
      << " packets, " << stats << "\n";
  for (size_t i = 0; i < g->stats.next_hops.size(); ++i) {
    const rib::NextHop& h = g->stats.next_hops[i];
    out << "  " << std::left << std::setw(16) << (h.via.value ? h.via.to_string() : "direct")
        << std::setw(12) << world.network().interface(h.interface).name << std::right
        << std::setw(10) << g->stats.packets[i] << "  " << percent(g->stats.packets[i], g->packets)
        << "\n";
  }
}

namespace {

// "OSPF external (150) from S-SW-2", "static (5)", with `what` after the
// protocol ("eBGP route (170)"): the protocol, its preference in the node's
// convention and, for OSPF externals, the nodes whose AS-external-LSAs the
// route follows.
std::string describe_route(const World& world, const net::Node& node, const rib::Route& r,
                           const std::string& what = "") {
  const rib::Rib& rib = world.router(node.id).rib();
  std::string kind;
  switch (r.protocol) {
    case rib::Protocol::kDirect: kind = "direct"; break;
    case rib::Protocol::kStatic: kind = "static"; break;
    case rib::Protocol::kKernel: kind = "kernel"; break;
    case rib::Protocol::kBgp: kind = r.ibgp ? "iBGP" : "eBGP"; break;
    case rib::Protocol::kOspfInternal: kind = "OSPF internal"; break;
    case rib::Protocol::kOspfExternal1:
    case rib::Protocol::kOspfExternal2: kind = "OSPF external"; break;
  }
  std::string out = kind + what + " (" + std::to_string(rib.vendor_preference(r)) + ")";
  const ospf::OspfProcess* ospf = world.ospf(node.id);
  if (!ospf || (r.protocol != rib::Protocol::kOspfExternal1 &&
                r.protocol != rib::Protocol::kOspfExternal2))
    return out;
  std::string from;
  for (const ospf::OspfRoute& o : ospf->routes()) {
    if (o.prefix != r.prefix) continue;
    for (net::Ipv4 asbr : o.advertising_routers) {
      std::string name = asbr.to_string();  // a node's name when one has that router id
      for (const net::Node& other : world.network().nodes())
        if (const ospf::OspfProcess* p = world.ospf(other.id); p && p->router_id() == asbr)
          name = other.name;
      from += (from.empty() ? "" : " and ") + name;
    }
  }
  return from.empty() ? out : out + " from " + from;
}

// "; since 62.200 s": when the winning route last changed.
std::string since(sim::Time t) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "; since %.3f s", static_cast<double>(t.since_start().ns()) / 1e9);
  return buf;
}

}  // namespace

void print_bgp_overridden(std::ostream& out, const World& world) {
  std::string lines;
  for (const net::Node& node : world.network().nodes()) {
    const node::BgpProcess* bgp = world.bgp(node.id);
    if (!bgp) continue;
    std::set<net::Prefix> learnt;
    for (size_t i = 0; i < bgp->neighbor_count(); ++i)
      for (const auto& [prefix, path] : bgp->speaker().adj_rib_in(i)) learnt.insert(prefix);
    const rib::Rib& rib = world.router(node.id).rib();
    for (const net::Prefix& p : learnt) {
      const rib::Route* active = rib.active(p);
      if (!active || active->protocol == rib::Protocol::kBgp) continue;
      const rib::Route* own = nullptr;
      for (const rib::Route& c : rib.candidates(p))
        if (c.protocol == rib::Protocol::kBgp) own = &c;
      lines += "  " + node.name + ": " + p.to_string() + " active via " +
               describe_route(world, node, *active) + ", not its " +
               (own ? describe_route(world, node, *own, " route")
                    : std::string("BGP route (its next hop does not resolve)")) +
               since(active->since) + "\n";
    }
  }
  if (lines.empty()) return;
  out << "\nBGP-learnt prefixes another protocol's route wins:\n" << lines;
}

void print_report(std::ostream& out, World& world, const RunInfo& info, double wall_s,
                  const std::filesystem::path& out_dir, const std::vector<EcmpGroupReport>& groups) {
  const net::Network& n = world.network();
  sim::Simulator& sim = world.simulator();
  out << "mhsim " << kVersion << "  scenario " << world.scenario().name << " ("
      << info.scenario_path << ")  seed " << world.seed() << "\n";
  out << "simulated " << sim::format_seconds(info.end) << " s in " << std::fixed
      << std::setprecision(3) << wall_s << " s wall, " << sim.events_executed() << " events";
  if (info.stop_reason == sim::StopReason::kEventLimit) out << " (stopped at --max-events)";
  out << "\n\n";

  out << "links at the end:\n";
  for (net::LinkId l = 0; l < n.link_count(); ++l) {
    const net::LinkParams& p = n.link_params(l);
    std::string state = n.link_carrier(l) ? "up" : "DOWN";
    for (int side = 0; side < 2; ++side) {
      if (n.link_silent(l, side)) state += side == 0 ? ", silent a->b" : ", silent b->a";
      if (n.link_loss(l, side) > 0) state += side == 0 ? ", lossy a->b" : ", lossy b->a";
    }
    out << "  " << std::left << std::setw(40) << n.link_name(l) << std::right << " "
        << std::setw(8) << format_bandwidth(p.bandwidth_bps) << " "
        << std::setw(8) << sim::format_duration(p.delay) << "  " << state << "\n";
  }
  const net::PacketCounters& c = n.counters(true);
  out << "\ncontrol-plane packets: " << c.sent << " sent, " << c.delivered << " delivered, "
      << c.dropped_total() << " dropped, " << c.in_flight() << " in flight\n";
  print_bgp_overridden(out, world);
  print_traffic(out, world, groups);
  if (info.convergence) print_convergence(out, *info.convergence);
  out << "\nwrote " << (out_dir / "summary.json").string() << ", "
      << (out_dir / "trace.log").string() << " (" << sim.trace().records() << " trace records), "
      << (out_dir / "link_load.csv").string() << (info.convergence ? ", " : " and ")
      << (out_dir / "ecmp.csv").string();
  if (info.convergence)
    out << ", " << (out_dir / "convergence.csv").string() << " and "
        << (out_dir / "loss.csv").string();
  out << "\n";
}

}  // namespace run
