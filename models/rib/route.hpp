// A route as the RIB and FIB see it: a prefix, where it came from, and its next hops.
//
// Protocol-specific attributes (BGP AS path, local-pref, communities, OSPF LSA
// data) stay in the protocol that owns them; the RIB only needs what it takes
// to pick one route per prefix and to program the FIB. The RIB is in one node,
// so `preference` is already normalised to the internal scale where lower
// wins (see preference.hpp); show output converts it back.
#pragma once

#include <compare>
#include <cstdint>
#include <string_view>
#include <vector>

#include "models/net/ipv4.hpp"
#include "models/net/topology.hpp"
#include "sim/engine/time.hpp"

namespace rib {

// Declaration order is also the last-resort tie-break between protocols of
// equal preference, and it follows RFC 2328 §16.4 for the OSPF path types
// (intra/inter-area before type 1 external before type 2 external).
enum class Protocol : uint8_t {
  kDirect,
  kStatic,
  kKernel,
  kBgp,
  kOspfInternal,   // intra- and inter-area
  kOspfExternal1,  // AS-external type 1
  kOspfExternal2,  // AS-external type 2
};
inline constexpr int kProtocolCount = 7;

// "direct", "static", "kernel", "bgp", "ospf-internal", "ospf-external-1", "ospf-external-2".
std::string_view protocol_name(Protocol p);

struct NextHop {
  net::Ipv4 via;  // 0.0.0.0 for a directly connected destination (deliver on `interface`)
  net::InterfaceId interface = net::kNone;

  constexpr auto operator<=>(const NextHop&) const = default;
};

// Who put a route into the RIB: one protocol instance, neighbour or interface.
// The protocol picks the number (a BGP neighbour index, an interface id, 0 for
// "the one OSPF instance"); the RIB only compares it.
using SourceId = uint32_t;

struct Route {
  net::Prefix prefix;
  Protocol protocol = Protocol::kStatic;
  bool ibgp = false;               // only for kBgp: FRR/Cisco give iBGP another distance than eBGP
  std::vector<NextHop> next_hops;  // sorted, unique (the RIB normalises on update)
  uint32_t metric = 0;             // the protocol's own metric (OSPF cost, MED, ...)
  uint32_t preference = 0;         // internal scale, lower wins (to_internal())
  SourceId source = 0;
  // Protocol-specific order below preference, lower wins; 0 unless a protocol
  // feeds one RIB from several sources that it must rank itself. BIRD runs one
  // BGP protocol per neighbour into one table, so BGP puts the outcome of its
  // decision process here (local-pref, AS-path length, origin, MED, eBGP over
  // iBGP ...) without the RIB having to know BGP attributes.
  uint64_t rank = 0;
  // When the RIB stored this route with its current content (set by the RIB
  // on update, what callers put here is ignored): Junos shows it as the
  // route's age, BIRD as its `since` time. Zero when the RIB has no clock.
  sim::Time since;

  bool operator==(const Route&) const = default;
};

// Sorts next hops and drops duplicates.
void normalise_next_hops(std::vector<NextHop>& next_hops);

// The RIB's total order for candidates of one prefix: lower preference, then
// protocol (metrics of different protocols are not comparable), then rank,
// then metric, then eBGP before iBGP, then lower source id.
bool better(const Route& a, const Route& b);

// Equal in everything that ranks them, so they may be merged into one ECMP
// route (BIRD kernel `merge paths`): only the source differs.
bool equal_cost(const Route& a, const Route& b);

}  // namespace rib
