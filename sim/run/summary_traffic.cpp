// The data-plane part of summary.json: packets, traffic sources, flows.
#include <cmath>

#include "sim/run/summary.hpp"

namespace run {
namespace {

using Json = nlohmann::ordered_json;

__extension__ typedef unsigned __int128 u128;

// Means are doubles; rounding them to nanoseconds keeps the file free of
// digits that say nothing.
double ns_round(double s) { return std::round(s * 1e9) / 1e9; }

Json by_reason(const std::array<uint64_t, static_cast<size_t>(net::DropReason::kCount)>& d) {
  Json out = Json::object();
  for (size_t r = 0; r < d.size(); ++r)
    out[std::string(net::drop_reason_name(static_cast<net::DropReason>(r)))] = d[r];
  return out;
}

uint64_t mean_rate_bps(const traffic::SourceConfig& c) {
  // bits per packet / (num / den ps)
  const u128 bits_per_s =
      static_cast<u128>(c.packet_bytes) * 8u * 1'000'000'000'000u * c.interval_den;
  return static_cast<uint64_t>((bits_per_s + c.interval_num / 2) / c.interval_num);
}

void add_outcome(Json& j, const traffic::FlowStats& f) {
  j["sent"] = f.sent;
  j["delivered"] = f.delivered;
  j["lost"] = f.lost();
  j["in_flight"] = f.in_flight();
  j["reordered"] = f.reordered;
  j["mean_delay_s"] = ns_round(f.mean_delay_s());
  j["max_delay_s"] = seconds(f.delay_max);
}

}  // namespace

Json packet_counters_json(const net::PacketCounters& c) {
  return Json{{"sent", c.sent},
              {"delivered", c.delivered},
              {"dropped", c.dropped_total()},
              {"dropped_by_reason", by_reason(c.dropped)},
              {"in_flight", c.in_flight()}};
}

Json data_packets_json(const World& world) {
  Json j = packet_counters_json(world.network().counters(false));
  uint64_t reordered = 0;
  for (const traffic::FlowStats& f : world.traffic().flows()) reordered += f.reordered;
  j["reordered"] = reordered;
  return j;
}

Json traffic_json(const World& world) {
  const traffic::Traffic& t = world.traffic();
  const net::Network& n = world.network();
  Json out = Json::array();
  for (size_t i = 0; i < t.source_count(); ++i) {
    const traffic::SourceConfig& c = t.source(i);
    const traffic::FlowStats total = t.source_totals(i);
    Json j;
    j["name"] = c.name;
    j["node"] = n.node(c.node).name;
    j["src"] = c.src.to_string();
    j["dst"] = c.dst.to_string();
    j["dst_port"] = c.dst_port;
    j["pattern"] = traffic::pattern_name(c.pattern);
    j["packet_size"] = c.packet_bytes;
    j["rate_bps"] = mean_rate_bps(c);
    j["flows"] = c.flows;
    j["start_s"] = seconds(c.start);
    j["stop_s"] = c.stop == sim::Time::max() ? Json(nullptr) : Json(seconds(c.stop));
    add_outcome(j, total);
    j["lost_by_reason"] = by_reason(total.dropped);
    out.push_back(std::move(j));
  }
  return out;
}

Json flows_json(const World& world) {
  const traffic::Traffic& t = world.traffic();
  Json out = Json::array();
  for (size_t i = 0; i < t.source_count(); ++i) {
    const traffic::SourceConfig& c = t.source(i);
    const uint32_t first = t.first_flow(i);
    for (uint32_t f = 0; f < c.flows; ++f) {
      const traffic::FlowStats& s = t.flows()[first + f];
      Json j;
      j["source"] = c.name;
      j["flow"] = f;
      j["src"] = c.src.to_string();
      j["dst"] = c.dst.to_string();
      j["protocol"] = "udp";
      j["src_port"] = s.src_port;
      j["dst_port"] = c.dst_port;
      add_outcome(j, s);
      out.push_back(std::move(j));
    }
  }
  return out;
}

}  // namespace run
