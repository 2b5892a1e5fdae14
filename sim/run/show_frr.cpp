// FRR (vtysh, FRR 8) views: show ip route, show ip bgp summary, show ip bgp
// neighbors [N routes]. Layouts follow zebra's and bgpd's vty code (e.g.
// `%-16s4 %10u %9u %9u %8u %4u %4u %8s` for a summary row, `%-17s` prefix
// and `%-16s` next hop in BGP tables).
//
// Left out: memory use, table versions, and the counters mhsim does not keep
// (per-type message counts, last write, connection timestamps).
#include <algorithm>

#include "sim/run/show_styles.hpp"

namespace run::show {
namespace {

// FRR's uptime: "00:41:43", "2d03h04m", "01w2d03h".
std::string uptime(sim::Duration d) {
  const long long s = std::max<int64_t>(d.ps(), 0) / 1'000'000'000'000;
  const long long w = s / 604800, days = s % 604800 / 86400, h = s % 86400 / 3600;
  if (w > 0) return format("%02lldw%lldd%02lldh", w, days, h);
  if (days > 0) return format("%lldd%02lldh%02lldm", days, h, s % 3600 / 60);
  return format("%02lld:%02lld:%02lld", h, s % 3600 / 60, s % 60);
}

char code(rib::Protocol p) {
  switch (p) {
    case rib::Protocol::kDirect:
      return 'C';
    case rib::Protocol::kStatic:
      return 'S';
    case rib::Protocol::kKernel:
      return 'K';
    case rib::Protocol::kBgp:
      return 'B';
    case rib::Protocol::kOspfInternal:
    case rib::Protocol::kOspfExternal1:
    case rib::Protocol::kOspfExternal2:
      return 'O';
  }
  return '?';
}

const char* known_via(rib::Protocol p) {
  switch (p) {
    case rib::Protocol::kDirect:
      return "connected";
    case rib::Protocol::kStatic:
      return "static";
    case rib::Protocol::kKernel:
      return "kernel";
    case rib::Protocol::kBgp:
      return "bgp";
    default:
      return "ospf";
  }
}

bool contains(const std::vector<rib::NextHop>& hops, const rib::NextHop& nh) {
  return std::find(hops.begin(), hops.end(), nh) != hops.end();
}

std::string brief(const ShowNode& n, const net::Prefix& p, const rib::Route& r, bool selected) {
  const std::vector<rib::NextHop> fib = selected ? installed(n, p) : std::vector<rib::NextHop>{};
  const bool direct = r.protocol == rib::Protocol::kDirect;
  const std::string up = uptime(n.now - r.since);
  const auto hop = [&](const rib::NextHop& nh) {
    const std::string ifc = interface_name(n, nh.interface, ShowStyle::kFrr);
    if (nh.via.value == 0) return " is directly connected, " + ifc + ", " + up + "\n";
    return " via " + nh.via.to_string() + ", " + ifc + ", weight 1, " + up + "\n";
  };
  // A discard route is in the FIB as a group without next hops.
  const bool first_in_fib = r.next_hops.empty()
                                ? selected && n.router.fib().exact(p) != rib::Fib::kNoGroup
                                : contains(fib, r.next_hops.front());
  std::string line = format("%c%c%c %s", code(r.protocol), selected ? '>' : ' ',
                            first_in_fib ? '*' : ' ', p.to_string().c_str());
  if (!direct) line += format(" [%u/%u]", n.router.rib().vendor_preference(r), r.metric);
  if (r.next_hops.empty()) return line + " unreachable (blackhole), " + up + "\n";
  std::string out = line + hop(r.next_hops.front());
  // Further next hops line up under the first one.
  for (size_t i = 1; i < r.next_hops.size(); ++i)
    out += std::string("  ") + (contains(fib, r.next_hops[i]) ? '*' : ' ') +
           std::string(line.size() - 3, ' ') + hop(r.next_hops[i]);
  return out;
}

std::string detail(const ShowNode& n, const net::Prefix& p) {
  std::string out = "Routing entry for " + p.to_string() + "\n";
  const std::span<const rib::Route> candidates = n.router.rib().candidates(p);
  for (size_t k = 0; k < candidates.size(); ++k) {
    const rib::Route& r = candidates[k];
    const std::vector<rib::NextHop> fib = k == 0 ? installed(n, p) : std::vector<rib::NextHop>{};
    out += format("  Known via \"%s\", distance %u, metric %u%s\n", known_via(r.protocol),
                  n.router.rib().vendor_preference(r), r.metric, k == 0 ? ", best" : "");
    out += "  Last update " + uptime(n.now - r.since) + " ago\n";
    if (r.next_hops.empty()) out += "    unreachable (blackhole)\n";
    for (const rib::NextHop& nh : r.next_hops) {
      const std::string ifc = interface_name(n, nh.interface, ShowStyle::kFrr);
      out += contains(fib, nh) ? "  * " : "    ";
      out += nh.via.value == 0 ? "directly connected, " + ifc + "\n"
                               : nh.via.to_string() + ", via " + ifc + ", weight 1\n";
    }
    out += "\n";
  }
  return out;
}

}  // namespace

std::string frr_route(const ShowNode& n, const std::optional<Target>& t) {
  const rib::Rib& rib = n.router.rib();
  if (t) {
    const std::vector<net::Prefix> prefixes = select_longest_or_exact(rib, *t);
    if (prefixes.empty()) return "% Network not in table\n";
    return detail(n, prefixes.front());
  }
  std::string out =
      "Codes: K - kernel route, C - connected, S - static, R - RIP,\n"
      "       O - OSPF, I - IS-IS, B - BGP, E - EIGRP, N - NHRP,\n"
      "       T - Table, v - VNC, V - VNC-Direct, A - Babel, F - PBR,\n"
      "       f - OpenFabric,\n"
      "       > - selected route, * - FIB route, q - queued, r - rejected, b - backup\n"
      "       t - trapped, o - offload failure\n\n";
  for (const net::Prefix& p : all_prefixes(rib)) {
    const std::span<const rib::Route> candidates = rib.candidates(p);
    for (size_t k = 0; k < candidates.size(); ++k) out += brief(n, p, candidates[k], k == 0);
  }
  return out;
}

std::string frr_bgp_summary(const ShowNode& n) {
  if (n.bgp == nullptr) return "% BGP instance not found\n";
  const node::BgpProcess& b = *n.bgp;
  std::string out = "IPv4 Unicast Summary (VRF default):\n";
  out += format("BGP router identifier %s, local AS number %u vrf-id 0\n\n",
                b.config().router_id.to_string().c_str(), b.config().local_as);
  out +=
      "Neighbor        V         AS   MsgRcvd   MsgSent   TblVer  InQ OutQ  Up/Down "
      "State/PfxRcd   PfxSnt Desc\n";
  for (size_t i = 0; i < b.neighbor_count(); ++i) {
    const bgp::Session& s = b.session(i);
    const bool up = s.state() == bgp::State::kEstablished;
    const bool ever = up || s.flap_count() > 0;
    const std::string updown =
        !ever ? "never" : uptime(n.now - (up ? s.established_at() : s.last_state_change()));
    const std::string state = up ? std::to_string(b.speaker().adj_rib_in(i).size())
                                 : std::string(bgp::to_string(s.state()));
    out += format("%-16s4 %10u %9llu %9llu %8d %4d %4d %8s %12s %8zu N/A\n",
                  b.neighbor(i).address.to_string().c_str(), b.neighbor(i).remote_as,
                  static_cast<unsigned long long>(s.messages_in()),
                  static_cast<unsigned long long>(s.messages_out()), 0, 0, 0, updown.c_str(),
                  state.c_str(), b.speaker().adj_rib_out(i).size());
  }
  return out + format("\nTotal number of neighbors %zu\n", b.neighbor_count());
}

std::string frr_received(const ShowNode& n, size_t neighbor) {
  const node::BgpProcess& b = *n.bgp;
  std::string out = format("BGP table version is 0, local router ID is %s, vrf id 0\n",
                           b.config().router_id.to_string().c_str());
  out += format("Default local pref %u, local AS %u\n", b.config().decision.default_local_pref,
                b.neighbor(neighbor).local_as);
  out +=
      "Status codes:  s suppressed, d damped, h history, * valid, > best, = multipath,\n"
      "               i internal, r RIB-failure, S Stale, R Removed\n"
      "Nexthop codes: @NNN nexthop's vrf id, < announce-nh-self\n"
      "Origin codes:  i - IGP, e - EGP, ? - incomplete\n"
      "RPKI validation codes: V valid, I invalid, N Not found\n\n"
      "   Network          Next Hop            Metric LocPrf Weight Path\n";
  const auto& in = b.speaker().adj_rib_in(neighbor);
  for (const auto& [prefix, path] : in) {
    const std::vector<bgp::Path>* best = b.speaker().best_paths(prefix);
    char mark = ' ';
    if (best != nullptr)
      for (size_t k = 0; k < best->size(); ++k)
        if ((*best)[k].neighbor == static_cast<int>(neighbor)) mark = k == 0 ? '>' : '=';
    const bgp::PathAttributes& a = path.attrs;
    std::string as;
    for (uint32_t x : a.as_path) as += std::to_string(x) + " ";
    as += a.origin == bgp::Origin::kIgp ? "i" : a.origin == bgp::Origin::kEgp ? "e" : "?";
    const std::string med = a.med ? format("%10u", *a.med) : std::string(10, ' ');
    const std::string lp = a.local_pref && path.kind == bgp::PeerKind::kIbgp
                               ? format("%7u", *a.local_pref)
                               : std::string(7, ' ');
    out += format("*%c%c%-16s %-16s%s%s%7u %s\n", mark,
                  path.kind == bgp::PeerKind::kIbgp ? 'i' : ' ', prefix.to_string().c_str(),
                  a.next_hop.to_string().c_str(), med.c_str(), lp.c_str(), 0u, as.c_str());
  }
  return out + format("\nDisplayed  %zu routes and %zu total paths\n", in.size(), in.size());
}

std::string frr_bgp_neighbors(const ShowNode& n) {
  if (n.bgp == nullptr) return "% BGP instance not found\n";
  const node::BgpProcess& b = *n.bgp;
  std::string out;
  for (size_t i = 0; i < b.neighbor_count(); ++i) {
    const node::BgpNeighborConfig& nb = b.neighbor(i);
    const bgp::Session& s = b.session(i);
    const bool up = s.state() == bgp::State::kEstablished;
    out += format("BGP neighbor is %s, remote AS %u, local AS %u, %s link\n",
                  nb.address.to_string().c_str(), nb.remote_as, nb.local_as,
                  s.ebgp() ? "external" : "internal");
    out += format("  BGP version 4, remote router ID %s, local router ID %s\n",
                  s.peer_router_id().to_string().c_str(), b.config().router_id.to_string().c_str());
    out += "  BGP state = " + std::string(bgp::to_string(s.state()));
    out += up ? ", up for " + uptime(n.now - s.established_at()) + "\n" : "\n";
    if (up) {
      out += "  Last read " + uptime(n.now - s.last_received_at()) + "\n";
      out +=
          format("  Hold time is %u, keepalive interval is %lld seconds\n", s.negotiated_hold_s(),
                 static_cast<long long>(s.keepalive_interval().ps() / 1'000'000'000'000));
    }
    out += format("  Message statistics:\n                         Sent       Rcvd\n");
    out += format("    Updates:        %10llu          -\n",
                  static_cast<unsigned long long>(b.speaker().updates_sent(i)));
    out += format("    Total:          %10llu %10llu\n",
                  static_cast<unsigned long long>(s.messages_out()),
                  static_cast<unsigned long long>(s.messages_in()));
    out += " For address family: IPv4 Unicast\n";
    out += format("  %zu accepted prefixes\n", b.speaker().adj_rib_in(i).size());
    out += format("  Connections established %u; dropped %u\n", s.flap_count() + (up ? 1 : 0),
                  s.flap_count());
    if (!s.last_error().empty()) out += "  Last reset due to " + s.last_error() + "\n";
    out += "\n";
  }
  return out;
}

}  // namespace run::show
