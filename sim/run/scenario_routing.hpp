// The routing part of a scenario: prefix lists, policies, and per node its
// router id, static routes, FIB options, BGP and OSPF configuration.
//
// Policies are resolved into policy::Policy objects at load time (names
// checked, prefix lists shared), so the run never looks anything up by name.
// Vendor semantics (what an unset import/export does, what a filter that
// falls off its end means) are applied by models/node, not here.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "models/bfd/defaults.hpp"
#include "models/bgp/graceful_restart.hpp"
#include "models/net/ipv4.hpp"
#include "models/node/router.hpp"
#include "models/policy/policy.hpp"
#include "sim/engine/time.hpp"
#include "sim/run/diagnostic.hpp"
#include "sim/run/scenario_ospf.hpp"

namespace run {

struct BgpNeighborSpec {
  std::string name;  // BIRD protocol name (sw_sw_1) or Junos group (SERVER); default: the address
  net::Ipv4 address;
  uint32_t remote_as = 0;
  std::optional<uint32_t> local_as;  // Junos `local-as`; default: the node's bgp.as
  bool passive = false;
  // Policy chains, evaluated in order; empty = the vendor's default.
  // The built-in names `all` and `none` accept or reject everything.
  std::vector<const policy::Policy*> import_policies;
  std::vector<const policy::Policy*> export_policies;
  // Per-neighbour timer overrides (unset: the vendor's default).
  std::optional<sim::Duration> hold_time;       // 0 or >= 3 s (RFC 4271 §4.2)
  std::optional<sim::Duration> keepalive_time;
  std::optional<sim::Duration> connect_retry_time;
  std::optional<sim::Duration> connect_delay;   // BIRD `connect delay time`
  std::optional<sim::Duration> mrai;            // advertisement interval
  // RFC 4724 graceful restart, BIRD's words off / aware / on (able); unset:
  // the vendor's default (aware, FRR and Junos helper mode).
  std::optional<bgp::GrMode> graceful_restart;
  // BFD protecting the session (RFC 5882 §4.3), vendor defaults filled in
  // by the loader; unset: no BFD.
  std::optional<bfd::BfdTimers> bfd;
  SourcePos pos;
};

struct BgpSpec {
  uint32_t as = 0;
  std::optional<bool> multipath;  // Junos `multipath`, FRR maximum-paths > 1; BIRD: see FibSpec
  std::vector<BgpNeighborSpec> neighbors;
  SourcePos pos;
};

struct FibSpec {
  std::optional<bool> merge_paths;  // BIRD kernel protocol `merge paths on`
  // Junos `routing-options forwarding-table export` (e.g. the lab's ECMP).
  std::vector<const policy::Policy*> forwarding_export;
  std::optional<sim::Duration> install_delay;
  std::optional<uint32_t> max_paths;
  // How the data plane picks among a route's next hops, and the node's hash
  // seed (salt); unset: the vendor's mode, a seed derived from the run seed
  // and the node's name.
  std::optional<node::EcmpMode> ecmp_mode;
  std::optional<uint64_t> ecmp_seed;
};

struct RoutingSpec {
  std::string node;
  std::optional<net::Ipv4> router_id;  // default: highest loopback address, else highest address
  std::vector<node::StaticRoute> static_routes;
  FibSpec fib;
  std::optional<BgpSpec> bgp;
  std::optional<OspfSpec> ospf;  // scenario_ospf.hpp
  SourcePos pos;
};

// Owned by Scenario; pointers into `policies` stay valid (std::map nodes do not move).
struct RoutingConfig {
  RoutingConfig() = default;
  RoutingConfig(RoutingConfig&&) = default;
  RoutingConfig& operator=(RoutingConfig&&) = default;
  RoutingConfig(const RoutingConfig&) = delete;  // specs point into `policies`
  RoutingConfig& operator=(const RoutingConfig&) = delete;

  std::map<std::string, std::shared_ptr<const policy::PrefixList>> prefix_lists;
  std::map<std::string, policy::Policy> policies;  // includes the built-ins `all` and `none`
  std::vector<RoutingSpec> nodes;                  // only nodes with a routing section

  const RoutingSpec* find(std::string_view node) const;
};

}  // namespace run
