#include "sim/run/ecmp_report.hpp"

#include <cmath>
#include <cstdio>
#include <map>

#include "sim/run/link_load.hpp"

namespace run {
namespace {

// Prefixes named in full before "(+N more)".
constexpr size_t kPrefixesShown = 3;

std::string fixed6(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6f", v);
  return buf;
}

// The prefixes of a live group are those pointing at it at the end; a
// retired group names the destination of its first packet.
std::string group_prefixes(const node::EcmpGroupStats& g,
                           const std::map<rib::Fib::GroupId, std::vector<net::Prefix>>& users) {
  const auto it = g.live ? users.find(g.group) : users.end();
  if (it == users.end())
    return g.first_prefix.to_string() + (g.several_prefixes ? " (and others)" : "");
  std::string out;
  for (size_t i = 0; i < it->second.size() && i < kPrefixesShown; ++i)
    out += (i ? " " : "") + it->second[i].to_string();
  if (it->second.size() > kPrefixesShown)
    out += " (+" + std::to_string(it->second.size() - kPrefixesShown) + " more)";
  return out;
}

// A next-hop set the FIB freed and created again (a route that lost a path
// and got it back) is one group to the reader: its packets add up, and it
// reports as live, with its current prefixes, if its last incarnation is.
std::vector<node::EcmpGroupStats> merge_by_next_hops(std::vector<node::EcmpGroupStats> stats) {
  std::vector<node::EcmpGroupStats> out;
  std::map<std::vector<rib::NextHop>, size_t> index;
  for (node::EcmpGroupStats& s : stats) {
    const auto [it, fresh] = index.emplace(s.next_hops, out.size());
    if (fresh) {
      out.push_back(std::move(s));
      continue;
    }
    node::EcmpGroupStats& m = out[it->second];
    for (size_t i = 0; i < m.packets.size(); ++i) m.packets[i] += s.packets[i];
    m.several_prefixes = m.several_prefixes || s.several_prefixes || s.first_prefix != m.first_prefix;
    if (s.live) {
      m.live = true;
      m.group = s.group;
    }
  }
  return out;
}

}  // namespace

Imbalance imbalance(const std::vector<uint64_t>& counts) {
  Imbalance r;
  if (counts.empty()) return r;
  double sum = 0, sum_sq = 0, max = 0;
  for (uint64_t c : counts) {
    const double x = static_cast<double>(c);
    sum += x;
    sum_sq += x * x;
    max = std::max(max, x);
  }
  if (sum == 0) return r;
  const double k = static_cast<double>(counts.size());
  const double mean = sum / k;
  r.max_mean = max / mean;
  r.cv = std::sqrt(std::max(0.0, sum_sq / k - mean * mean)) / mean;
  r.jain = sum * sum / (k * sum_sq);
  return r;
}

std::vector<EcmpGroupReport> ecmp_groups(const World& world) {
  std::vector<EcmpGroupReport> out;
  for (const net::Node& n : world.network().nodes()) {
    const node::Router& router = world.router(n.id);
    std::vector<node::EcmpGroupStats> stats = merge_by_next_hops(router.forwarder().ecmp_stats());
    if (stats.empty()) continue;
    std::map<rib::Fib::GroupId, std::vector<net::Prefix>> users;
    for (const auto& [prefix, group] : router.fib().entries()) users[group].push_back(prefix);
    for (node::EcmpGroupStats& s : stats) {
      EcmpGroupReport g;
      g.node = n.name;
      g.prefixes = group_prefixes(s, users);
      g.packets = s.total();
      const Imbalance im = imbalance(s.packets);
      g.max_mean = im.max_mean;
      g.cv = im.cv;
      g.jain = im.jain;
      g.stats = std::move(s);
      out.push_back(std::move(g));
    }
  }
  return out;
}

const EcmpGroupReport* busiest_group(const std::vector<EcmpGroupReport>& groups) {
  const EcmpGroupReport* best = nullptr;
  for (const EcmpGroupReport& g : groups)
    if (g.stats.next_hops.size() > 1 && (!best || g.packets > best->packets)) best = &g;
  return best;
}

std::string ecmp_csv(const World& world, const std::vector<EcmpGroupReport>& groups) {
  std::string out =
      "node,group,prefix,next_hop,interface,packets,share,group_packets,max_mean,cv,jain\n";
  std::map<std::string, int> index;  // per node: groups numbered from 0 in report order
  for (const EcmpGroupReport& g : groups) {
    const int id = index[g.node]++;
    const std::string tail = "," + std::to_string(g.packets) + "," + fixed6(g.max_mean) + "," +
                             fixed6(g.cv) + "," + fixed6(g.jain) + "\n";
    for (size_t i = 0; i < g.stats.next_hops.size(); ++i) {
      const rib::NextHop& h = g.stats.next_hops[i];
      const uint64_t p = g.stats.packets[i];
      out +=
          csv_field(g.node) + "," + std::to_string(id) + "," + csv_field(g.prefixes) + "," +
          (h.via.value == 0 ? std::string("direct") : h.via.to_string()) + "," +
          csv_field(world.network().interface(h.interface).name) + "," + std::to_string(p) + "," +
          fixed6(g.packets ? static_cast<double>(p) / static_cast<double>(g.packets) : 0.0) + tail;
    }
  }
  return out;
}

}  // namespace run
