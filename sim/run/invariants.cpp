#include "sim/run/invariants.hpp"

#include <algorithm>

#include "models/ospf/lsa.hpp"
#include "models/ospf/neighbor.hpp"
#include "sim/run/world.hpp"

namespace run {
namespace {

bool is_ospf(rib::Protocol p) {
  return p == rib::Protocol::kOspfInternal || p == rib::Protocol::kOspfExternal1 ||
         p == rib::Protocol::kOspfExternal2;
}

std::string addresses_of(const net::Interface& ifc) {
  std::string s;
  for (const net::InterfaceAddress& a : ifc.addresses) s += (s.empty() ? "" : ", ") + a.to_string();
  return s.empty() ? "no addresses" : s;
}

// Whether a next hop's interface has an address that makes it usable: the
// gateway on a connected subnet (not our own address there), the way
// Router::attachment finds one; for a directly connected route, the prefix
// inside one of the interface's subnets (a loopback's /32 included).
bool on_connected_subnet(const net::Interface& ifc, const net::Prefix& prefix,
                         const rib::NextHop& nh) {
  for (const net::InterfaceAddress& a : ifc.addresses) {
    if (nh.via.value == 0) {
      if (a.subnet().contains(prefix)) return true;
    } else if (a.len < 32 && a.subnet().contains(nh.via) && a.addr != nh.via) {
      return true;
    }
  }
  return false;
}

// A path from this neighbour for `prefix` may be in the tables: its session
// is Established, or (graceful restart, RFC 4724 §4.2) the helper keeps the
// restarting peer's route as stale until its Restart Time expires or
// End-of-RIB arrives.
bool usable(const BgpNeighborView& n, const net::Prefix& prefix) {
  return n.state == bgp::State::kEstablished || (n.stale && n.stale(prefix));
}

std::string neighbor_text(const BgpNeighborView& n) {
  std::string s = "neighbour ";
  if (!n.name.empty() && n.name != n.address.to_string()) s += n.name + " ";
  return s + n.address.to_string() + " (" + std::string(bgp::to_string(n.state)) + ")";
}

}  // namespace

void check_fib(const FibCheckInput& in, std::vector<std::string>& out) {
  const net::Network& network = in.network;
  const std::string& node = network.node(in.node).name;
  // Messages are built only for what is wrong: this runs every simulated
  // second over every FIB in debug builds.
  const auto route = [&](const net::Prefix& prefix, const rib::NextHop& nh) {
    std::string r = node + ": FIB route " + prefix.to_string();
    if (nh.via.value != 0) r += " via " + nh.via.to_string();
    return r;
  };
  for (const auto& [prefix, group] : in.fib.entries()) {
    for (const rib::NextHop& nh : in.fib.next_hops(group)) {  // none: a discard route
      if (nh.interface >= network.interface_count() ||
          network.interface(nh.interface).node != in.node) {
        out.push_back(route(prefix, nh) + " uses interface #" + std::to_string(nh.interface) +
                      ", which is not one of " + node + "'s");
        continue;
      }
      const net::Interface& ifc = network.interface(nh.interface);
      const bool on_subnet = on_connected_subnet(ifc, prefix, nh);
      if (on_subnet && ifc.oper_up()) continue;
      // A node still reacting to a change may forward on a next hop that is
      // no longer right for a while; real routers do too.
      const rib::Route* active = in.rib.active(prefix);
      if (in.fib_updates_pending || (in.spf_pending && active && is_ospf(active->protocol)))
        continue;
      if (!on_subnet)
        out.push_back(route(prefix, nh) + " on " + ifc.name + ": " +
                      (nh.via.value != 0 ? "the gateway" : "the prefix") + " is on no subnet of " +
                      ifc.name + " (" + addresses_of(ifc) + ")");
      else
        out.push_back(route(prefix, nh) + " on " + ifc.name + ": " + ifc.name +
                      " is down, and no FIB update or SPF run is pending to remove it");
    }
  }
}

void check_bgp(std::string_view node, const std::vector<BgpNeighborView>& neighbors,
               const std::map<net::Prefix, std::vector<bgp::Path>>& loc_rib, const rib::Rib& rib,
               std::vector<std::string>& out, bool decision_pending) {
  const std::string who(node);
  for (const BgpNeighborView& n : neighbors) {
    if (!n.adj_rib_in) continue;
    size_t held = 0;
    for (const auto& [prefix, path] : *n.adj_rib_in) held += usable(n, prefix) ? 0 : 1;
    if (held > 0)
      out.push_back(who + ": the Adj-RIB-In of " + neighbor_text(n) + " holds " +
                    std::to_string(held) + " routes, but the session is not Established" +
                    (n.stale ? " and they are not stale" : ""));
  }
  if (decision_pending) return;
  for (const auto& [prefix, paths] : loc_rib) {
    for (const bgp::Path& p : paths) {
      if (p.neighbor < 0) continue;  // originated here
      const size_t i = static_cast<size_t>(p.neighbor);
      if (i >= neighbors.size()) {
        out.push_back(who + ": Loc-RIB path for " + prefix.to_string() + " names neighbour #" +
                      std::to_string(i) + ", and there are only " +
                      std::to_string(neighbors.size()));
      } else if (!usable(neighbors[i], prefix)) {
        out.push_back(who + ": Loc-RIB path for " + prefix.to_string() + " comes from " +
                      neighbor_text(neighbors[i]) + ", which is not Established");
      }
    }
  }
  // The RIB's BGP routes are the Loc-RIB's best paths through Router's
  // resolution: each next hop must be the NEXT_HOP of one of them.
  rib.for_each_active([&](const rib::Route& active) {
    for (const rib::Route& r : rib.candidates(active.prefix)) {
      if (r.protocol != rib::Protocol::kBgp) continue;
      const auto it = loc_rib.find(r.prefix);
      for (const rib::NextHop& nh : r.next_hops) {
        const bool given =
            it != loc_rib.end() &&
            std::any_of(it->second.begin(), it->second.end(), [&](const bgp::Path& p) {
              return p.neighbor >= 0 && static_cast<size_t>(p.neighbor) < neighbors.size() &&
                     usable(neighbors[static_cast<size_t>(p.neighbor)], r.prefix) &&
                     p.attrs.next_hop == nh.via;
            });
        if (given) continue;
        std::string line = who + ": RIB holds BGP route " + r.prefix.to_string() + " via " +
                           nh.via.to_string() + ", which no Established session gives";
        for (const BgpNeighborView& n : neighbors)
          if (n.address == nh.via && !usable(n, r.prefix)) line += " (" + neighbor_text(n) + ")";
        out.push_back(line);
      }
    }
  });
}

void check_no_bgp(std::string_view node, const rib::Rib& rib, std::vector<std::string>& out) {
  check_bgp(node, {}, {}, rib, out);
}

void check_lsdb(std::string_view node, const ospf::Lsdb& lsdb, sim::Time now,
                const std::function<bool(const ospf::LsaKey&)>& being_flushed,
                std::vector<std::string>& out) {
  for (const auto& [key, e] : lsdb.entries()) {
    if (!e.max_age(now) || being_flushed(key)) continue;
    // It reached MaxAge at this very instant: its aging timer, due now, may
    // not have run yet when a run stops between two events of one instant.
    const sim::Time reached = e.time_at_age(ospf::kMaxAge);
    if (e.age_at_install < ospf::kMaxAge && reached == now) continue;
    out.push_back(std::string(node) + ": LSDB holds " + ospf::describe(key, e.lsa->seq) +
                  " at MaxAge (" + std::to_string(ospf::kMaxAge) + " s, since " +
                  sim::format_seconds(reached) +
                  " s), but it is on no retransmission list and no database exchange is "
                  "running: it should have been removed (RFC 2328 §14)");
  }
}

std::vector<std::string> check_invariants(const World& world) {
  std::vector<std::string> out;
  const net::Network& network = world.network();
  const sim::Time now = world.simulator().now();
  for (const net::Node& node : network.nodes()) {
    const node::Router& router = world.router(node.id);
    const ospf::OspfProcess* ospf = world.ospf(node.id);
    check_fib(
        FibCheckInput{network, node.id, router.fib(), router.rib(), router.fib_sync().pending() > 0,
                      ospf && ospf->spf_due() != sim::Time::max()},
        out);

    if (const node::BgpProcess* bgp = world.bgp(node.id)) {
      std::vector<BgpNeighborView> neighbors;
      for (size_t i = 0; i < bgp->neighbor_count(); ++i)
        neighbors.push_back(BgpNeighborView{
            bgp->neighbor(i).name, bgp->neighbor(i).address, bgp->session(i).state(),
            &bgp->speaker().adj_rib_in(i),
            [bgp, i](const net::Prefix& p) { return bgp->speaker().is_stale(i, p); }});
      check_bgp(node.name, neighbors, bgp->speaker().loc_rib(), router.rib(), out,
                bgp->speaker().decision_pending());
    } else {
      check_no_bgp(node.name, router.rib(), out);
    }

    if (ospf) {
      // §14: a MaxAge LSA leaves the database once it is on no neighbour's
      // retransmission list and no neighbour is in Exchange or Loading.
      const auto being_flushed = [ospf](const ospf::LsaKey& key) {
        for (const auto& ifc : ospf->interfaces())
          for (const auto& n : ifc->neighbors())
            if (n->on_retransmission_list(key) || n->state() == ospf::NeighborState::kExchange ||
                n->state() == ospf::NeighborState::kLoading)
              return true;
        return false;
      };
      check_lsdb(node.name, ospf->lsdb(), now, being_flushed, out);
    }
  }
  if (out.size() > kMaxViolations) {
    const size_t more = out.size() - kMaxViolations;
    out.resize(kMaxViolations);
    out.push_back("... and " + std::to_string(more) + " more");
  }
  return out;
}

}  // namespace run
