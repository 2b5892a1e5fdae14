// Junos CLI views (vJunos 23.1 as in the lab): show route, show route
// receive-protocol bgp, show bgp summary, show bgp neighbor, show route
// forwarding-table. Column widths are taken from the lab's captures.
//
// Left out on purpose: vJunos' "Warning: License key missing" and
// "Limit/Threshold" lines (licence artefacts of the virtual box), the inet6.0
// table (mhsim is IPv4 only), Local /32 routes of interface addresses and the
// permanent forwarding entries (default reject, multicast), which mhsim's RIB
// and FIB do not hold.
#include <algorithm>
#include <map>
#include <set>

#include "models/rib/preference.hpp"
#include "sim/run/show_styles.hpp"

namespace run::show {
namespace {

int64_t whole_seconds(sim::Duration d) { return std::max<int64_t>(d.ps(), 0) / 1'000'000'000'000; }

// Route age: "00:58:45", "2d 01:02:03", "1w0d 01:02:03".
std::string age(sim::Duration d) {
  const int64_t s = whole_seconds(d);
  const int64_t w = s / 604800, days = s % 604800 / 86400;
  const int64_t h = s % 86400 / 3600, m = s % 3600 / 60, sec = s % 60;
  const std::string hms = format("%02lld:%02lld:%02lld", static_cast<long long>(h),
                                 static_cast<long long>(m), static_cast<long long>(sec));
  if (w > 0)
    return format("%lldw%lldd ", static_cast<long long>(w), static_cast<long long>(days)) + hms;
  if (days > 0) return format("%lldd ", static_cast<long long>(days)) + hms;
  return hms;
}

// BGP "Last Up/Dwn": "14", "41:43", "3:27:52", "2d 3:04:05", "1w2d 3:04:05".
std::string up_down(sim::Duration d) {
  const auto s = static_cast<long long>(whole_seconds(d));
  const long long w = s / 604800, days = s % 604800 / 86400;
  const long long h = s % 86400 / 3600, m = s % 3600 / 60, sec = s % 60;
  if (w > 0) return format("%lldw%lldd %lld:%02lld:%02lld", w, days, h, m, sec);
  if (days > 0) return format("%lldd %lld:%02lld:%02lld", days, h, m, sec);
  if (h > 0) return format("%lld:%02lld:%02lld", h, m, sec);
  if (m > 0) return format("%lld:%02lld", m, sec);
  return format("%lld", sec);
}

std::string_view protocol(rib::Protocol p) {
  switch (p) {
    case rib::Protocol::kDirect:
      return "Direct";
    case rib::Protocol::kStatic:
      return "Static";
    case rib::Protocol::kKernel:
      return "Kernel";
    case rib::Protocol::kBgp:
      return "BGP";
    case rib::Protocol::kOspfInternal:
    case rib::Protocol::kOspfExternal1:
    case rib::Protocol::kOspfExternal2:
      return "OSPF";
  }
  return "?";
}

// Junos spells Established "Establ" in the summary, every other state in full.
std::string_view summary_state(bgp::State s) {
  return s == bgp::State::kEstablished ? "Establ" : bgp::to_string(s);
}

// "inet.0: 8 destinations, 10 routes (8 active, 0 holddown, 0 hidden)".
std::string table_line(const ShowNode& n) {
  const rib::Rib& rib = n.router.rib();
  size_t routes = 0;
  for (const net::Prefix& p : all_prefixes(rib)) routes += entries(n, p, true).size();
  const size_t hidden = rejected_paths(n);
  return format("inet.0: %zu destinations, %zu routes (%zu active, 0 holddown, %zu hidden)\n",
                rib.size(), routes + hidden, rib.size(), hidden);
}

std::string route_entry(const ShowNode& n, const net::Prefix& p, const Entry& e, bool first) {
  const std::string head = first ? format("%-18s ", p.to_string().c_str()) : std::string(19, ' ');
  std::string out = head + format("%c[%s/%u] %s", e.active ? '*' : ' ',
                                  std::string(protocol(e.route->protocol)).c_str(), e.preference,
                                  age(n.now - e.since).c_str());
  switch (e.route->protocol) {
    case rib::Protocol::kOspfInternal:
      out += format(", metric %u", e.route->metric);
      break;
    case rib::Protocol::kOspfExternal1:
    case rib::Protocol::kOspfExternal2:
      out += format(", metric %u, tag 0", e.route->metric);
      break;
    case rib::Protocol::kBgp:
      if (e.bgp) {
        const bgp::PathAttributes& a = e.bgp->path->attrs;
        if (a.med) out += format(", MED %u", *a.med);
        out += format(", localpref %u",
                      a.local_pref.value_or(n.bgp->config().decision.default_local_pref));
      }
      break;
    default:
      break;
  }
  out += "\n";
  if (e.bgp)
    out += std::string(22, ' ') + "AS path: " + e.bgp->path->attrs.as_path_string() +
           ", validation-state: unverified\n";
  if (e.next_hops.empty()) return out + std::string(23, ' ') + "Discard\n";
  // `>` marks a route's selected next hop. For the active route that is the
  // one it forwards on: mhsim marks the first next hop the FIB holds, and only
  // one even when a load-balance policy put several into the forwarding table,
  // as Junos does (the lab's C-SW-1: one `>` over a two-entry unilist).
  // Inactive routes keep a selected next hop of their own (the first).
  const std::vector<rib::NextHop> fib = e.active ? installed(n, p) : e.next_hops;
  bool marked = false;
  for (const rib::NextHop& nh : e.next_hops) {
    const bool selected = !marked && std::find(fib.begin(), fib.end(), nh) != fib.end();
    marked = marked || selected;
    const std::string ifc = interface_name(n, nh.interface, ShowStyle::kJunos);
    out += std::string(20, ' ') + (selected ? ">" : " ") + "  ";
    out += nh.via.value == 0 ? "via " + ifc : "to " + nh.via.to_string() + " via " + ifc;
    out += "\n";
  }
  return out;
}

}  // namespace

std::string junos_route(const ShowNode& n, const std::optional<Target>& t) {
  const rib::Rib& rib = n.router.rib();
  const std::vector<net::Prefix> prefixes =
      t ? select_within_or_longest(rib, *t) : all_prefixes(rib);
  if (t && prefixes.empty()) return "";  // Junos prints nothing when nothing matches
  std::string out = "\n" + table_line(n);
  out += "@ = Routing Use Only, # = Forwarding Use Only\n";
  out += "+ = Active Route, - = Last Active, * = Both\n\n";
  for (const net::Prefix& p : prefixes) {
    const std::vector<Entry> list = entries(n, p, true);
    for (size_t i = 0; i < list.size(); ++i) out += route_entry(n, p, list[i], i == 0);
  }
  return out + "\n";
}

std::string junos_received(const ShowNode& n, size_t neighbor) {
  std::string out = "\n" + table_line(n);
  out += "  Prefix                  Nexthop              MED     Lclpref    AS path\n";
  for (const auto& [prefix, path] : n.bgp->speaker().adj_rib_in(neighbor)) {
    const bgp::PathAttributes& a = path.attrs;
    const std::string med = a.med ? std::to_string(*a.med) : "";
    // LOCAL_PREF travels on iBGP only (RFC 4271 §5.1.5); Junos leaves it blank for eBGP.
    const std::string lp =
        path.kind == bgp::PeerKind::kIbgp && a.local_pref ? std::to_string(*a.local_pref) : "";
    out += format("%c %-24s%-21s%-8s%-11s%s\n", path_active(n, neighbor, prefix) ? '*' : ' ',
                  prefix.to_string().c_str(), a.next_hop.to_string().c_str(), med.c_str(),
                  lp.c_str(), a.as_path_string().c_str());
  }
  return out + "\n";
}

std::string junos_bgp_summary(const ShowNode& n) {
  if (n.bgp == nullptr) return "error: the bgp subsystem is not running\n";
  const node::BgpProcess& b = *n.bgp;
  std::set<std::string> groups;
  size_t down = 0, paths = 0, active = 0;
  for (size_t i = 0; i < b.neighbor_count(); ++i) {
    groups.insert(b.neighbor(i).name);
    if (b.session(i).state() != bgp::State::kEstablished) ++down;
    paths += b.speaker().adj_rib_in(i).size();
    active += active_from(n, i);
  }
  std::string out = "Threading mode: BGP I/O\n";
  out += "Default eBGP mode: advertise - accept, receive - accept\n";
  out +=
      format("Groups: %zu Peers: %zu Down peers: %zu\n", groups.size(), b.neighbor_count(), down);
  out += "Table          Tot Paths  Act Paths Suppressed    History Damp State    Pending\n";
  out += "inet.0               \n";
  out += format("%24zu%11zu%11d%11d%11d%11d\n", paths, active, 0, 0, 0, 0);
  out +=
      "Peer                     AS      InPkt     OutPkt    OutQ   Flaps Last Up/Dwn "
      "State|#Active/Received/Accepted/Damped...\n";
  for (size_t i = 0; i < b.neighbor_count(); ++i) {
    const bgp::Session& s = b.session(i);
    const bool up = s.state() == bgp::State::kEstablished;
    const sim::Time since = up ? s.established_at() : s.last_state_change();
    out += format("%-16s%11u%11llu%11llu%8d%8u%12s %s\n", b.neighbor(i).address.to_string().c_str(),
                  b.neighbor(i).remote_as, static_cast<unsigned long long>(s.messages_in()),
                  static_cast<unsigned long long>(s.messages_out()), 0, s.flap_count(),
                  up_down(n.now - since).c_str(), std::string(summary_state(s.state())).c_str());
    if (up)
      out += format("  inet.0: %zu/%zu/%zu/0\n", active_from(n, i), b.speaker().received_count(i),
                    b.speaker().adj_rib_in(i).size());
  }
  return out + "\n";
}

std::string junos_bgp_neighbor(const ShowNode& n) {
  if (n.bgp == nullptr) return "error: the bgp subsystem is not running\n";
  const node::BgpProcess& b = *n.bgp;
  const auto names = [](const std::vector<const policy::Policy*>& chain) {
    std::string s;
    for (const policy::Policy* p : chain) s += p->name + " ";
    return s;
  };
  std::string out;
  for (size_t i = 0; i < b.neighbor_count(); ++i) {
    const node::BgpNeighborConfig& nb = b.neighbor(i);
    const bgp::Session& s = b.session(i);
    const bool up = s.state() == bgp::State::kEstablished;
    out += format("Peer: %s AS %u Local: %s AS %u\n", nb.address.to_string().c_str(), nb.remote_as,
                  s.config().local_address.to_string().c_str(), nb.local_as);
    out += format("  Group: %-22s Routing-Instance: master\n", nb.name.c_str());
    out += format("  Type: %s    State: %s    Flags: <%s>\n", s.ebgp() ? "External" : "Internal",
                  std::string(bgp::to_string(s.state())).c_str(), up ? "Sync" : "");
    out +=
        "  Last Error: " + (s.last_error().empty() ? std::string("None") : s.last_error()) + "\n";
    if (!nb.export_policies.empty() || !nb.import_policies.empty())
      out += "  Export: [ " + names(nb.export_policies) + "] Import: [ " +
             names(nb.import_policies) + "]\n";
    out += std::string("  Options: <") + (nb.passive ? "Passive " : "") + "PeerAS" +
           (nb.local_as != b.config().local_as ? " LocalAS" : "") + " Refresh>\n";
    out += format("  Holdtime: %lld Preference: %u\n",
                  static_cast<long long>(whole_seconds(nb.timers.hold_time)),
                  rib::default_preference(n.router.vendor(), rib::Protocol::kBgp));
    out += format("  Number of flaps: %u\n", s.flap_count());
    if (up) {
      out += format("  Peer ID: %-15s Local ID: %-15s Active Holdtime: %u\n",
                    s.peer_router_id().to_string().c_str(),
                    b.config().router_id.to_string().c_str(), s.negotiated_hold_s());
      out += format("  Keepalive Interval: %lld\n",
                    static_cast<long long>(whole_seconds(s.keepalive_interval())));
      out += "  Table inet.0\n";
      out += format("    Active prefixes:              %zu\n", active_from(n, i));
      out += format("    Received prefixes:            %zu\n", b.speaker().received_count(i));
      out += format("    Accepted prefixes:            %zu\n", b.speaker().adj_rib_in(i).size());
      out += format("    Suppressed due to damping:    0\n");
      out += format("    Advertised prefixes:          %zu\n", b.speaker().adj_rib_out(i).size());
      out += format("  Last traffic (seconds): Received %lld\n",
                    static_cast<long long>(whole_seconds(n.now - s.last_received_at())));
    }
    out +=
        format("  Input messages:  Total %llu\n", static_cast<unsigned long long>(s.messages_in()));
    out += format("  Output messages: Total %llu     Updates %llu\n",
                  static_cast<unsigned long long>(s.messages_out()),
                  static_cast<unsigned long long>(b.speaker().updates_sent(i)));
    out += "\n";
  }
  return out;
}

namespace {

// Junos numbers next hops (Index) and counts their users (NhRef) in the PFE.
// mhsim has no PFE: a unicast next hop gets 580 + its rank among the FIB's
// distinct next hops, a unilist 1048574 + its FIB group id, the one discard
// next hop 34, and NhRef counts the prefixes (and, for a unicast hop, the
// unilists) that use it.
struct Numbering {
  std::map<rib::NextHop, std::pair<uint32_t, uint32_t>> unicast;  // index, refs
  std::map<rib::Fib::GroupId, uint32_t> unilist_refs;
  uint32_t discard_refs = 0;
};

Numbering number(const rib::Fib& fib) {
  Numbering num;
  std::set<rib::NextHop> hops;
  std::set<rib::Fib::GroupId> unilists;
  for (const auto& [prefix, g] : fib.entries()) {
    const auto nhs = fib.next_hops(g);
    hops.insert(nhs.begin(), nhs.end());
    if (nhs.empty()) ++num.discard_refs;
    if (nhs.size() > 1) {
      ++num.unilist_refs[g];
      unilists.insert(g);
    }
  }
  uint32_t index = 580;
  for (const rib::NextHop& nh : hops) num.unicast[nh] = {index++, 0};
  for (const auto& [prefix, g] : fib.entries())
    if (fib.next_hops(g).size() == 1) ++num.unicast[fib.next_hops(g).front()].second;
  for (rib::Fib::GroupId g : unilists)
    for (const rib::NextHop& nh : fib.next_hops(g)) ++num.unicast[nh].second;
  return num;
}

std::string hop_row(const ShowNode& n, const net::Prefix& p, const rib::NextHop& nh,
                    const Numbering& num, const std::string& lead) {
  const auto [index, refs] = num.unicast.at(nh);
  std::string addr, type = "ucst";
  if (nh.via.value != 0) {
    addr = nh.via.to_string();
  } else if (p.len == 32) {
    addr = p.addr.to_string();  // the node's own address (a loopback)
    type = "locl";
  } else {
    type = "rslv";  // a connected subnet: resolved per destination (ARP)
  }
  return lead + format("%-18s %-4s %8u %5u %s\n", addr.c_str(), type.c_str(), index, refs,
                       interface_name(n, nh.interface, ShowStyle::kJunos).c_str());
}

}  // namespace

std::string junos_forwarding(const ShowNode& n, const std::optional<Target>& t) {
  const rib::Fib& fib = n.router.fib();
  std::vector<std::pair<net::Prefix, rib::Fib::GroupId>> rows = fib.entries();
  if (t) {
    // `destination`: the entry forwarding that destination (the longest one holding it).
    std::optional<std::pair<net::Prefix, rib::Fib::GroupId>> best;
    for (const auto& row : rows)
      if (row.first.contains(t->prefix) && (!best || row.first.len > best->first.len)) best = row;
    rows.clear();
    if (best) rows.push_back(*best);
  }
  const Numbering num = number(fib);
  std::string out = "Routing table: default.inet\nInternet:\n";
  out += "Destination        Type RtRef Next hop           Type Index    NhRef Netif\n";
  for (const auto& [p, g] : rows) {
    const auto hops = fib.next_hops(g);
    const std::string dest = p.len == 0 ? "default" : p.to_string();
    const bool connected =
        !hops.empty() && std::all_of(hops.begin(), hops.end(),
                                     [](const rib::NextHop& h) { return h.via.value == 0; });
    const std::string lead =
        format("%-18s %-4s %5d ", dest.c_str(), connected ? "intf" : "user", 0);
    if (hops.empty()) {
      out += lead + format("%-18s %-4s %8u %5u\n", "", "dscd", 34u, num.discard_refs);
    } else if (hops.size() == 1) {
      out += hop_row(n, p, hops.front(), num, lead);
    } else {
      out +=
          lead + format("%-18s %-4s %8u %5u\n", "", "ulst", 1048574u + g, num.unilist_refs.at(g));
      for (const rib::NextHop& nh : hops) out += hop_row(n, p, nh, num, std::string(30, ' '));
    }
  }
  return out + "\n";
}

}  // namespace run::show
