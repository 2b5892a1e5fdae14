// The network at run time: topology, link state, and packet transport.
//
// A packet handed to transmit() waits in the outgoing interface's drop-tail
// queue, serialises at the link's bandwidth, propagates for the link's delay
// and is handed to the receiving node's PacketReceiver. Exactly one event is
// scheduled per packet per hop (its arrival).
//
// Failure modes differ on purpose (DESIGN.md):
//   down    carrier lost: packets on the wire are lost, both interfaces go
//           oper-down after their node's carrier delay, listeners are told.
//   silent  packets vanish, carrier stays up; per direction. Only protocol
//           timers can notice.
//   loss p  each packet is lost with probability p; per direction.
//   restore back to a healthy link in both directions, both ports up.
//   port down  one end's port administratively down (set_admin_up): its node
//           sees the interface go oper-down at once; the far end keeps
//           carrier and stays oper-up (a media converter or patch panel in
//           between), so only protocol timers tell it, while what it sends
//           into the link is lost on arrival and the shut port sends nothing.
//
// A node can be powered off (set_node_power): every link it has loses
// carrier as if pulled, and its own interfaces go oper-down at once. A link's
// carrier is its own scripted flag AND both of its nodes being powered, so a
// link scripted `down` stays down when its node powers back on.
#pragma once

#include <array>
#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

#include "models/net/packet.hpp"
#include "models/net/topology.hpp"
#include "sim/engine/random.hpp"
#include "sim/engine/simulator.hpp"

namespace net {

enum class DropReason : uint8_t {
  kNoRoute,
  kTtlExpired,
  kLinkDown,
  kQueueFull,
  kLoss,
  kSilent,
  kMtu,
  kDiscard,  // matched a discard route (Junos `discard`, BIRD/Linux `blackhole`)
  kNodeDown,     // reached, or was sent by, a powered-off (crashed) node
  kServiceDown,  // data for a local address whose service is down
  kNoListener,   // control packet for a node where no protocol takes it (daemon not running)
  kCount
};
std::string_view drop_reason_name(DropReason r);

// Every packet ends in exactly one of these; the rest are in flight.
struct PacketCounters {
  uint64_t sent = 0;
  uint64_t delivered = 0;
  std::array<uint64_t, static_cast<size_t>(DropReason::kCount)> dropped{};
  uint64_t dropped_total() const;
  uint64_t in_flight() const { return sent - delivered - dropped_total(); }
};

// Sees every data packet (not control) reach the end of its life: how
// traffic accounting follows flows without the network knowing about them.
class PacketObserver {
 public:
  virtual ~PacketObserver() = default;
  virtual void on_delivered(const Packet& p) = 0;
  virtual void on_dropped(const Packet& p, DropReason reason) = 0;
};

class PacketReceiver {
 public:
  virtual ~PacketReceiver() = default;
  // The packet now belongs to the receiver, which must deliver, drop or forward it.
  virtual void receive(InterfaceId in, PacketId packet) = 0;
};

class Network {
 public:
  Network(sim::Simulator& sim, uint64_t seed) : sim_(sim), seed_(seed) {}
  Network(const Network&) = delete;
  Network& operator=(const Network&) = delete;

  // --- building -----------------------------------------------------------
  NodeId add_node(std::string name, NodeKind kind, vendor::Vendor v);
  InterfaceId add_interface(NodeId node, std::string name);
  void add_address(InterfaceId ifc, InterfaceAddress addr) {
    interfaces_[ifc].addresses.push_back(addr);
  }
  // Removes the address (any prefix length) from the interface; false if it
  // had none. Routing stacks learn of it through Router::remove_address.
  bool remove_address(InterfaceId ifc, Ipv4 addr);
  LinkId connect(InterfaceId a, InterfaceId b, const LinkParams& params);

  // --- lookup ---------------------------------------------------------------
  const std::vector<Node>& nodes() const { return nodes_; }
  Node& node(NodeId id) { return nodes_[id]; }
  const Node& node(NodeId id) const { return nodes_[id]; }
  Interface& interface(InterfaceId id) { return interfaces_[id]; }
  const Interface& interface(InterfaceId id) const { return interfaces_[id]; }
  size_t interface_count() const { return interfaces_.size(); }
  size_t link_count() const { return links_.size(); }
  NodeId find_node(std::string_view name) const;
  InterfaceId find_interface(NodeId node, std::string_view name) const;
  // The interface at the other end of the link, or kNone.
  InterfaceId peer_of(InterfaceId ifc) const;
  // The interface at one end of a link: side 0 = the first endpoint, 1 = the second.
  InterfaceId link_end(LinkId id, int side) const { return links_[id].dir[side].from; }
  // "pc:eth0--S-SW-1:ge-0/0/9"
  const std::string& link_name(LinkId id) const { return links_[id].name; }
  const LinkParams& link_params(LinkId id) const { return links_[id].params; }
  const LinkStats& link_stats(LinkId id, int side) const { return links_[id].dir[side].stats; }
  // How long the direction's transmitter has been sending, up to now: the
  // base of utilisation (never above the time elapsed).
  sim::Duration busy_time(LinkId id, int side) const;
  bool link_carrier(LinkId id) const { return links_[id].carrier; }
  bool link_silent(LinkId id, int side) const { return links_[id].dir[side].silent; }
  double link_loss(LinkId id, int side) const { return links_[id].dir[side].loss; }

  // --- link state (scripted events) ------------------------------------------
  void set_carrier(LinkId id, bool up);
  // side: 0 = from the first endpoint, 1 = from the second, -1 = both ways.
  void set_silent(LinkId id, int side, bool silent);
  void set_loss(LinkId id, int side, double probability);
  void restore(LinkId id);
  // An interface administratively up or down (a port shut by an operator).
  // Its own node is told at once (no carrier delay: nothing on the wire
  // changed); the link's carrier, and so the far end, is left alone.
  void set_admin_up(InterfaceId ifc, bool up);
  // The link's own carrier flag, as scripted (link_carrier() also needs both
  // nodes powered).
  bool link_carrier_scripted(LinkId id) const { return links_[id].scripted_carrier; }

  // --- node power (scripted crash and reboot) -------------------------------------
  // Off: the node's links lose carrier (peers go oper-down after their carrier
  // delay, packets on the wire are lost) and its own interfaces, loopbacks
  // included, go oper-down at once. On: loopbacks come up at once, each link
  // whose scripted flag is up gets carrier back (interfaces up after the carrier delay).
  void set_node_power(NodeId node, bool on);
  bool node_powered(NodeId node) const { return powered_[node] != 0; }

  // Called when an interface's oper state changes (after the carrier delay).
  // Listeners may be removed (by id) at any time, also from inside a call.
  using InterfaceListener = std::function<void(InterfaceId, bool oper_up)>;
  using ListenerId = uint32_t;
  ListenerId add_interface_listener(NodeId node, InterfaceListener listener);
  void remove_interface_listener(NodeId node, ListenerId id);
  void set_receiver(NodeId node, PacketReceiver* receiver) { receivers_[node] = receiver; }

  // --- packets ----------------------------------------------------------------
  PacketPool& packets() { return pool_; }
  // Counts a new packet as sent; it must end in deliver(), drop() or in flight.
  PacketId originate(const Packet& p);
  PacketId originate(const Packet& p, std::unique_ptr<Message> msg);
  // Puts the packet on the interface's link toward the peer.
  void transmit(InterfaceId out, PacketId packet);
  void deliver(PacketId packet);
  void drop(PacketId packet, DropReason reason);
  const PacketCounters& counters(bool control) const { return counters_[control ? 1 : 0]; }
  // Observers are told in the order they were added; remove one before it dies.
  void add_observer(PacketObserver* observer) { observers_.push_back(observer); }
  void remove_observer(PacketObserver* observer) { std::erase(observers_, observer); }
  // The packet accounting invariants: for data and control packets
  // sent = delivered + dropped + in flight, with in flight exactly the
  // packets alive in the pool, and no packet released twice. Empty when they
  // hold, else what broke (an internal error: a bug in mhsim).
  std::string check_accounting() const;

  sim::Simulator& simulator() { return sim_; }

 private:
  struct Direction {
    InterfaceId from = kNone;
    InterfaceId to = kNone;
    bool silent = false;
    double loss = 0.0;
    sim::Time busy_until;
    uint32_t epoch = 0;  // bumped when the wire loses what is on it
    uint32_t last_bytes = 0;               // size of the last packet serialised ...
    sim::Duration last_serialisation;      // ... and how long it took
    LinkStats stats;
    sim::RandomStream loss_rng{0, ""};
  };
  struct Link {
    std::string name;
    LinkParams params;
    bool carrier = true;           // what the wire does: scripted and both ends powered
    bool scripted_carrier = true;  // set_carrier()'s flag
    std::array<Direction, 2> dir;
  };

  sim::Duration serialisation(const Link& link, uint32_t bytes) const;
  void arrive(LinkId link, int side, uint32_t epoch, PacketId packet);
  void schedule_oper_change(InterfaceId ifc, bool up);
  // Makes the link's carrier what its flag and its nodes' power say.
  void apply_carrier(LinkId id);
  void set_interface_carrier(InterfaceId ifc, bool up);
  void notify_interface(InterfaceId ifc, bool oper_up);

  sim::Simulator& sim_;
  uint64_t seed_;
  std::vector<Node> nodes_;
  std::vector<Interface> interfaces_;
  std::vector<Link> links_;
  std::unordered_map<std::string, NodeId> node_by_name_;
  std::vector<PacketReceiver*> receivers_;
  std::vector<uint8_t> powered_;  // per node
  // Per node; a removed listener is emptied and erased when no call is running.
  std::vector<std::vector<std::pair<ListenerId, InterfaceListener>>> listeners_;
  ListenerId next_listener_ = 0;
  int notifying_ = 0;
  PacketPool pool_;
  std::array<PacketCounters, 2> counters_;
  std::vector<PacketObserver*> observers_;
};

}  // namespace net
