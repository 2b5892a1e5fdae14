#include "sim/run/show.hpp"

#include <array>
#include <ostream>

#include "sim/run/diagnostic.hpp"
#include "sim/run/runner.hpp"
#include "sim/run/show_styles.hpp"
#include "sim/run/world.hpp"

namespace run {
namespace {

constexpr std::array<ShowView, 8> kViews = {
    ShowView::kRoute,     ShowView::kBgpSummary,    ShowView::kBgpReceived,
    ShowView::kForwarding, ShowView::kProtocols,    ShowView::kOspfNeighbors,
    ShowView::kOspfDatabase, ShowView::kOspfRoute};
constexpr std::array<ShowStyle, 3> kStyles = {ShowStyle::kJunos, ShowStyle::kBird, ShowStyle::kFrr};

// The argument, parsed and checked against the node; nothing is rendered.
struct Checked {
  ShowStyle style = ShowStyle::kJunos;
  std::optional<show::Target> target;  // route, forwarding
  size_t neighbor = 0;                 // bgp-received
};

Checked check(const ShowNode& n, const ShowRequest& r) {
  Checked c;
  c.style = r.style.value_or(default_style(n.router.vendor()));
  const std::string view(view_name(r.view));
  switch (r.view) {
    case ShowView::kRoute:
    case ShowView::kForwarding:
      if (r.arg) c.target = show::parse_target(*r.arg);
      break;
    case ShowView::kBgpReceived:
      c.neighbor = show::find_neighbor(n, r.arg);
      break;
    case ShowView::kBgpSummary:
    case ShowView::kProtocols:
    case ShowView::kOspfNeighbors:
    case ShowView::kOspfDatabase:
    case ShowView::kOspfRoute:
      if (r.arg) throw ShowError("`" + view + "` takes no argument (got '" + *r.arg + "')");
      break;
  }
  return c;
}

std::string arg_suffix(const std::optional<show::Target>& t) { return t ? " " + t->text : ""; }

// The prompt and command a user would type on the box for this view.
std::string command_line(const ShowNode& n, ShowView view, const Checked& c) {
  if (show::is_ospf_view(view)) return show::ospf_command(n, view, c.style);
  const std::string& node = n.router.node().name;
  const std::string shell = node + ":~# ip route show";
  const std::string ip_route =
      shell + (c.target ? (c.target->address ? " match " : " ") + c.target->text : "");
  const std::string neighbour =
      view == ShowView::kBgpReceived ? n.bgp->neighbor(c.neighbor).address.to_string() : "";
  switch (c.style) {
    case ShowStyle::kJunos: {
      const std::string p = "root@" + node + "> ";
      switch (view) {
        case ShowView::kRoute:
          return p + "show route" + arg_suffix(c.target);
        case ShowView::kBgpSummary:
          return p + "show bgp summary";
        case ShowView::kBgpReceived:
          return p + "show route receive-protocol bgp " + neighbour;
        case ShowView::kForwarding:
          return p + "show route forwarding-table" +
                 (c.target ? " destination " + c.target->text : "") + " table default";
        case ShowView::kProtocols:
          return p + "show bgp neighbor";
        case ShowView::kOspfNeighbors:  // show_ospf.cpp, above
        case ShowView::kOspfDatabase:
        case ShowView::kOspfRoute:
          break;
      }
      break;
    }
    case ShowStyle::kBird:
      switch (view) {
        case ShowView::kRoute:
          return "bird> show route" +
                 (c.target ? (c.target->address ? " for " : " ") + c.target->text : "");
        case ShowView::kBgpSummary:
        case ShowView::kProtocols:
          return "bird> show protocols";
        case ShowView::kBgpReceived:
          return "bird> show route protocol " + n.bgp->neighbor(c.neighbor).name;
        case ShowView::kForwarding:
          return ip_route;
        case ShowView::kOspfNeighbors:  // show_ospf.cpp, above
        case ShowView::kOspfDatabase:
        case ShowView::kOspfRoute:
          break;
      }
      break;
    case ShowStyle::kFrr: {
      const std::string p = node + "# ";
      switch (view) {
        case ShowView::kRoute:
          return p + "show ip route" + arg_suffix(c.target);
        case ShowView::kBgpSummary:
          return p + "show ip bgp summary";
        case ShowView::kBgpReceived:
          return p + "show ip bgp neighbors " + neighbour + " routes";
        case ShowView::kForwarding:
          return ip_route;
        case ShowView::kProtocols:
          return p + "show ip bgp neighbors";
        case ShowView::kOspfNeighbors:  // show_ospf.cpp, above
        case ShowView::kOspfDatabase:
        case ShowView::kOspfRoute:
          break;
      }
      break;
    }
  }
  return "";
}

std::string render(const ShowNode& n, ShowView view, const Checked& c) {
  using namespace show;
  if (is_ospf_view(view)) return ospf_view(n, view, c.style);
  switch (c.style) {
    case ShowStyle::kJunos:
      switch (view) {
        case ShowView::kRoute:
          return junos_route(n, c.target);
        case ShowView::kBgpSummary:
          return junos_bgp_summary(n);
        case ShowView::kBgpReceived:
          return junos_received(n, c.neighbor);
        case ShowView::kForwarding:
          return junos_forwarding(n, c.target);
        case ShowView::kProtocols:
          return junos_bgp_neighbor(n);
        case ShowView::kOspfNeighbors:  // show_ospf.cpp, above
        case ShowView::kOspfDatabase:
        case ShowView::kOspfRoute:
          break;
      }
      break;
    case ShowStyle::kBird:
      switch (view) {
        case ShowView::kRoute:
          return bird_route(n, c.target);
        case ShowView::kBgpSummary:  // BIRD has no BGP summary: `show protocols` is it
        case ShowView::kProtocols:
          return bird_protocols(n);
        case ShowView::kBgpReceived:
          return bird_received(n, c.neighbor);
        case ShowView::kForwarding:
          return linux_ip_route(n, c.target, ShowStyle::kBird);
        case ShowView::kOspfNeighbors:  // show_ospf.cpp, above
        case ShowView::kOspfDatabase:
        case ShowView::kOspfRoute:
          break;
      }
      break;
    case ShowStyle::kFrr:
      switch (view) {
        case ShowView::kRoute:
          return frr_route(n, c.target);
        case ShowView::kBgpSummary:
          return frr_bgp_summary(n);
        case ShowView::kBgpReceived:
          return frr_received(n, c.neighbor);
        case ShowView::kForwarding:
          return linux_ip_route(n, c.target, ShowStyle::kFrr);
        case ShowView::kProtocols:
          return frr_bgp_neighbors(n);
        case ShowView::kOspfNeighbors:  // show_ospf.cpp, above
        case ShowView::kOspfDatabase:
        case ShowView::kOspfRoute:
          break;
      }
      break;
  }
  return "";
}

int fail(std::ostream& err, const std::string& message) {
  err << "mhsim: error: " << message << "\n";
  return kExitBadInput;
}

}  // namespace

std::string_view view_name(ShowView v) {
  switch (v) {
    case ShowView::kRoute:
      return "route";
    case ShowView::kBgpSummary:
      return "bgp-summary";
    case ShowView::kBgpReceived:
      return "bgp-received";
    case ShowView::kForwarding:
      return "forwarding";
    case ShowView::kProtocols:
      return "protocols";
    case ShowView::kOspfNeighbors:
      return "ospf-neighbors";
    case ShowView::kOspfDatabase:
      return "ospf-database";
    case ShowView::kOspfRoute:
      return "ospf-route";
  }
  return "?";
}

std::vector<std::string> view_names() {
  std::vector<std::string> out;
  for (ShowView v : kViews) out.emplace_back(view_name(v));
  return out;
}

std::optional<ShowView> parse_view(std::string_view text) {
  for (ShowView v : kViews)
    if (view_name(v) == text) return v;
  return std::nullopt;
}

std::string_view style_name(ShowStyle s) {
  switch (s) {
    case ShowStyle::kJunos:
      return "junos";
    case ShowStyle::kBird:
      return "bird";
    case ShowStyle::kFrr:
      return "frr";
  }
  return "?";
}

std::optional<ShowStyle> parse_style(std::string_view text) {
  for (ShowStyle s : kStyles)
    if (style_name(s) == text) return s;
  return std::nullopt;
}

ShowStyle default_style(vendor::Vendor v) {
  switch (v) {
    case vendor::Vendor::kJunos:
      return ShowStyle::kJunos;
    case vendor::Vendor::kBird:
    case vendor::Vendor::kLinux:
      return ShowStyle::kBird;
    case vendor::Vendor::kFrr:
    case vendor::Vendor::kEos:
      return ShowStyle::kFrr;
  }
  return ShowStyle::kBird;
}

std::string render_show(const ShowNode& node, const ShowRequest& request) {
  const Checked c = check(node, request);
  const std::string text = render(node, request.view, c);
  return request.prompt ? command_line(node, request.view, c) + "\n" + text : text;
}

int show_command(const ShowOptions& o, std::ostream& out, std::ostream& err) {
  ScenarioLoad loaded;
  try {
    loaded = load_scenario_with_warnings(o.scenario_path);
  } catch (const ScenarioError& e) {
    err << e.what() << "\n";
    return kExitBadInput;
  }
  for (const std::string& w : loaded.warnings) err << w << "\n";
  const Scenario& scenario = loaded.scenario;

  if (scenario.find_node(o.node) == nullptr) {
    std::vector<std::string> names;
    for (const ScenarioNode& n : scenario.nodes) names.push_back(n.name);
    return fail(err, "no node '" + o.node + "' in " + scenario.name +
                         did_you_mean_suffix(o.node, names) + "; its nodes: " + join_list(names));
  }
  const std::optional<ShowView> view = parse_view(o.view);
  if (!view)
    return fail(err, "unknown view '" + o.view + "'" + did_you_mean_suffix(o.view, view_names()) +
                         "; use one of: " + join_list(view_names()));
  std::optional<ShowStyle> style;
  if (o.style) {
    style = parse_style(*o.style);
    if (!style)
      return fail(err, "unknown --style '" + *o.style + "'; use one of: junos, bird, frr");
  }
  const sim::Duration at = o.at.value_or(scenario.duration);
  if (at > scenario.duration)
    return fail(err, "--at " + sim::format_duration(at) + " is after the end of " + scenario.name +
                         " (duration " + sim::format_duration(scenario.duration) + ")");

  const ShowRequest request{*view, o.arg, style, o.prompt};
  try {
    World world(scenario, o.seed.value_or(scenario.seed));
    sim::Simulator& sim = world.simulator();
    const net::NodeId id = world.network().find_node(o.node);
    // Check the argument before simulating: a typo should not cost a run.
    const auto node = [&] {
      return ShowNode{world.network(), world.router(id), world.bgp(id), sim.now(), world.ospf(id)};
    };
    check(node(), request);
    sim.run_until(sim::Time::zero() + at);
    out << render_show(node(), request);
    return kExitOk;
  } catch (const ShowError& e) {
    return fail(err, e.what());
  } catch (const ScenarioError& e) {
    err << e.what() << "\n";
    return kExitBadInput;
  }
}

}  // namespace run
