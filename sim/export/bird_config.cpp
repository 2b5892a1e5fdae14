// BIRD 2.0 syntax from doc/bird.sgml (CZ-NIC/bird, 2.0.x): global `router
// id`; protocols device, direct, kernel (`merge paths switch [limit n]`),
// static, bfd (interface options `min rx interval`, `min tx interval`, `idle
// tx interval`, `multiplier`, `passive`), ospf v2 (areas, `type ptp`, `stub`,
// `cost`, `hello`, `dead`, `tick`, `ecmp`) and bgp (`local as`, `neighbor ..
// as`, `passive`, `hold time`, `keepalive time`, `connect retry time`,
// `connect delay time`, `graceful restart off|aware|on`, `bfd`).
#include "sim/export/bird_config.hpp"

#include <algorithm>
#include <sstream>

#include "models/bfd/defaults.hpp"
#include "models/ospf/defaults.hpp"
#include "sim/export/bird_policy.hpp"
#include "sim/export/export_common.hpp"

namespace confgen {
namespace {

using bird::Context;
using bird::FilterOptions;
using bird::FilterWriter;
using policy::Verdict;

bool is(const std::vector<const policy::Policy*>& chain, const char* builtin) {
  return chain.size() == 1 && chain[0]->name == builtin && chain[0]->terms.empty();
}

// `import all;`, `export none;` or `import filter NAME;` for a BGP channel.
// An empty chain is BIRD's default: import all, export none.
std::string channel_line(const char* dir, const std::vector<const policy::Policy*>& chain,
                         bool empty_means_all, FilterWriter& filters, const FilterOptions& o,
                         const std::string& node) {
  if (chain.empty()) return std::string(dir) + (empty_means_all ? " all;" : " none;");
  if (is(chain, "all")) return std::string(dir) + " all;";
  if (is(chain, "none")) return std::string(dir) + " none;";
  return std::string(dir) + " filter " + filters.filter(chain, o, node) + ";";
}

std::string seconds_line(const char* option, const std::optional<sim::Duration>& d,
                         const std::string& what) {
  if (!d) return "";
  return "  " + std::string(option) + " " + std::to_string(whole_seconds(*d, what)) + ";\n";
}

std::string bfd_options(const bfd::BfdTimers& t, const std::string& what) {
  std::string s;
  s += "    min rx interval " + std::to_string(whole_milliseconds(t.required_min_rx, what)) + " ms;\n";
  s += "    min tx interval " + std::to_string(whole_milliseconds(t.desired_min_tx, what)) + " ms;\n";
  s += "    idle tx interval " + std::to_string(whole_milliseconds(t.slow_tx, what)) + " ms;\n";
  s += "    multiplier " + std::to_string(t.detect_mult) + ";\n";
  if (t.passive) s += "    passive on;\n";
  return s;
}

bool same_timers(const bfd::BfdTimers& a, const bfd::BfdTimers& b) {
  return a.desired_min_tx == b.desired_min_tx && a.required_min_rx == b.required_min_rx &&
         a.detect_mult == b.detect_mult && a.slow_tx == b.slow_tx && a.passive == b.passive;
}

class BirdWriter {
 public:
  BirdWriter(const run::Scenario& s, const run::ScenarioNode& n)
      : s_(s), n_(n), spec_(s.routing.find(n.name)) {}

  std::string write();

 private:
  std::string direct();
  std::string kernel();
  std::string statics();
  std::string bfd();
  std::string ospf();
  std::string bgp(const run::BgpNeighborSpec& nb);

  const run::Scenario& s_;
  const run::ScenarioNode& n_;
  const run::RoutingSpec* spec_;
  FilterWriter filters_;
  bool default_route_static_ = false;  // OSPF default_originate { always: true }
};

std::string BirdWriter::direct() {
  // BIRD has no connected routes unless the direct protocol imports them:
  // it is needed for exactly the connected prefixes some export takes (the
  // service address on lo, in the lab).
  std::vector<net::Prefix> exported;
  auto add = [&](const std::vector<const policy::Policy*>& chain) {
    if (chain.empty()) return;  // BGP export none; OSPF exports nothing
    for (const net::Prefix& p : exported_connected(n_, chain, Verdict::kReject))
      if (std::find(exported.begin(), exported.end(), p) == exported.end()) exported.push_back(p);
  };
  if (spec_->bgp)
    for (const run::BgpNeighborSpec& nb : spec_->bgp->neighbors) add(nb.export_policies);
  if (spec_->ospf) add(spec_->ospf->export_policies);
  if (exported.empty()) return "";
  std::string s = "protocol direct {\n  ipv4;\n";
  for (const std::string& ifc : interfaces_of(n_, exported)) s += "  interface \"" + ifc + "\";\n";
  return s + "}\n";
}

std::string BirdWriter::kernel() {
  // mhsim's FIB holds what BIRD's best routes say; it learns nothing from
  // the kernel table (no `learn`, import none).
  std::string s = "protocol kernel {\n  ipv4 {\n    import none;\n";
  s += default_route_static_ ? "    export where proto != \"default_route\";\n" : "    export all;\n";
  s += "  };\n";
  if (spec_->fib.merge_paths.value_or(false)) {
    s += "  merge paths on";
    if (spec_->fib.max_paths) s += " limit " + std::to_string(*spec_->fib.max_paths);
    s += ";\n";
  }
  return s + "}\n";
}

std::string BirdWriter::statics() {
  std::string s;
  if (!spec_->static_routes.empty()) {
    s += "protocol static {\n  ipv4;\n";
    for (const node::StaticRoute& r : spec_->static_routes) {
      s += "  route " + r.prefix.to_string();
      if (r.discard()) s += " blackhole";
      for (const net::Ipv4& via : r.via) s += " via " + via.to_string();
      if (r.preference) s += " { preference = " + std::to_string(*r.preference) + "; }";
      s += ";\n";
    }
    s += "}\n";
  }
  if (default_route_static_) {
    // default_originate { always: true }: a default exists for OSPF to
    // export even when nothing else provides one. Preference 1 lets any
    // real default win, and the kernel protocol leaves it out of the FIB.
    s += (s.empty() ? "" : "\n") + std::string(
             "protocol static default_route {\n  ipv4 { preference 1; };\n"
             "  route 0.0.0.0/0 blackhole;\n}\n");
  }
  return s;
}

std::string BirdWriter::bfd() {
  if (!spec_->bgp) return "";
  // BIRD sets BFD options per interface: one block per interface whose
  // sessions do not run BIRD's defaults.
  std::vector<std::pair<std::string, bfd::BfdTimers>> per_interface;
  bool any = false;
  const bfd::BfdTimers defaults = bfd::default_timers(n_.vendor);
  for (const run::BgpNeighborSpec& nb : spec_->bgp->neighbors) {
    if (!nb.bfd) continue;
    any = true;
    const run::ScenarioInterface* ifc = attachment(n_, nb.address);
    if (!ifc) continue;
    auto it = std::find_if(per_interface.begin(), per_interface.end(),
                           [&](const auto& e) { return e.first == ifc->name; });
    if (it == per_interface.end()) {
      per_interface.emplace_back(ifc->name, *nb.bfd);
    } else if (!same_timers(it->second, *nb.bfd)) {
      throw ExportError(n_.name + ": BFD sessions to two neighbours on " + ifc->name +
                        " have different timers; BIRD sets BFD options per interface");
    }
  }
  if (!any) return "";
  std::string s = "protocol bfd {\n";
  for (const auto& [ifc, t] : per_interface) {
    if (same_timers(t, defaults)) continue;
    s += "  interface \"" + ifc + "\" {\n" + bfd_options(t, "bfd interval on " + ifc) + "  };\n";
  }
  return s + "}\n";
}

std::string BirdWriter::ospf() {
  const run::OspfSpec& o = *spec_->ospf;
  const ospf::ExternalDefaults ext = ospf::default_external(n_.vendor);
  std::string prologue;
  if (o.default_originate) {
    const ospf::DefaultOriginate& d = *o.default_originate;
    default_route_static_ = d.always;
    prologue += std::string("  if net = 0.0.0.0/0 then {\n    ") +
                (d.type == ospf::ExternalType::kType1 ? "ospf_metric1 = " : "ospf_metric2 = ") +
                std::to_string(d.metric) + ";\n    accept;\n  }\n";
  }
  if (o.external_type == ospf::ExternalType::kType1)
    prologue += "  ospf_metric1 = " + std::to_string(ext.metric) + ";\n";

  std::string s = "protocol ospf v2 ospf1 {\n  ipv4 {\n";
  if (o.preference) s += "    preference " + std::to_string(*o.preference) + ";\n";
  if (o.external_preference && o.external_preference != o.preference) {
    // BIRD has one OSPF preference; externals get theirs in the import filter.
    s += "    import filter {\n      if source ~ [ RTS_OSPF_EXT1, RTS_OSPF_EXT2 ] then preference = " +
         std::to_string(*o.external_preference) + ";\n      accept;\n    };\n";
  } else {
    s += "    import all;\n";
  }
  if (o.export_policies.empty() && prologue.empty()) {
    s += "    export none;\n";
  } else {
    FilterOptions fo{Context::kOspfExport, false, o.external_type};
    s += "    export filter " + filters_.filter(o.export_policies, fo, n_.name, prologue) + ";\n";
  }
  s += "  };\n";
  if (o.spf.tick)
    s += "  tick " + std::to_string(whole_seconds(*o.spf.tick, "OSPF spf tick")) + ";\n";
  s += "  area 0 {\n";
  for (const run::OspfInterfaceSpec& i : o.interfaces) {
    const run::ScenarioInterface* ifc = n_.find_interface(i.name);
    s += "    interface \"" + i.name + "\" {\n";
    if (i.passive || (ifc && ifc->loopback())) {
      s += "      stub yes;\n";
    } else {
      s += "      type ptp;\n";
    }
    if (i.cost) s += "      cost " + std::to_string(*i.cost) + ";\n";
    if (i.hello) s += "      hello " + std::to_string(whole_seconds(*i.hello, "OSPF hello")) + ";\n";
    if (i.dead) s += "      dead " + std::to_string(whole_seconds(*i.dead, "OSPF dead")) + ";\n";
    s += "    };\n";
  }
  return s + "  };\n}\n";
}

std::string BirdWriter::bgp(const run::BgpNeighborSpec& nb) {
  const std::string who = n_.name + " neighbor " + nb.address.to_string();
  const uint32_t local_as = nb.local_as.value_or(spec_->bgp->as);
  const bool ibgp = local_as == nb.remote_as;
  if (nb.mrai && *nb.mrai != sim::Duration::zero())
    throw ExportError(who + ": mrai " + sim::format_duration(*nb.mrai) +
                      " cannot be configured: BIRD has no advertisement interval");
  std::string s = "protocol bgp " + bird::symbol(nb.name) + " {\n";
  s += "  local as " + std::to_string(local_as) + ";\n";
  s += "  neighbor " + nb.address.to_string() + " as " + std::to_string(nb.remote_as) + ";\n";
  if (nb.passive) s += "  passive on;\n";
  s += seconds_line("hold time", nb.hold_time, who + " hold time");
  s += seconds_line("keepalive time", nb.keepalive_time, who + " keepalive");
  s += seconds_line("connect retry time", nb.connect_retry_time, who + " connect_retry");
  s += seconds_line("connect delay time", nb.connect_delay, who + " connect_delay");
  if (nb.graceful_restart)
    s += "  graceful restart " + std::string(bgp::gr_mode_name(*nb.graceful_restart)) + ";\n";
  if (nb.bfd) s += "  bfd on;\n";
  FilterOptions in{Context::kBgpImport, ibgp, ospf::ExternalType::kType2};
  FilterOptions out{Context::kBgpExport, ibgp, ospf::ExternalType::kType2};
  s += "  ipv4 {\n";
  s += "    " + channel_line("import", nb.import_policies, true, filters_, in, n_.name) + "\n";
  s += "    " + channel_line("export", nb.export_policies, false, filters_, out, n_.name) + "\n";
  return s + "  };\n}\n";
}

std::string BirdWriter::write() {
  for (const run::ScenarioInterface& ifc : n_.interfaces) check_linux_interface_name(n_, ifc.name);
  if (spec_ && !spec_->fib.forwarding_export.empty())
    throw ExportError(n_.name + ": fib.forwarding_export is a Junos forwarding-table policy; BIRD "
                      "merges equal paths with fib.merge_paths");

  std::string protocols;
  auto add = [&](const std::string& block) {
    if (!block.empty()) protocols += "\n" + block;
  };
  add("protocol device {\n}\n");
  if (spec_) {
    add(direct());
    std::string ospf_block = spec_->ospf ? ospf() : "";  // decides default_route_static_
    add(kernel());
    add(statics());
    add(bfd());
    add(ospf_block);
    if (spec_->bgp)
      for (const run::BgpNeighborSpec& nb : spec_->bgp->neighbors) add(bgp(nb));
  } else {
    add(kernel());
  }

  std::ostringstream out;
  out << "# bird.conf for " << n_.name << " (vendor " << vendor::name(n_.vendor)
      << ") from mhsim scenario " << s_.file << ".\n"
      << "# BIRD 2.0 (Debian 12: bird2). Check: bird -p -c FILE. Timers not set in the\n"
      << "# scenario are BIRD's defaults, which mhsim's bird profile models.\n"
      << "router id " << router_id(n_, spec_).to_string() << ";\n";
  const std::string defines = filters_.defines();
  const std::string filters = filters_.filters();
  if (!defines.empty()) out << "\n" << defines;
  if (!filters.empty()) out << "\n" << filters;
  out << protocols;
  return out.str();
}

}  // namespace

std::string bird_config(const run::Scenario& scenario, const run::ScenarioNode& node) {
  if (node.vendor != vendor::Vendor::kBird && node.vendor != vendor::Vendor::kLinux)
    throw ExportError("node " + node.name + " is vendor " + std::string(vendor::name(node.vendor)) +
                      ": BIRD configs are written for bird and linux nodes");
  return BirdWriter(scenario, node).write();
}

}  // namespace confgen
