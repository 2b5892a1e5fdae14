#include "models/bgp/decision.hpp"

#include <algorithm>
#include <limits>

namespace bgp {
namespace {

using Survivors = std::vector<size_t>;

// Keeps the survivors with the smallest key; returns whether any was removed.
template <class Key>
bool keep_min(Survivors& s, Key key) {
  auto best = key(s.front());
  for (size_t i : s) best = std::min(best, key(i));
  const size_t before = s.size();
  std::erase_if(s, [&](size_t i) { return key(i) != best; });
  return s.size() != before;
}

uint32_t med_of(const Candidate& c) {
  // RFC 4271 §9.1.2.2 c: "If a route has no MULTI_EXIT_DISC attribute, the
  // BGP speaker MUST assume the lowest value".
  return c.attrs->med.value_or(0);
}

bool may_join_multipath(const Candidate& best, const Candidate& other, MultipathAsRule rule) {
  switch (rule) {
    case MultipathAsRule::kAny:
      return true;
    case MultipathAsRule::kSameNeighborAs:
      return neighbor_as(best) == neighbor_as(other);
    case MultipathAsRule::kIdenticalAsPath:
      return best.attrs->as_path == other.attrs->as_path;
  }
  return false;
}

}  // namespace

uint32_t effective_local_pref(const Candidate& c, const DecisionConfig& config) {
  return c.attrs->local_pref.value_or(config.default_local_pref);
}

uint32_t neighbor_as(const Candidate& c) {
  return c.attrs->as_path.empty() ? 0 : c.attrs->as_path.front();
}

Selection select_paths(std::span<const Candidate> cands, const DecisionConfig& config) {
  Selection out;
  if (cands.empty()) return out;
  Survivors s(cands.size());
  for (size_t i = 0; i < s.size(); ++i) s[i] = i;
  Step decided = Step::kOnlyPath;
  auto note = [&](Step step, bool removed) {
    if (removed && s.size() == 1 && decided == Step::kOnlyPath && cands.size() > 1) decided = step;
  };

  // §9.1.1 degree of preference: highest LOCAL_PREF (smallest negated key).
  note(Step::kLocalPref, keep_min(s, [&](size_t i) {
         return std::numeric_limits<uint32_t>::max() - effective_local_pref(cands[i], config);
       }));
  // Routes this speaker originates beat learned ones of equal preference
  // (FRR's "local route" step; in BIRD and Junos the redistributed route wins
  // in the RIB before BGP is asked).
  note(Step::kLocallyOriginated,
       keep_min(s, [&](size_t i) { return cands[i].kind == PeerKind::kLocal ? 0 : 1; }));
  // §9.1.2.2 a: shortest AS_PATH.
  note(Step::kAsPathLength, keep_min(s, [&](size_t i) { return cands[i].attrs->as_path.size(); }));
  // §9.1.2.2 b: lowest ORIGIN.
  note(Step::kOrigin,
       keep_min(s, [&](size_t i) { return static_cast<int>(cands[i].attrs->origin); }));
  // §9.1.2.2 c: remove a path if another from the same neighbouring AS has a lower MED.
  {
    const size_t before = s.size();
    Survivors kept;
    for (size_t i : s) {
      const bool beaten = std::any_of(s.begin(), s.end(), [&](size_t j) {
        const bool comparable =
            config.always_compare_med || neighbor_as(cands[i]) == neighbor_as(cands[j]);
        return comparable && med_of(cands[j]) < med_of(cands[i]);
      });
      if (!beaten) kept.push_back(i);
    }
    s = std::move(kept);
    note(Step::kMed, s.size() != before);
  }
  // §9.1.2.2 d: eBGP over iBGP.
  note(Step::kEbgpOverIbgp,
       keep_min(s, [&](size_t i) { return cands[i].kind == PeerKind::kIbgp ? 1 : 0; }));
  // §9.1.2.2 e: lowest interior cost to the NEXT_HOP.
  note(Step::kIgpCost, keep_min(s, [&](size_t i) { return cands[i].igp_cost; }));

  // What is left is equal for forwarding: order it by §9.1.2.2 f (BGP
  // Identifier) and g (peer address); the first is the best path.
  std::stable_sort(s.begin(), s.end(), [&](size_t a, size_t b) {
    if (cands[a].peer_router_id != cands[b].peer_router_id)
      return cands[a].peer_router_id < cands[b].peer_router_id;
    return cands[a].peer_address < cands[b].peer_address;
  });
  if (decided == Step::kOnlyPath && s.size() > 1) {
    const Candidate& a = cands[s[0]];
    const Candidate& b = cands[s[1]];
    decided = a.peer_router_id != b.peer_router_id ? Step::kRouterId
              : a.peer_address != b.peer_address   ? Step::kPeerAddress
                                                   : Step::kEqual;
  }
  out.decided_by = decided;
  const Candidate& best = cands[s.front()];
  for (size_t i : s) {
    if (out.paths.size() >= std::max<size_t>(config.max_paths, 1)) break;
    if (out.paths.empty() || may_join_multipath(best, cands[i], config.multipath_as))
      out.paths.push_back(i);
  }
  return out;
}

std::string_view to_string(Step step) {
  switch (step) {
    case Step::kOnlyPath:
      return "only path";
    case Step::kLocalPref:
      return "local preference";
    case Step::kLocallyOriginated:
      return "locally originated";
    case Step::kAsPathLength:
      return "AS path length";
    case Step::kOrigin:
      return "origin";
    case Step::kMed:
      return "MED";
    case Step::kEbgpOverIbgp:
      return "eBGP over iBGP";
    case Step::kIgpCost:
      return "IGP cost";
    case Step::kRouterId:
      return "router id";
    case Step::kPeerAddress:
      return "peer address";
    case Step::kEqual:
      return "equal";
  }
  return "?";
}

}  // namespace bgp
