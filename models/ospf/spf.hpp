// The routing table calculation (RFC 2328 §16) as a pure function of the
// link-state database and the root's live adjacencies.
//
// §16.1: Dijkstra over the router vertices of area 0 (point-to-point links
// only: no transit networks, so no network vertices), keeping every
// equal-cost next hop, then the stub networks of each vertex in the tree.
// §16.4: AS-external routes: type 1 beats type 2; type 1 paths compare
// cost-to-ASBR + metric; type 2 paths compare the external metric, then the
// cost to the ASBR; paths that tie in all of that through several ASBRs are
// merged into one ECMP route. Intra-area routes beat external ones.
//
// The shortest-path tree is a small hand-written Dijkstra with a binary heap
// (std::priority_queue, stale entries skipped) rather than
// boost::dijkstra_shortest_paths: OSPF needs the set of all equal-cost next
// hops per vertex, inherited along the tree (§16.1.1), which is one merge
// per relaxation here but a predecessor map plus a second pass over it with
// Boost.Graph, and the graph would have to be rebuilt from the LSDB on every
// run anyway.
#pragma once

#include <compare>
#include <cstdint>
#include <map>
#include <vector>

#include "models/net/topology.hpp"
#include "models/ospf/lsdb.hpp"

namespace ospf {

enum class PathType : uint8_t { kIntraArea, kExternal1, kExternal2 };
std::string_view to_string(PathType t);

struct NextHop {
  net::InterfaceId interface = net::kNone;
  net::Ipv4 via;  // the neighbour's interface address
  constexpr auto operator<=>(const NextHop&) const = default;
};

struct OspfRoute {
  net::Prefix prefix;
  PathType type = PathType::kIntraArea;
  uint32_t cost = 0;        // intra: path cost; E1: total; E2: cost to the ASBR
  uint32_t type2_cost = 0;  // E2: the external metric
  uint32_t tag = 0;
  std::vector<net::Ipv4> advertising_routers;  // ASBRs of an external route, sorted
  std::vector<NextHop> next_hops;              // sorted, unique

  // The metric the RIB and `show route` report: the external metric for
  // type 2, the path cost otherwise.
  uint32_t rib_metric() const { return type == PathType::kExternal2 ? type2_cost : cost; }
  bool operator==(const OspfRoute&) const = default;
};

// One of the root's point-to-point links that can carry traffic now
// (interface up, neighbour Full): the first hop of §16.1.1.
struct RootLink {
  net::Ipv4 local_address;  // Link Data of the root's link
  net::Ipv4 neighbor_id;
  net::InterfaceId interface = net::kNone;
  net::Ipv4 neighbor_address;
};

struct SpfInput {
  net::Ipv4 root;
  const Lsdb* lsdb = nullptr;
  sim::Time now;
  std::vector<RootLink> adjacencies;
  // Networks on the root's up interfaces: delivered directly, never OSPF routes.
  std::vector<net::Prefix> connected;
};

struct RouterEntry {
  uint32_t cost = 0;
  bool asbr = false;
  std::vector<NextHop> next_hops;
};

struct SpfResult {
  std::map<net::Ipv4, RouterEntry> routers;  // reachable routers, the root included
  std::vector<OspfRoute> routes;             // sorted by prefix
};

SpfResult calculate_routes(const SpfInput& input);

}  // namespace ospf
