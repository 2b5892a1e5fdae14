// The routing section: router id, static routes and FIB options per node,
// and the checks the BGP part shares (see scenario_routing_loader.hpp).
#include "sim/run/scenario_routing.hpp"

#include <algorithm>
#include <unordered_map>

#include "models/rib/preference.hpp"
#include "sim/run/scenario_routing_loader.hpp"

namespace run {

const RoutingSpec* RoutingConfig::find(std::string_view node) const {
  for (const RoutingSpec& s : nodes)
    if (s.node == node) return &s;
  return nullptr;
}

namespace detail {
namespace {

bool has_usable_address(const ScenarioNode& node) {
  for (const ScenarioInterface& i : node.interfaces)
    for (const net::InterfaceAddress& a : i.addresses)
      if ((a.addr.value >> 24) != 127) return true;
  return false;
}

}  // namespace

std::string seconds_text(sim::Duration d) {
  const sim::Duration second = sim::Duration::seconds(1);
  if (d.ps() % second.ps() == 0) return std::to_string(d / second) + "s";
  return sim::format_duration(d);
}

// --- shared checks ------------------------------------------------------------------

uint32_t RoutingLoader::as_number(const Item& v, std::string_view what) const {
  const uint64_t n = r_.whole_number(v, what);
  if (n < 1 || n > UINT32_MAX)
    r_.fail(v.pos, std::string(what) + " " + std::to_string(n) +
                       " is not a valid AS number (use 1 to 4294967295)");
  return static_cast<uint32_t>(n);
}

uint32_t RoutingLoader::u32(const Item& v, std::string_view what) const {
  const uint64_t n = r_.whole_number(v, what);
  if (n > UINT32_MAX)
    r_.fail(v.pos, std::string(what) + " " + std::to_string(n) + " is above 4294967295");
  return static_cast<uint32_t>(n);
}

net::Ipv4 RoutingLoader::ipv4(const Item& v) const {
  const auto a = net::parse_ipv4(r_.text(v, "an IPv4 address"));
  if (!a) r_.fail(v.pos, a.error);
  return *a.value;
}

void RoutingLoader::check_connected(const ScenarioNode& node, net::Ipv4 address,
                                    const SourcePos& at, std::string_view what) const {
  const std::string subject = std::string(what) + " " + address.to_string();
  for (const ScenarioInterface& i : node.interfaces)
    for (const net::InterfaceAddress& a : i.addresses)
      if (a.addr == address)
        r_.fail(at, subject + " is " + node.name + "'s own address (" + i.name + " " +
                        a.to_string() + ")");
  std::string listed;
  for (const ScenarioInterface& i : node.interfaces) {
    if (i.loopback()) continue;
    for (const net::InterfaceAddress& a : i.addresses) {
      listed += (listed.empty() ? "" : ", ") + i.name + " " + a.to_string();
      const net::Prefix subnet = a.subnet();
      if (!subnet.contains(address)) continue;
      // Routers reach neighbours over links only (Router::attachment).
      if (!i.link)
        r_.fail(at, subject + " is on " + node.name + "'s subnet " + subnet.to_string() + " of " +
                        i.name + ", which is on no link (add it to topology.links)");
      if (a.len <= 30 &&
          (address == subnet.addr || address.value == (subnet.addr.value | ~subnet.mask())))
        r_.fail(at, subject + " is the " + (address == subnet.addr ? "network" : "broadcast") +
                        " address of " + node.name + "'s subnet " + subnet.to_string() + " (" +
                        i.name + ")");
      return;
    }
  }
  r_.fail(at, subject + " is not on a connected subnet of " + node.name +
                  (listed.empty() ? " (it has no addresses outside its loopbacks)"
                                  : " (interfaces: " + listed + ")"));
}

// --- routing ----------------------------------------------------------------------------

void RoutingLoader::read_routing(const Item& v) {
  std::unordered_map<std::string, size_t> by_name;  // fabrics have thousands of nodes
  std::vector<std::string> names;
  for (size_t i = 0; i < s_.nodes.size(); ++i) {
    by_name.emplace(s_.nodes[i].name, i);
    names.push_back(s_.nodes[i].name);
  }
  for (const Field& f : named_entries(r_, v, "node", "routing")) {
    const auto it = by_name.find(f.name);
    if (it == by_name.end())
      r_.fail(f.key_pos,
              "unknown node '" + f.name + "' in routing" + did_you_mean_suffix(f.name, names));
    if (f.value.node.IsNull()) continue;  // present but empty: as if absent
    read_node_routing(f);
  }
}

void RoutingLoader::read_node_routing(const Field& f) {
  const ScenarioNode& node = *s_.find_node(f.name);
  const std::string context = "routing of node '" + f.name + "'";
  const Fields fields(r_, f.value, context, {"router_id", "static", "fib", "bgp", "ospf"});
  RoutingSpec spec;
  spec.node = f.name;
  spec.pos = f.key_pos;

  if (const Field* id = fields.find("router_id")) {
    spec.router_id = ipv4(id->value);
    if (spec.router_id->value == 0)
      r_.fail(id->value.pos,
              "router_id 0.0.0.0 is not allowed: a BGP identifier must be "
              "non-zero (RFC 6286 §2.1)");
  }
  if (const Field* st = fields.find("static"); st && !st->value.node.IsNull()) {
    std::vector<std::pair<net::Prefix, int>> seen;
    for (const Item& route : r_.elements(st->value, "static"))
      spec.static_routes.push_back(read_static(route, node, seen));
  }
  if (const Field* fib = fields.find("fib"); fib && !fib->value.node.IsNull())
    spec.fib = read_fib(fib->value, node);
  if (const Field* bgp = fields.find("bgp")) {
    // Before the neighbours: without an address, none of them can be right.
    if (!spec.router_id && !has_usable_address(node))
      r_.fail(bgp->key_pos, "node '" + node.name +
                                "' runs BGP but has no router_id and no address to take one "
                                "from; set router_id");
    spec.bgp = read_bgp(bgp->value, node);
  }
  if (const Field* ospf = fields.find("ospf")) {
    spec.ospf = read_ospf(ospf->value, node);  // scenario_ospf.cpp
    if (!spec.router_id && !has_usable_address(node))
      r_.fail(ospf->key_pos, "node '" + node.name +
                                 "' runs OSPF but has no router_id and no address to take one "
                                 "from; set router_id");
  }
  rc_.nodes.push_back(std::move(spec));
}

node::StaticRoute RoutingLoader::read_static(const Item& v, const ScenarioNode& node,
                                             std::vector<std::pair<net::Prefix, int>>& seen) {
  const Fields fields(r_, v, "static route", {"prefix", "next_hop", "discard", "preference"});
  node::StaticRoute route;
  const Field& prefix = fields.require("prefix");
  const auto p = net::parse_prefix(r_.text(prefix.value, "prefix"));
  if (!p) r_.fail(prefix.value.pos, p.error);
  route.prefix = *p.value;
  const std::string subject = "static route " + route.prefix.to_string();
  for (const auto& [other, line] : seen)
    if (other == route.prefix)
      r_.fail(prefix.value.pos, "duplicate " + subject + " on node '" + node.name +
                                    "' (first at line " + std::to_string(line) + ")");
  seen.emplace_back(route.prefix, prefix.value.pos.line);

  const Field* discard = fields.find("discard");
  const bool discarding = discard && r_.boolean(discard->value, "discard");
  const Field* next_hop = fields.find("next_hop");
  if (discarding && next_hop)
    r_.fail(v.pos, subject + " has both next_hop and discard: true; choose one");
  if (!discarding && !next_hop) r_.fail(v.pos, subject + " needs next_hop or discard: true");
  if (next_hop) {
    for (const Item& gateway : one_or_more(r_, next_hop->value, "next_hop")) {
      const net::Ipv4 via = ipv4(gateway);
      check_connected(node, via, gateway.pos, "next_hop");
      for (net::Ipv4 earlier : route.via)
        if (earlier == via)
          r_.fail(gateway.pos, "next_hop " + via.to_string() + " is listed twice in " + subject);
      route.via.push_back(via);
    }
  }
  if (const Field* pref = fields.find("preference")) {
    const uint64_t value = r_.whole_number(pref->value, "preference");
    const uint32_t max = rib::max_preference(node.vendor);
    if (value > max)
      r_.fail(pref->value.pos, "preference " + std::to_string(value) + " is above the largest " +
                                   std::string(rib::preference_word(node.vendor)) + " " +
                                   std::string(vendor::name(node.vendor)) + " accepts (" +
                                   std::to_string(max) + ")");
    route.preference = static_cast<uint32_t>(value);
  }
  return route;
}

FibSpec RoutingLoader::read_fib(const Item& v, const ScenarioNode& node) {
  const Fields fields(r_, v, "fib of node '" + node.name + "'",
                      {"merge_paths", "forwarding_export", "install_delay", "max_paths", "ecmp"});
  FibSpec fib;
  if (const Field* f = fields.find("merge_paths"))
    fib.merge_paths = r_.boolean(f->value, "merge_paths");
  if (const Field* f = fields.find("forwarding_export"))
    fib.forwarding_export = read_chain(*f, node);
  if (const Field* f = fields.find("install_delay"))
    fib.install_delay = r_.duration(f->value, "install_delay");
  if (const Field* f = fields.find("max_paths")) {
    fib.max_paths = u32(f->value, "max_paths");
    if (*fib.max_paths == 0) r_.fail(f->value.pos, "max_paths must be at least 1");
  }
  if (const Field* f = fields.find("ecmp"); f && !f->value.node.IsNull()) {
    const Fields ecmp(r_, f->value, "ecmp of node '" + node.name + "'", {"mode", "seed"});
    if (const Field* m = ecmp.find("mode")) {
      const std::string word = r_.text(m->value, "mode");
      fib.ecmp_mode = node::parse_ecmp_mode(word);
      if (!fib.ecmp_mode)
        r_.fail(m->value.pos, unknown_choice("ecmp mode", word, node::ecmp_mode_names()));
    }
    if (const Field* seed = ecmp.find("seed")) fib.ecmp_seed = r_.whole_number(seed->value, "seed");
  }
  return fib;
}

void RoutingLoader::finish() {
  check_sessions();
  check_ospf_links();
  // A policy is shared by nodes, so its neighbour may be any node's; one
  // that is no node's never matches (a typo, or a neighbour removed).
  std::vector<std::string> neighbours;
  for (const RoutingSpec& spec : rc_.nodes)
    if (spec.bgp)
      for (const BgpNeighborSpec& nb : spec.bgp->neighbors)
        if (std::find(neighbours.begin(), neighbours.end(), nb.address.to_string()) ==
            neighbours.end())
          neighbours.push_back(nb.address.to_string());
  for (const auto& [address, at] : matched_neighbours_) {
    const std::string text = address.to_string();
    if (std::find(neighbours.begin(), neighbours.end(), text) != neighbours.end()) continue;
    r_.warn(at, "from neighbor " + text + " is no node's BGP neighbour, so this term never "
                "matches" + (neighbours.empty() ? std::string(" (no node has BGP neighbours)")
                                                : did_you_mean_suffix(text, neighbours)));
  }
  for (const std::string& name : list_names_)
    if (!list_info_.at(name).used)
      r_.warn(list_info_.at(name).pos, "prefix list '" + name + "' is not used by any policy");
  for (const std::string& name : policy_names_)
    if (!policy_info_.at(name).used)
      r_.warn(policy_info_.at(name).pos, "policy '" + name + "' is not used by any node");
}

}  // namespace detail
}  // namespace run
