// The bgp part of a node's routing section: AS, neighbours, timers, and the
// checks that pair the two ends of each session (see scenario_routing_loader.hpp).
#include <unordered_map>

#include "models/bfd/defaults.hpp"
#include "models/bgp/defaults.hpp"
#include "sim/run/scenario_routing_loader.hpp"

namespace run::detail {
namespace {

constexpr sim::Duration kSecond = sim::Duration::seconds(1);

bool whole_seconds(sim::Duration d) { return d.ps() % kSecond.ps() == 0; }

bool owns(const ScenarioNode& node, net::Ipv4 address) {
  for (const ScenarioInterface& i : node.interfaces)
    for (const net::InterfaceAddress& a : i.addresses)
      if (a.addr == address) return true;
  return false;
}

}  // namespace

BgpSpec RoutingLoader::read_bgp(const Item& v, const ScenarioNode& node) {
  const std::string context = "bgp of node '" + node.name + "'";
  if (v.node.IsNull()) r_.fail(v.pos, context + " is empty: it needs as and neighbors");
  const Fields fields(r_, v, context, {"as", "multipath", "neighbors"});
  BgpSpec bgp;
  bgp.pos = v.pos;
  bgp.as = as_number(fields.require("as").value, "as");
  if (const Field* f = fields.find("multipath")) {
    bgp.multipath = r_.boolean(f->value, "multipath");
    // BIRD has no BGP multipath knob: equal paths merge in the kernel protocol.
    if (node.vendor == vendor::Vendor::kBird || node.vendor == vendor::Vendor::kLinux)
      r_.warn(f->key_pos, "multipath has no effect on " + std::string(vendor::name(node.vendor)) +
                              ": BIRD merges equal BGP paths with fib.merge_paths (kernel "
                              "protocol `merge paths on`)");
  }
  const Field& neighbors = fields.require("neighbors");
  const std::vector<Item> items = neighbors.value.node.IsNull()
                                      ? std::vector<Item>{}
                                      : r_.elements(neighbors.value, "neighbors");
  if (items.empty()) r_.fail(neighbors.value.pos, context + " has no neighbors");
  for (const Item& item : items) {
    BgpNeighborSpec nb = read_neighbor(item, node);
    for (const BgpNeighborSpec& other : bgp.neighbors) {
      if (other.address == nb.address)
        r_.fail(nb.pos, "duplicate neighbor " + nb.address.to_string() + " on " + node.name +
                            " (first at line " + std::to_string(other.pos.line) + ")");
      if (other.name == nb.name)
        r_.fail(nb.pos, "duplicate neighbor name '" + nb.name + "' on " + node.name +
                            " (first at line " + std::to_string(other.pos.line) + ")");
    }
    bgp.neighbors.push_back(std::move(nb));
  }
  return bgp;
}

BgpNeighborSpec RoutingLoader::read_neighbor(const Item& v, const ScenarioNode& node) {
  const Fields fields(r_, v, "bgp neighbor",
                      {"name", "address", "remote_as", "local_as", "passive", "import", "export",
                       "hold_time", "keepalive", "connect_retry", "connect_delay", "mrai", "bfd",
                       "graceful_restart"});
  BgpNeighborSpec nb;
  nb.pos = v.pos;
  const Field& address = fields.require("address");
  nb.address = ipv4(address.value);
  check_connected(node, nb.address, address.value.pos, "neighbor");
  nb.name = nb.address.to_string();
  if (const Field* f = fields.find("name")) {
    nb.name = r_.text(f->value, "name");
    if (nb.name.empty()) r_.fail(f->value.pos, "empty neighbor name");
  }
  nb.remote_as = as_number(fields.require("remote_as").value, "remote_as");
  if (const Field* f = fields.find("local_as")) nb.local_as = as_number(f->value, "local_as");
  if (const Field* f = fields.find("passive")) nb.passive = r_.boolean(f->value, "passive");
  if (const Field* f = fields.find("import")) nb.import_policies = read_chain(*f, node);
  if (const Field* f = fields.find("export")) nb.export_policies = read_chain(*f, node);
  read_timers(fields, node, nb);
  if (const Field* f = fields.find("bfd")) nb.bfd = read_bfd(f->value, node);
  return nb;
}

// `bfd: true` (the vendor's defaults), `bfd: false`, or a map with interval
// (both DesiredMinTx and RequiredMinRx) and multiplier, each defaulting to
// the vendor's value.
std::optional<bfd::BfdTimers> RoutingLoader::read_bfd(const Item& v, const ScenarioNode& node) {
  if (!v.node.IsMap()) {
    if (!r_.boolean(v, "bfd")) return std::nullopt;
    return bfd::default_timers(node.vendor);
  }
  const Fields fields(r_, v, "bfd", {"interval", "multiplier"});
  bfd::BfdTimers t = bfd::default_timers(node.vendor);
  if (const Field* f = fields.find("interval")) {
    const sim::Duration d = r_.duration(f->value, "interval");
    if (d <= sim::Duration::zero()) r_.fail(f->value.pos, "bfd interval must be greater than 0");
    if (d.ps() % sim::Duration::microseconds(1).ps() != 0)
      r_.fail(f->value.pos, "bfd interval " + seconds_text(d) +
                                " is not a whole number of microseconds (BFD carries microseconds)");
    if (d < bfd::min_interval(node.vendor))
      r_.fail(f->value.pos, "bfd interval " + seconds_text(d) + " is below the smallest " +
                                std::string(vendor::name(node.vendor)) + " accepts (" +
                                seconds_text(bfd::min_interval(node.vendor)) + ")");
    t.desired_min_tx = d;
    t.required_min_rx = d;
  }
  if (const Field* f = fields.find("multiplier")) {
    const uint64_t m = r_.whole_number(f->value, "multiplier");
    if (m < 1 || m > 255)
      r_.fail(f->value.pos, "bfd multiplier " + std::to_string(m) + " is not in 1..255");
    t.detect_mult = static_cast<uint8_t>(m);
  }
  return t;
}

sim::Duration read_hold_time(const YamlReader& r, const Item& v) {
  const sim::Duration d = r.duration(v, "hold_time");
  const std::string shown = "hold time " + seconds_text(d);
  if (!whole_seconds(d))
    r.fail(v.pos, shown + " is not a whole number of seconds (BGP OPEN carries seconds)");
  const int64_t s = d / kSecond;
  if (s == 1 || s == 2)
    r.fail(v.pos, shown + " is not allowed: RFC 4271 §4.2 requires 0 or at least 3 seconds");
  if (s > 65535) r.fail(v.pos, shown + " is above 65535s, the largest a BGP OPEN can carry");
  return d;
}

sim::Duration read_keepalive(const YamlReader& r, const Item& v) {
  const sim::Duration d = r.duration(v, "keepalive");
  if (!whole_seconds(d))
    r.fail(v.pos, "keepalive " + seconds_text(d) + " is not a whole number of seconds");
  if (d == sim::Duration::zero())
    r.fail(v.pos, "keepalive must be at least 1s (hold_time: 0s turns keepalives off)");
  return d;
}

void RoutingLoader::read_timers(const Fields& fields, const ScenarioNode& node,
                                BgpNeighborSpec& nb) {
  if (const Field* f = fields.find("hold_time")) nb.hold_time = read_hold_time(r_, f->value);
  if (const Field* f = fields.find("keepalive")) {
    const sim::Duration d = read_keepalive(r_, f->value);
    const bool configured = nb.hold_time.has_value();
    const sim::Duration hold =
        configured ? *nb.hold_time : bgp::default_timers(node.vendor).hold_time;
    const std::string hold_text = configured
                                      ? "hold time " + seconds_text(hold)
                                      : "hold time (" + seconds_text(hold) + ", the " +
                                            std::string(vendor::name(node.vendor)) + " default)";
    if (hold == sim::Duration::zero())
      r_.warn(f->value.pos,
              "keepalive has no effect: hold time 0s turns keepalives off "
              "(RFC 4271 §4.4)");
    else if (d >= hold)
      r_.fail(f->value.pos, "keepalive " + seconds_text(d) + " must be less than the " + hold_text +
                                "; RFC 4271 §10 suggests a third of it");
    nb.keepalive_time = d;
  }
  if (const Field* f = fields.find("connect_retry")) {
    nb.connect_retry_time = r_.duration(f->value, "connect_retry");
    if (*nb.connect_retry_time == sim::Duration::zero())
      r_.fail(f->value.pos, "connect_retry must be greater than 0");
  }
  if (const Field* f = fields.find("connect_delay"))
    nb.connect_delay = r_.duration(f->value, "connect_delay");
  if (const Field* f = fields.find("mrai")) nb.mrai = r_.duration(f->value, "mrai");
  if (const Field* f = fields.find("graceful_restart")) {
    // YAML reads a bare `off` / `on` as a boolean; take those words too.
    const std::string word = r_.text(f->value, "graceful_restart");
    nb.graceful_restart = bgp::parse_gr_mode(word);
    if (!nb.graceful_restart)
      r_.fail(f->value.pos, unknown_choice("graceful_restart mode", word, bgp::gr_mode_names()));
  }
}

// Each session has two ends: find the other one and warn about sessions
// that can never come up. Warnings, not errors: a misconfigured session is
// a legitimate thing to simulate.
void RoutingLoader::check_sessions() {
  std::unordered_map<uint32_t, const ScenarioNode*> owner;
  for (const ScenarioNode& n : s_.nodes)
    for (const ScenarioInterface& i : n.interfaces)
      if (!i.loopback())
        for (const net::InterfaceAddress& a : i.addresses) owner.emplace(a.addr.value, &n);
  std::unordered_map<std::string, size_t> spec_of;
  for (size_t i = 0; i < rc_.nodes.size(); ++i) spec_of.emplace(rc_.nodes[i].node, i);

  for (size_t a = 0; a < rc_.nodes.size(); ++a) {
    const RoutingSpec& here = rc_.nodes[a];
    if (!here.bgp) continue;
    const ScenarioNode& self = *s_.find_node(here.node);
    for (const BgpNeighborSpec& nb : here.bgp->neighbors) {
      const std::string peer_address = nb.address.to_string();
      const auto o = owner.find(nb.address.value);
      if (o == owner.end()) {
        r_.warn(nb.pos,
                "no node has address " + peer_address + ": the session to it will never come up");
        continue;
      }
      const ScenarioNode& peer = *o->second;
      const auto b = spec_of.find(peer.name);
      if (b == spec_of.end() || !rc_.nodes[b->second].bgp) {
        r_.warn(nb.pos,
                peer.name + " (" + peer_address + ") runs no BGP: the session will never come up");
        continue;
      }
      const RoutingSpec& there = rc_.nodes[b->second];
      const BgpNeighborSpec* back = nullptr;
      for (const BgpNeighborSpec& m : there.bgp->neighbors)
        if (owns(self, m.address)) back = &m;
      if (!back) {
        r_.warn(nb.pos, peer.name + " has no bgp neighbor with an address of " + self.name +
                            ": the session will never come up");
        continue;
      }
      const uint32_t peer_as = back->local_as.value_or(there.bgp->as);
      if (nb.remote_as != peer_as)
        r_.warn(nb.pos, "remote_as " + std::to_string(nb.remote_as) + " does not match " +
                            peer.name + "'s AS " + std::to_string(peer_as) +
                            ": the session will fail with an OPEN error (Bad Peer AS)");
      if (nb.passive && back->passive && a < b->second)
        r_.warn(nb.pos, "both ends of the session " + self.name + " -- " + peer.name +
                            " are passive: neither connects, so it never comes up");
    }
  }
}

}  // namespace run::detail
