// The convergence report's outputs (formats in docs/output.md).
#include <algorithm>
#include <iomanip>
#include <ostream>

#include "sim/run/convergence.hpp"
#include "sim/run/link_load.hpp"
#include "sim/run/summary.hpp"

namespace run {
namespace {

using Json = nlohmann::ordered_json;

constexpr size_t kReasons = static_cast<size_t>(net::DropReason::kCount);

Json offset_json(const std::optional<sim::Duration>& d) {
  return d ? Json(seconds(*d)) : Json(nullptr);
}

std::string offset_cell(const std::optional<sim::Duration>& d) {
  return d ? sim::format_seconds(*d) : "";
}

// "+0.220006216 s"
std::string offset_text(sim::Duration d) { return "+" + sim::format_seconds(d) + " s"; }

Json lost_json(const EventConvergence& e) {
  Json lost;
  for (size_t r = 0; r < kReasons; ++r)
    lost[std::string(net::drop_reason_name(static_cast<net::DropReason>(r)))] = e.packets_lost[r];
  lost["total"] = e.packets_lost_total;
  return lost;
}

}  // namespace

Json convergence_json(const std::vector<EventConvergence>& events) {
  Json out = Json::array();
  for (const EventConvergence& e : events) {
    const bool own = e.owns_window();
    Json nodes = Json::array();
    for (const NodeConvergence& n : e.nodes)
      nodes.push_back(Json{{"node", n.name},
                           {"detected_s", offset_json(n.detected)},
                           {"fib_converged_s", offset_json(n.fib_converged)}});
    out.push_back(Json{{"index", e.index},
                       {"at_s", seconds(e.mark.at)},
                       {"action", e.mark.action},
                       {"target", e.mark.target},
                       {"window_of", e.window_of},
                       {"window_end_s", seconds(e.window_end)},
                       {"network_converged_s", offset_json(e.network_converged)},
                       {"network_converged_node",
                        e.network_converged ? Json(e.network_converged_node) : Json(nullptr)},
                       {"traffic_restored_s", offset_json(e.traffic_restored)},
                       {"restored", own ? Json(e.restored) : Json(nullptr)},
                       {"packets_lost", own ? lost_json(e) : Json(nullptr)},
                       {"loops", own ? Json(e.loops) : Json(nullptr)},
                       {"nodes", nodes}});
  }
  return out;
}

std::string convergence_csv(const std::vector<EventConvergence>& events) {
  std::string out =
      "event,at_s,action,target,node,detected_s,fib_converged_s,network_converged_s,"
      "traffic_restored_s,restored,packets_lost,loops\n";
  for (const EventConvergence& e : events) {
    const bool own = e.owns_window();
    const std::string head = std::to_string(e.index) + "," + sim::format_seconds(e.mark.at) + "," +
                             csv_field(e.mark.action) + "," + csv_field(e.mark.target) + ",";
    const std::string tail = offset_cell(e.network_converged) + "," +
                             offset_cell(e.traffic_restored) + "," +
                             (own ? (e.restored ? "true" : "false") : "") + "," +
                             (own ? std::to_string(e.packets_lost_total) : "") + "," +
                             (own ? std::to_string(e.loops) : "") + "\n";
    if (e.nodes.empty()) out += head + ",,," + tail;
    for (const NodeConvergence& n : e.nodes)
      out += head + csv_field(n.name) + "," + offset_cell(n.detected) + "," +
             offset_cell(n.fib_converged) + "," + tail;
  }
  return out;
}

void write_loss_csv(std::ostream& out, const ConvergenceLog& log, sim::Time end) {
  out << "time_s";
  for (size_t r = 0; r < kReasons; ++r)
    out << ',' << net::drop_reason_name(static_cast<net::DropReason>(r));
  out << ",total\n";
  const sim::Duration width = log.loss_bin();
  const std::vector<ConvergenceLog::LossBin>& bins = log.loss_bins();
  // Every bin that starts before the end, and one that starts at it if a
  // packet was dropped at the very end.
  int64_t last = end.ps() > 0 ? (end.ps() - 1) / width.ps() : -1;
  if (!bins.empty()) last = std::max(last, bins.back().bin);
  size_t next = 0;
  for (int64_t bin = 0; bin <= last; ++bin) {
    while (next < bins.size() && bins[next].bin < bin) ++next;
    const bool any = next < bins.size() && bins[next].bin == bin;
    out << sim::format_seconds(width * bin);
    uint64_t total = 0;
    for (size_t r = 0; r < kReasons; ++r) {
      const uint64_t n = any ? bins[next].lost[r] : 0;
      total += n;
      out << ',' << n;
    }
    out << ',' << total << '\n';
  }
}

void print_convergence(std::ostream& out, const std::vector<EventConvergence>& events) {
  if (events.empty()) return;
  out << "\nconvergence (offsets from each event):\n";
  for (const EventConvergence& e : events) {
    const std::string what =
        sim::format_seconds(e.mark.at) + " " + e.mark.action + " " + e.mark.target;
    if (!e.owns_window()) {
      out << "  " << what << ": at the same time as event " << e.window_of << ", counted there\n";
      continue;
    }
    out << "  " << what << ": ";
    if (e.network_converged)
      out << "network converged " << offset_text(*e.network_converged) << " ("
          << e.network_converged_node << ")";
    else
      out << "no FIB changed";
    if (!e.traffic_restored)
      out << ", no packet lost";
    else if (e.restored)
      out << ", traffic whole from " << offset_text(*e.traffic_restored);
    else
      out << ", traffic NOT restored (last loss sent at " << offset_text(*e.traffic_restored)
          << ")";
    if (e.traffic_restored) {
      out << ", " << e.packets_lost_total << " packets lost (";
      bool first = true;
      for (size_t r = 0; r < kReasons; ++r) {
        if (e.packets_lost[r] == 0) continue;
        out << (first ? "" : ", ") << e.packets_lost[r] << ' '
            << net::drop_reason_name(static_cast<net::DropReason>(r));
        first = false;
      }
      out << ")";
    }
    out << ", " << e.loops << (e.loops == 1 ? " loop" : " loops") << "\n";
    size_t width = 0;
    for (const NodeConvergence& n : e.nodes) width = std::max(width, n.name.size());
    for (const NodeConvergence& n : e.nodes) {
      out << "    " << std::left << std::setw(static_cast<int>(width + 1)) << (n.name + ":")
          << std::right << " detected "
          << (n.detected ? offset_text(*n.detected) : std::string("-")) << ", FIB converged "
          << (n.fib_converged ? offset_text(*n.fib_converged) : std::string("-")) << "\n";
    }
  }
}

}  // namespace run
