// Nodes, addresses and links of a scenario (see scenario_loader.hpp).
#include <algorithm>
#include <cctype>

#include "sim/run/scenario_loader.hpp"

namespace run::detail {
namespace {

// IPv4 limits: 68 is the smallest MTU every host must accept (RFC 791), and
// 65535 the largest packet the total-length field can describe.
constexpr uint64_t kMinMtu = 68;
constexpr uint64_t kMaxMtu = 65535;

const std::vector<std::string> kKinds = {"host", "switch", "router"};

bool has_space(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](unsigned char c) { return std::isspace(c); });
}

std::vector<std::string> vendor_names() {
  std::vector<std::string> out;
  const std::string all = vendor::all_names();
  size_t start = 0;
  while (start < all.size()) {
    const size_t comma = all.find(", ", start);
    out.push_back(all.substr(start, comma - start));
    if (comma == std::string::npos) break;
    start = comma + 2;
  }
  return out;
}

std::string address_list(const ScenarioInterface& ifc) {
  std::string out;
  for (const net::InterfaceAddress& a : ifc.addresses)
    out += (out.empty() ? "" : ", ") + a.to_string();
  return out;
}

}  // namespace

// --- link parameters ------------------------------------------------------------

net::LinkParams ScenarioLoader::read_link_params(const Fields& fields, net::LinkParams p,
                                                 ParamPlaces& places) const {
  if (const Field* f = fields.find("bandwidth")) {
    p.bandwidth_bps = r_.bandwidth(f->value, "bandwidth");
    if (p.bandwidth_bps == 0) r_.fail(f->value.pos, "bandwidth must be greater than 0");
  }
  if (const Field* f = fields.find("delay")) p.delay = r_.duration(f->value, "delay");
  if (const Field* f = fields.find("mtu")) {
    // A bare number is bytes, as in every router's `mtu 1500`; "1500B" works too.
    const std::string text = r_.text(f->value, "mtu");
    const bool bare = !text.empty() && std::all_of(text.begin(), text.end(),
                                                   [](unsigned char c) { return std::isdigit(c); });
    const uint64_t mtu = bare ? r_.whole_number(f->value, "mtu") : r_.byte_size(f->value, "mtu");
    if (mtu < kMinMtu)
      r_.fail(f->value.pos, "mtu " + std::to_string(mtu) + " is below the IPv4 minimum of " +
                                std::to_string(kMinMtu) + " bytes");
    if (mtu > kMaxMtu)
      r_.fail(f->value.pos, "mtu " + std::to_string(mtu) + " is above the IPv4 maximum of " +
                                std::to_string(kMaxMtu) + " bytes");
    p.mtu = static_cast<uint32_t>(mtu);
    places.mtu = f->value.pos;
  }
  if (const Field* f = fields.find("queue")) {
    p.queue_bytes = r_.byte_size(f->value, "queue");
    places.queue = f->value.pos;
  }
  return p;
}

void ScenarioLoader::check_queue_fits(const net::LinkParams& p, const ParamPlaces& here,
                                      const ParamPlaces& inherited) const {
  if (p.queue_bytes >= p.mtu) return;
  // Blame the value set closest to this link: that is the one that made them clash.
  const SourcePos& at = here.queue.line > 0        ? here.queue
                        : here.mtu.line > 0        ? here.mtu
                        : inherited.queue.line > 0 ? inherited.queue
                                                   : inherited.mtu;
  r_.fail(at, "queue of " + std::to_string(p.queue_bytes) + " bytes is smaller than the mtu of " +
                  std::to_string(p.mtu) + " bytes: no full-size packet fits");
}

void ScenarioLoader::read_link_defaults(const Item& v) {
  const Fields fields(r_, v, "link_defaults", {"bandwidth", "delay", "mtu", "queue"});
  s_.link_defaults = read_link_params(fields, s_.link_defaults, default_places_);
  check_queue_fits(s_.link_defaults, default_places_, ParamPlaces{});
}

// --- nodes -------------------------------------------------------------------------

void ScenarioLoader::read_nodes(const Item& v) {
  const std::vector<Field> entries =
      v.node.IsNull() ? std::vector<Field>{} : named_entries(r_, v, "node", "nodes");
  if (entries.empty()) r_.fail(v.pos, "nodes is empty: a scenario needs at least one node");
  for (const Field& f : entries) read_node(f);
}

void ScenarioLoader::read_node(const Field& f) {
  if (f.name.find(':') != std::string::npos)
    r_.fail(f.key_pos, "node name '" + f.name +
                           "' must not contain ':' (it separates node and interface in endpoints)");
  if (has_space(f.name)) r_.fail(f.key_pos, "node name '" + f.name + "' must not contain spaces");
  if (f.name.find('/') != std::string::npos)
    r_.fail(f.key_pos, "node name '" + f.name + "' must not contain '/' (it names output files)");

  const std::string context = "node '" + f.name + "'";
  const Fields fields(r_, f.value, context,
                      {"kind", "vendor", "carrier_delay", "tcp_syn_linear_timeouts"});
  ScenarioNode node;
  node.name = f.name;
  node.pos = f.key_pos;

  const Field& kind = fields.require("kind");
  const std::string kind_text = r_.text(kind.value, "kind");
  if (kind_text == "host")
    node.kind = net::NodeKind::kHost;
  else if (kind_text == "switch")
    node.kind = net::NodeKind::kSwitch;
  else if (kind_text == "router")
    node.kind = net::NodeKind::kRouter;
  else
    r_.fail(kind.value.pos, "unknown kind '" + kind_text + "'" +
                                did_you_mean_suffix(kind_text, kKinds) +
                                "; use one of: " + join_list(kKinds));

  const Field& vendor = fields.require("vendor");
  const std::string vendor_text = r_.text(vendor.value, "vendor");
  const auto parsed = vendor::parse(vendor_text);
  if (!parsed)
    r_.fail(vendor.value.pos, "unknown vendor '" + vendor_text + "'" +
                                  did_you_mean_suffix(vendor_text, vendor_names()) +
                                  "; use one of: " + vendor::all_names());
  node.vendor = *parsed;

  if (const Field* cd = fields.find("carrier_delay"))
    node.carrier_delay = r_.duration(cd->value, "carrier_delay");
  if (const Field* lt = fields.find("tcp_syn_linear_timeouts")) {
    const uint64_t n = r_.whole_number(lt->value, "tcp_syn_linear_timeouts");
    if (n > 6)  // net.ipv4.tcp_syn_retries: no more SYNs are sent
      r_.fail(lt->value.pos, "tcp_syn_linear_timeouts " + std::to_string(n) +
                                 " is more than the 6 SYN retransmissions Linux makes (0..6)");
    node.tcp_syn_linear_timeouts = static_cast<uint32_t>(n);
  }

  node_by_name_.emplace(node.name, s_.nodes.size());
  node_names_.push_back(node.name);
  interface_by_name_.emplace_back();
  s_.nodes.push_back(std::move(node));
}

size_t ScenarioLoader::find_node(const std::string& name, const SourcePos& at,
                                 const std::string& where) const {
  const auto it = node_by_name_.find(name);
  if (it == node_by_name_.end())
    r_.fail(at, "unknown node '" + name + "'" + where + did_you_mean_suffix(name, node_names_));
  return it->second;
}

// --- interfaces and addresses --------------------------------------------------------

size_t ScenarioLoader::interface_of(size_t node, const std::string& name, const SourcePos& at) {
  if (name.empty()) r_.fail(at, "empty interface name");
  if (has_space(name)) r_.fail(at, "interface name '" + name + "' must not contain spaces");
  auto& by_name = interface_by_name_[node];
  const auto [it, inserted] = by_name.emplace(name, s_.nodes[node].interfaces.size());
  if (inserted) s_.nodes[node].interfaces.push_back(ScenarioInterface{name, {}, std::nullopt, at});
  return it->second;
}

std::string ScenarioLoader::endpoint_name(size_t node, size_t interface) const {
  return s_.nodes[node].name + ":" + s_.nodes[node].interfaces[interface].name;
}

void ScenarioLoader::read_addresses(const Item& v) {
  for (const Field& n : named_entries(r_, v, "node", "addresses")) {
    const size_t node = find_node(n.name, n.key_pos, " in addresses");
    const std::string context = "addresses of node '" + n.name + "'";
    for (const Field& i : named_entries(r_, n.value, "interface", context)) {
      const size_t ifc = interface_of(node, i.name, i.key_pos);
      if (i.value.node.IsNull())
        r_.fail(i.value.pos, "no address given for " + endpoint_name(node, ifc));
      if (i.value.node.IsSequence()) {
        for (const Item& a : r_.elements(i.value, "addresses")) add_address(node, ifc, a);
      } else {
        add_address(node, ifc, i.value);
      }
    }
  }
}

void ScenarioLoader::add_address(size_t node, size_t interface, const Item& v) {
  const auto parsed = net::parse_interface_address(r_.text(v, "an address"));
  if (!parsed) r_.fail(v.pos, parsed.error);
  const net::InterfaceAddress a = *parsed.value;
  const ScenarioInterface& ifc = s_.nodes[node].interfaces[interface];

  if (a.len <= 30) {
    const net::Prefix subnet = a.subnet();
    const uint32_t broadcast = subnet.addr.value | ~subnet.mask();
    if (a.addr == subnet.addr)
      r_.warn(v.pos, a.to_string() + " is the network address of its subnet");
    else if (a.addr.value == broadcast)
      r_.warn(v.pos, a.to_string() + " is the broadcast address of its subnet");
  }

  // 127.0.0.0/8 never leaves a host (RFC 1122 §3.2.1.3): every host has its own.
  if ((a.addr.value >> 24) == 127) {
    s_.nodes[node].interfaces[interface].addresses.push_back(a);
    return;
  }
  // One address, one owner, except anycast: the same /32 on several nodes' loopbacks.
  const bool anycast_ok = a.len == 32 && ifc.loopback();
  auto& uses = address_uses_[a.addr.value];
  for (const AddressUse& u : uses) {
    const bool same_node = u.node == node;
    if (!same_node && anycast_ok && u.len == 32 &&
        s_.nodes[u.node].interfaces[u.interface].loopback())
      continue;
    r_.fail(v.pos, "duplicate address " + a.addr.to_string() + ": already on " +
                       endpoint_name(u.node, u.interface) + " at line " +
                       std::to_string(u.pos.line) +
                       (same_node ? ""
                                  : " (only /32s on loopbacks may be shared between "
                                    "nodes, for anycast)"));
  }
  uses.push_back(AddressUse{node, interface, a.len, v.pos});
  s_.nodes[node].interfaces[interface].addresses.push_back(a);
}

// --- links -----------------------------------------------------------------------------

std::pair<size_t, std::string> ScenarioLoader::split_endpoint(const Item& v,
                                                              std::string_view what) const {
  const std::string text = r_.text(v, what);
  const size_t colon = text.find(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == text.size())
    r_.fail(v.pos, std::string(what) + " '" + text + "' is not of the form node:interface");
  const std::string node_name = text.substr(0, colon);
  const size_t node = find_node(node_name, v.pos, " in " + std::string(what) + " '" + text + "'");
  return {node, text.substr(colon + 1)};
}

void ScenarioLoader::read_links(const Item& v) {
  for (const Item& link : r_.elements(v, "links")) read_link(link);
}

void ScenarioLoader::read_link(const Item& v) {
  const Fields fields(r_, v, "link", {"endpoints", "bandwidth", "delay", "mtu", "queue"});
  const Field& endpoints = fields.require("endpoints");
  const std::vector<Item> ends = r_.elements(endpoints.value, "endpoints");
  if (ends.size() != 2)
    r_.fail(endpoints.value.pos,
            "a link has exactly two endpoints, not " + std::to_string(ends.size()));

  const size_t index = s_.links.size();
  ScenarioLink link;
  link.pos = v.pos;
  InterfaceRef refs[2];
  for (int side = 0; side < 2; ++side) {
    const auto [node, ifname] = split_endpoint(ends[side], "endpoint");
    if (side == 1 && node == refs[0].node)
      r_.fail(ends[side].pos, "link connects node '" + s_.nodes[node].name + "' to itself");
    const size_t ifc = interface_of(node, ifname, ends[side].pos);
    ScenarioInterface& i = s_.nodes[node].interfaces[ifc];
    if (i.loopback())
      r_.fail(ends[side].pos, "interface '" + endpoint_name(node, ifc) +
                                  "' is a loopback (lo*) and cannot be a link endpoint");
    if (i.link)
      r_.fail(ends[side].pos, "interface '" + endpoint_name(node, ifc) +
                                  "' is already used by the link at line " +
                                  std::to_string(s_.links[*i.link].pos.line));
    i.link = index;
    refs[side] = InterfaceRef{node, ifc};
    link.ends[side] = Endpoint{s_.nodes[node].name, ifname};
  }

  ParamPlaces places;
  link.params = read_link_params(fields, s_.link_defaults, places);
  check_queue_fits(link.params, places, default_places_);
  check_link_subnets(link, refs);
  s_.links.push_back(std::move(link));
}

void ScenarioLoader::check_link_subnets(const ScenarioLink& link, const InterfaceRef (&refs)[2]) {
  const ScenarioInterface* ifc[2];
  for (int side = 0; side < 2; ++side)
    ifc[side] = &s_.nodes[refs[side].node].interfaces[refs[side].interface];
  if (ifc[0]->addresses.empty() || ifc[1]->addresses.empty()) return;
  for (const net::InterfaceAddress& a : ifc[0]->addresses)
    for (const net::InterfaceAddress& b : ifc[1]->addresses)
      if (a.subnet() == b.subnet()) return;
  r_.fail(link.pos, "the ends of link " + link.name() + " are in different subnets: " +
                        link.ends[0].to_string() + " has " + address_list(*ifc[0]) + ", " +
                        link.ends[1].to_string() + " has " + address_list(*ifc[1]));
}

void ScenarioLoader::warn_about_bare_nodes() {
  for (const ScenarioNode& n : s_.nodes)
    if (n.interfaces.empty()) r_.warn(n.pos, "node '" + n.name + "' has no interfaces");
}

}  // namespace run::detail
