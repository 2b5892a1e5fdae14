#include "sim/run/world.hpp"

#include "models/bgp/defaults.hpp"
#include "models/rib/fib_options.hpp"

namespace run {
namespace {

// Highest loopback address, else the highest address (how BIRD, FRR and Junos
// pick a router id when none is configured).
net::Ipv4 default_router_id(const net::Network& network, const net::Node& node) {
  net::Ipv4 best_loopback, best_any;
  for (net::InterfaceId i : node.interfaces) {
    const net::Interface& ifc = network.interface(i);
    for (const net::InterfaceAddress& a : ifc.addresses) {
      if ((a.addr.value >> 24) == 127) continue;
      if (ifc.link == net::kNone) best_loopback = std::max(best_loopback, a.addr);
      best_any = std::max(best_any, a.addr);
    }
  }
  return best_loopback.value != 0 ? best_loopback : best_any;
}

rib::FibOptions fib_options(vendor::Vendor v, const RoutingSpec* spec) {
  rib::FibOptions o = rib::fib_defaults(v);
  if (!spec) return o;
  if (spec->fib.install_delay) o.install_delay = *spec->fib.install_delay;
  if (spec->fib.max_paths) o.max_paths = o.load_balance_max_paths = *spec->fib.max_paths;
  if (spec->fib.merge_paths) o.merge_paths = *spec->fib.merge_paths;
  return o;
}

bgp::BgpTimers neighbor_timers(vendor::Vendor v, const BgpNeighborSpec& nb) {
  bgp::BgpTimers t = bgp::default_timers(v);
  if (nb.hold_time) t.hold_time = *nb.hold_time;
  if (nb.keepalive_time) t.keepalive_time = *nb.keepalive_time;
  if (nb.connect_retry_time) t.connect_retry_time = t.connect_retry_max = *nb.connect_retry_time;
  if (nb.connect_delay) t.connect_delay = *nb.connect_delay;
  if (nb.mrai) t.mrai_ebgp = t.mrai_ibgp = *nb.mrai;
  if (nb.graceful_restart) t.graceful_restart.mode = *nb.graceful_restart;
  return t;
}

node::BgpConfig bgp_config(const net::Network& network, const net::Node& node,
                           const RoutingSpec& spec) {
  const vendor::Vendor v = node.vendor;
  node::BgpConfig c;
  c.local_as = spec.bgp->as;
  c.router_id = spec.router_id.value_or(default_router_id(network, node));
  c.decision = bgp::default_decision(v);
  c.pacing = bgp::default_pacing(v);
  c.bfd_reinstall_on_first_established = v == vendor::Vendor::kFrr;
  // BGP multipath: Junos `multipath`, FRR maximum-paths; on BIRD hosts the
  // kernel protocol's `merge paths` merges routes equal in BGP's own terms.
  const bool bird = v == vendor::Vendor::kBird || v == vendor::Vendor::kLinux;
  const bool multipath = bird ? spec.fib.merge_paths.value_or(false)
                              : spec.bgp->multipath.value_or(c.decision.max_paths > 1);
  if (multipath) {
    c.decision.max_paths = std::max<size_t>(c.decision.max_paths, 16);
    if (bird) c.decision.multipath_as = bgp::MultipathAsRule::kAny;
  } else {
    c.decision.max_paths = 1;
  }
  for (const BgpNeighborSpec& nb : spec.bgp->neighbors) {
    node::BgpNeighborConfig n;
    n.name = nb.name;
    n.address = nb.address;
    n.remote_as = nb.remote_as;
    n.local_as = nb.local_as.value_or(spec.bgp->as);
    n.passive = nb.passive;
    n.import_policies = nb.import_policies;
    n.export_policies = nb.export_policies;
    n.timers = neighbor_timers(v, nb);
    n.bfd = nb.bfd;
    c.neighbors.push_back(std::move(n));
  }
  return c;
}

}  // namespace

World::World(const Scenario& scenario, uint64_t seed) : World(scenario, seed, nullptr, {}) {}

World::World(const Scenario& scenario, uint64_t seed, std::ostream* trace,
             sim::TraceFilter filter)
    : scenario_(scenario), seed_(seed), network_(sim_, seed) {
  sim_.trace().attach(trace);
  sim_.trace().set_filter(std::move(filter));
  build_network(scenario_, network_);

  const size_t n = network_.nodes().size();
  routers_.resize(n);
  bgp_.resize(n);
  ospf_.resize(n);
  health_.resize(scenario_.services.size());
  for (const net::Node& node : network_.nodes()) {
    const RoutingSpec* spec = scenario_.routing.find(node.name);
    routers_[node.id] = std::make_unique<node::Router>(network_, node.id, fib_options(node.vendor, spec));
    // Route ages in `show` (Route::since) need the RIB to know the time;
    // without a clock every route would date from the start of the run.
    routers_[node.id]->rib().set_clock(&sim_);
    if (!spec) continue;
    node::Router& r = *routers_[node.id];
    for (const node::StaticRoute& s : spec->static_routes) r.add_static_route(s);
    if (!spec->fib.forwarding_export.empty())
      r.fib_sync().set_forwarding_policies(spec->fib.forwarding_export);
    make_protocols(node.id);
  }
  schedule_events();
  setup_dataplane();
  for (auto& r : routers_) r->start();
  for (auto& b : bgp_)
    if (b) b->start();
  // OSPF after the routers (it reads their connected routes and RIB).
  for (auto& o : ospf_)
    if (o) o->start();
  for (const net::Node& node : network_.nodes()) make_health_checks(node.id);
  for (auto& h : health_)
    if (h) h->start();
  traffic_->start();
}

void World::make_protocols(net::NodeId id) {
  const net::Node& node = network_.node(id);
  const RoutingSpec* spec = scenario_.routing.find(node.name);
  if (!spec) return;
  node::Router& r = *routers_[id];
  if (spec->bgp) {
    node::BgpConfig config = bgp_config(network_, node, *spec);
    for (size_t i = 0; i < config.neighbors.size(); ++i)
      if (auto it = changed_timers_.find({id, i}); it != changed_timers_.end())
        config.neighbors[i].timers = it->second;
    bgp_[id] = std::make_unique<node::BgpProcess>(r, std::move(config), seed_);
  }
  if (spec->ospf) {
    const net::Ipv4 router_id = spec->router_id.value_or(default_router_id(network_, node));
    ospf_[id] = std::make_unique<ospf::OspfProcess>(
        r, ospf_config(network_, node, *spec->ospf, router_id), seed_);
    ospf_log_.watch(*ospf_[id]);
  }
}

World::~World() = default;

}  // namespace run
