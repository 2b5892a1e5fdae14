// The services section: the addresses hosts serve, and the health checks
// that watch them (see scenario_loader.hpp).
//
//   services:
//     - node: pc
//       address: 192.168.100.1
//       health_check: { interval: 2s, timeout: 1s, rise: 2, fall: 3 }   # or `true`
#include "models/node/health_check.hpp"
#include "sim/run/scenario_loader.hpp"

namespace run::detail {

void ScenarioLoader::read_services(const Item& v) {
  for (const Item& service : r_.elements(v, "services")) read_service(service);
}

void ScenarioLoader::read_service(const Item& v) {
  const Fields fields(r_, v, "service", {"node", "address", "health_check"});
  ServiceSpec svc;
  svc.pos = v.pos;
  const Field& node_field = fields.require("node");
  svc.node = find_node(r_.text(node_field.value, "node"), node_field.value.pos, " in services");
  const ScenarioNode& node = s_.nodes[svc.node];

  const Field& address = fields.require("address");
  const auto a = net::parse_ipv4(r_.text(address.value, "address"));
  if (!a) r_.fail(address.value.pos, a.error);
  for (const ScenarioInterface& ifc : node.interfaces)
    for (const net::InterfaceAddress& ia : ifc.addresses)
      if (ia.addr == *a.value) {
        svc.interface = ifc.name;
        svc.address = ia;
      }
  if (svc.interface.empty())
    r_.fail(address.value.pos, "node '" + node.name + "' has no address " +
                                   a.value->to_string() +
                                   " (a service address must be on one of its interfaces, "
                                   "usually its loopback)");
  for (const ServiceSpec& other : s_.services)
    if (other.node == svc.node && other.address.addr == svc.address.addr)
      r_.fail(address.value.pos, "duplicate service " + a.value->to_string() + " on node '" +
                                     node.name + "' (first at line " +
                                     std::to_string(other.pos.line) + ")");

  if (const Field* f = fields.find("health_check"); f && !f->value.node.IsNull()) {
    const node::HealthCheckConfig defaults = node::health_check_defaults();
    HealthCheckSpec hc{defaults.interval, defaults.timeout, defaults.rise, defaults.fall};
    if (!f->value.node.IsMap()) {
      if (r_.boolean(f->value, "health_check")) svc.health_check = hc;
    } else {
      const Fields h(r_, f->value, "health_check", {"interval", "timeout", "rise", "fall"});
      const auto positive = [&](const char* name, sim::Duration& out) {
        if (const Field* g = h.find(name)) {
          out = r_.duration(g->value, name);
          if (out <= sim::Duration::zero())
            r_.fail(g->value.pos, std::string(name) + " must be greater than 0");
        }
      };
      const auto count = [&](const char* name, uint32_t& out) {
        if (const Field* g = h.find(name)) {
          const uint64_t n = r_.whole_number(g->value, name);
          if (n < 1 || n > 1000)
            r_.fail(g->value.pos, std::string(name) + " " + std::to_string(n) +
                                      " is not in 1..1000 (consecutive checks)");
          out = static_cast<uint32_t>(n);
        }
      };
      positive("interval", hc.interval);
      positive("timeout", hc.timeout);
      count("rise", hc.rise);
      count("fall", hc.fall);
      // A check still waiting for its answer when the next is due would
      // overlap it; the daemons this models do not run checks in parallel.
      if (hc.timeout > hc.interval)
        r_.fail(h.find("timeout") ? h.find("timeout")->value.pos : f->value.pos,
                "health_check timeout " + sim::format_duration(hc.timeout) +
                    " is longer than its interval " + sim::format_duration(hc.interval));
      svc.health_check = hc;
    }
  }
  s_.services.push_back(std::move(svc));
}

}  // namespace run::detail
