#include "sim/run/report.hpp"

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

void print_report(std::ostream& out, World& world, const RunInfo& info, double wall_s,
                  const std::filesystem::path& out_dir) {
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
  out << "\nwrote " << (out_dir / "summary.json").string() << " and "
      << (out_dir / "trace.log").string() << " (" << sim.trace().records() << " trace records)\n";
}

}  // namespace run
