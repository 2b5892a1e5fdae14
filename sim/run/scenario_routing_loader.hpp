// The checks and resolution behind the routing sections of a scenario:
// prefix_lists, policies and routing (the result is run::RoutingConfig,
// scenario_routing.hpp).
//
// Read in dependency order, whatever their order in the file: prefix lists,
// then policies (which name prefix lists), then routing (which names nodes,
// policies and addresses, so it comes after the topology and addresses).
// finish() then reports what can only be seen once everything is read: a
// BGP neighbour whose other end does not match, an OSPF link whose ends
// cannot form an adjacency, policies and prefix lists nothing uses.
//
// Split: scenario_policies.cpp (prefix lists, policies, terms, actions,
// chains), scenario_policy_match.cpp (a term's `from`: prefix lists, route
// filters, protocols, neighbours), scenario_routing.cpp (router id, static
// routes, fib), scenario_bgp.cpp (bgp, neighbours, timers, the checks that
// pair both ends of a session), scenario_ospf.cpp (ospf, its interfaces, and
// the checks that compare both ends of each link). Internal to sim/run.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/run/scenario.hpp"
#include "sim/run/scenario_routing.hpp"
#include "sim/run/yaml_reader.hpp"

namespace run::detail {

// BGP timer values as RFC 4271 allows them (whole seconds; hold 0 or >= 3 s).
sim::Duration read_hold_time(const YamlReader& r, const Item& v);
sim::Duration read_keepalive(const YamlReader& r, const Item& v);

class RoutingLoader {
 public:
  // Adds the built-in policies `all` and `none`.
  RoutingLoader(YamlReader& reader, Scenario& scenario);

  void read_prefix_lists(const Item& v);
  void read_policies(const Item& v);
  void read_routing(const Item& v);
  void finish();

 private:
  struct PolicyInfo {
    SourcePos pos;  // the name in `policies`; line 0 for the built-ins
    // Every `preference` the policy sets: checked against the range of the
    // vendor of each node that uses it.
    std::vector<std::pair<uint32_t, SourcePos>> preferences;
    bool used = false;
  };
  struct ListInfo {
    SourcePos pos;
    bool used = false;
  };

  // --- scenario_policies.cpp
  void read_policy(const Field& f);
  policy::Term read_term(const Item& v, const std::string& policy, PolicyInfo& info);
  void read_then(const Item& v, policy::Term& term, PolicyInfo& info);
  // --- scenario_policy_match.cpp
  policy::Match read_match(const Item& v);
  std::shared_ptr<const policy::PrefixList> find_prefix_list(const Item& name);
  policy::PrefixMatch route_filter(const Item& v);
  // --- scenario_policies.cpp: a chain (`import`, `export`, `forwarding_export`): one name or a
  // list.
  std::vector<const policy::Policy*> read_chain(const Field& f, const ScenarioNode& node);

  // --- scenario_routing.cpp
  void read_node_routing(const Field& f);
  node::StaticRoute read_static(const Item& v, const ScenarioNode& node,
                                std::vector<std::pair<net::Prefix, int>>& seen);
  FibSpec read_fib(const Item& v, const ScenarioNode& node);

  // --- scenario_bgp.cpp
  BgpSpec read_bgp(const Item& v, const ScenarioNode& node);
  BgpNeighborSpec read_neighbor(const Item& v, const ScenarioNode& node);
  void read_timers(const Fields& fields, const ScenarioNode& node, BgpNeighborSpec& nb);
  std::optional<bfd::BfdTimers> read_bfd(const Item& v, const ScenarioNode& node);
  void check_sessions();

  // --- scenario_ospf.cpp
  OspfSpec read_ospf(const Item& v, const ScenarioNode& node);
  OspfInterfaceSpec read_ospf_interface(const Field& f, const ScenarioNode& node);
  OspfSpfSpec read_spf(const Item& v, const ScenarioNode& node);
  void check_ospf_links();

  // Shared checks (scenario_routing.cpp).
  uint32_t as_number(const Item& v, std::string_view what) const;
  uint32_t u32(const Item& v, std::string_view what) const;
  net::Ipv4 ipv4(const Item& v) const;
  // Fails unless `address` is a usable host address on a connected subnet
  // of one of the node's non-loopback interfaces (and not the node's own):
  // `what` is "neighbor" or "next_hop".
  void check_connected(const ScenarioNode& node, net::Ipv4 address, const SourcePos& at,
                       std::string_view what) const;

  YamlReader& r_;
  Scenario& s_;
  RoutingConfig& rc_;
  std::map<std::string, PolicyInfo> policy_info_;
  std::map<std::string, ListInfo> list_info_;
  std::vector<std::string> policy_names_;  // did-you-mean candidates
  std::vector<std::string> list_names_;
  // Every `from: {neighbor: A}`, checked against the BGP neighbours in finish().
  std::vector<std::pair<net::Ipv4, SourcePos>> matched_neighbours_;
};

// Helpers shared by the files above (scenario_policy_match.cpp).
// The whitespace-separated words of `s`.
std::vector<std::string> split_words(std::string_view s);
// One value or a non-empty list of them, as items.
std::vector<Item> one_or_more(const YamlReader& r, const Item& v, std::string_view what);
// "unknown KIND 'WORD' (did you mean 'X'?); use one of: A, B, C".
std::string unknown_choice(std::string_view kind, const std::string& word,
                           const std::vector<std::string>& choices);

// Timer values as BGP configs write them: whole seconds stay in seconds
// ("180s", not sim::format_duration's "3m"); anything else as format_duration.
std::string seconds_text(sim::Duration d);

}  // namespace run::detail
