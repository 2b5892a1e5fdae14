// `mhsim show`: router-style views of one node at a simulated time, in the
// text its own CLI prints, so that mhsim's state can be put side by side with
// the lab's outputs (seed/routing-on-the-host-lab.md, docs/show.md).
//
// A view is rendered from a ShowNode (what one node's models hold at `now`);
// show_command() builds a World from a scenario, advances it to --at and
// renders. The views:
//
//   view            junos style                          bird style                 frr style
//   route [ARG]     show route [ARG]                     show route [for ARG]       show ip route [ARG]
//   bgp-summary     show bgp summary                     show protocols             show ip bgp summary
//   bgp-received N  show route receive-protocol bgp N    show route protocol N      show ip bgp neighbors N routes
//   forwarding      show route forwarding-table ...      ip route show [ARG]        ip route show [ARG]
//   protocols       show bgp neighbor                    show protocols             show ip bgp neighbors
//   ospf-neighbors  show ospf neighbor                   show ospf neighbors        show ip ospf neighbor
//   ospf-database   show ospf database                   show ospf lsadb            show ip ospf database
//   ospf-route      show ospf route                      show route protocol ospf1  show ip ospf route
//
// Split: show.cpp (dispatch, argument checks, the command), show_entries.cpp
// (what the styles share: route entries, prefix selection), one file per
// style: show_junos.cpp, show_bird.cpp, show_frr.cpp, and show_linux.cpp for
// `ip route`, the forwarding view of BIRD and FRR hosts; show_ospf.cpp for
// the OSPF views in all three styles.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "models/net/network.hpp"
#include "models/node/bgp_process.hpp"
#include "models/node/router.hpp"
#include "models/ospf/process.hpp"
#include "sim/engine/time.hpp"

namespace run {

enum class ShowView {
  kRoute,
  kBgpSummary,
  kBgpReceived,
  kForwarding,
  kProtocols,
  kOspfNeighbors,
  kOspfDatabase,
  kOspfRoute,
};
enum class ShowStyle { kJunos, kBird, kFrr };

// "route", "bgp-summary", "bgp-received", "forwarding", "protocols",
// "ospf-neighbors", "ospf-database", "ospf-route".
std::string_view view_name(ShowView v);
std::vector<std::string> view_names();
std::optional<ShowView> parse_view(std::string_view text);
std::string_view style_name(ShowStyle s);
std::optional<ShowStyle> parse_style(std::string_view text);
// The style of the node's own CLI: Junos for junos, birdc for bird and for
// linux (the lab's host runs BIRD on Linux), vtysh for frr and eos (EOS's
// CLI is Cisco-like, closer to vtysh than to the other two).
ShowStyle default_style(vendor::Vendor v);

// What a view reads of one node. Refers, never owns.
struct ShowNode {
  const net::Network& network;
  const node::Router& router;
  const node::BgpProcess* bgp = nullptr;  // null: the node runs no BGP
  sim::Time now;
  const ospf::OspfProcess* ospf = nullptr;  // null: the node runs no OSPF
};

struct ShowRequest {
  ShowView view = ShowView::kRoute;
  std::optional<std::string> arg;  // prefix, address or `default`; the neighbour of bgp-received
  std::optional<ShowStyle> style;  // unset: default_style(the node's vendor)
  bool prompt = false;             // start with the prompt and the equivalent command
};

// A request the node cannot answer: a bad argument, an unknown neighbour.
class ShowError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Renders one view. Deterministic: the same node state gives the same bytes.
// Throws ShowError.
std::string render_show(const ShowNode& node, const ShowRequest& request);

struct ShowOptions {
  std::string scenario_path;
  std::string node;
  std::string view;
  std::optional<std::string> arg;
  std::optional<std::string> style;  // junos, bird, frr
  std::optional<sim::Duration> at;   // default: the scenario's duration
  std::optional<uint64_t> seed;      // default: the scenario's seed
  bool prompt = false;
};

// Loads, simulates up to --at, prints the view on `out`. Returns kExitOk, or
// kExitBadInput with a message on `err` (scenario error, unknown node or
// view, --at beyond the scenario's duration, bad argument, unknown neighbour).
int show_command(const ShowOptions& options, std::ostream& out, std::ostream& err);

}  // namespace run
