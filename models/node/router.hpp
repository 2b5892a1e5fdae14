// One node's routing stack at run time: its RIB, FIB, connected and static
// routes, the demultiplexing of packets addressed to it, and its data plane
// (Forwarder, models/node/forwarding.hpp) for everything else.
//
// Protocols attach to a Router: they put routes into its RIB, listen to it
// for redistribution, and register for the control packets they receive.
// The Router knows no protocol: a control packet is handed to whichever
// handler registered for (local address, remote address, IP protocol); a
// control packet nobody registered for is dropped (no_listener), as a host
// discards what no socket takes.
//
// Scripted node events (issue 6):
//   crash()/boot()  power off and on: the Router's own routes go, the FIB is
//                   emptied at once (the kernel or PFE is gone), every packet
//                   to or from the node is dropped (node_down). Protocols are
//                   not the Router's: destroy them before crash() (their
//                   destructors withdraw their routes and unregister) and
//                   create and start new ones after boot().
//   add_address()/remove_address()  `ip addr add/del`: the connected route of
//                   that one address follows (a /32 on a loopback is how a
//                   host's service route appears and disappears).
//   set_service_up()  whether the service behind a local address answers;
//                   data for a down service is dropped (service_down).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
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
  void remove_control_handler(net::Ipv4 local, net::Ipv4 remote, net::IpProto proto);
  // Link-local multicast (224.0.0.0/24, e.g. OSPF's AllSPFRouters) arriving on
  // `in` with protocol `proto`; such packets are never forwarded.
  void add_link_handler(net::InterfaceId in, net::IpProto proto, ControlHandler handler);
  void remove_link_handler(net::InterfaceId in, net::IpProto proto);

  // --- scripted events -----------------------------------------------------------
  // Powers the node off: withdraws the connected and static routes, empties
  // the FIB at once, powers the node off in the Network (its links lose
  // carrier) and drops every packet it receives or sends (node_down).
  void crash();
  // Powers the node on: connected routes of the interfaces that are up (links
  // come up after the carrier delay) and static routes return; the FIB
  // follows through FibSync with its install delay, as at start.
  void boot();
  bool up() const { return up_; }
  // Add or remove one address of one of this node's interfaces; false when
  // it is already there / not there. The connected route of that address is
  // added or withdrawn (withdrawn only if no other address on the interface
  // covers the same subnet), static routes are re-resolved.
  bool add_address(net::InterfaceId ifc, net::InterfaceAddress address);
  bool remove_address(net::InterfaceId ifc, net::Ipv4 address);
  // Services behind local addresses are up unless set down.
  void set_service_up(net::Ipv4 address, bool up);
  bool service_up(net::Ipv4 address) const { return !services_down_.count(address.value); }

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
  // A packet addressed to this node: to its protocol handler, or delivered.
  void deliver_local(net::PacketId packet);
  void install_connected(net::InterfaceId ifc);
  void install_connected(net::InterfaceId ifc, const net::InterfaceAddress& a);
  void reinstall_statics();
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
  bool started_ = false;
  bool up_ = true;
  net::Network::ListenerId interface_listener_ = 0;
  std::set<uint32_t> services_down_;
};

}  // namespace node
