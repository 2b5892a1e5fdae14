#include "sim/run/report.hpp"

#include <cstdio>
#include <iomanip>
#include <ostream>

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
  print_traffic(out, world, groups);
  out << "\nwrote " << (out_dir / "summary.json").string() << ", "
      << (out_dir / "trace.log").string() << " (" << sim.trace().records() << " trace records), "
      << (out_dir / "link_load.csv").string() << " and " << (out_dir / "ecmp.csv").string() << "\n";
}

}  // namespace run
