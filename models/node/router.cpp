#include "models/node/router.hpp"

#include <algorithm>
#include <stdexcept>

#include "models/rib/preference.hpp"
#include "sim/engine/random.hpp"

namespace node {

Router::Router(net::Network& network, net::NodeId node, rib::FibOptions fib_options)
    : network_(network),
      node_(node),
      rib_(network.node(node).vendor),
      // The vendor's hash, salted by the node's name so that tiers do not
      // polarise unless a scenario gives them the same seed.
      forwarder_(network, node, fib_,
                 EcmpConfig{default_ecmp_mode(network.node(node).vendor),
                            mix64(sim::hash_name(network.node(node).name))}) {
  fib_sync_ = std::make_unique<rib::FibSync>(network.simulator(), rib_, fib_, fib_options);
  network_.set_receiver(node_, this);
  refresh_local_addresses();
}

Router::~Router() {
  if (started_) network_.remove_interface_listener(node_, interface_listener_);
  network_.set_receiver(node_, nullptr);
}

void Router::start() {
  if (started_) return;
  started_ = true;
  refresh_local_addresses();
  interface_listener_ = network_.add_interface_listener(
      node_, [this](net::InterfaceId i, bool up) { on_interface_change(i, up); });
  for (net::InterfaceId i : node().interfaces)
    if (network_.interface(i).oper_up()) install_connected(i);
  for (const StaticRoute& r : static_routes_) install_static(r);
}

void Router::add_static_route(const StaticRoute& route) { static_routes_.push_back(route); }

void Router::add_control_handler(net::Ipv4 local, net::Ipv4 remote, net::IpProto proto,
                                 ControlHandler handler) {
  control_handlers_[{local.value, remote.value, static_cast<uint8_t>(proto)}] = std::move(handler);
}

void Router::remove_control_handler(net::Ipv4 local, net::Ipv4 remote, net::IpProto proto) {
  control_handlers_.erase({local.value, remote.value, static_cast<uint8_t>(proto)});
}

void Router::add_link_handler(net::InterfaceId in, net::IpProto proto, ControlHandler handler) {
  link_handlers_[{in, static_cast<uint8_t>(proto)}] = std::move(handler);
}

void Router::remove_link_handler(net::InterfaceId in, net::IpProto proto) {
  link_handlers_.erase({in, static_cast<uint8_t>(proto)});
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
  for (const net::InterfaceAddress& a : network_.interface(ifc).addresses) install_connected(ifc, a);
}

void Router::install_connected(net::InterfaceId ifc, const net::InterfaceAddress& a) {
  if (!routable(a)) return;
  // One route per (subnet, interface): a second address in the same subnet
  // makes an identical update, which the RIB ignores.
  rib::Route r;
  r.prefix = a.subnet();
  r.protocol = rib::Protocol::kDirect;
  r.next_hops = {rib::NextHop{net::Ipv4{}, ifc}};
  r.preference = rib::default_internal_preference(vendor(), rib::Protocol::kDirect);
  r.source = ifc;
  rib_.update(std::move(r));
}

void Router::reinstall_statics() {
  for (const StaticRoute& r : static_routes_)
    if (!r.discard()) install_static(r);
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
  if (!up_) return;  // a crashed node's routes are gone already; boot() rebuilds them
  if (up)
    install_connected(ifc);
  else
    withdraw_connected(ifc);
  reinstall_statics();
}

// --- scripted events ---------------------------------------------------------------

void Router::crash() {
  if (!up_) return;
  up_ = false;
  for (net::InterfaceId i : node().interfaces) withdraw_connected(i);
  for (const StaticRoute& r : static_routes_)
    rib_.withdraw(r.prefix, rib::Protocol::kStatic,
                  static_cast<rib::SourceId>(&r - static_routes_.data()));
  fib_sync_->clear();
  network_.set_node_power(node_, false);
}

void Router::boot() {
  if (up_) return;
  up_ = true;
  network_.set_node_power(node_, true);  // loopbacks are up at once, links after the carrier delay
  refresh_local_addresses();
  if (!started_) return;
  for (net::InterfaceId i : node().interfaces)
    if (network_.interface(i).oper_up()) install_connected(i);
  for (const StaticRoute& r : static_routes_) install_static(r);
  // Whatever else the RIB still holds reaches the FIB again too.
  fib_sync_->resync();
}

bool Router::add_address(net::InterfaceId ifc, net::InterfaceAddress address) {
  if (ifc >= network_.interface_count() || network_.interface(ifc).node != node_)
    throw std::invalid_argument("interface is not on " + node().name);
  for (const net::InterfaceAddress& a : network_.interface(ifc).addresses)
    if (a.addr == address.addr) return false;
  network_.add_address(ifc, address);
  refresh_local_addresses();
  simulator().trace().record(simulator().now(), node().name, "address",
                             network_.interface(ifc).name + " add " + address.to_string());
  if (up_ && started_ && network_.interface(ifc).oper_up()) {
    install_connected(ifc, address);
    reinstall_statics();
  }
  return true;
}

bool Router::remove_address(net::InterfaceId ifc, net::Ipv4 address) {
  if (ifc >= network_.interface_count() || network_.interface(ifc).node != node_)
    throw std::invalid_argument("interface is not on " + node().name);
  const auto& list = network_.interface(ifc).addresses;
  auto it = std::find_if(list.begin(), list.end(),
                         [address](const net::InterfaceAddress& a) { return a.addr == address; });
  if (it == list.end()) return false;
  const net::InterfaceAddress removed = *it;
  network_.remove_address(ifc, address);
  refresh_local_addresses();
  simulator().trace().record(simulator().now(), node().name, "address",
                             network_.interface(ifc).name + " del " + removed.to_string());
  if (!up_ || !started_ || !routable(removed)) return true;
  const net::Prefix subnet = removed.subnet();
  const bool still_covered =
      std::any_of(list.begin(), list.end(), [&](const net::InterfaceAddress& a) {
        return routable(a) && a.subnet() == subnet;
      });
  if (!still_covered) rib_.withdraw(subnet, rib::Protocol::kDirect, ifc);
  reinstall_statics();
  return true;
}

void Router::set_service_up(net::Ipv4 address, bool up) {
  if (up == service_up(address)) return;
  if (up)
    services_down_.erase(address.value);
  else
    services_down_.insert(address.value);
  simulator().trace().record(simulator().now(), node().name, "service",
                             address.to_string() + (up ? " up" : " down"));
}

// --- packets --------------------------------------------------------------------

void Router::receive(net::InterfaceId in, net::PacketId id) {
  if (!up_) return network_.drop(id, net::DropReason::kNodeDown);
  const net::Packet& p = network_.packets()[id];
  if ((p.dst.value >> 8) == (224u << 16)) {  // 224.0.0.0/24: link-local multicast
    if (p.control) {
      auto it = link_handlers_.find({in, static_cast<uint8_t>(p.proto)});
      if (it == link_handlers_.end()) return network_.drop(id, net::DropReason::kNoListener);
      it->second(p, *network_.packets().message(id));
    }
    return network_.deliver(id);
  }
  if (is_local_address(p.dst)) return deliver_local(id);
  forwarder_.forward(id, true);
}

void Router::send(net::PacketId id) {
  if (!up_) return network_.drop(id, net::DropReason::kNodeDown);
  if (is_local_address(network_.packets()[id].dst)) return deliver_local(id);
  forwarder_.forward(id, false);
}

void Router::deliver_local(net::PacketId id) {
  const net::Packet& p = network_.packets()[id];
  if (p.control) {
    auto it = control_handlers_.find({p.dst.value, p.src.value, static_cast<uint8_t>(p.proto)});
    // A daemon that is not running (crashed, not configured for this peer).
    if (it == control_handlers_.end()) return network_.drop(id, net::DropReason::kNoListener);
    it->second(p, *network_.packets().message(id));
    return network_.deliver(id);
  }
  if (!services_down_.empty() && !service_up(p.dst))
    return network_.drop(id, net::DropReason::kServiceDown);
  network_.deliver(id);
}

}  // namespace node
