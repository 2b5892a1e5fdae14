#include "models/ospf/interface.hpp"

#include <algorithm>

#include "models/ospf/process.hpp"

namespace ospf {

std::string_view to_string(InterfaceState s) {
  switch (s) {
    case InterfaceState::kDown: return "Down";
    case InterfaceState::kLoopback: return "Loopback";
    case InterfaceState::kPointToPoint: return "PtToPt";
  }
  return "?";
}

Interface::Interface(OspfProcess& process, const OspfInterfaceConfig& config, uint32_t cost,
                     uint16_t hello_s, uint32_t dead_s, uint64_t run_seed)
    : process_(process),
      config_(config),
      cost_(cost),
      hello_s_(hello_s),
      dead_s_(dead_s),
      run_seed_(run_seed),
      hello_timer_(process.sim_, [this] { on_hello_timer(); }) {}

const std::string& Interface::name() const { return process_.router_.network().interface(id()).name; }

uint32_t Interface::mtu() const {
  const net::Network& network = process_.router_.network();
  const net::LinkId link = network.interface(id()).link;
  return link == net::kNone ? 1500 : network.link_params(link).mtu;
}

const std::vector<net::InterfaceAddress>& Interface::addresses() const {
  return process_.router_.network().interface(id()).addresses;
}

net::InterfaceAddress Interface::address() const {
  for (const net::InterfaceAddress& a : addresses())
    if ((a.addr.value >> 24) != 127) return a;
  return net::InterfaceAddress{net::Ipv4{}, 32};
}

Neighbor* Interface::find_neighbor(net::Ipv4 router_id) {
  for (auto& n : neighbors_)
    if (n->router_id() == router_id) return n.get();
  return nullptr;
}

void Interface::set_state(InterfaceState to) {
  if (to == state_) return;
  process_.trace("interface " + name() + ": " + std::string(to_string(state_)) + " -> " +
                 std::string(to_string(to)));
  state_ = to;
  // §12.4 event 2: the Router-LSA describes the interface's state.
  process_.request_origination(process_.router_lsa_key());
  // The root's links and connected networks changed: recalculate even if
  // MinLSInterval holds the new Router-LSA back.
  process_.schedule_spf();
}

// --- §9.3 events -----------------------------------------------------------------------

void Interface::InterfaceUp() {
  if (state_ != InterfaceState::kDown) return;
  set_state(InterfaceState::kPointToPoint);
  if (config_.passive) return;
  // Hellos start with the interface; some daemons wait a moment before the first.
  const sim::Duration first = process_.timers_.first_hello_delay;
  if (first == sim::Duration::zero()) {
    on_hello_timer();
  } else {
    hello_timer_.start(first);
  }
}

void Interface::InterfaceDown() {
  if (state_ == InterfaceState::kDown) return;
  hello_timer_.stop();
  for (auto& n : neighbors_) n->KillNbr();
  set_state(InterfaceState::kDown);
}

void Interface::LoopInd() {
  hello_timer_.stop();
  for (auto& n : neighbors_) n->KillNbr();
  set_state(InterfaceState::kLoopback);
}

void Interface::UnloopInd() {
  if (state_ == InterfaceState::kLoopback) set_state(InterfaceState::kDown);
}

// --- Hellos (§9.5, §10.5) -----------------------------------------------------------

void Interface::on_hello_timer() {
  send_hello();
  hello_timer_.start(sim::Duration::seconds(hello_s_));
}

void Interface::send_hello() {
  auto hello = std::make_unique<Hello>();
  hello->network_mask = net::Prefix::mask_of(address().len);
  hello->hello_interval_s = hello_s_;
  hello->dead_interval_s = dead_s_;
  for (const auto& n : neighbors_)
    if (n->state() >= NeighborState::kInit) hello->neighbors.push_back(n->router_id());
  send(std::move(hello));
}

void Interface::receive_hello(net::Ipv4 source, const Hello& hello) {
  ++process_.counters_.hellos_received;
  // §10.5: HelloInterval and RouterDeadInterval must match, or the Hello is
  // dropped (the network mask is not checked on point-to-point networks).
  if (hello.hello_interval_s != hello_s_ || hello.dead_interval_s != dead_s_) {
    ++hellos_mismatched_;
    ++process_.counters_.hellos_mismatched;
    if (mismatch_reported_.insert(hello.router_id).second)
      process_.trace("hello from " + hello.router_id.to_string() + " on " + name() +
                     " dropped: hello/dead " + std::to_string(hello.hello_interval_s) + "/" +
                     std::to_string(hello.dead_interval_s) + " vs ours " +
                     std::to_string(hello_s_) + "/" + std::to_string(dead_s_));
    return;
  }
  mismatch_reported_.erase(hello.router_id);
  // Point-to-point neighbours are identified by Router ID.
  Neighbor* n = find_neighbor(hello.router_id);
  if (!n) {
    neighbors_.push_back(std::make_unique<Neighbor>(*this, hello.router_id, source, run_seed_));
    n = neighbors_.back().get();
  }
  n->set_address(source);
  n->HelloReceived();
  const bool listed = std::find(hello.neighbors.begin(), hello.neighbors.end(),
                                process_.router_id()) != hello.neighbors.end();
  if (listed) {
    n->TwoWayReceived();
  } else {
    n->OneWayReceived();
  }
}

// --- packet I/O -------------------------------------------------------------------------

void Interface::receive(net::Ipv4 source, const Packet& packet) {
  if (!active() || packet.router_id == process_.router_id()) return;
  if (packet.type() == PacketType::kHello) {
    receive_hello(source, static_cast<const Hello&>(packet));
    return;
  }
  Neighbor* n = find_neighbor(packet.router_id);
  if (!n) return;  // §8.2: only Hellos come from unknown neighbours
  switch (packet.type()) {
    case PacketType::kDatabaseDescription:
      n->receive(static_cast<const DatabaseDescription&>(packet));
      break;
    case PacketType::kLinkStateRequest:
      n->receive(static_cast<const LinkStateRequest&>(packet));
      break;
    case PacketType::kLinkStateUpdate:
      process_.receive_update(*n, static_cast<const LinkStateUpdate&>(packet));
      break;
    case PacketType::kLinkStateAck:
      process_.receive_ack(*n, static_cast<const LinkStateAck&>(packet));
      break;
    case PacketType::kHello:
      break;
  }
}

void Interface::send(std::unique_ptr<Packet> packet) {
  if (!active()) return;
  packet->router_id = process_.router_id();
  OspfCounters& c = process_.counters_;
  switch (packet->type()) {
    case PacketType::kHello: ++c.hellos_sent; break;
    case PacketType::kDatabaseDescription: ++c.dd_sent; break;
    case PacketType::kLinkStateRequest: ++c.lsr_sent; break;
    case PacketType::kLinkStateUpdate: ++c.lsu_sent; break;
    case PacketType::kLinkStateAck: ++c.lsack_sent; break;
  }
  net::Packet p;
  p.src = address().addr;
  p.dst = kAllSpfRouters;
  p.proto = net::IpProto::kOspf;
  p.ttl = 1;
  p.size_bytes = kIpHeaderBytes + packet->wire_bytes();
  p.created = process_.now();
  net::Network& network = process_.router_.network();
  network.transmit(id(), network.originate(p, std::move(packet)));
}

void Interface::send_update(std::vector<LsaCopy> lsas) {
  const uint32_t budget = update_budget_bytes(mtu());
  auto lsu = std::make_unique<LinkStateUpdate>();
  uint32_t bytes = 0;
  for (LsaCopy& c : lsas) {
    if (!lsu->lsas.empty() && bytes + c.lsa->length() > budget) {
      send(std::move(lsu));
      lsu = std::make_unique<LinkStateUpdate>();
      bytes = 0;
    }
    bytes += c.lsa->length();
    lsu->lsas.push_back(std::move(c));
  }
  if (!lsu->lsas.empty()) send(std::move(lsu));
}

}  // namespace ospf
