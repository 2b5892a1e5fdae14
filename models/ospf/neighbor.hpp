// One OSPF neighbour on a point-to-point interface: the neighbour state
// machine of RFC 2328 §10 with one member function per event (§10.2), the
// Database Exchange (§10.6, §10.8), Link State Requests (§10.7, §10.9) and
// the per-neighbour lists flooding uses (§10: Link state retransmission
// list, Database summary list, Link state request list).
//
// Timers, named after the RFC's:
//   inactivity_timer_  RouterDeadInterval since the last Hello (§10.2 InactivityTimer)
//   dd_rxmt_timer_     the master's DD retransmission (§10.8)
//   lsr_rxmt_timer_    the outstanding Link State Request (§10.9)
//   rxmt_timer_        the retransmission list (§13.6)
//   ack_timer_         delayed acknowledgements (§13.5)
//
// Point-to-point only: an adjacency always forms (AdjOK? is always yes),
// there is no DR, and the NBMA-only Start event does nothing.
#pragma once

#include <deque>
#include <map>
#include <string_view>
#include <vector>

#include "models/ospf/lsdb.hpp"
#include "models/ospf/packet.hpp"
#include "sim/engine/random.hpp"
#include "sim/engine/timer.hpp"

namespace ospf {

class Interface;
class OspfProcess;

enum class NeighborState : uint8_t {
  kDown,
  kAttempt,
  kInit,
  kTwoWay,
  kExStart,
  kExchange,
  kLoading,
  kFull,
};
std::string_view to_string(NeighborState s);

class Neighbor {
 public:
  Neighbor(Interface& ifc, net::Ipv4 router_id, net::Ipv4 address, uint64_t run_seed);
  Neighbor(const Neighbor&) = delete;
  Neighbor& operator=(const Neighbor&) = delete;

  // --- RFC 2328 §10.2 events --------------------------------------------------
  void HelloReceived();
  void Start();
  void TwoWayReceived();
  void NegotiationDone();
  void ExchangeDone();
  void BadLSReq();
  void LoadingDone();
  void AdjOK();
  void SeqNumberMismatch();
  void OneWayReceived();
  void KillNbr();
  void InactivityTimer();
  void LLDown();

  // --- packets from this neighbour ---------------------------------------------
  void receive(const DatabaseDescription& dd);
  void receive(const LinkStateRequest& lsr);

  // --- lists used by flooding (§13) --------------------------------------------
  void add_to_retransmission(const LsdbEntry& instance);
  void remove_from_retransmission(const LsaKey& key);
  // An acknowledgement for `ack`: removes the instance if it is the one listed.
  bool acknowledge(const LsaHeader& ack);
  bool on_retransmission_list(const LsaKey& key) const { return rxmt_list_.count(key) != 0; }
  bool retransmission_empty() const { return rxmt_list_.empty(); }
  const LsaHeader* requested(const LsaKey& key) const;
  void remove_request(const LsaKey& key);
  // After an update from this neighbour: next request, or LoadingDone.
  void requests_progressed();
  void queue_delayed_ack(const LsaHeader& header);
  void send_direct_ack(const LsaHeader& header);

  net::Ipv4 router_id() const { return router_id_; }
  net::Ipv4 address() const { return address_; }
  void set_address(net::Ipv4 a) { address_ = a; }
  NeighborState state() const { return state_; }
  sim::Time since() const { return since_; }
  sim::Time last_hello() const { return last_hello_; }
  sim::Time inactivity_deadline() const { return inactivity_timer_.expires_at(); }
  bool master() const { return master_; }
  Interface& interface() { return ifc_; }
  const Interface& interface() const { return ifc_; }
  size_t retransmission_count() const { return rxmt_list_.size(); }
  size_t request_count() const { return request_list_.size(); }

 private:
  struct Retransmission {
    LsdbEntry instance;
    sim::Time sent_at;
  };
  struct DdFlags {
    bool init = false, more = false, master = false;
    uint32_t seq = 0;
  };

  void set_state(NeighborState to);
  void clear_lists();
  void enter_exstart();
  // §10.6 in state ExStart; true when the packet started the exchange.
  bool negotiate(const DatabaseDescription& dd);
  void accept_dd(const DatabaseDescription& dd);
  bool process_headers(const DatabaseDescription& dd);
  void send_dd(bool init);
  void resend_last_dd();
  void send_ls_request();
  void on_dd_rxmt_timer();
  void on_lsr_rxmt_timer();
  void on_rxmt_timer();
  void on_ack_timer();

  OspfProcess& process_;
  Interface& ifc_;
  net::Ipv4 router_id_;
  net::Ipv4 address_;
  NeighborState state_ = NeighborState::kDown;
  sim::Time since_;
  sim::Time last_hello_;

  // Database Exchange (§10.8).
  bool master_ = false;
  bool dd_seq_set_ = false;
  uint32_t dd_seq_ = 0;
  bool have_last_received_ = false;
  DdFlags last_received_;
  DatabaseDescription last_sent_;
  sim::RandomStream rng_;

  std::deque<LsaHeader> db_summary_;
  std::map<LsaKey, LsaHeader> request_list_;
  std::vector<LsaKey> outstanding_requests_;
  std::map<LsaKey, Retransmission> rxmt_list_;
  std::vector<LsaHeader> delayed_acks_;

  sim::Timer inactivity_timer_;
  sim::Timer dd_rxmt_timer_;
  sim::Timer lsr_rxmt_timer_;
  sim::Timer rxmt_timer_;
  sim::Timer ack_timer_;
};

}  // namespace ospf
