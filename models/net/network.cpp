#include "models/net/network.hpp"

#include <algorithm>
#include <stdexcept>

namespace net {

// Wide enough for bits x picoseconds-per-second products; the extension keeps -Wpedantic quiet.
__extension__ typedef unsigned __int128 u128;

std::string_view kind_name(NodeKind k) {
  switch (k) {
    case NodeKind::kHost: return "host";
    case NodeKind::kSwitch: return "switch";
    case NodeKind::kRouter: return "router";
  }
  return "?";
}

std::string_view drop_reason_name(DropReason r) {
  switch (r) {
    case DropReason::kNoRoute: return "no_route";
    case DropReason::kTtlExpired: return "ttl_expired";
    case DropReason::kLinkDown: return "link_down";
    case DropReason::kQueueFull: return "queue_full";
    case DropReason::kLoss: return "loss";
    case DropReason::kSilent: return "silent";
    case DropReason::kMtu: return "mtu_exceeded";
    case DropReason::kDiscard: return "discard";
    case DropReason::kNodeDown: return "node_down";
    case DropReason::kServiceDown: return "service_down";
    case DropReason::kNoListener: return "no_listener";
    case DropReason::kCount: break;
  }
  return "?";
}

uint64_t PacketCounters::dropped_total() const {
  uint64_t total = 0;
  for (uint64_t d : dropped) total += d;
  return total;
}

NodeId Network::add_node(std::string name, NodeKind kind, vendor::Vendor v) {
  const NodeId id = static_cast<NodeId>(nodes_.size());
  Node n;
  n.id = id;
  n.name = std::move(name);
  n.kind = kind;
  n.vendor = v;
  n.carrier_delay = vendor::default_carrier_delay(v);
  node_by_name_.emplace(n.name, id);
  nodes_.push_back(std::move(n));
  receivers_.push_back(nullptr);
  listeners_.emplace_back();
  powered_.push_back(1);
  return id;
}

InterfaceId Network::add_interface(NodeId node, std::string name) {
  const InterfaceId id = static_cast<InterfaceId>(interfaces_.size());
  Interface ifc;
  ifc.id = id;
  ifc.node = node;
  ifc.name = std::move(name);
  interfaces_.push_back(std::move(ifc));
  nodes_[node].interfaces.push_back(id);
  return id;
}

LinkId Network::connect(InterfaceId a, InterfaceId b, const LinkParams& params) {
  if (interfaces_[a].link != kNone || interfaces_[b].link != kNone)
    throw std::logic_error("interface already connected");
  const LinkId id = static_cast<LinkId>(links_.size());
  Link link;
  link.name = nodes_[interfaces_[a].node].name + ":" + interfaces_[a].name + "--" +
              nodes_[interfaces_[b].node].name + ":" + interfaces_[b].name;
  link.params = params;
  link.dir[0].from = a;
  link.dir[0].to = b;
  link.dir[1].from = b;
  link.dir[1].to = a;
  // Loss draws come from a stream of their own per direction (DESIGN.md: named streams).
  link.dir[0].loss_rng = sim::RandomStream(seed_, "loss:" + link.name + ":0");
  link.dir[1].loss_rng = sim::RandomStream(seed_, "loss:" + link.name + ":1");
  interfaces_[a].link = id;
  interfaces_[a].link_side = 0;
  interfaces_[b].link = id;
  interfaces_[b].link_side = 1;
  links_.push_back(std::move(link));
  return id;
}

NodeId Network::find_node(std::string_view name) const {
  auto it = node_by_name_.find(std::string(name));
  return it == node_by_name_.end() ? kNone : it->second;
}

InterfaceId Network::find_interface(NodeId node, std::string_view name) const {
  for (InterfaceId i : nodes_[node].interfaces)
    if (interfaces_[i].name == name) return i;
  return kNone;
}

InterfaceId Network::peer_of(InterfaceId ifc) const {
  const Interface& i = interfaces_[ifc];
  if (i.link == kNone) return kNone;
  return links_[i.link].dir[i.link_side].to;
}

bool Network::remove_address(InterfaceId ifc, Ipv4 addr) {
  std::vector<InterfaceAddress>& list = interfaces_[ifc].addresses;
  auto it = std::find_if(list.begin(), list.end(), [addr](const InterfaceAddress& a) { return a.addr == addr; });
  if (it == list.end()) return false;
  list.erase(it);
  return true;
}

Network::ListenerId Network::add_interface_listener(NodeId node, InterfaceListener listener) {
  listeners_[node].emplace_back(next_listener_, std::move(listener));
  return next_listener_++;
}

void Network::remove_interface_listener(NodeId node, ListenerId id) {
  auto& list = listeners_[node];
  for (auto& [lid, fn] : list)
    if (lid == id) fn = nullptr;
  // While listeners run, emptied entries stay (indices must not move).
  if (notifying_ == 0) std::erase_if(list, [](const auto& e) { return !e.second; });
}

void Network::notify_interface(InterfaceId ifc, bool oper_up) {
  auto& list = listeners_[interfaces_[ifc].node];
  struct Depth {
    int& n;
    explicit Depth(int& d) : n(d) { ++n; }
    ~Depth() { --n; }
  };
  {
    Depth depth(notifying_);
    // By index, and each listener called through a copy: a listener may add
    // or remove listeners (a daemon restarting) while this runs.
    for (size_t k = 0; k < list.size(); ++k) {
      if (!list[k].second) continue;
      InterfaceListener fn = list[k].second;
      fn(ifc, oper_up);
    }
  }
  if (notifying_ == 0) std::erase_if(list, [](const auto& e) { return !e.second; });
}

// --- link state ----------------------------------------------------------------

void Network::schedule_oper_change(InterfaceId ifc, bool up) {
  const Node& n = nodes_[interfaces_[ifc].node];
  sim_.schedule_in(n.carrier_delay, [this, ifc, up] {
    Interface& i = interfaces_[ifc];
    // A later change may have overtaken this one; apply only what the wire says now.
    if (links_[i.link].carrier != up || i.carrier == up) return;
    const bool was_up = i.oper_up();
    i.carrier = up;
    sim_.trace().record(sim_.now(), nodes_[i.node].name, "link",
                        i.name + (up ? " up" : " down"));
    if (was_up != i.oper_up()) notify_interface(ifc, i.oper_up());
  });
}

void Network::set_interface_carrier(InterfaceId ifc, bool up) {
  Interface& i = interfaces_[ifc];
  if (i.carrier == up) return;
  const bool was_up = i.oper_up();
  i.carrier = up;
  sim_.trace().record(sim_.now(), nodes_[i.node].name, "link", i.name + (up ? " up" : " down"));
  if (was_up != i.oper_up()) notify_interface(ifc, i.oper_up());
}

void Network::set_carrier(LinkId id, bool up) {
  links_[id].scripted_carrier = up;
  apply_carrier(id);
}

void Network::set_node_power(NodeId node, bool on) {
  if (node_powered(node) == on) return;
  powered_[node] = on ? 1 : 0;
  sim_.trace().record(sim_.now(), nodes_[node].name, "node", on ? "power on" : "power off");
  for (InterfaceId i : nodes_[node].interfaces) {
    if (interfaces_[i].link != kNone) apply_carrier(interfaces_[i].link);
    // Off: the node's own interfaces are gone at once (no carrier delay on a
    // dead box). On: loopbacks come up with the box; linked interfaces wait
    // for the carrier delay that apply_carrier scheduled.
    if (!on || interfaces_[i].link == kNone) set_interface_carrier(i, on);
  }
}

void Network::apply_carrier(LinkId id) {
  Link& link = links_[id];
  const bool up = link.scripted_carrier && node_powered(interfaces_[link.dir[0].from].node) &&
                  node_powered(interfaces_[link.dir[0].to].node);
  if (link.carrier == up) return;
  link.carrier = up;
  sim_.trace().record(sim_.now(), link.name, "link", up ? "carrier up" : "carrier down");
  if (!up)
    for (Direction& d : link.dir) ++d.epoch;  // what is on the wire is lost
  for (Direction& d : link.dir) {
    // The queue is lost with the carrier: its serialisation never happens.
    if (d.busy_until > sim_.now()) d.stats.busy_ps -= (d.busy_until - sim_.now()).ps();
    d.busy_until = sim_.now();
    schedule_oper_change(d.from, up);
  }
}

void Network::set_silent(LinkId id, int side, bool silent) {
  Link& link = links_[id];
  for (int s = 0; s < 2; ++s) {
    if (side != -1 && side != s) continue;
    Direction& d = link.dir[s];
    if (d.silent == silent) continue;
    d.silent = silent;
    if (silent) ++d.epoch;
    sim_.trace().record(sim_.now(), link.name, "link",
                        std::string(silent ? "silent " : "unsilent ") +
                            nodes_[interfaces_[d.from].node].name + "->" +
                            nodes_[interfaces_[d.to].node].name);
  }
}

void Network::set_loss(LinkId id, int side, double probability) {
  Link& link = links_[id];
  for (int s = 0; s < 2; ++s) {
    if (side != -1 && side != s) continue;
    Direction& d = link.dir[s];
    d.loss = probability;
    sim_.trace().record(sim_.now(), link.name, "link",
                        "loss " + std::to_string(probability) + " " +
                            nodes_[interfaces_[d.from].node].name + "->" +
                            nodes_[interfaces_[d.to].node].name);
  }
}

void Network::restore(LinkId id) {
  for (int s = 0; s < 2; ++s) {
    if (links_[id].dir[s].loss != 0.0) set_loss(id, s, 0.0);
    set_silent(id, s, false);
    set_admin_up(links_[id].dir[s].from, true);
  }
  set_carrier(id, true);
}

void Network::set_admin_up(InterfaceId ifc, bool up) {
  Interface& i = interfaces_[ifc];
  if (i.admin_up == up) return;
  const bool was_up = i.oper_up();
  i.admin_up = up;
  sim_.trace().record(sim_.now(), nodes_[i.node].name, "link",
                      i.name + (up ? " admin up" : " admin down"));
  if (!up && i.link != kNone) {
    // A shut port flushes its transmit queue: what it had not sent is lost.
    // The far end's direction keeps going; arrive() drops what reaches a shut port.
    Direction& d = links_[i.link].dir[i.link_side];
    ++d.epoch;
    if (d.busy_until > sim_.now()) d.stats.busy_ps -= (d.busy_until - sim_.now()).ps();
    d.busy_until = sim_.now();
  }
  if (was_up != i.oper_up()) notify_interface(ifc, i.oper_up());
}

// --- packets -----------------------------------------------------------------------

PacketId Network::originate(const Packet& p) {
  ++counters_[p.control ? 1 : 0].sent;
  return pool_.allocate(p);
}

PacketId Network::originate(const Packet& p, std::unique_ptr<Message> msg) {
  ++counters_[1].sent;
  return pool_.allocate(p, std::move(msg));
}

void Network::deliver(PacketId packet) {
  const Packet& p = pool_[packet];
  ++counters_[p.control ? 1 : 0].delivered;
  if (!p.control)
    for (PacketObserver* o : observers_) o->on_delivered(p);
  pool_.release(packet);
}

void Network::drop(PacketId packet, DropReason reason) {
  const Packet& p = pool_[packet];
  ++counters_[p.control ? 1 : 0].dropped[static_cast<size_t>(reason)];
  if (!p.control)
    for (PacketObserver* o : observers_) o->on_dropped(p, reason);
  pool_.release(packet);
}

std::string Network::check_accounting() const {
  std::string problems;
  const auto fail = [&](const std::string& what) { problems += (problems.empty() ? "" : "; ") + what; };
  const uint64_t alive[2] = {pool_.in_use() - pool_.control_in_use(), pool_.control_in_use()};
  for (int c = 0; c < 2; ++c) {
    const PacketCounters& k = counters_[c];
    const std::string kind = c ? "control" : "data";
    const uint64_t ended = k.delivered + k.dropped_total();
    if (ended > k.sent) {
      fail(kind + " packets: " + std::to_string(k.delivered) + " delivered + " +
           std::to_string(k.dropped_total()) + " dropped exceed " + std::to_string(k.sent) + " sent");
    } else if (k.in_flight() != alive[c]) {
      fail(kind + " packets: " + std::to_string(k.in_flight()) + " in flight by the counters (sent " +
           std::to_string(k.sent) + " - delivered " + std::to_string(k.delivered) + " - dropped " +
           std::to_string(k.dropped_total()) + ") but " + std::to_string(alive[c]) +
           " alive in the packet pool");
    }
  }
  if (pool_.bad_releases() != 0)
    fail(std::to_string(pool_.bad_releases()) + " packets released that were not in use");
  return problems;
}

sim::Duration Network::serialisation(const Link& link, uint32_t bytes) const {
  // ceil(bits * 1e12 / bps) picoseconds; 128-bit so jumbo frames on slow links cannot overflow.
  const u128 num = static_cast<u128>(bytes) * 8u * 1'000'000'000'000u;
  const u128 bps = link.params.bandwidth_bps;
  return sim::Duration::picoseconds(static_cast<int64_t>((num + bps - 1) / bps));
}

void Network::transmit(InterfaceId out, PacketId packet) {
  const Interface& ifc = interfaces_[out];
  if (!node_powered(ifc.node)) return drop(packet, DropReason::kNodeDown);
  if (ifc.link == kNone || !ifc.oper_up()) return drop(packet, DropReason::kLinkDown);
  Link& link = links_[ifc.link];
  Direction& d = link.dir[ifc.link_side];
  const uint32_t bytes = pool_[packet].size_bytes;
  if (!link.carrier) {
    ++d.stats.drops_link_down;
    return drop(packet, DropReason::kLinkDown);
  }
  if (bytes > link.params.mtu) {
    ++d.stats.drops_mtu;
    return drop(packet, DropReason::kMtu);
  }
  // Drop-tail: the buffer holds every byte not yet on the wire, the packet in
  // service included. Backlog is derived from when the transmitter frees up.
  const sim::Time now = sim_.now();
  const sim::Time start = d.busy_until > now ? d.busy_until : now;
  // (An idle transmitter, the common case, skips the 128-bit division.)
  const uint64_t backlog_bytes =
      start == now ? 0
                   : static_cast<uint64_t>(
                         (static_cast<u128>((start - now).ps()) * link.params.bandwidth_bps) /
                         (8u * 1'000'000'000'000u));
  if (backlog_bytes + bytes > link.params.queue_bytes) {
    ++d.stats.drops_queue_full;
    return drop(packet, DropReason::kQueueFull);
  }
  if (d.silent) {
    ++d.stats.drops_silent;
    return drop(packet, DropReason::kSilent);
  }
  // The loss draw happens only on lossy links, so setting loss on one link
  // does not change the random numbers any other link sees.
  if (d.loss > 0.0 && d.loss_rng.bernoulli(d.loss)) {
    ++d.stats.drops_loss;
    return drop(packet, DropReason::kLoss);
  }
  // Most packets on a link have the size of the one before: reuse its
  // serialisation time rather than divide again.
  if (bytes != d.last_bytes) {
    d.last_bytes = bytes;
    d.last_serialisation = serialisation(link, bytes);
  }
  const sim::Duration busy = d.last_serialisation;
  d.busy_until = start + busy;
  d.stats.busy_ps += busy.ps();
  ++d.stats.packets;
  d.stats.bytes += bytes;
  if (backlog_bytes + bytes > d.stats.peak_queue_bytes) d.stats.peak_queue_bytes = backlog_bytes + bytes;
  const LinkId link_id = ifc.link;
  const int side = ifc.link_side;
  const uint32_t epoch = d.epoch;
  sim_.schedule_at(d.busy_until + link.params.delay,
                   [this, link_id, side, epoch, packet] { arrive(link_id, side, epoch, packet); });
}

sim::Duration Network::busy_time(LinkId id, int side) const {
  const Direction& d = links_[id].dir[side];
  const sim::Time now = sim_.now();
  const int64_t queued = d.busy_until > now ? (d.busy_until - now).ps() : 0;
  return sim::Duration::picoseconds(d.stats.busy_ps - queued);
}

void Network::arrive(LinkId link_id, int side, uint32_t epoch, PacketId packet) {
  Direction& d = links_[link_id].dir[side];
  if (d.epoch != epoch) {
    // The wire failed while the packet was on it (or queued for it).
    if (d.silent) {
      ++d.stats.drops_silent;
      return drop(packet, DropReason::kSilent);
    }
    ++d.stats.drops_link_down;
    return drop(packet, DropReason::kLinkDown);
  }
  if (!interfaces_[d.to].admin_up) {
    // Shut at the far end while this end kept carrier (port-down): lost on arrival.
    ++d.stats.drops_link_down;
    return drop(packet, DropReason::kLinkDown);
  }
  const NodeId to = interfaces_[d.to].node;
  if (!node_powered(to)) return drop(packet, DropReason::kNodeDown);
  if (PacketReceiver* r = receivers_[to]) return r->receive(d.to, packet);
  deliver(packet);
}

}  // namespace net

