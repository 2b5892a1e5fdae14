// Scenario files: loading, validation, and turning a scenario into a network.
//
// A scenario is a YAML file shaped like a containerlab topology plus the
// simulation's own sections (docs/scenario-format.md lists every field).
// load_scenario() reads and checks the whole file before anything is built:
// every problem is a ScenarioError at its file, line and column, so a bad
// file never gets as far as a half-built simulation. The Scenario it returns
// is resolved (units parsed, link defaults applied, names checked) and is
// plain data: build_network() and schedule_events() make it live.
//
// Split: scenario.cpp (file, top-level sections, building), scenario_loader.hpp
// with scenario_topology.cpp (nodes, addresses, links) and scenario_events.cpp,
// scenario_routing.hpp (the routing data) with scenario_routing_loader.hpp,
// scenario_policies.cpp, scenario_routing.cpp and scenario_bgp.cpp (prefix
// lists, policies, per-node routing), scenario_traffic.cpp (traffic and
// outputs), yaml_reader.* (typed, checked YAML access), units.* and
// diagnostic.*.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/net/ipv4.hpp"
#include "models/net/network.hpp"
#include "models/net/topology.hpp"
#include "models/traffic/traffic.hpp"
#include "models/vendor/vendor.hpp"
#include "sim/engine/simulator.hpp"
#include "sim/engine/time.hpp"
#include "sim/run/diagnostic.hpp"
#include "sim/run/scenario_routing.hpp"

namespace run {

struct ScenarioInterface {
  std::string name;  // as the user wrote it: eth0, ge-0/0/9, lo0
  std::vector<net::InterfaceAddress> addresses;
  std::optional<size_t> link;  // index into Scenario::links
  SourcePos pos;               // where it is first named

  // Loopbacks are the interfaces named lo*: lo (Linux), lo0 (Junos).
  bool loopback() const { return name.rfind("lo", 0) == 0; }
};

struct ScenarioNode {
  std::string name;
  net::NodeKind kind = net::NodeKind::kRouter;
  vendor::Vendor vendor = vendor::Vendor::kLinux;
  std::optional<sim::Duration> carrier_delay;  // unset: the vendor's default
  uint32_t tcp_syn_linear_timeouts = 0;        // net::Node::tcp_syn_linear_timeouts
  // In the order the addresses section names them, then link endpoints.
  std::vector<ScenarioInterface> interfaces;
  SourcePos pos;

  const ScenarioInterface* find_interface(std::string_view name) const;
};

struct Endpoint {
  std::string node;
  std::string interface;
  std::string to_string() const { return node + ":" + interface; }  // "pc:eth0"
};

struct ScenarioLink {
  std::array<Endpoint, 2> ends;
  net::LinkParams params;  // link_defaults with this link's overrides applied
  SourcePos pos;

  // "pc:eth0--S-SW-1:ge-0/0/9", the name net::Network gives the link.
  std::string name() const { return ends[0].to_string() + "--" + ends[1].to_string(); }
};

// What a scripted event does. Link actions name a link; the others a node.
enum class EventAction {
  // links (models/net/network.hpp)
  kDown, kUp, kSilent, kLoss, kRestore,
  kPortDown, kPortUp,  // one end's port only: the endpoint written in `link`
  // nodes
  kCrash,          // power off: links lose carrier, protocols and routes gone
  kBoot,           // power on: protocols start again as at time zero
  kClearBgp,       // operator's hard reset of one or all BGP sessions
  kSetTimers,      // new BGP timers for a neighbour, from its next OPEN
  kBgpRestart,     // the BGP daemon restarts (graceful restart if configured)
  kServiceDown,    // the service behind an address stops answering
  kServiceUp,
  kAddressAdd,     // an address added to / removed from an interface
  kAddressRemove,
};
std::string_view action_name(EventAction a);
bool is_link_action(EventAction a);

struct ScenarioEvent {
  sim::Time at;
  EventAction action = EventAction::kDown;
  // Link actions.
  size_t link = 0;           // index into Scenario::links
  std::string from;          // silent, loss: the sending node; empty = both directions
  int side = -1;             // `from` as a link side: 0 = ends[0], 1 = ends[1], -1 = both;
                             // port-down, port-up: the side of the endpoint in `link`
  double probability = 0.0;  // loss only
  // Node actions.
  size_t node = 0;           // index into Scenario::nodes
  std::string neighbor;      // clear-bgp, set-timers: a neighbour's name or address; empty = all
  std::string interface;     // address-add, address-remove
  net::InterfaceAddress address;  // address-*: the address; service-*: its addr
  std::optional<sim::Duration> hold_time;       // set-timers
  std::optional<sim::Duration> keepalive_time;  // set-timers
  bool reset = false;        // set-timers: clear the session so the timers apply now
  SourcePos pos;
};

// A service on a host: an address whose traffic an application answers,
// optionally watched by a health-check daemon that takes the address off
// its interface while the service is down (the write-up's "known issue").
struct HealthCheckSpec {
  sim::Duration interval;
  sim::Duration timeout;
  uint32_t rise = 0;
  uint32_t fall = 0;
};

struct ServiceSpec {
  size_t node = 0;       // index into Scenario::nodes
  std::string interface; // the interface holding the address (its loopback)
  net::InterfaceAddress address;
  std::optional<HealthCheckSpec> health_check;
  SourcePos pos;
};

// One `traffic` entry: a source on each `from` node (docs/scenario-format.md).
struct TrafficSpec {
  struct From {
    std::string node;
    net::Ipv4 address;  // the source address: its loopback's, else its first
  };
  std::string name;  // default "FROM->TO" as written
  std::vector<From> from;
  std::string to_text;  // as written: an address or a node name
  net::Ipv4 to;
  traffic::Pattern pattern = traffic::Pattern::kCbr;
  std::optional<uint64_t> rate_bps;       // exactly one of rate_bps and interval
  std::optional<sim::Duration> interval;
  uint32_t packet_bytes = 1000;
  uint32_t flows = 1;
  uint16_t dst_port = 5201;
  sim::Duration start;
  std::optional<sim::Duration> stop;  // unset: the end of the run
  SourcePos pos;

  // The source on `from[i]`: the entry's name, "@node" appended when the
  // entry has several `from` nodes. It names the source's random stream.
  std::string source_name(size_t i) const;
};

// What a run writes besides summary.json (docs/output.md).
struct OutputSpec {
  sim::Duration sample_every = sim::Duration::seconds(1);  // link_load.csv interval
};

struct Scenario {
  std::string file;
  std::string name;  // default: the file name without its extension
  std::string description;
  uint64_t seed = 1;
  sim::Duration duration;
  net::LinkParams link_defaults;
  std::vector<ScenarioNode> nodes;    // in file order
  std::vector<ScenarioLink> links;    // in file order
  std::vector<ScenarioEvent> events;  // in time order (the file must list them so)
  std::vector<ServiceSpec> services;  // in file order
  // Prefix lists, policies and per-node routing. Its specs point into its
  // own policies, so a Scenario moves but does not copy.
  RoutingConfig routing;
  std::vector<TrafficSpec> traffic;  // in file order
  OutputSpec outputs;

  const ScenarioNode* find_node(std::string_view name) const;
  // "down pc:eth0--S-SW-1:ge-0/0/9", "port-down S-SW-1:ge-0/0/9", "crash S-SW-1",
  // "service-down pc 192.168.100.1".
  std::string describe(const ScenarioEvent& e) const;
  // What the event acts on: a link name, a port (port-down, port-up), a node
  // name, or node + detail.
  std::string target(const ScenarioEvent& e) const;
};

struct ScenarioLoad {
  Scenario scenario;
  std::vector<std::string> warnings;  // formatted "FILE:LINE:COL: warning: ..." lines
};

// Throw ScenarioError on the first problem.
ScenarioLoad load_scenario_with_warnings(const std::string& path);
Scenario load_scenario(const std::string& path);  // drops the warnings
// The same for a scenario held in memory (fuzzers, tests): `path` only names
// it in diagnostics and gives the default scenario name.
ScenarioLoad load_scenario_from_string(const std::string& text, const std::string& path);

// Adds the scenario's nodes, interfaces, addresses and links to `network`.
void build_network(const Scenario& scenario, net::Network& network);
// Schedules each link event (Network::set_carrier, set_silent, set_loss,
// restore, set_admin_up) at its time. Call after build_network on that
// network. Node events need the protocols: run::World schedules those.
void schedule_link_events(const Scenario& scenario, net::Network& network, sim::Simulator& sim);
// The network's id of scenario link `link`, and one link event applied now.
net::LinkId link_id(const Scenario& scenario, const net::Network& network, size_t link);
void apply_link_event(net::Network& network, net::LinkId link, const ScenarioEvent& e);

}  // namespace run
