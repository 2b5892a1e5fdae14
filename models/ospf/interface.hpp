// One OSPF interface: the interface state machine of RFC 2328 §9 as far as
// point-to-point, passive and loopback interfaces need it, the Hello
// protocol (§9.5 sending, §10.5 receiving) and the packet I/O of the
// interface.
//
// States: Down; Loopback (an interface without a link, advertised as a host
// route, §12.4.1.4); Point-to-point. Passive interfaces are Point-to-point
// but send and accept nothing: their network is advertised as a stub.
//
// Packets leave to AllSPFRouters with TTL 1 (§8.1) and arrive through the
// Router's link-local handler for IP protocol 89.
#pragma once

#include <memory>
#include <set>
#include <vector>

#include "models/net/network.hpp"
#include "models/ospf/config.hpp"
#include "models/ospf/neighbor.hpp"
#include "sim/engine/timer.hpp"

namespace ospf {

enum class InterfaceState : uint8_t { kDown, kLoopback, kPointToPoint };
std::string_view to_string(InterfaceState s);

class Interface {
 public:
  Interface(OspfProcess& process, const OspfInterfaceConfig& config, uint32_t cost,
            uint16_t hello_s, uint32_t dead_s, uint64_t run_seed);
  Interface(const Interface&) = delete;
  Interface& operator=(const Interface&) = delete;

  // --- RFC 2328 §9.2 events ------------------------------------------------------
  void InterfaceUp();
  void InterfaceDown();
  void LoopInd();
  void UnloopInd();

  // A packet that arrived on this interface from `source`.
  void receive(net::Ipv4 source, const Packet& packet);
  // Sends to AllSPFRouters; counts it. Updates larger than the MTU are split.
  void send(std::unique_ptr<Packet> packet);
  void send_update(std::vector<LsaCopy> lsas);

  net::InterfaceId id() const { return config_.interface; }
  const std::string& name() const;
  InterfaceState state() const { return state_; }
  bool passive() const { return config_.passive; }
  // Exchanges packets: up, point-to-point and not passive.
  bool active() const { return state_ == InterfaceState::kPointToPoint && !config_.passive; }
  uint32_t cost() const { return cost_; }
  uint16_t hello_interval_s() const { return hello_s_; }
  uint32_t dead_interval_s() const { return dead_s_; }
  uint32_t mtu() const;
  // The interface's (first) address; 0.0.0.0 if it has none.
  net::InterfaceAddress address() const;
  const std::vector<net::InterfaceAddress>& addresses() const;
  OspfProcess& process() { return process_; }
  const OspfProcess& process() const { return process_; }

  const std::vector<std::unique_ptr<Neighbor>>& neighbors() const { return neighbors_; }
  Neighbor* find_neighbor(net::Ipv4 router_id);
  uint64_t hellos_mismatched() const { return hellos_mismatched_; }

 private:
  void set_state(InterfaceState to);
  void on_hello_timer();
  void send_hello();
  void receive_hello(net::Ipv4 source, const Hello& hello);

  OspfProcess& process_;
  OspfInterfaceConfig config_;
  uint32_t cost_;
  uint16_t hello_s_;
  uint32_t dead_s_;
  uint64_t run_seed_;
  InterfaceState state_ = InterfaceState::kDown;
  std::vector<std::unique_ptr<Neighbor>> neighbors_;
  std::set<net::Ipv4> mismatch_reported_;
  uint64_t hellos_mismatched_ = 0;
  sim::Timer hello_timer_;
};

}  // namespace ospf
