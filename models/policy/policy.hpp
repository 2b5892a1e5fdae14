// One vendor-neutral routing policy language for Junos policy-statements and
// BIRD filters.
//
// A Policy is a list of Terms and a default verdict. A Term matches when all
// of its condition kinds match (AND); within one kind any value may match
// (OR), and route filters and prefix lists together form one prefix
// condition, as in a Junos `from` clause. A matching term applies its actions
// in order to the RouteAttributes and then accepts, rejects, or (kNext) lets
// evaluation go on with the next term, keeping the changes it made: Junos
// terms without a terminating action and BIRD statements before `accept`
// both behave that way. If no term decides, the default verdict applies:
// Junos policies in the lab end with `then reject`; a BIRD filter that falls
// off its end rejects the route; kNext means "no decision", and
// evaluate_chain() then tries the next policy and finally the protocol's
// default, as a Junos policy chain does.
//
// Preferences in actions and attributes are in the vendor convention of the
// node that evaluates the policy (`preference 90` on Junos is 90, lower wins;
// on BIRD `preference = 200` is 200, higher wins); the owner converts with
// rib::to_internal() when it builds the rib::Route. Evaluation does no string
// work and allocates only for AS-path prepends.
//
// The lab's policies in this language (seed/routing-on-the-host-lab.md):
//
//   prefix-list SERVER-SERVICE-ADDRESS { 192.168.100.1/32; }
//     PrefixList{"SERVER-SERVICE-ADDRESS", {192.168.100.1/32}}
//
//   policy-statement IMPORT-BGP-SERVERS            (S-SW-1, S-SW-2: BGP import)
//     term SERVER-SERVICE-ADDRESS { from prefix-list SERVER-SERVICE-ADDRESS;
//                                   then { preference 90; accept; } }
//     then reject;
//   Policy{"IMPORT-BGP-SERVERS",
//          {Term{"SERVER-SERVICE-ADDRESS",
//                Match::prefix_list(list),
//                {Action::set_preference(90)}, Verdict::kAccept}},
//          Verdict::kReject}
//
//   policy-statement EXPORT-BGP-SERVERS            (S-SW-1, S-SW-2: BGP export)
//     term DEFAULT { from route-filter 0.0.0.0/0 exact;
//                    then { next-hop self; accept; } }
//     then reject;
//   Policy{"EXPORT-BGP-SERVERS",
//          {Term{"DEFAULT", Match::route_filter(PrefixMatch::exact(0.0.0.0/0)),
//                {Action::next_hop_self()}, Verdict::kAccept}},
//          Verdict::kReject}
//
//   policy-statement EXPORT-OSPF                   (S-SW-1, S-SW-2: OSPF export)
//     term SERVERS { from prefix-list SERVER-SERVICE-ADDRESS; then accept; }
//     then reject;
//   Policy{"EXPORT-OSPF",
//          {Term{"SERVERS", Match::prefix_list(list),
//                {}, Verdict::kAccept}},
//          Verdict::kReject}
//
//   policy-statement ECMP { then { load-balance per-packet; } }
//                                                   (C-SW-1: forwarding-table export)
//   Policy{"ECMP", {Term{"", Match{}, {Action::load_balance()}, Verdict::kNext}},
//          Verdict::kNext}
//   (a forwarding-table export policy only marks routes; it never removes one)
//
//   filter service_address {                       (the BIRD host: BGP export)
//     if (net = 192.168.100.1/32) then { accept; } else reject; }
//   Policy{"service_address",
//          {Term{"", Match::route_filter(PrefixMatch::exact(192.168.100.1/32)),
//                {}, Verdict::kAccept}},
//          Verdict::kReject}
//
// BIRD's `import all` / `export all` are Policy{name, {}, Verdict::kAccept}.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "models/net/ipv4.hpp"
#include "models/rib/route.hpp"

namespace policy {

// What a policy sees of a route and may change.
struct RouteAttributes {
  net::Prefix prefix;
  rib::Protocol protocol = rib::Protocol::kStatic;
  bool ibgp = false;
  net::Ipv4 neighbour;      // BGP neighbour it came from (import) or goes to (export)
  uint32_t preference = 0;  // vendor convention of the evaluating node
  uint32_t local_pref = 100;
  std::optional<uint32_t> med;
  uint32_t metric = 0;  // IGP metric: OSPF external metric on OSPF export
  net::Ipv4 next_hop;
  bool next_hop_self = false;
  bool load_balance = false;      // forwarding table: install all equal-cost next hops
  std::vector<uint32_t> as_path;  // nearest AS first
};

// A prefix range: routes inside `prefix` whose length is in [min_len, max_len].
// Junos route-filter match types and BIRD prefix patterns are all ranges:
//   exact         192.168.100.1/32 exact     net = 192.168.100.1/32      [32, 32]
//   orlonger      10.0.0.0/8 orlonger        net ~ [10.0.0.0/8+]         [8, 32]
//   longer        10.0.0.0/8 longer          net ~ [10.0.0.0/8{9,32}]    [9, 32]
//   upto /n       10.0.0.0/8 upto /24        net ~ [10.0.0.0/8{8,24}]    [8, 24]
//   range a..b    prefix-length-range /a-/b  net ~ [10.0.0.0/8{a,b}]     [a, b]
struct PrefixMatch {
  net::Prefix prefix;
  uint8_t min_len = 0;
  uint8_t max_len = 32;

  static PrefixMatch exact(net::Prefix p) { return {p, p.len, p.len}; }
  static PrefixMatch orlonger(net::Prefix p) { return {p, p.len, 32}; }
  static PrefixMatch longer(net::Prefix p);  // /32 matches nothing
  static PrefixMatch upto(net::Prefix p, uint8_t max_len) { return {p, p.len, max_len}; }
  static PrefixMatch range(net::Prefix p, uint8_t min_len, uint8_t max_len) {
    return {p, min_len, max_len};
  }
  bool matches(const net::Prefix& route) const {
    return route.len >= min_len && route.len <= max_len && prefix.contains(route);
  }
};

// A named set of prefixes (Junos prefix-list, BIRD prefix set). Shared so
// that every policy naming it sees the same list.
struct PrefixList {
  std::string name;
  std::vector<net::Prefix> prefixes;
};

// Junos `from prefix-list X` matches the listed prefixes exactly;
// `prefix-list-filter X orlonger|longer` matches inside them.
enum class ListMatch : uint8_t { kExact, kOrLonger, kLonger };

struct PrefixListMatch {
  std::shared_ptr<const PrefixList> list;
  ListMatch how = ListMatch::kExact;
  bool matches(const net::Prefix& route) const;
};

// A set of rib::Protocol values; empty matches every protocol.
class ProtocolSet {
 public:
  constexpr ProtocolSet() = default;
  constexpr ProtocolSet(std::initializer_list<rib::Protocol> ps) {
    for (rib::Protocol p : ps) bits_ |= bit(p);
  }
  // Junos `protocol ospf`, BIRD `source = RTS_OSPF...`: every OSPF path type.
  static constexpr ProtocolSet ospf() {
    return {rib::Protocol::kOspfInternal, rib::Protocol::kOspfExternal1,
            rib::Protocol::kOspfExternal2};
  }
  constexpr bool empty() const { return bits_ == 0; }
  constexpr bool contains(rib::Protocol p) const { return (bits_ & bit(p)) != 0; }

 private:
  static constexpr uint8_t bit(rib::Protocol p) {
    return static_cast<uint8_t>(1u << static_cast<unsigned>(p));
  }
  uint8_t bits_ = 0;
};

struct Match {
  std::vector<PrefixMatch> route_filters;
  std::vector<PrefixListMatch> prefix_lists;
  ProtocolSet protocols;
  std::vector<net::Ipv4> neighbours;

  // One-condition terms, the common case (`from route-filter ...`,
  // `from prefix-list ...`); add more conditions to the fields directly.
  static Match route_filter(PrefixMatch m) {
    Match x;
    x.route_filters.push_back(m);
    return x;
  }
  static Match prefix_list(std::shared_ptr<const PrefixList> list,
                           ListMatch how = ListMatch::kExact) {
    Match x;
    x.prefix_lists.push_back(PrefixListMatch{std::move(list), how});
    return x;
  }

  bool matches(const RouteAttributes& route) const;
};

enum class ActionKind : uint8_t {
  kSetPreference,  // value, vendor convention
  kSetLocalPref,
  kSetMed,
  kSetMetric,
  kNextHopSelf,
  kSetNextHop,     // value = address
  kPrependAsPath,  // value = AS number, count = times
  kLoadBalance,    // Junos `load-balance per-packet` (hashes per flow on modern PFEs)
};

struct Action {
  ActionKind kind = ActionKind::kSetPreference;
  uint32_t value = 0;
  uint32_t count = 1;

  static Action set_preference(uint32_t v) { return {ActionKind::kSetPreference, v, 1}; }
  static Action set_local_pref(uint32_t v) { return {ActionKind::kSetLocalPref, v, 1}; }
  static Action set_med(uint32_t v) { return {ActionKind::kSetMed, v, 1}; }
  static Action set_metric(uint32_t v) { return {ActionKind::kSetMetric, v, 1}; }
  static Action next_hop_self() { return {ActionKind::kNextHopSelf, 0, 1}; }
  static Action set_next_hop(net::Ipv4 a) { return {ActionKind::kSetNextHop, a.value, 1}; }
  static Action prepend(uint32_t asn, uint32_t times) {
    return {ActionKind::kPrependAsPath, asn, times};
  }
  static Action load_balance() { return {ActionKind::kLoadBalance, 0, 1}; }

  void apply(RouteAttributes& route) const;
};

enum class Verdict : uint8_t { kNext, kAccept, kReject };
std::string_view verdict_name(Verdict v);

struct Term {
  std::string name;  // for show output and traces only
  Match from;
  std::vector<Action> then;
  Verdict verdict = Verdict::kNext;
};

struct Policy {
  std::string name;
  std::vector<Term> terms;
  Verdict default_verdict = Verdict::kReject;
};

// Runs the policy over `route`, changing it as the actions say. Returns
// kAccept or kReject, or kNext when neither a term nor the default decided.
// Changes made before a reject are left in `route`; callers drop the route.
Verdict evaluate(const Policy& policy, RouteAttributes& route);

// A Junos policy chain: the first policy that decides wins; if none does,
// `protocol_default` (kAccept or kReject) applies. Returns true if accepted.
bool evaluate_chain(std::span<const Policy* const> chain, RouteAttributes& route,
                    Verdict protocol_default);

}  // namespace policy
