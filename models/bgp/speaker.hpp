// A node's BGP speaker (RFC 4271 §3.2, §9): its sessions, one Adj-RIB-In and
// Adj-RIB-Out per neighbour, the Loc-RIB, and the update-send process.
//
// The speaker does not know the RIB, the FIB or the policy language: the lead
// wires those through hooks.
//   - import / export filters per neighbour (PolicyRoute, false = reject):
//     import may set a route preference for the RIB or LOCAL_PREF; export
//     may set next-hop self, prepend, MED.
//   - originate() / withdraw_origin(): routes redistributed into BGP.
//   - igp cost hook: the IGP distance to a NEXT_HOP, or none if it is not
//     resolvable (RFC 4271 §9.1.2.1); call igp_changed() when it changes.
//   - best-path callback: the prefix and its best paths (multipath set,
//     best first) whenever they change; an empty list means withdrawn.
//
// Advertisement (RFC 4271 §9.2): after a best-path change every neighbour is
// told at the end of the current instant, so that changes made together go
// out together, grouped into one UPDATE per attribute set. While a
// neighbour's MinRouteAdvertisementIntervalTimer runs, changes wait and are
// sent, batched, when it expires; withdrawals wait too unless the vendor
// sends them at once. A route is not sent back to the neighbour it came from
// and iBGP routes are not sent to iBGP peers (no route reflection).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "models/bgp/decision.hpp"
#include "models/bgp/message.hpp"
#include "models/bgp/pacing.hpp"
#include "models/bgp/session.hpp"
#include "sim/engine/simulator.hpp"
#include "sim/engine/timer.hpp"

namespace bgp {

// What a policy sees and may change.
struct PolicyRoute {
  net::Prefix prefix;
  PathAttributes attrs;
  std::optional<uint32_t>
      preference;              // RIB route preference (Junos `preference 90`); BGP ignores it
  bool next_hop_self = false;  // export to iBGP: our session address as NEXT_HOP
};
using Filter = std::function<bool(PolicyRoute&)>;  // false rejects; empty accepts all

struct NeighborConfig {
  SessionConfig session;
  Filter import_filter;
  Filter export_filter;
};

// A path in a RIB of this speaker.
struct Path {
  PathAttributes attrs;
  PeerKind kind = PeerKind::kLocal;
  int neighbor = -1;  // index of the neighbour it came from; -1 when originated here
  net::Ipv4 peer_address;
  net::Ipv4 peer_router_id;
  std::optional<uint32_t> preference;
  uint32_t igp_cost = 0;

  bool operator==(const Path&) const = default;
};

// BIRD and Junos advertise what the node's routing table holds for a prefix
// (its active route, whichever protocol it came from, through the export
// policy), not BGP's own Loc-RIB; FRR advertises its Loc-RIB. A speaker
// given an ExportTable works the BIRD/Junos way: the owner calls
// table_changed() when the table's active route for a prefix changes.
class ExportTable {
 public:
  virtual ~ExportTable() = default;
  // The table's active route as a BGP path: for a BGP route the Loc-RIB's
  // best path, otherwise a kLocal path; nullopt when the table has none.
  virtual std::optional<Path> active(const net::Prefix& prefix) const = 0;
  virtual std::vector<net::Prefix> prefixes() const = 0;
};

struct SpeakerConfig {
  std::string node;
  uint32_t local_as = 0;
  net::Ipv4 router_id;
  DecisionConfig decision;
  uint64_t run_seed = 0;
  Pacing pacing;
};

class Speaker {
 public:
  using BestPathCallback = std::function<void(const net::Prefix&, const std::vector<Path>&)>;
  using IgpCost = std::function<std::optional<uint32_t>(net::Ipv4 next_hop)>;

  Speaker(sim::Simulator& sim, SpeakerConfig config);
  ~Speaker();
  Speaker(const Speaker&) = delete;
  Speaker& operator=(const Speaker&) = delete;

  // Adds a neighbour; its session is Idle until start(). Returns its index.
  size_t add_neighbor(NeighborConfig config);
  size_t neighbor_count() const { return neighbors_.size(); }
  Session& session(size_t neighbor);
  const Session& session(size_t neighbor) const;
  // Starts every session (passive ones listen).
  void start();

  // Export from a routing table instead of the Loc-RIB (null: the Loc-RIB).
  void export_from(const ExportTable* table) { table_ = table; }
  void table_changed(const net::Prefix& prefix) { mark_pending(prefix); }

  void originate(const net::Prefix& prefix, PathAttributes attrs);
  void withdraw_origin(const net::Prefix& prefix);

  void on_best_path_change(BestPathCallback cb) { on_best_change_ = std::move(cb); }
  // Every session state change, before the speaker acts on it.
  using SessionStateCallback = std::function<void(size_t neighbor, State from, State to)>;
  void on_session_state(SessionStateCallback cb) { on_session_state_ = std::move(cb); }
  void set_igp_cost(IgpCost hook) { igp_cost_ = std::move(hook); }
  void igp_changed();

  const SpeakerConfig& config() const { return config_; }
  // Best paths for a prefix (best first), or nullptr.
  const std::vector<Path>* best_paths(const net::Prefix& prefix) const;
  const std::map<net::Prefix, std::vector<Path>>& loc_rib() const { return loc_rib_; }
  // Changes are waiting for the decision process (Pacing::decision_hold).
  bool decision_pending() const { return decision_timer_.running(); }
  // Routes accepted from a neighbour (after import policy).
  const std::map<net::Prefix, Path>& adj_rib_in(size_t neighbor) const;
  // Prefixes the neighbour announced, accepted or not.
  size_t received_count(size_t neighbor) const;
  // What the neighbour has been told (attributes as sent).
  const std::map<net::Prefix, PathAttributes>& adj_rib_out(size_t neighbor) const;
  uint64_t updates_sent(size_t neighbor) const;
  // RFC 4724: routes from the neighbour kept as stale while it restarts.
  size_t stale_count(size_t neighbor) const;
  bool is_stale(size_t neighbor, const net::Prefix& prefix) const;

 private:
  struct Neighbor;

  void handle_state_change(Neighbor& n, State from, State to);
  void handle_update(Neighbor& n, const Update& update);
  // graceful_restart_helper.cpp: the session left Established (true: its
  // routes are kept as stale) or reached it; End-of-RIB from the peer.
  bool keep_as_stale(Neighbor& n);
  void graceful_restart_established(Neighbor& n);
  void end_of_rib_received(Neighbor& n);
  void purge_stale(Neighbor& n, const char* why);
  // The decision process for one prefix, at once or after the vendor's
  // decision hold (pacing.hpp); `extra` delays it further (a lost session's
  // clear hold).
  void recompute(const net::Prefix& prefix, sim::Duration extra = sim::Duration::zero());
  void run_decision_queue();
  // Runs the decision process for one prefix; reports and advertises a change.
  void decide(const net::Prefix& prefix);
  // The first UPDATE to a newly Established neighbour, as the vendor paces it.
  void schedule_first_send(Neighbor& n);
  // A session of this speaker woke the daemon (pacing.hpp, kNextWakeup).
  void wake();
  // The peer asked for our routes again (RFC 2918): the whole table is sent.
  void resend_all(Neighbor& n);
  void request_refresh_from_all();
  void mark_pending(const net::Prefix& prefix);
  void schedule_send(Neighbor& n);
  void flush(Neighbor& n);
  // What this neighbour should have for the prefix after export policy, if anything.
  std::optional<PathAttributes> exported(const Neighbor& n, const net::Prefix& prefix) const;
  void send_batch(Neighbor& n, std::vector<net::Prefix> withdrawn,
                  const std::map<net::Prefix, PathAttributes>& announce);

  sim::Simulator& sim_;
  SpeakerConfig config_;
  std::vector<std::unique_ptr<Neighbor>> neighbors_;
  std::map<net::Prefix, PathAttributes> originated_;
  std::map<net::Prefix, std::vector<Path>> loc_rib_;
  BestPathCallback on_best_change_;
  SessionStateCallback on_session_state_;
  IgpCost igp_cost_;
  const ExportTable* table_ = nullptr;
  // Prefixes waiting for the decision process (Pacing::decision_hold).
  std::set<net::Prefix> decision_queue_;
  sim::Timer decision_timer_;
  sim::Timer refresh_timer_;  // Pacing::route_refresh_after_start
};

}  // namespace bgp
