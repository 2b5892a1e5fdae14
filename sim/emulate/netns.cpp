#include "sim/emulate/netns.hpp"

#include <signal.h>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <sstream>

#include "sim/emulate/process.hpp"

namespace emulate {
namespace {

// nftables chain for what one link end sends: on the far end's ingress hook,
// so that the sender's own stack sends as usual, as over a broken link. A
// drop on the sender's egress hook would be a local transmit failure
// (NET_XMIT_DROP), which TCP takes for local congestion.
std::string chain_name(size_t link, int side) {
  return "l" + std::to_string(link) + "s" + std::to_string(side);
}

}  // namespace

bool Lab::daemonless(const run::Scenario& s, const run::ScenarioNode& n) {
  if (n.vendor != vendor::Vendor::kLinux) return false;
  const run::RoutingSpec* r = s.routing.find(n.name);
  return !r || (!r->bgp && !r->ospf);
}

Lab::Lab(const run::Scenario& scenario, std::string prefix)
    : s_(scenario), prefix_(std::move(prefix)) {
  for (const run::ScenarioNode& n : s_.nodes) netns_.push_back(prefix_ + n.name);
  created_.assign(netns_.size(), false);
  control_.resize(netns_.size());
  bridge_netns_.resize(s_.links.size());
  bridge_created_.assign(s_.links.size(), false);
  // A port event shuts one end only: its link needs the bridge (netns.hpp).
  for (const run::ScenarioEvent& e : s_.events)
    if (e.action == run::EventAction::kPortDown || e.action == run::EventAction::kPortUp)
      bridge_netns_[e.link] = prefix_ + "+br" + std::to_string(e.link);  // "+": not in any sane node name
}

Lab::~Lab() { destroy(); }

void Lab::create_namespaces() {
  for (size_t i = 0; i < netns_.size(); ++i) {
    run_checked({"ip", "netns", "add", netns_[i]});
    created_[i] = true;
  }
  for (size_t k = 0; k < bridge_netns_.size(); ++k) {
    if (bridge_netns_[k].empty()) continue;
    run_checked({"ip", "netns", "add", bridge_netns_[k]});
    bridge_created_[k] = true;
  }
}

size_t Lab::node_of(const run::Endpoint& end) const {
  return static_cast<size_t>(s_.find_node(end.node) - s_.nodes.data());
}

void Lab::wire_veth(const run::ScenarioLink& l) {
  run_checked({"ip", "link", "add", l.ends[0].interface, "netns", netns_[node_of(l.ends[0])],
               "type", "veth", "peer", "name", l.ends[1].interface, "netns",
               netns_[node_of(l.ends[1])]});
  for (int side = 0; side < 2; ++side)
    if (l.params.mtu != 1500)
      run_checked({"ip", "-n", netns_[node_of(l.ends[side])], "link", "set",
                   l.ends[side].interface, "mtu", std::to_string(l.params.mtu)});
}

void Lab::wire_bridge(const run::ScenarioLink& l, const std::string& bridge_ns) {
  // STP off (the default): the ports forward at once, no listening and
  // learning delay. No multicast snooping: OSPF's hellos flood as on a wire.
  run_checked({"ip", "-n", bridge_ns, "link", "add", "name", "br0", "type", "bridge",
               "mcast_snooping", "0"});
  const std::string mtu = std::to_string(l.params.mtu);
  for (int side = 0; side < 2; ++side) {
    const std::string port = "p" + std::to_string(side);
    const std::string& ns = netns_[node_of(l.ends[side])];
    run_checked({"ip", "link", "add", l.ends[side].interface, "netns", ns, "type", "veth", "peer",
                 "name", port, "netns", bridge_ns});
    if (l.params.mtu != 1500) {
      run_checked({"ip", "-n", ns, "link", "set", l.ends[side].interface, "mtu", mtu});
      run_checked({"ip", "-n", bridge_ns, "link", "set", port, "mtu", mtu});
    }
    run_checked({"ip", "-n", bridge_ns, "link", "set", port, "master", "br0", "up"});
  }
  run_checked({"ip", "-n", bridge_ns, "link", "set", "br0", "up"});
}

void Lab::address_args(size_t node, const std::string& ifc, const net::InterfaceAddress& a,
                       const char* verb) {
  std::vector<std::string> argv = {"ip", "-n", netns_[node], "addr", verb, a.to_string()};
  // BIRD wants a broadcast address on a /30 (the write-up's "Missing
  // broadcast address for interface"): `brd +` computes it, as ifupdown does.
  if (a.len <= 30) argv.insert(argv.end(), {"brd", "+"});
  argv.insert(argv.end(), {"dev", ifc});
  run_checked(argv);
}

void Lab::wire() {
  for (size_t i = 0; i < netns_.size(); ++i) {
    const run::ScenarioNode& n = s_.nodes[i];
    const std::string& ns = netns_[i];
    run_checked({"ip", "-n", ns, "link", "set", "lo", "up"});
    const bool forwards = n.kind != net::NodeKind::kHost;
    run_checked({"ip", "netns", "exec", ns, "sysctl", "-q", "-w",
                 std::string("net.ipv4.ip_forward=") + (forwards ? "1" : "0")});
    // The SYN back-off the scenario says (kernels before the sysctl have
    // only the classic one, which is 0).
    const std::string linear = std::to_string(n.tcp_syn_linear_timeouts);
    if (std::filesystem::exists("/proc/sys/net/ipv4/tcp_syn_linear_timeouts"))
      run_checked({"ip", "netns", "exec", ns, "sysctl", "-q", "-w",
                   "net.ipv4.tcp_syn_linear_timeouts=" + linear});
    else if (n.tcp_syn_linear_timeouts != 0)
      throw EmulateError("node " + n.name + " has tcp_syn_linear_timeouts " + linear +
                         ", and this kernel has no net.ipv4.tcp_syn_linear_timeouts");
    // Interfaces on no link (loopbacks other than lo, as mhsim treats every
    // link-less interface): a dummy interface, or a veth pair whose far end
    // stays in the namespace where the kernel lacks the dummy driver.
    for (size_t k = 0; k < n.interfaces.size(); ++k) {
      const run::ScenarioInterface& ifc = n.interfaces[k];
      if (ifc.link || ifc.name == "lo") continue;
      if (run_command({"ip", "-n", ns, "link", "add", ifc.name, "type", "dummy"}).status != 0) {
        const std::string peer = "mhlo" + std::to_string(k);
        run_checked({"ip", "-n", ns, "link", "add", ifc.name, "type", "veth", "peer", "name", peer});
        run_checked({"ip", "-n", ns, "link", "set", peer, "up"});
      }
      run_checked({"ip", "-n", ns, "link", "set", ifc.name, "up"});
    }
  }
  for (size_t k = 0; k < s_.links.size(); ++k) {
    if (bridge_netns_[k].empty()) wire_veth(s_.links[k]);
    else wire_bridge(s_.links[k], bridge_netns_[k]);
  }
  for (size_t i = 0; i < netns_.size(); ++i) {
    const run::ScenarioNode& n = s_.nodes[i];
    for (const run::ScenarioInterface& ifc : n.interfaces)
      for (const net::InterfaceAddress& a : ifc.addresses) {
        if (ifc.name == "lo" && a.addr.value == 0x7f000001 && a.len == 8) continue;  // always there
        address_args(i, ifc.name, a, "add");
      }
    for (const run::ScenarioInterface& ifc : n.interfaces)
      if (ifc.link) run_checked({"ip", "-n", netns_[i], "link", "set", ifc.name, "up"});
  }
  // Static routes of nodes without a daemon go straight into the kernel.
  for (size_t i = 0; i < netns_.size(); ++i) {
    const run::ScenarioNode& n = s_.nodes[i];
    const run::RoutingSpec* r = s_.routing.find(n.name);
    if (!daemonless(s_, n) || !r) continue;
    for (const node::StaticRoute& sr : r->static_routes) {
      std::vector<std::string> argv = {"ip", "-n", netns_[i], "route", "add"};
      if (sr.discard()) argv.push_back("blackhole");
      argv.push_back(sr.prefix.to_string());
      if (sr.via.size() == 1) argv.insert(argv.end(), {"via", sr.via[0].to_string()});
      if (sr.via.size() > 1)
        for (const net::Ipv4& v : sr.via) argv.insert(argv.end(), {"nexthop", "via", v.to_string()});
      run_checked(argv);
    }
  }
}

NetlinkSocket& Lab::control(size_t node) {
  if (!control_[node]) control_[node] = std::make_unique<NetlinkSocket>(netns_[node], false);
  return *control_[node];
}

void Lab::set_link_up(size_t link, bool up) {
  const run::ScenarioLink& l = s_.links[link];
  // Both ends, back to back: one netlink message each, microseconds apart.
  for (int side = 0; side < 2; ++side)
    control(node_of(l.ends[side])).set_link_up(l.ends[side].interface, up);
}

void Lab::set_port_up(size_t link, int side, bool up) {
  const run::Endpoint& end = s_.links[link].ends[side];
  control(node_of(end)).set_link_up(end.interface, up);
}

void Lab::set_drop(size_t link, int side, double probability) {
  const run::ScenarioLink& l = s_.links[link];
  for (int k = 0; k < 2; ++k) {
    if (side >= 0 && side != k) continue;
    const run::Endpoint& far = l.ends[1 - k];
    const size_t node = node_of(far);
    const std::string chain = chain_name(link, k);
    std::string rules = "add table netdev mhsim\n";
    rules += "add chain netdev mhsim " + chain + " { type filter hook ingress device \"" +
             far.interface + "\" priority 0; policy accept; }\n";
    rules += "flush chain netdev mhsim " + chain + "\n";
    if (probability >= 1.0) {
      rules += "add rule netdev mhsim " + chain + " drop\n";
    } else if (probability > 0.0) {
      const long per_million = std::lround(probability * 1e6);
      rules += "add rule netdev mhsim " + chain + " numgen random mod 1000000 < " +
               std::to_string(per_million) + " drop\n";
    }
    run_checked({"ip", "netns", "exec", netns_[node], "nft", "-f", "-"}, rules);
  }
}

void Lab::restore(size_t link) {
  set_drop(link, -1, 0.0);
  set_link_up(link, true);
}

void Lab::set_address(size_t node, const std::string& ifc, const net::InterfaceAddress& a,
                      bool add) {
  address_args(node, ifc, a, add ? "add" : "del");
}

void Lab::destroy() noexcept {
  control_.clear();
  const auto remove = [](const std::string& ns, std::vector<bool>::reference created) {
    if (!created) return;
    const CommandResult r = run_command({"ip", "netns", "del", ns});
    if (r.status != 0 && std::filesystem::exists("/run/netns/" + ns))
      std::fprintf(stderr, "mhsim: warning: could not delete namespace %s: %s", ns.c_str(),
                   r.output.c_str());
    created = false;
  };
  for (size_t i = 0; i < netns_.size(); ++i) remove(netns_[i], created_[i]);
  for (size_t k = 0; k < bridge_netns_.size(); ++k) remove(bridge_netns_[k], bridge_created_[k]);
}

std::vector<std::string> sweep_stale_namespaces() {
  std::vector<std::string> removed;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator("/run/netns", ec)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("mhsim-", 0) != 0) continue;
    const size_t dash = name.find('-', 6);
    if (dash == std::string::npos) continue;
    const std::string pid_text = name.substr(6, dash - 6);
    if (pid_text.empty() || pid_text.find_first_not_of("0123456789") != std::string::npos) continue;
    const pid_t pid = static_cast<pid_t>(std::stol(pid_text));
    if (kill(pid, 0) == 0 || errno == EPERM) continue;  // its mhsim still runs
    // Its daemons outlived it: end them (by the pids the kernel lists) first.
    const CommandResult pids = run_command({"ip", "netns", "pids", name});
    std::istringstream in(pids.output);
    for (long p; in >> p;) kill(static_cast<pid_t>(p), SIGKILL);
    if (run_command({"ip", "netns", "del", name}).status == 0) removed.push_back(name);
  }
  return removed;
}

}  // namespace emulate
