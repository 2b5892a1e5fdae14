// A World's scripted events: link events go to the network, node events
// (crash, boot, BGP clear and timers, services, addresses) to the node's
// router and protocols.
#include <algorithm>

#include "sim/run/world.hpp"

namespace run {
namespace {

// The neighbours an event names: one by name or address, or all of them.
std::vector<size_t> neighbors_named(const node::BgpProcess& bgp, const std::string& name) {
  std::vector<size_t> out;
  if (name.empty()) {
    for (size_t i = 0; i < bgp.neighbor_count(); ++i) out.push_back(i);
  } else if (const int i = bgp.find_neighbor(name); i >= 0) {
    out.push_back(static_cast<size_t>(i));
  }
  return out;
}

}  // namespace

void World::schedule_events() {
  for (const ScenarioEvent& e : scenario_.events) {
    if (is_link_action(e.action)) {
      sim_.schedule_at(e.at, [this, link = link_id(scenario_, network_, e.link), &e] {
        apply_link_event(network_, link, e);
      });
    } else {
      sim_.schedule_at(e.at, [this, &e] { run_node_event(e); });
    }
  }
}

void World::run_node_event(const ScenarioEvent& e) {
  const ScenarioNode& spec = scenario_.nodes[e.node];
  const net::NodeId id = network_.find_node(spec.name);
  node::Router& r = *routers_[id];
  switch (e.action) {
    case EventAction::kCrash:
      crash(id);
      return;
    case EventAction::kBoot:
      boot(id);
      return;
    case EventAction::kClearBgp:
      if (bgp_[id])
        for (size_t i : neighbors_named(*bgp_[id], e.neighbor)) bgp_[id]->clear(i);
      return;
    case EventAction::kSetTimers:
      if (!bgp_[id]) return;
      for (size_t i : neighbors_named(*bgp_[id], e.neighbor)) {
        bgp::BgpTimers t = bgp_[id]->neighbor(i).timers;
        if (e.hold_time) t.hold_time = *e.hold_time;
        if (e.keepalive_time) t.keepalive_time = *e.keepalive_time;
        set_bgp_timers(id, i, t);
        if (e.reset) bgp_[id]->clear(i);
      }
      return;
    case EventAction::kBgpRestart:
      restart_bgp(id);
      return;
    case EventAction::kServiceDown:
    case EventAction::kServiceUp:
      r.set_service_up(e.address.addr, e.action == EventAction::kServiceUp);
      return;
    case EventAction::kAddressAdd:
    case EventAction::kAddressRemove: {
      const net::InterfaceId ifc = network_.find_interface(id, e.interface);
      if (e.action == EventAction::kAddressAdd)
        r.add_address(ifc, e.address);
      else
        r.remove_address(ifc, e.address.addr);
      return;
    }
    default:  // link actions: apply_link_event
      return;
  }
}

void World::crash(net::NodeId id) {
  // Nothing of the node's control plane survives, and it says goodbye to no
  // one: its peers learn of it from carrier loss or their own timers.
  for (size_t i = 0; i < scenario_.services.size(); ++i)
    if (on_node(scenario_.services[i], id)) health_[i].reset();
  bgp_[id].reset();
  ospf_[id].reset();
  ospf_log_.node_down(id);
  routers_[id]->crash();  // powers the node off in the network too
  sim_.trace().record(sim_.now(), network_.node(id).name, "node",
                      "crash: protocols stopped, routes and FIB gone");
}

void World::restart_bgp(net::NodeId id) {
  if (!bgp_[id]) return;
  const bool kept = bgp_[id]->close_for_restart();
  node::BgpConfig config = bgp_[id]->config();  // with set-timers changes
  config.restarted = kept;
  sim_.trace().record(sim_.now(), network_.node(id).name, "bgp",
                      kept ? "daemon restart: routes kept (graceful restart)"
                           : "daemon restart: routes withdrawn");
  bgp_[id].reset();
  bgp_[id] = std::make_unique<node::BgpProcess>(*routers_[id], std::move(config), seed_);
  bgp_[id]->start();
}

void World::set_bgp_timers(net::NodeId id, size_t neighbor, const bgp::BgpTimers& timers) {
  changed_timers_[{id, neighbor}] = timers;
  if (bgp_[id]) bgp_[id]->set_timers(neighbor, timers);
}

void World::boot(net::NodeId id) {
  const net::Node& node = network_.node(id);
  node::Router& r = *routers_[id];
  r.boot();  // powers the node on in the network too
  sim_.trace().record(sim_.now(), node.name, "node", "boot: protocols start");
  // The configured addresses come back (address events and health checks
  // changed only the running system), and the services start with the node.
  const ScenarioNode* spec = scenario_.find_node(node.name);
  for (const ScenarioInterface& si : spec->interfaces) {
    const net::InterfaceId ifc = network_.find_interface(id, si.name);
    const std::vector<net::InterfaceAddress> now = network_.interface(ifc).addresses;
    for (const net::InterfaceAddress& a : now)
      if (std::find(si.addresses.begin(), si.addresses.end(), a) == si.addresses.end())
        r.remove_address(ifc, a.addr);
    for (const net::InterfaceAddress& a : si.addresses)
      if (std::find(now.begin(), now.end(), a) == now.end()) r.add_address(ifc, a);
  }
  for (const ServiceSpec& svc : scenario_.services)
    if (on_node(svc, id)) r.set_service_up(svc.address.addr, true);

  make_protocols(id);
  if (bgp_[id]) bgp_[id]->start();
  if (ospf_[id]) ospf_[id]->start();
  make_health_checks(id);
  for (size_t i = 0; i < scenario_.services.size(); ++i)
    if (health_[i] && on_node(scenario_.services[i], id)) health_[i]->start();
}

bool World::on_node(const ServiceSpec& svc, net::NodeId id) const {
  return network_.find_node(scenario_.nodes[svc.node].name) == id;
}

void World::make_health_checks(net::NodeId id) {
  for (size_t i = 0; i < scenario_.services.size(); ++i) {
    const ServiceSpec& svc = scenario_.services[i];
    if (!svc.health_check || !on_node(svc, id)) continue;
    node::HealthCheckConfig c;
    c.address = svc.address.addr;
    c.interface = network_.find_interface(id, svc.interface);
    c.interval = svc.health_check->interval;
    c.timeout = svc.health_check->timeout;
    c.rise = svc.health_check->rise;
    c.fall = svc.health_check->fall;
    health_[i] = std::make_unique<node::HealthCheck>(*routers_[id], c);
  }
}

}  // namespace run
