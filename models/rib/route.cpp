#include "models/rib/route.hpp"

#include <algorithm>
#include <tuple>

namespace rib {

std::string_view protocol_name(Protocol p) {
  switch (p) {
    case Protocol::kDirect:
      return "direct";
    case Protocol::kStatic:
      return "static";
    case Protocol::kKernel:
      return "kernel";
    case Protocol::kBgp:
      return "bgp";
    case Protocol::kOspfInternal:
      return "ospf-internal";
    case Protocol::kOspfExternal1:
      return "ospf-external-1";
    case Protocol::kOspfExternal2:
      return "ospf-external-2";
  }
  return "?";
}

void normalise_next_hops(std::vector<NextHop>& next_hops) {
  std::sort(next_hops.begin(), next_hops.end());
  next_hops.erase(std::unique(next_hops.begin(), next_hops.end()), next_hops.end());
}

bool better(const Route& a, const Route& b) {
  return std::tie(a.preference, a.protocol, a.rank, a.metric, a.ibgp, a.source) <
         std::tie(b.preference, b.protocol, b.rank, b.metric, b.ibgp, b.source);
}

bool equal_cost(const Route& a, const Route& b) {
  return std::tie(a.preference, a.protocol, a.rank, a.metric, a.ibgp) ==
         std::tie(b.preference, b.protocol, b.rank, b.metric, b.ibgp);
}

}  // namespace rib
