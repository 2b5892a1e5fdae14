// The BGP decision process (RFC 4271 §9.1.2.2) as a pure function.
//
// Candidates are the feasible paths for one prefix (loop-free, next hop
// resolvable: RFC 4271 §9.1.2.1 is the caller's job). Tie-breaking removes
// candidates step by step, as the RFC describes it, rather than comparing
// pairs: the MED rule only compares paths from the same neighbouring AS and
// is not transitive, so a pairwise sort would depend on arrival order.
//
// The paths still equal after the IGP-cost step form the multipath set
// (BIRD `merge paths`, Junos `multipath`, FRR `maximum-paths`); router id and
// peer address then order it and pick the single best path.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "models/bgp/message.hpp"
#include "models/net/ipv4.hpp"

namespace bgp {

enum class PeerKind : uint8_t { kLocal, kEbgp, kIbgp };  // kLocal: originated by this speaker

struct Candidate {
  const PathAttributes* attrs = nullptr;
  PeerKind kind = PeerKind::kEbgp;
  net::Ipv4 peer_router_id;  // BGP Identifier of the speaker we learned it from
  net::Ipv4 peer_address;    // that speaker's session address
  uint32_t igp_cost = 0;     // IGP distance to NEXT_HOP (0 on a direct link)
};

// Which paths may join the best path in the multipath set.
enum class MultipathAsRule {
  kAny,              // any AS_PATH of equal length (FRR `multipath-relax`, BIRD merge paths)
  kSameNeighborAs,   // same neighbouring AS (Junos `multipath` without `multiple-as`)
  kIdenticalAsPath,  // the very same AS_PATH (FRR / Cisco default)
};

struct DecisionConfig {
  // LOCAL_PREF assumed for paths without one (eBGP paths, whose LOCAL_PREF
  // is not carried; RFC 4271 §5.1.5). 100 in BIRD, FRR and Junos.
  uint32_t default_local_pref = 100;
  bool always_compare_med = false;  // compare MED across neighbouring ASes
  size_t max_paths = 1;             // 1 = no multipath
  MultipathAsRule multipath_as = MultipathAsRule::kSameNeighborAs;
};

// The step that made the best path unique (for "why is this route active").
enum class Step {
  kOnlyPath,
  kLocalPref,
  kLocallyOriginated,
  kAsPathLength,
  kOrigin,
  kMed,
  kEbgpOverIbgp,
  kIgpCost,
  kRouterId,
  kPeerAddress,
  kEqual,  // identical in every respect (the first candidate wins)
};

struct Selection {
  std::vector<size_t> paths;  // indices into the candidates; paths[0] is the best path
  Step decided_by = Step::kOnlyPath;
};

// Empty `paths` when there is no candidate.
Selection select_paths(std::span<const Candidate> candidates, const DecisionConfig& config);

uint32_t effective_local_pref(const Candidate& c, const DecisionConfig& config);
// RFC 4271 §9.1.2.2 c: neighborAS is the first AS of the AS_PATH; 0 when the
// path is empty (originated within our own AS).
uint32_t neighbor_as(const Candidate& c);

std::string_view to_string(Step step);

}  // namespace bgp
