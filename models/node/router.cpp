#include "models/node/router.hpp"

#include <algorithm>

#include "models/rib/preference.hpp"
#include "sim/engine/random.hpp"

namespace node {

Router::Router(net::Network& network, net::NodeId node, rib::FibOptions fib_options)
    : network_(network),
      node_(node),
      rib_(network.node(node).vendor),
      // The vendor's hash, salted by the node's name so that tiers do not
      // polarise unless a scenario gives them the same seed.
      forwarder_(network, fib_,
                 EcmpConfig{default_ecmp_mode(network.node(node).vendor),
                            mix64(sim::hash_name(network.node(node).name))}) {
  fib_sync_ = std::make_unique<rib::FibSync>(network.simulator(), rib_, fib_, fib_options);
  network_.set_receiver(node_, this);
  refresh_local_addresses();
}

Router::~Router() { network_.set_receiver(node_, nullptr); }

void Router::start() {
  refresh_local_addresses();
  network_.add_interface_listener(node_, [this](net::InterfaceId i, bool up) { on_interface_change(i, up); });
  for (net::InterfaceId i : node().interfaces)
    if (network_.interface(i).oper_up()) install_connected(i);
  for (const StaticRoute& r : static_routes_) install_static(r);
}

void Router::add_static_route(const StaticRoute& route) { static_routes_.push_back(route); }

void Router::add_control_handler(net::Ipv4 local, net::Ipv4 remote, net::IpProto proto,
                                 ControlHandler handler) {
  control_handlers_[{local.value, remote.value, static_cast<uint8_t>(proto)}] = std::move(handler);
}

void Router::add_link_handler(net::InterfaceId in, net::IpProto proto, ControlHandler handler) {
  link_handlers_[{in, static_cast<uint8_t>(proto)}] = std::move(handler);
}

std::optional<Router::Attachment> Router::attachment(net::Ipv4 neighbour) const {
  for (net::InterfaceId i : node().interfaces) {
    if (network_.interface(i).link == net::kNone) continue;
    for (const net::InterfaceAddress& a : network_.interface(i).addresses)
      if (a.len < 32 && a.subnet().contains(neighbour) && a.addr != neighbour)
        return Attachment{i, a.addr};
  }
  return std::nullopt;
}

net::InterfaceId Router::connected_interface(net::Ipv4 address) const {
  const std::optional<Attachment> at = attachment(address);
  return at && network_.interface(at->interface).oper_up() ? at->interface : net::kNone;
}

void Router::refresh_local_addresses() {
  local_addresses_.clear();
  for (net::InterfaceId i : node().interfaces)
    for (const net::InterfaceAddress& a : network_.interface(i).addresses)
      local_addresses_.push_back(a.addr.value);
  std::sort(local_addresses_.begin(), local_addresses_.end());
}

bool Router::is_local_address(net::Ipv4 address) const {
  return std::binary_search(local_addresses_.begin(), local_addresses_.end(), address.value);
}

// --- connected and static routes ------------------------------------------------

namespace {
// 127.0.0.0/8 is host-scope: routing daemons do not carry it.
bool routable(const net::InterfaceAddress& a) { return (a.addr.value >> 24) != 127; }
}  // namespace

void Router::install_connected(net::InterfaceId ifc) {
  for (const net::InterfaceAddress& a : network_.interface(ifc).addresses) {
    if (!routable(a)) continue;
    rib::Route r;
    r.prefix = a.subnet();
    r.protocol = rib::Protocol::kDirect;
    r.next_hops = {rib::NextHop{net::Ipv4{}, ifc}};
    r.preference = rib::default_internal_preference(vendor(), rib::Protocol::kDirect);
    r.source = ifc;
    rib_.update(std::move(r));
  }
}

void Router::withdraw_connected(net::InterfaceId ifc) {
  for (const net::InterfaceAddress& a : network_.interface(ifc).addresses)
    if (routable(a)) rib_.withdraw(a.subnet(), rib::Protocol::kDirect, ifc);
}

void Router::install_static(const StaticRoute& route) {
  const rib::SourceId source = static_cast<rib::SourceId>(&route - static_routes_.data());
  rib::Route r;
  r.prefix = route.prefix;
  r.protocol = rib::Protocol::kStatic;
  r.source = source;
  r.preference = route.preference ? rib::to_internal(vendor(), *route.preference)
                                  : rib::default_internal_preference(vendor(), rib::Protocol::kStatic);
  // A gateway is usable only while it is on a connected subnet that is up;
  // the route lasts as long as one of its gateways does.
  for (net::Ipv4 via : route.via) {
    const net::InterfaceId out = connected_interface(via);
    if (out != net::kNone) r.next_hops.push_back(rib::NextHop{via, out});
  }
  if (!route.discard() && r.next_hops.empty()) {
    rib_.withdraw(route.prefix, rib::Protocol::kStatic, source);
    return;
  }
  rib_.update(std::move(r));
}

void Router::on_interface_change(net::InterfaceId ifc, bool up) {
  if (up)
    install_connected(ifc);
  else
    withdraw_connected(ifc);
  for (const StaticRoute& r : static_routes_)
    if (!r.discard()) install_static(r);
}

// --- packets --------------------------------------------------------------------

void Router::receive(net::InterfaceId in, net::PacketId id) {
  const net::Packet& p = network_.packets()[id];
  if ((p.dst.value >> 8) == (224u << 16)) {  // 224.0.0.0/24: link-local multicast
    auto it = link_handlers_.find({in, static_cast<uint8_t>(p.proto)});
    if (it != link_handlers_.end() && p.control) it->second(p, *network_.packets().message(id));
    return network_.deliver(id);
  }
  if (is_local_address(p.dst)) {
    if (p.control) {
      auto it = control_handlers_.find({p.dst.value, p.src.value, static_cast<uint8_t>(p.proto)});
      if (it != control_handlers_.end()) it->second(p, *network_.packets().message(id));
    }
    return network_.deliver(id);
  }
  forwarder_.forward(id, true);
}

void Router::send(net::PacketId id) {
  if (is_local_address(network_.packets()[id].dst)) return network_.deliver(id);
  forwarder_.forward(id, false);
}

}  // namespace node
