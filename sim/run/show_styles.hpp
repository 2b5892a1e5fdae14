// What the show styles share, and the entry points of each style (internal
// to sim/run/show*.cpp).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sim/run/show.hpp"

namespace run::show {

// printf into a std::string: router output is fixed-width columns, which
// printf widths state most plainly.
std::string format(const char* fmt, ...) __attribute__((format(printf, 1, 2)));

// A route or forwarding argument: a prefix ("10.10.1.0/30"), an address
// ("192.168.100.1", taken as its /32), or "default" (0.0.0.0/0).
struct Target {
  net::Prefix prefix;
  bool address = false;  // written without a length
  std::string text;      // as the user wrote it
};
// Throws ShowError when the text is none of those.
Target parse_target(const std::string& text);

// Prefixes of the RIB that have routes, in prefix order.
std::vector<net::Prefix> all_prefixes(const rib::Rib& rib);
// The longest RIB prefix containing `p` (p itself included).
std::optional<net::Prefix> longest_match(const rib::Rib& rib, const net::Prefix& p);
// Junos `show route P`: the routes inside P; if there are none, the longest
// match of P.
std::vector<net::Prefix> select_within_or_longest(const rib::Rib& rib, const Target& t);
// BIRD `show route for A` / FRR `show ip route A`: an address selects its
// longest match; a prefix only itself.
std::vector<net::Prefix> select_longest_or_exact(const rib::Rib& rib, const Target& t);

// One BGP path a neighbour gave us for a prefix (its Adj-RIB-In entry).
struct PathRef {
  size_t neighbor = 0;
  const bgp::Path* path = nullptr;
};

// One line group of a route listing: a RIB route, or for BGP one neighbour's
// path, as Junos and BIRD list every path of a prefix while the RIB holds
// BGP's choice as one route.
struct Entry {
  const rib::Route* route = nullptr;
  bool active = false;  // the prefix's active route (for BGP: its best path)
  std::optional<PathRef> bgp;
  std::vector<rib::NextHop> next_hops;
  uint32_t preference = 0;  // the node vendor's convention
  sim::Time since;
};

// Every entry of a prefix, the active one first. With `multipath_on_best`
// (Junos) the best BGP path carries all the RIB route's next hops, as the
// active route of a multipath set does there; otherwise (BIRD) each path
// shows its own next hop.
std::vector<Entry> entries(const ShowNode& n, const net::Prefix& p, bool multipath_on_best);
// Paths from every neighbour whose next hop resolves: the best path and its
// multipath companions first, in decision order, then the rest by neighbour.
std::vector<PathRef> bgp_paths(const ShowNode& n, const net::Prefix& p);
// The neighbour's path is the node's active route for the prefix.
bool path_active(const ShowNode& n, size_t neighbor, const net::Prefix& p);
// Prefixes of the neighbour's Adj-RIB-In that are the node's active route.
size_t active_from(const ShowNode& n, size_t neighbor);
// Routes the import policy rejected, over every neighbour (Junos "hidden").
size_t rejected_paths(const ShowNode& n);
// The interface name as the style writes it (Junos adds the unit: ge-0/0/9.0).
std::string interface_name(const ShowNode& n, net::InterfaceId ifc, ShowStyle style);
// The FIB's next hops for exactly this prefix (empty when not installed).
std::vector<rib::NextHop> installed(const ShowNode& n, const net::Prefix& p);
// The neighbour named by address or name, or throws ShowError naming the
// node's neighbours (also when `which` is unset).
size_t find_neighbor(const ShowNode& n, const std::optional<std::string>& which);

// --- the styles ------------------------------------------------------------------

std::string junos_route(const ShowNode& n, const std::optional<Target>& t);
std::string junos_bgp_summary(const ShowNode& n);
std::string junos_received(const ShowNode& n, size_t neighbor);
std::string junos_forwarding(const ShowNode& n, const std::optional<Target>& t);
std::string junos_bgp_neighbor(const ShowNode& n);

std::string bird_route(const ShowNode& n, const std::optional<Target>& t);
std::string bird_protocols(const ShowNode& n);
std::string bird_received(const ShowNode& n, size_t neighbor);

std::string frr_route(const ShowNode& n, const std::optional<Target>& t);
std::string frr_bgp_summary(const ShowNode& n);
std::string frr_received(const ShowNode& n, size_t neighbor);
std::string frr_bgp_neighbors(const ShowNode& n);

// show_ospf.cpp: the OSPF views in the given style, and the router command
// each corresponds to (for --prompt).
bool is_ospf_view(ShowView v);
std::string ospf_view(const ShowNode& n, ShowView view, ShowStyle style);
std::string ospf_command(const ShowNode& n, ShowView view, ShowStyle style);

// `ip route show`: what BIRD's or FRR's kernel protocol left in the Linux
// kernel. `daemon` decides the proto/metric of routes the daemon installed.
std::string linux_ip_route(const ShowNode& n, const std::optional<Target>& t, ShowStyle daemon);

}  // namespace run::show
