// BIRD 2 (birdc) views as in the lab's host: show route, show protocols,
// show route protocol NAME. Layouts follow BIRD's nest/rt-show.c and
// nest/proto.c (`%-20s %s [%s %s%s]%s%s`, `%-10s %-10s %-10s %-6s %-12s  %s`).
//
// BIRD prints `since` as the time of day; mhsim prints simulated time from
// the start of the run in the same HH:MM:SS.mmm shape. Prefixes are listed
// in prefix order (BIRD walks its hash table), the continuation lines of a
// prefix's further routes are indented by 21 columns as BIRD's format makes
// them (the lab's paste shows 20).
#include <algorithm>

#include "sim/run/show_styles.hpp"

namespace run::show {
namespace {

std::string clock(sim::Time t) {
  const long long ms = std::max<int64_t>(t.ps(), 0) / 1'000'000'000;
  return format("%02lld:%02lld:%02lld.%03lld", ms / 3'600'000, ms / 60'000 % 60, ms / 1000 % 60,
                ms % 1000);
}

// The protocol instance that owns a route, named as BIRD names unnamed
// instances: the protocol and a counter.
std::string instance(const ShowNode& n, const Entry& e) {
  if (e.bgp) return n.bgp->neighbor(e.bgp->neighbor).name;
  switch (e.route->protocol) {
    case rib::Protocol::kDirect:
      return "direct1";
    case rib::Protocol::kStatic:
      return "static1";
    case rib::Protocol::kKernel:
      return "kernel1";
    case rib::Protocol::kBgp:
      return "bgp1";
    case rib::Protocol::kOspfInternal:
    case rib::Protocol::kOspfExternal1:
    case rib::Protocol::kOspfExternal2:
      return "ospf1";
  }
  return "?";
}

// The protocol's route info: " (100) [AS65001i]" for BGP (preference, then
// the origin AS and ORIGIN as bgp_get_route_info() prints them), " I (150/20)"
// for OSPF, " (240)" otherwise.
std::string info(const Entry& e) {
  if (e.bgp) {
    const bgp::PathAttributes& a = e.bgp->path->attrs;
    const char origin = a.origin == bgp::Origin::kIgp   ? 'i'
                        : a.origin == bgp::Origin::kEgp ? 'e'
                                                        : '?';
    const std::string as = a.as_path.empty() ? "" : "AS" + std::to_string(a.as_path.back());
    return format(" (%u) [%s%c]", e.preference, as.c_str(), origin);
  }
  switch (e.route->protocol) {
    case rib::Protocol::kOspfInternal:
      return format(" I (%u/%u)", e.preference, e.route->metric);
    case rib::Protocol::kOspfExternal1:
      return format(" E1 (%u/%u)", e.preference, e.route->metric);
    case rib::Protocol::kOspfExternal2:
      return format(" E2 (%u/%u)", e.preference, e.route->metric);
    default:
      return format(" (%u)", e.preference);
  }
}

std::string route_line(const ShowNode& n, const std::string& ia, const Entry& e) {
  std::string out =
      format("%-20s %s [%s %s]%s%s\n", ia.c_str(), e.next_hops.empty() ? "blackhole" : "unicast",
             instance(n, e).c_str(), clock(e.since).c_str(), e.active ? " *" : "", info(e).c_str());
  // BIRD adds weights only to a route with several next hops.
  const std::string weight = e.next_hops.size() > 1 ? " weight 1" : "";
  for (const rib::NextHop& nh : e.next_hops) {
    const std::string ifc = interface_name(n, nh.interface, ShowStyle::kBird);
    out += nh.via.value == 0 ? "\tdev " + ifc + weight + "\n"
                             : "\tvia " + nh.via.to_string() + " on " + ifc + weight + "\n";
  }
  return out;
}

}  // namespace

std::string bird_route(const ShowNode& n, const std::optional<Target>& t) {
  const rib::Rib& rib = n.router.rib();
  const std::vector<net::Prefix> prefixes =
      t ? select_longest_or_exact(rib, *t) : all_prefixes(rib);
  if (t && prefixes.empty()) return "Network not found\n";
  std::string out = "Table master4:\n";
  for (const net::Prefix& p : prefixes) {
    bool first = true;
    for (const Entry& e : entries(n, p, false)) {
      out += route_line(n, first ? p.to_string() : "", e);
      first = false;
    }
  }
  return out;
}

std::string bird_received(const ShowNode& n, size_t neighbor) {
  std::string out = "Table master4:\n";
  for (const auto& [prefix, path] : n.bgp->speaker().adj_rib_in(neighbor))
    for (const Entry& e : entries(n, prefix, false))
      if (e.bgp && e.bgp->neighbor == neighbor) out += route_line(n, prefix.to_string(), e);
  return out;
}

std::string bird_protocols(const ShowNode& n) {
  const auto row = [](const std::string& name, const char* proto, const char* table,
                      const char* state, const std::string& since, const std::string& info) {
    return format("%-10s %-10s %-10s %-6s %-12s  %s\n", name.c_str(), proto, table, state,
                  since.c_str(), info.c_str());
  };
  // kernel, device and direct run from the start as in the lab's bird.conf;
  // static only where the node has static routes.
  const std::string start = clock(sim::Time::zero());
  std::string out = row("Name", "Proto", "Table", "State", "Since", "Info");
  out += row("kernel1", "Kernel", "master4", "up", start, "");
  out += row("device1", "Device", "---", "up", start, "");
  out += row("direct1", "Direct", "---", "up", start, "");
  bool statics = false;
  for (const net::Prefix& p : all_prefixes(n.router.rib()))
    for (const rib::Route& r : n.router.rib().candidates(p))
      statics = statics || r.protocol == rib::Protocol::kStatic;
  if (statics) out += row("static1", "Static", "master4", "up", start, "");
  if (n.bgp == nullptr) return out;
  for (size_t i = 0; i < n.bgp->neighbor_count(); ++i) {
    const bgp::Session& s = n.bgp->session(i);
    const bool up = s.state() == bgp::State::kEstablished;
    // BIRD's protocol is `up` while the session is Established and `start`
    // while it tries to get there; the last error shows until it is up again.
    std::string detail = format("%-14s", std::string(bgp::to_string(s.state())).c_str());
    if (!up && !s.last_error().empty()) detail += "Error: " + s.last_error();
    out += row(n.bgp->neighbor(i).name, "BGP", "---", up ? "up" : "start",
               clock(up ? s.established_at() : s.last_state_change()), detail);
  }
  return out;
}

}  // namespace run::show
