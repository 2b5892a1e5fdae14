// A node's BGP daemon: the bgp::Speaker wired to the node's Router (RIB,
// connected interfaces, control packets), to TCP connections over the
// simulated links, and to the node's policies with its vendor's semantics.
//
//   RIB <-- best paths --- Speaker <-- UPDATEs --- TcpEndpoint <-- packets
//   RIB --- active routes --> Speaker (export: BIRD and Junos export what the
//                                      routing table holds, FRR its Loc-RIB)
//
// Vendor semantics applied here (sources in docs/vendor-defaults.md):
//   import with no policy: accept (BIRD `import all` is the default for BGP
//     channels; Junos accepts all BGP routes).
//   export with no policy: Junos advertises active BGP routes only; BIRD
//     exports nothing (`export none`); FRR eBGP sends nothing without a
//     policy (`bgp ebgp-requires-policy`, on since FRR 7.4).
//   a policy chain that decides nothing falls to those same defaults (Junos);
//     BIRD filters that fall off their end reject.
//
// A BgpProcess may be destroyed mid-run (the daemon or its node dies): it
// unregisters everything it registered with the Router, the RIB and the
// Network, and withdraws its routes from the RIB. Segments still in flight
// for it are then dropped by the Router (no_listener). A new BgpProcess on
// the same Router starts from scratch, as a restarted daemon does.
#pragma once

#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "models/bfd/session.hpp"
#include "models/bgp/speaker.hpp"
#include "models/node/router.hpp"
#include "models/policy/policy.hpp"
#include "models/transport/tcp.hpp"
#include "sim/engine/timer.hpp"

namespace node {

struct BgpNeighborConfig {
  std::string name;
  net::Ipv4 address;
  uint32_t remote_as = 0;
  uint32_t local_as = 0;
  bool passive = false;
  std::vector<const policy::Policy*> import_policies;  // empty: vendor default
  std::vector<const policy::Policy*> export_policies;
  bgp::BgpTimers timers;
  // BFD protection (RFC 5882 §4.3): a BFD session to `address` whose Up ->
  // Down transition drops the BGP session. Unset: no BFD.
  std::optional<bfd::BfdTimers> bfd;
};

struct BgpConfig {
  uint32_t local_as = 0;
  net::Ipv4 router_id;
  bgp::DecisionConfig decision;
  bgp::Pacing pacing;
  // FRR: bgpd registers a neighbour's BFD session before it knows the local
  // address and registers it again with that address when the session first
  // reaches Established; bfdd replaces the session, and the peer sees it go
  // AdminDown and start again from Down (measured, docs/validation.md).
  bool bfd_reinstall_on_first_established = false;
  std::vector<BgpNeighborConfig> neighbors;
  // This process replaces one that restarted (World::restart_bgp): sessions
  // with graceful restart `able` set the R and F bits in their first OPEN,
  // and the BGP routes the old process left in the RIB are kept until the
  // new one installs them again or the restart time passes (RFC 4724 §4.1).
  bool restarted = false;
};

class BgpProcess : private bgp::ExportTable {
 public:
  // Neighbour addresses must be on a connected subnet (checked by the loader).
  BgpProcess(Router& router, BgpConfig config, uint64_t run_seed);
  ~BgpProcess() override;
  BgpProcess(const BgpProcess&) = delete;
  BgpProcess& operator=(const BgpProcess&) = delete;

  void start();

  // The daemon is about to restart (RFC 4724 §4.1): its TCP connections
  // close (the peers see FIN, no NOTIFICATION), and with graceful restart
  // `able` on a neighbour it keeps its routes in the RIB and FIB when it is
  // destroyed (BIRD's kernel protocol keeps them, as with `persist`).
  // Returns whether it keeps them.
  bool close_for_restart();

  // An operator's hard reset (`clear bgp neighbor`, `clear ip bgp X`, BIRD
  // `restart`): a NOTIFICATION Cease / Administrative Reset (RFC 4486) if
  // the session is past OpenSent, Idle, then started again at once, as the
  // daemon does (ManualStop + ManualStart: no idle hold wait).
  void clear(size_t neighbor);
  // New timers for one neighbour, used from its next OPEN on; the session is
  // not reset (clear() it for that).
  void set_timers(size_t neighbor, const bgp::BgpTimers& timers);

  const BgpConfig& config() const { return config_; }
  const bgp::Speaker& speaker() const { return speaker_; }
  size_t neighbor_count() const { return config_.neighbors.size(); }
  const BgpNeighborConfig& neighbor(size_t i) const { return config_.neighbors[i]; }
  const bgp::Session& session(size_t i) const { return speaker_.session(i); }
  // The BFD session protecting neighbour i, or null when it has none.
  const bfd::Session* bfd_session(size_t i) const { return bfd_[i].get(); }
  // Index of the neighbour with this address or name, or -1.
  int find_neighbor(std::string_view address_or_name) const;

 private:
  struct Connection;

  // bgp::ExportTable: what the routing table holds for a prefix.
  std::optional<bgp::Path> active(const net::Prefix& prefix) const override;
  std::vector<net::Prefix> prefixes() const override;

  bool import(size_t neighbor, bgp::PolicyRoute& route) const;
  bool export_(size_t neighbor, bgp::PolicyRoute& route) const;
  void install_best(const net::Prefix& prefix, const std::vector<bgp::Path>& best);
  void drop_preserved();

  Router& router_;
  BgpConfig config_;
  bgp::Speaker speaker_;
  std::vector<std::unique_ptr<Connection>> connections_;
  std::vector<std::unique_ptr<bfd::Session>> bfd_;  // per neighbour; null: no BFD
  std::vector<bool> bfd_reinstalled_;               // per neighbour
  rib::Rib::ListenerId rib_listener_;
  net::Network::ListenerId interface_listener_;
  bool keep_routes_ = false;  // close_for_restart(): leave our routes in the RIB
  // After a graceful restart: routes of the old process not installed again yet.
  std::set<net::Prefix> preserved_;
  sim::Timer preserved_timer_;
};

}  // namespace node
