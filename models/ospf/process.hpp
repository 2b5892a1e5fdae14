// A node's OSPFv2 instance (RFC 2328): area 0, point-to-point and passive
// interfaces, loopbacks as stub networks, AS-external-LSAs for routes the
// export policy redistributes from the node's RIB, and OSPF routes handed
// back to that RIB.
//
// How the OSPF model is split:
//   lsa.hpp          LSAs, the §13.1 comparison, Appendix B constants
//   packet.hpp       the five packet types and their wire sizes (A.3)
//   lsdb.hpp         the link-state database and LS age (§12.1.1)
//   defaults.hpp     per-vendor timers, SPF throttling, costs, external metric
//   spf_throttle.hpp when the routing calculation runs (per vendor)
//   spf.hpp          the routing calculation, a pure function (§16)
//   interface.hpp    the interface state machine and Hellos (§9, §10.5)
//   neighbor.hpp     the neighbour state machine, database exchange (§10)
//   this class:
//     process.cpp      wiring to the Router, interface events, inspection
//     origination.cpp  Router-LSAs, MinLSInterval, refresh, premature aging,
//                      redistribution (§12.4, §14.1)
//     flooding.cpp     receiving updates and acks, flooding, MaxAge removal (§13, §14)
//     routing.cpp      SPF scheduling, RIB installation (§16)
//
// Redistribution is a RIB export with a policy (DESIGN.md): the process
// listens to the RIB, never writes it from inside a notification, and turns
// accepted non-OSPF routes into AS-external-LSAs.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "models/node/router.hpp"
#include "models/ospf/config.hpp"
#include "models/ospf/interface.hpp"
#include "models/ospf/lsdb.hpp"
#include "models/ospf/spf.hpp"
#include "models/ospf/spf_throttle.hpp"

namespace ospf {

// One routing table calculation, for tests and the convergence report.
struct SpfRun {
  sim::Time at;
  bool full = true;  // false: an immediate external-only recalculation (FRR)
  size_t routes = 0;
};

struct AdjacencyChange {
  sim::Time at;
  net::InterfaceId interface = net::kNone;
  net::Ipv4 neighbor_id;
  NeighborState from = NeighborState::kDown;
  NeighborState to = NeighborState::kDown;
};

struct OspfCounters {
  uint64_t hellos_sent = 0, hellos_received = 0, hellos_mismatched = 0;
  uint64_t dd_sent = 0, lsr_sent = 0, lsu_sent = 0, lsack_sent = 0;
  uint64_t lsa_originated = 0, lsa_refreshed = 0, lsa_flushed = 0;
  uint64_t lsa_received = 0, lsa_duplicates = 0, lsa_retransmitted = 0;
  uint64_t lsa_discarded_min_arrival = 0;  // §13 (5a)
  uint64_t spf_runs = 0, external_recalcs = 0;
};

// `show ospf neighbor`.
struct NeighborInfo {
  net::Ipv4 router_id;
  net::Ipv4 address;
  net::InterfaceId interface = net::kNone;
  NeighborState state = NeighborState::kDown;
  sim::Time since;
  sim::Time dead_deadline;  // when the inactivity timer fires
};

// `show ospf database`.
struct DatabaseEntry {
  LsaKey key;
  int32_t seq = 0;
  uint16_t age = 0;
  uint16_t checksum = 0;
  uint16_t length = 0;
  bool self = false;
};

class OspfProcess {
 public:
  // Interfaces must belong to the router's node (checked by the loader).
  OspfProcess(node::Router& router, OspfConfig config, uint64_t run_seed);
  ~OspfProcess();
  OspfProcess(const OspfProcess&) = delete;
  OspfProcess& operator=(const OspfProcess&) = delete;

  // Brings interfaces up, originates the Router-LSA, exports what the RIB
  // holds. Call after Router::start().
  //
  // Destroying a started process mid-run (the daemon or its node dies) is
  // safe: it unregisters from the Router, the RIB and the Network, cancels
  // its events and withdraws its routes from the RIB; neighbours notice by
  // their dead interval (or carrier loss). Packets still in flight for it are
  // dropped by the Router (no_listener).
  void start();

  // --- inspection ------------------------------------------------------------
  net::Ipv4 router_id() const { return config_.router_id; }
  const OspfConfig& config() const { return config_; }
  const OspfTimers& timers() const { return timers_; }
  std::vector<NeighborInfo> neighbors() const;  // state Init or better
  std::vector<DatabaseEntry> database() const;
  const Lsdb& lsdb() const { return lsdb_; }
  const std::vector<OspfRoute>& routes() const { return routes_; }  // last calculation
  const std::vector<SpfRun>& spf_runs() const { return spf_runs_; }
  const OspfCounters& counters() const { return counters_; }
  const Interface* find_interface(net::InterfaceId id) const;
  const std::vector<std::unique_ptr<Interface>>& interfaces() const { return interfaces_; }
  const node::Router& router() const { return router_; }
  // When the next routing calculation is due; Time::max() if none is pending.
  sim::Time spf_due() const;

  void on_spf_run(std::function<void(const SpfRun&)> f) { spf_observers_.push_back(std::move(f)); }
  void on_adjacency_change(std::function<void(const AdjacencyChange&)> f) {
    adjacency_observers_.push_back(std::move(f));
  }

 private:
  friend class Interface;
  friend class Neighbor;

  struct ExternalSpec {
    uint32_t metric = 0;
    bool type2 = true;
    uint32_t tag = 0;
    bool operator==(const ExternalSpec&) const = default;
  };

  // process.cpp
  sim::Time now() const { return sim_.now(); }
  void trace(const std::string& detail);
  void on_interface_event(net::InterfaceId ifc, bool up);
  void neighbor_state_changed(Neighbor& n, NeighborState from, NeighborState to);
  net::Network& network() { return router_.network(); }
  uint16_t transmit_age(const LsdbEntry& e) const;
  bool exchange_in_progress() const;  // a neighbour in Exchange or Loading
  std::vector<Neighbor*> all_neighbors();

  // origination.cpp
  LsaKey router_lsa_key() const { return LsaKey{LsaType::kRouter, router_id(), router_id()}; }
  void request_origination(const LsaKey& key);
  void run_originations();
  void originate_or_defer(const LsaKey& key);
  void originate(Lsa body, bool refresh);
  void flush(const LsaKey& key);
  std::optional<Lsa> build(const LsaKey& key) const;
  Lsa build_router_lsa() const;
  bool is_asbr() const;
  void on_origination_timer();
  void on_aging_timer();
  void arm_aging_timer(const LsdbEntry& e);
  void self_originated_received(const LsaKey& key, int32_t seq);
  void on_rib_change(const rib::RibChange& change);
  void run_redistribution();
  std::optional<ExternalSpec> export_spec(const net::Prefix& prefix) const;
  net::Ipv4 external_lsid(const net::Prefix& prefix);

  // flooding.cpp
  void receive_update(Neighbor& from, const LinkStateUpdate& lsu);
  void receive_ack(Neighbor& from, const LinkStateAck& ack);
  // §13.3: list the instance for every adjacent neighbour but `from` and send it.
  void flood(const LsdbEntry& entry, Neighbor* from);
  void install(LsdbEntry entry);
  void remove_from_retransmission_lists(const LsaKey& key);
  std::vector<LsaHeader> exchange_summary(Neighbor& n);
  void maxage_sweep();

  // routing.cpp
  void lsdb_changed(LsaType type);
  void schedule_spf();
  void on_spf_timer();
  void calculate(bool full);
  void install_routes(const std::vector<OspfRoute>& routes);
  std::vector<RootLink> root_links() const;
  std::vector<net::Prefix> connected() const;

  node::Router& router_;
  sim::Simulator& sim_;
  OspfConfig config_;
  OspfTimers timers_;
  uint64_t run_seed_;
  std::string node_name_;
  std::vector<std::unique_ptr<Interface>> interfaces_;
  Lsdb lsdb_;
  OspfCounters counters_;
  bool started_ = false;

  // Origination: keys waiting for this instant's batch, keys held back by
  // MinLSInterval (§12.4) until the time given, when each was last originated.
  std::set<LsaKey> pending_originations_;
  bool origination_event_pending_ = false;
  sim::EventId origination_event_;
  std::map<LsaKey, sim::Time> deferred_;
  std::map<LsaKey, sim::Time> last_originated_;
  std::map<LsaKey, int32_t> last_seq_;  // of self-originated LSAs removed from the LSDB
  std::set<LsaKey> maxage_;             // LSAs at MaxAge awaiting removal (§14)
  sim::Timer origination_timer_;
  sim::Timer aging_timer_;

  // Redistribution.
  rib::Rib::ListenerId rib_listener_ = 0;
  std::set<net::Prefix> dirty_prefixes_;
  bool redistribution_event_pending_ = false;
  sim::EventId redistribution_event_;
  net::Network::ListenerId interface_listener_ = 0;
  std::map<net::Prefix, ExternalSpec> exported_;
  std::map<net::Prefix, net::Ipv4> lsid_of_;
  std::map<net::Ipv4, net::Prefix> prefix_of_lsid_;

  // Routing.
  SpfThrottle throttle_;
  sim::Timer spf_timer_;
  sim::Timer external_timer_;  // OspfTimers::external_after_spf
  std::set<net::Ipv4> routers_at_last_spf_;  // reachable in the last full run
  std::vector<OspfRoute> routes_;
  std::map<net::Prefix, rib::Protocol> installed_;
  std::vector<SpfRun> spf_runs_;
  std::vector<std::function<void(const SpfRun&)>> spf_observers_;
  std::vector<std::function<void(const AdjacencyChange&)>> adjacency_observers_;
};

}  // namespace ospf
