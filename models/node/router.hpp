// One node's routing stack at run time: its RIB, FIB, connected and static
// routes, the demultiplexing of packets addressed to it, and its data plane
// (Forwarder, models/node/forwarding.hpp) for everything else.
//
// Protocols attach to a Router: they put routes into its RIB, listen to it
// for redistribution, and register for the control packets they receive.
// The Router knows no protocol: a control packet is handed to whichever
// handler registered for (local address, remote address, IP protocol).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <tuple>
#include <vector>

#include "models/net/network.hpp"
#include "models/node/forwarding.hpp"
#include "models/rib/fib.hpp"
#include "models/rib/fib_sync.hpp"
#include "models/rib/rib.hpp"

namespace node {

struct StaticRoute {
  net::Prefix prefix;
  // Gateways; several make an ECMP route (Junos `next-hop [ a b ]`, BIRD
  // `via a via b`). None: a discard route (Junos `discard`, BIRD `blackhole`).
  std::vector<net::Ipv4> via;
  std::optional<uint32_t> preference;  // vendor convention; default for the vendor

  bool discard() const { return via.empty(); }
};

class Router : public net::PacketReceiver {
 public:
  // Receives one control packet addressed to this node (counted delivered after).
  using ControlHandler = std::function<void(const net::Packet&, const net::Message&)>;

  Router(net::Network& network, net::NodeId node, rib::FibOptions fib_options);
  ~Router() override;
  Router(const Router&) = delete;
  Router& operator=(const Router&) = delete;

  // Installs connected routes for the interfaces that are up, then follows
  // interface state. Call once the topology is complete.
  void start();
  void add_static_route(const StaticRoute& route);

  void add_control_handler(net::Ipv4 local, net::Ipv4 remote, net::IpProto proto,
                           ControlHandler handler);
  // Link-local multicast (224.0.0.0/24, e.g. OSPF's AllSPFRouters) arriving on
  // `in` with protocol `proto`; such packets are never forwarded.
  void add_link_handler(net::InterfaceId in, net::IpProto proto, ControlHandler handler);

  // Where a directly connected neighbour is: the interface whose subnet holds
  // its address and this node's own address there. Loopbacks never qualify.
  struct Attachment {
    net::InterfaceId interface = net::kNone;
    net::Ipv4 local;
  };
  // Up or down (a BGP session keeps its interface across a flap); nullopt if none.
  std::optional<Attachment> attachment(net::Ipv4 neighbour) const;
  // The up interface whose subnet holds `address`, or kNone.
  net::InterfaceId connected_interface(net::Ipv4 address) const;
  // Any address on any of the node's interfaces (loopbacks included), as
  // read by start(); call refresh_local_addresses() after changing them.
  bool is_local_address(net::Ipv4 address) const;
  void refresh_local_addresses();

  // Sends a data packet this node originated (counted as sent by the
  // caller): delivered here if it is for us, else forwarded.
  void send(net::PacketId packet);
  Forwarder& forwarder() { return forwarder_; }
  const Forwarder& forwarder() const { return forwarder_; }

  net::NodeId id() const { return node_; }
  const net::Node& node() const { return network_.node(node_); }
  vendor::Vendor vendor() const { return node().vendor; }
  net::Network& network() { return network_; }
  sim::Simulator& simulator() { return network_.simulator(); }
  rib::Rib& rib() { return rib_; }
  const rib::Rib& rib() const { return rib_; }
  const rib::Fib& fib() const { return fib_; }
  rib::FibSync& fib_sync() { return *fib_sync_; }
  const rib::FibSync& fib_sync() const { return *fib_sync_; }

  void receive(net::InterfaceId in, net::PacketId packet) override;

 private:
  void on_interface_change(net::InterfaceId ifc, bool up);
  void install_connected(net::InterfaceId ifc);
  void withdraw_connected(net::InterfaceId ifc);
  void install_static(const StaticRoute& route);

  net::Network& network_;
  net::NodeId node_;
  rib::Rib rib_;
  rib::Fib fib_;  // before fib_sync_: it must outlive it
  std::unique_ptr<rib::FibSync> fib_sync_;
  Forwarder forwarder_;
  std::vector<uint32_t> local_addresses_;  // sorted: a binary search per packet
  std::vector<StaticRoute> static_routes_;
  std::map<std::tuple<uint32_t, uint32_t, uint8_t>, ControlHandler> control_handlers_;
  std::map<std::pair<net::InterfaceId, uint8_t>, ControlHandler> link_handlers_;
};

}  // namespace node
