#include "sim/export/export_common.hpp"

#include <algorithm>
#include <cctype>

namespace confgen {

net::Ipv4 router_id(const run::ScenarioNode& node, const run::RoutingSpec* spec) {
  if (spec && spec->router_id) return *spec->router_id;
  net::Ipv4 best_loopback, best_any;
  for (const run::ScenarioInterface& ifc : node.interfaces) {
    for (const net::InterfaceAddress& a : ifc.addresses) {
      if ((a.addr.value >> 24) == 127) continue;
      if (!ifc.link) best_loopback = std::max(best_loopback, a.addr);
      best_any = std::max(best_any, a.addr);
    }
  }
  return best_loopback.value != 0 ? best_loopback : best_any;
}

void check_linux_interface_name(const run::ScenarioNode& node, std::string_view name) {
  const bool bad_char = std::any_of(name.begin(), name.end(), [](char c) {
    return c == '/' || c == ':' || std::isspace(static_cast<unsigned char>(c));
  });
  if (name.empty() || name.size() > 15 || bad_char || name == "." || name == "..")
    throw ExportError("interface '" + std::string(name) + "' of " + node.name +
                      " is not a Linux interface name (at most 15 characters, no '/', ':' or "
                      "spaces): BIRD and FRR configs name the kernel's interfaces; rename it in "
                      "the scenario (e.g. ge-0/0/9 -> swp9)");
}

std::string term_label(const policy::Policy& p, size_t index) {
  if (!p.terms[index].name.empty()) return "term " + p.terms[index].name;
  return "term " + std::to_string(index + 1);
}

std::string where(const policy::Policy& p, size_t index) {
  return "policy '" + p.name + "' " + term_label(p, index);
}

bool chain_accepts(std::span<const policy::Policy* const> chain, const net::Prefix& prefix,
                   rib::Protocol protocol, policy::Verdict fallback) {
  policy::RouteAttributes a;
  a.prefix = prefix;
  a.protocol = protocol;
  return policy::evaluate_chain(chain, a, fallback);
}

std::vector<net::Prefix> exported_connected(const run::ScenarioNode& node,
                                            std::span<const policy::Policy* const> chain,
                                            policy::Verdict fallback) {
  std::vector<net::Prefix> out;
  for (const run::ScenarioInterface& ifc : node.interfaces)
    for (const net::InterfaceAddress& a : ifc.addresses) {
      if ((a.addr.value >> 24) == 127) continue;
      if (chain_accepts(chain, a.subnet(), rib::Protocol::kDirect, fallback))
        out.push_back(a.subnet());
    }
  return out;
}

std::vector<std::string> interfaces_of(const run::ScenarioNode& node,
                                       const std::vector<net::Prefix>& prefixes) {
  std::vector<std::string> out;
  for (const run::ScenarioInterface& ifc : node.interfaces)
    for (const net::InterfaceAddress& a : ifc.addresses)
      if (std::find(prefixes.begin(), prefixes.end(), a.subnet()) != prefixes.end() &&
          std::find(out.begin(), out.end(), ifc.name) == out.end())
        out.push_back(ifc.name);
  return out;
}

bool exports_static(const run::RoutingSpec& spec, std::span<const policy::Policy* const> chain,
                    policy::Verdict fallback) {
  return std::any_of(spec.static_routes.begin(), spec.static_routes.end(),
                     [&](const node::StaticRoute& r) {
                       return chain_accepts(chain, r.prefix, rib::Protocol::kStatic, fallback);
                     });
}

bool decides_every_route(std::span<const policy::Policy* const> chain) {
  for (const policy::Policy* p : chain) {
    if (p->default_verdict != policy::Verdict::kNext) return true;
    for (const policy::Term& t : p->terms)
      if (t.verdict != policy::Verdict::kNext && t.from.route_filters.empty() &&
          t.from.prefix_lists.empty() && t.from.protocols.empty() && t.from.neighbours.empty())
        return true;
  }
  return false;
}

uint64_t whole_seconds(sim::Duration d, const std::string& what) {
  if (d.ps() % sim::Duration::seconds(1).ps() != 0)
    throw ExportError(what + " " + sim::format_duration(d) +
                      " is not a whole number of seconds, which the daemon's config needs");
  return static_cast<uint64_t>(d / sim::Duration::seconds(1));
}

uint64_t whole_milliseconds(sim::Duration d, const std::string& what) {
  if (d.ps() % sim::Duration::milliseconds(1).ps() != 0)
    throw ExportError(what + " " + sim::format_duration(d) +
                      " is not a whole number of milliseconds, which the daemon's config needs");
  return static_cast<uint64_t>(d / sim::Duration::milliseconds(1));
}

const run::ScenarioInterface* attachment(const run::ScenarioNode& node, net::Ipv4 address) {
  for (const run::ScenarioInterface& ifc : node.interfaces) {
    if (ifc.loopback()) continue;
    for (const net::InterfaceAddress& a : ifc.addresses)
      if (a.subnet().contains(address)) return &ifc;
  }
  return nullptr;
}

}  // namespace confgen
