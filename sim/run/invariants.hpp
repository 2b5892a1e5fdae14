// Invariants of a simulated network that no scenario may break: a violation
// is a bug in mhsim, never a property of the user's input.
//
// runner.cpp checks them at the end of every run, beside the packet
// accounting (World::check_accounting), and during the run at the end of
// every simulated second when asked (`mhsim run --check-invariants`) or in a
// build without NDEBUG (the Debug and ASan builds CI uses). Each check holds
// at every event boundary, not only at the end of an instant: a model that
// reacts to a change does so inside the event that made it, or leaves a
// visible trace of the reaction to come (a queued FIB update, a scheduled
// SPF run), which the checks accept.
//
//   FIB next hops  every next hop of every FIB entry is on one of the node's
//                  interfaces, its gateway on a connected subnet of that
//                  interface (a directly connected route: the prefix inside
//                  one); a discard entry (no next hops) is always fine. The
//                  interface must be up unless the node is still reacting:
//                  FIB updates are queued (the FIB lags the RIB by its
//                  install delay), or the route is OSPF's and an SPF run is
//                  pending (OSPF reacts after its SPF delay).
//   BGP routes     no path in an Adj-RIB-In or the Loc-RIB comes from a
//                  session that is not Established, and every BGP route in
//                  the node's RIB goes via a next hop that a Loc-RIB best path
//                  from an Established session gives. Graceful restart
//                  (RFC 4724 §4.2) is the exception: a restarting peer's
//                  routes, marked stale, stay until its Restart Time expires
//                  or End-of-RIB comes.
//   LSA ages       every LSA in every LSDB is younger than MaxAge (3600 s,
//                  RFC 2328 App. B), except one being flushed (§14): at
//                  MaxAge it stays until no neighbour's retransmission list
//                  holds it and no neighbour is in Exchange or Loading.
//
// The checks on parts (check_fib, check_bgp, check_lsdb) take plain inputs so
// that tests can build a broken state by hand; check_invariants() gathers
// them from a World.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "models/bgp/session.hpp"
#include "models/bgp/speaker.hpp"
#include "models/net/network.hpp"
#include "models/ospf/lsdb.hpp"
#include "models/rib/fib.hpp"
#include "models/rib/rib.hpp"

namespace run {

class World;

// Every violation in the world now, one line each ("S-SW-1: FIB route ...");
// empty when all hold. At most kMaxViolations lines, then "... and N more".
std::vector<std::string> check_invariants(const World& world);
inline constexpr size_t kMaxViolations = 20;

// --- the checks on parts -------------------------------------------------------

struct FibCheckInput {
  const net::Network& network;
  net::NodeId node;
  const rib::Fib& fib;
  const rib::Rib& rib;
  bool fib_updates_pending = false;  // FibSync has queued updates
  bool spf_pending = false;          // the node's OSPF has an SPF run scheduled
};
void check_fib(const FibCheckInput& in, std::vector<std::string>& out);

// One BGP neighbour of a node as check_bgp sees it.
struct BgpNeighborView {
  std::string name;
  net::Ipv4 address;
  bgp::State state = bgp::State::kIdle;
  const std::map<net::Prefix, bgp::Path>* adj_rib_in = nullptr;  // after import policy
  // Graceful restart: whether its route for a prefix is kept as stale. Empty: none is.
  std::function<bool(const net::Prefix&)> stale;
};
// `neighbors` is indexed like bgp::Path::neighbor. `rib` is the node's RIB.
// `decision_pending`: the daemon holds changes before its decision process
// (bgp::Pacing), so the Loc-RIB and RIB may still show a lost session's
// paths; only the Adj-RIB-In is checked then.
void check_bgp(std::string_view node, const std::vector<BgpNeighborView>& neighbors,
               const std::map<net::Prefix, std::vector<bgp::Path>>& loc_rib, const rib::Rib& rib,
               std::vector<std::string>& out, bool decision_pending = false);
// A node without a BGP daemon has no BGP route in its RIB.
void check_no_bgp(std::string_view node, const rib::Rib& rib, std::vector<std::string>& out);

// `being_flushed(key)`: the LSA is awaiting removal at MaxAge (§14).
void check_lsdb(std::string_view node, const ospf::Lsdb& lsdb, sim::Time now,
                const std::function<bool(const ospf::LsaKey&)>& being_flushed,
                std::vector<std::string>& out);

}  // namespace run
