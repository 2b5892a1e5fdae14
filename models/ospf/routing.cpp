// OspfProcess: when the routing table is calculated (spf_throttle.hpp), the
// calculation's inputs from the live interfaces, and handing the result to
// the node's RIB (RFC 2328 §16).
#include <algorithm>

#include "models/ospf/process.hpp"
#include "models/rib/preference.hpp"

namespace ospf {

void OspfProcess::lsdb_changed(LsaType type) {
  // §16.6: a changed AS-external-LSA only needs its own route recalculated;
  // FRR does that at once, the others wait for the next throttled run.
  if (type == LsaType::kAsExternal && timers_.external_recalc == ExternalRecalc::kImmediate) {
    calculate(false);
    return;
  }
  schedule_spf();
}

void OspfProcess::schedule_spf() {
  if (!started_ || spf_timer_.running()) return;  // a pending run takes this change too
  const sim::Time at = throttle_.schedule(now());
  spf_timer_.start(at - now());
}

void OspfProcess::on_spf_timer() {
  calculate(true);
  throttle_.ran(now());
}

namespace {

// The new run's routes of one kind with the last run's of the other: the
// intra-area routes of `intra_from`, the external ones of `external_from`
// for prefixes no intra-area route covers.
std::vector<OspfRoute> merge_routes(const std::vector<OspfRoute>& intra_from,
                                    const std::vector<OspfRoute>& external_from) {
  std::vector<OspfRoute> routes;
  std::set<net::Prefix> intra;
  for (const OspfRoute& r : intra_from)
    if (r.type == PathType::kIntraArea) {
      routes.push_back(r);
      intra.insert(r.prefix);
    }
  for (const OspfRoute& r : external_from)
    if (r.type != PathType::kIntraArea && !intra.count(r.prefix)) routes.push_back(r);
  std::sort(routes.begin(), routes.end(),
            [](const OspfRoute& a, const OspfRoute& b) { return a.prefix < b.prefix; });
  return routes;
}

}  // namespace

void OspfProcess::calculate(bool full) {
  const SpfInput input{router_id(), &lsdb_, now(), root_links(), connected()};
  SpfResult result = calculate_routes(input);
  std::vector<OspfRoute> routes;
  const sim::Duration external_delay = timers_.external_after_spf;
  if (!full) {
    // External-only: intra-area routes stay as the last full run left them.
    if (external_delay > sim::Duration::zero()) {
      // FRR (ospf_ase_incremental_update) resolves ASBRs in the last full
      // run's router table: one reachable only since waits for that run's
      // external calculation.
      std::erase_if(result.routes, [&](const OspfRoute& r) {
        return r.type != PathType::kIntraArea &&
               std::none_of(r.advertising_routers.begin(), r.advertising_routers.end(),
                            [&](net::Ipv4 a) { return routers_at_last_spf_.count(a) != 0; });
      });
    }
    routes = merge_routes(routes_, result.routes);
  } else if (external_delay > sim::Duration::zero()) {
    // FRR: the external routes follow in a calculation of their own.
    routes = merge_routes(result.routes, routes_);
    if (!external_timer_.running()) external_timer_.start(external_delay);
  } else {
    routes = std::move(result.routes);
  }
  if (full) {
    routers_at_last_spf_.clear();
    for (const auto& [id, entry] : result.routers) routers_at_last_spf_.insert(id);
  }
  install_routes(routes);
  routes_ = std::move(routes);
  const SpfRun run{now(), full, routes_.size()};
  spf_runs_.push_back(run);
  ++(full ? counters_.spf_runs : counters_.external_recalcs);
  trace(std::string(full ? "spf run, " : "external route recalculation, ") +
        std::to_string(routes_.size()) + " routes");
  for (auto& f : spf_observers_) f(run);
}

namespace {
rib::Protocol rib_protocol(PathType t) {
  switch (t) {
    case PathType::kIntraArea: return rib::Protocol::kOspfInternal;
    case PathType::kExternal1: return rib::Protocol::kOspfExternal1;
    case PathType::kExternal2: return rib::Protocol::kOspfExternal2;
  }
  return rib::Protocol::kOspfInternal;
}
}  // namespace

// The whole table replaces the previous one: changed routes are updated,
// vanished ones withdrawn (the RIB ignores identical updates).
void OspfProcess::install_routes(const std::vector<OspfRoute>& routes) {
  rib::Rib& rib = router_.rib();
  const vendor::Vendor v = router_.vendor();
  std::map<net::Prefix, rib::Protocol> installed;
  for (const OspfRoute& r : routes) {
    rib::Route route;
    route.prefix = r.prefix;
    route.protocol = rib_protocol(r.type);
    route.metric = r.rib_metric();
    route.source = 0;  // the one OSPF instance
    const std::optional<uint32_t>& configured =
        r.type == PathType::kIntraArea ? config_.preference : config_.external_preference;
    route.preference = configured ? rib::to_internal(v, *configured)
                                  : rib::default_internal_preference(v, route.protocol);
    for (const NextHop& nh : r.next_hops)
      route.next_hops.push_back(rib::NextHop{nh.via, nh.interface});
    auto old = installed_.find(r.prefix);
    if (old != installed_.end() && old->second != route.protocol)
      rib.withdraw(r.prefix, old->second, 0);  // the path type changed
    installed[r.prefix] = route.protocol;
    rib.update(std::move(route));
  }
  for (const auto& [prefix, protocol] : installed_)
    if (!installed.count(prefix)) rib.withdraw(prefix, protocol, 0);
  installed_ = std::move(installed);
}

// §16.1.1: the root's point-to-point links that carry traffic now. The
// root's own Router-LSA may lag behind (MinLSInterval); a link whose
// interface went down or whose neighbour left Full is never a first hop.
std::vector<RootLink> OspfProcess::root_links() const {
  std::vector<RootLink> out;
  for (const auto& ifc : interfaces_) {
    if (!ifc->active()) continue;
    for (const auto& n : ifc->neighbors())
      if (n->state() == NeighborState::kFull)
        out.push_back(RootLink{ifc->address().addr, n->router_id(), ifc->id(), n->address()});
  }
  return out;
}

std::vector<net::Prefix> OspfProcess::connected() const {
  std::vector<net::Prefix> out;
  for (const auto& ifc : interfaces_) {
    if (ifc->state() == InterfaceState::kDown) continue;
    for (const net::InterfaceAddress& a : ifc->addresses())
      if ((a.addr.value >> 24) != 127) out.push_back(a.subnet());
  }
  return out;
}

}  // namespace ospf
