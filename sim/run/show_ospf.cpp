// OSPF views: neighbours, the link-state database and the OSPF routing
// table, in Junos, BIRD and FRR style, read from the node's ospf::OspfProcess.
//
//   view            junos                 bird                      frr
//   ospf-neighbors  show ospf neighbor    show ospf neighbors       show ip ospf neighbor
//   ospf-database   show ospf database    show ospf lsadb           show ip ospf database
//   ospf-route      show ospf route       show route protocol ospf1 show ip ospf route
//
// Layouts follow Junos 23's captures, BIRD 2's proto/ospf/ospf.c
// (`%-12R\t%3u\t%s/%s\t%7t\t%-10s %I`, ` %04x  %-15R %-15R  %08x %5u    %04x`)
// and FRR 8's ospf_vty.c. What the model does not have is left out: the
// router routing table (SPF's router entries are not kept), connected
// networks (they are never OSPF routes here), DR/BDR (point-to-point only:
// Junos shows priority 128, BIRD and FRR 1). Checksums are the model's
// 16-bit content hash (models/ospf/lsa.hpp), not Fletcher's.
#include <algorithm>

#include "sim/run/show_styles.hpp"

namespace run::show {
namespace {

using ospf::NeighborState;

const ospf::Lsa& lsa_of(const ShowNode& n, const ospf::LsaKey& key) {
  return *n.ospf->lsdb().find(key)->lsa;
}

double seconds_until(const ShowNode& n, sim::Time t) {
  return std::max<double>(0.0, static_cast<double>((t - n.now).ns()) / 1e9);
}

// --- Junos --------------------------------------------------------------------------

std::string_view junos_state(NeighborState s) {
  return s == NeighborState::kTwoWay ? "2Way" : ospf::to_string(s);
}

std::string junos_neighbors(const ShowNode& n) {
  std::string out =
      "Address          Interface              State           ID               Pri  Dead\n";
  for (const ospf::NeighborInfo& nb : n.ospf->neighbors())
    out += format("%-16s %-22s %-15s %-16s %3d %5lld\n", nb.address.to_string().c_str(),
                  interface_name(n, nb.interface, ShowStyle::kJunos).c_str(),
                  std::string(junos_state(nb.state)).c_str(), nb.router_id.to_string().c_str(), 128,
                  static_cast<long long>(seconds_until(n, nb.dead_deadline)));
  return out;
}

std::string junos_database(const ShowNode& n) {
  const std::string columns =
      " Type       ID               Adv Rtr           Seq      Age  Opt  Cksum  Len \n";
  std::string area = "\n    OSPF database, Area 0.0.0.0\n" + columns;
  std::string external = "    OSPF AS SCOPE link state database\n" + columns;
  bool any_external = false;
  for (const ospf::DatabaseEntry& e : n.ospf->database()) {
    const bool router = e.key.type == ospf::LsaType::kRouter;
    const std::string row = format(
        "%-7s%c%-16s %-16s 0x%08x %5u  0x%-2x 0x%04x %3u\n", router ? "Router" : "Extern",
        e.self ? '*' : ' ', e.key.id.to_string().c_str(), e.key.adv_router.to_string().c_str(),
        static_cast<uint32_t>(e.seq), e.age, ospf::kOptionE, e.checksum, e.length);
    (router ? area : external) += row;
    any_external = any_external || !router;
  }
  return any_external ? area + external : area;
}

const char* junos_path_type(ospf::PathType t) {
  switch (t) {
    case ospf::PathType::kIntraArea:
      return "Intra";
    case ospf::PathType::kExternal1:
      return "Ext1";
    case ospf::PathType::kExternal2:
      return "Ext2";
  }
  return "?";
}

std::string junos_ospf_route(const ShowNode& n) {
  std::string out = "Topology default Route Table:\n\n";
  out += "Prefix             Path  Route      NH       Metric NextHop       Nexthop      \n";
  out += "                   Type  Type       Type            Interface     Address/LSP\n";
  for (const ospf::OspfRoute& r : n.ospf->routes()) {
    std::string head = format("%-18s %-5s %-10s %-8s %6u ", r.prefix.to_string().c_str(),
                              junos_path_type(r.type), "Network", "IP", r.rib_metric());
    if (r.next_hops.empty()) out += head + "\n";
    for (const ospf::NextHop& nh : r.next_hops) {
      out += head + format("%-13s %s\n", interface_name(n, nh.interface, ShowStyle::kJunos).c_str(),
                           nh.via.to_string().c_str());
      head = std::string(52, ' ');
    }
  }
  return out;
}

// --- BIRD ---------------------------------------------------------------------------

// BIRD's ospf_ns[], right-aligned to eight columns.
const char* bird_state(NeighborState s) {
  switch (s) {
    case NeighborState::kDown:
      return "    down";
    case NeighborState::kAttempt:
      return " attempt";
    case NeighborState::kInit:
      return "    init";
    case NeighborState::kTwoWay:
      return "   2-way";
    case NeighborState::kExStart:
      return " exstart";
    case NeighborState::kExchange:
      return "exchange";
    case NeighborState::kLoading:
      return " loading";
    case NeighborState::kFull:
      return "    full";
  }
  return "       ?";
}

std::string bird_neighbors(const ShowNode& n) {
  std::string out = "ospf1:\n";
  out += format("%-12s\t%3s\t%-15s\t%-5s\t%-10s %-10s\n", "Router ID", "Pri", "     State", "DTime",
                "Interface", "Router IP");
  for (const ospf::NeighborInfo& nb : n.ospf->neighbors())
    out += format("%-12s\t%3u\t%s/%s\t%7.3f\t%-10s %s\n", nb.router_id.to_string().c_str(), 1u,
                  bird_state(nb.state), "PtP  ", seconds_until(n, nb.dead_deadline),
                  interface_name(n, nb.interface, ShowStyle::kBird).c_str(),
                  nb.address.to_string().c_str());
  return out;
}

// BIRD sorts the AS-scope LSAs ("Global") before the area's.
std::string bird_lsadb(const ShowNode& n) {
  const std::string columns = " Type   LS ID           Router          Sequence   Age  Checksum\n";
  std::string global, area;
  for (const ospf::DatabaseEntry& e : n.ospf->database()) {
    const bool router = e.key.type == ospf::LsaType::kRouter;
    (router ? area : global) +=
        format(" %04x  %-15s %-15s  %08x %5u    %04x\n", static_cast<unsigned>(e.key.type),
               e.key.id.to_string().c_str(), e.key.adv_router.to_string().c_str(),
               static_cast<uint32_t>(e.seq), e.age, e.checksum);
  }
  std::string out;
  if (!global.empty()) out += "\nGlobal\n\n" + columns + global;
  if (!area.empty()) out += "\nArea 0.0.0.0\n\n" + columns + area;
  return out;
}

// `show route protocol ospf1`: BIRD's ospf_get_route_info() adds the path
// type, (preference/metric1[/metric2]) and the advertising router.
std::string bird_ospf_route(const ShowNode& n) {
  const rib::Rib& rib = n.router.rib();
  std::string out = "Table master4:\n";
  for (const ospf::OspfRoute& r : n.ospf->routes()) {
    const rib::Route* in_rib = nullptr;
    for (const rib::Route& c : rib.candidates(r.prefix))
      if (policy::ProtocolSet::ospf().contains(c.protocol)) in_rib = &c;
    if (in_rib == nullptr) continue;
    const bool active = rib.active(r.prefix) == in_rib;
    const long long ms = std::max<int64_t>(in_rib->since.ps(), 0) / 1'000'000'000;
    const std::string since = format("%02lld:%02lld:%02lld.%03lld", ms / 3'600'000,
                                     ms / 60'000 % 60, ms / 1000 % 60, ms % 1000);
    const uint32_t pref = rib.vendor_preference(*in_rib);
    std::string info;
    switch (r.type) {
      case ospf::PathType::kIntraArea:
        info = format(" I (%u/%u)", pref, r.cost);
        break;
      case ospf::PathType::kExternal1:
        info = format(" E1 (%u/%u)", pref, r.cost);
        break;
      case ospf::PathType::kExternal2:
        info = format(" E2 (%u/%u/%u)", pref, r.cost, r.type2_cost);
        break;
    }
    if (r.type != ospf::PathType::kIntraArea && r.tag != 0) info += format(" [%x]", r.tag);
    if (!r.advertising_routers.empty())
      info += " [" + r.advertising_routers.front().to_string() + "]";
    out += format("%-20s unicast [ospf1 %s]%s%s\n", r.prefix.to_string().c_str(), since.c_str(),
                  active ? " *" : "", info.c_str());
    const std::string weight = r.next_hops.size() > 1 ? " weight 1" : "";
    for (const ospf::NextHop& nh : r.next_hops)
      out += "\tvia " + nh.via.to_string() + " on " +
             interface_name(n, nh.interface, ShowStyle::kBird) + weight + "\n";
  }
  return out;
}

// --- FRR ----------------------------------------------------------------------------

// ospf_timeval_dump(): "5m12s", "1h02m03s", "2d03h04m"; under a minute "12.345s".
std::string frr_uptime(sim::Duration d) {
  const long long ms = std::max<int64_t>(d.ps(), 0) / 1'000'000'000;
  const long long s = ms / 1000, m = s / 60, h = m / 60, days = h / 24;
  if (days > 0) return format("%lldd%02lldh%02lldm", days, h % 24, m % 60);
  if (h > 0) return format("%lldh%02lldm%02llds", h, m % 60, s % 60);
  if (m > 0) return format("%lldm%02llds", m, s % 60);
  return format("%lld.%03llds", s, ms % 1000);
}

std::string frr_neighbors(const ShowNode& n) {
  std::string out =
      "\nNeighbor ID     Pri State           Up Time         Dead Time Address         Interface "
      "                       RXmtL RqstL DBsmL\n";
  for (const ospf::NeighborInfo& nb : n.ospf->neighbors()) {
    // ospf_nbr_ism_state_message(): a point-to-point neighbour is neither DR nor BDR.
    const std::string state = std::string(ospf::to_string(nb.state)) + "/DROther";
    const std::string dead = format("%.3fs", seconds_until(n, nb.dead_deadline));
    const ospf::Interface* ifc = n.ospf->find_interface(nb.interface);
    const std::string if_name = interface_name(n, nb.interface, ShowStyle::kFrr) + ":" +
                                (ifc ? ifc->address().addr.to_string() : std::string("0.0.0.0"));
    out += format("%-15s %3d %-15s %-15s %9s %-15s %-32s %5d %5d %5d\n",
                  nb.router_id.to_string().c_str(), 1, state.c_str(),
                  frr_uptime(n.now - nb.since).c_str(), dead.c_str(),
                  nb.address.to_string().c_str(), if_name.c_str(), 0, 0, 0);
  }
  return out + "\n";
}

std::string frr_database(const ShowNode& n) {
  std::string routers, externals;
  for (const ospf::DatabaseEntry& e : n.ospf->database()) {
    const ospf::Lsa& lsa = lsa_of(n, e.key);
    const std::string head = format("%-15s %-15s %4u 0x%08x 0x%04x", e.key.id.to_string().c_str(),
                                    e.key.adv_router.to_string().c_str(), e.age,
                                    static_cast<uint32_t>(e.seq), e.checksum);
    if (e.key.type == ospf::LsaType::kRouter) {
      routers += head + format(" %zu\n", lsa.links.size());
    } else {
      externals += head + format(" %s %s [0x%x]\n", lsa.type2 ? "E2" : "E1",
                                 lsa.external_prefix().to_string().c_str(), lsa.route_tag);
    }
  }
  std::string out = "\n       OSPF Router with ID (" + n.ospf->router_id().to_string() + ")\n\n";
  if (!routers.empty())
    out +=
        "                Router Link States (Area 0.0.0.0)\n\n"
        "Link ID         ADV Router      Age  Seq#       CkSum  Link count\n" +
        routers + "\n";
  if (!externals.empty())
    out +=
        "                AS External Link States\n\n"
        "Link ID         ADV Router      Age  Seq#       CkSum  Route\n" +
        externals + "\n";
  return out;
}

std::string frr_ospf_route(const ShowNode& n) {
  std::string networks = "============ OSPF network routing table ============\n";
  std::string externals = "============ OSPF external routing table ===========\n";
  const auto hops = [&](const ospf::OspfRoute& r) {
    std::string s;
    for (const ospf::NextHop& nh : r.next_hops)
      s += format("%24s   via %s, %s\n", "", nh.via.to_string().c_str(),
                  interface_name(n, nh.interface, ShowStyle::kFrr).c_str());
    return s;
  };
  for (const ospf::OspfRoute& r : n.ospf->routes()) {
    if (r.type == ospf::PathType::kIntraArea) {
      networks +=
          format("N    %-18s    [%u] area: 0.0.0.0\n", r.prefix.to_string().c_str(), r.cost) +
          hops(r);
    } else {
      // E2: cost to the ASBR / the external metric; E1: the total.
      const std::string cost = r.type == ospf::PathType::kExternal2
                                   ? format("%u/%u", r.cost, r.type2_cost)
                                   : format("%u", r.cost);
      externals += format("N %-2s %-18s    [%s] tag: %u\n",
                          r.type == ospf::PathType::kExternal2 ? "E2" : "E1",
                          r.prefix.to_string().c_str(), cost.c_str(), r.tag) +
                   hops(r);
    }
  }
  return networks + "\n" + externals + "\n";
}

}  // namespace

bool is_ospf_view(ShowView v) {
  return v == ShowView::kOspfNeighbors || v == ShowView::kOspfDatabase || v == ShowView::kOspfRoute;
}

std::string ospf_view(const ShowNode& n, ShowView view, ShowStyle style) {
  if (n.ospf == nullptr) {
    switch (style) {
      case ShowStyle::kJunos:
        return "OSPF instance is not running\n";
      case ShowStyle::kBird:
        return "There is no OSPF protocol running\n";
      case ShowStyle::kFrr:
        return "% OSPF instance not found\n";
    }
  }
  switch (style) {
    case ShowStyle::kJunos:
      return view == ShowView::kOspfNeighbors  ? junos_neighbors(n)
             : view == ShowView::kOspfDatabase ? junos_database(n)
                                               : junos_ospf_route(n);
    case ShowStyle::kBird:
      return view == ShowView::kOspfNeighbors  ? bird_neighbors(n)
             : view == ShowView::kOspfDatabase ? bird_lsadb(n)
                                               : bird_ospf_route(n);
    case ShowStyle::kFrr:
      return view == ShowView::kOspfNeighbors  ? frr_neighbors(n)
             : view == ShowView::kOspfDatabase ? frr_database(n)
                                               : frr_ospf_route(n);
  }
  return "";
}

std::string ospf_command(const ShowNode& n, ShowView view, ShowStyle style) {
  const std::string& node = n.router.node().name;
  const char* what = view == ShowView::kOspfNeighbors  ? "neighbor"
                     : view == ShowView::kOspfDatabase ? "database"
                                                       : "route";
  switch (style) {
    case ShowStyle::kJunos:
      return "root@" + node + "> show ospf " + what;
    case ShowStyle::kBird:
      return view == ShowView::kOspfNeighbors  ? "bird> show ospf neighbors"
             : view == ShowView::kOspfDatabase ? "bird> show ospf lsadb"
                                               : "bird> show route protocol ospf1";
    case ShowStyle::kFrr:
      return node + "# show ip ospf " + what;
  }
  return "";
}

}  // namespace run::show
