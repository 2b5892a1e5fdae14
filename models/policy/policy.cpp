#include "models/policy/policy.hpp"

#include <algorithm>

namespace policy {

PrefixMatch PrefixMatch::longer(net::Prefix p) {
  // min > max for a /32: an empty range, as Junos `longer` on a host route.
  return {p, static_cast<uint8_t>(p.len + 1), 32};
}

bool PrefixListMatch::matches(const net::Prefix& route) const {
  if (!list) return false;
  for (const net::Prefix& p : list->prefixes) {
    switch (how) {
      case ListMatch::kExact:
        if (route == p) return true;
        break;
      case ListMatch::kOrLonger:
        if (p.contains(route)) return true;
        break;
      case ListMatch::kLonger:
        if (route.len > p.len && p.contains(route)) return true;
        break;
    }
  }
  return false;
}

bool Match::matches(const RouteAttributes& route) const {
  if (!route_filters.empty() || !prefix_lists.empty()) {
    const bool any = std::any_of(route_filters.begin(), route_filters.end(),
                                 [&](const PrefixMatch& m) { return m.matches(route.prefix); }) ||
                     std::any_of(prefix_lists.begin(), prefix_lists.end(),
                                 [&](const PrefixListMatch& m) { return m.matches(route.prefix); });
    if (!any) return false;
  }
  if (!protocols.empty() && !protocols.contains(route.protocol)) return false;
  if (!neighbours.empty() &&
      std::find(neighbours.begin(), neighbours.end(), route.neighbour) == neighbours.end())
    return false;
  return true;
}

void Action::apply(RouteAttributes& route) const {
  switch (kind) {
    case ActionKind::kSetPreference:
      route.preference = value;
      break;
    case ActionKind::kSetLocalPref:
      route.local_pref = value;
      break;
    case ActionKind::kSetMed:
      route.med = value;
      break;
    case ActionKind::kSetMetric:
      route.metric = value;
      break;
    case ActionKind::kNextHopSelf:
      route.next_hop_self = true;
      break;
    case ActionKind::kSetNextHop:
      route.next_hop = net::Ipv4{value};
      route.next_hop_self = false;
      break;
    case ActionKind::kPrependAsPath:
      route.as_path.insert(route.as_path.begin(), count, value);
      break;
    case ActionKind::kLoadBalance:
      route.load_balance = true;
      break;
  }
}

std::string_view verdict_name(Verdict v) {
  switch (v) {
    case Verdict::kNext:
      return "next";
    case Verdict::kAccept:
      return "accept";
    case Verdict::kReject:
      return "reject";
  }
  return "?";
}

Verdict evaluate(const Policy& policy, RouteAttributes& route) {
  for (const Term& term : policy.terms) {
    if (!term.from.matches(route)) continue;
    for (const Action& a : term.then) a.apply(route);
    if (term.verdict != Verdict::kNext) return term.verdict;
  }
  return policy.default_verdict;
}

bool evaluate_chain(std::span<const Policy* const> chain, RouteAttributes& route,
                    Verdict protocol_default) {
  for (const Policy* p : chain) {
    const Verdict v = evaluate(*p, route);
    if (v != Verdict::kNext) return v == Verdict::kAccept;
  }
  return protocol_default == Verdict::kAccept;
}

}  // namespace policy
