// FRR 8.4 configuration syntax from the FRR user guide (doc/user/bgp.rst,
// ospfd.rst, bfd.rst, static.rst, zebra.rst): `router bgp`, `neighbor X
// remote-as|passive|timers K H|timers connect N|advertisement-interval N|
// local-as N no-prepend replace-as|bfd [profile P]|description|
// graceful-restart|graceful-restart-helper|graceful-restart-disable`, `bgp
// ebgp-requires-policy` (on by default since 7.4), `redistribute PROTO
// route-map`, `maximum-paths`; `router ospf` with `ospf router-id`,
// `redistribute`, `default-information originate [always] metric
// metric-type`, `timers throttle spf`, `auto-cost reference-bandwidth`,
// `distance ospf`; interface `ip ospf area|network point-to-point|passive|
// cost|hello-interval|dead-interval`; `ip route P NH [distance]`; `bfd`
// profiles with `detect-multiplier`, `receive-interval`,
// `transmit-interval`, `passive-mode`.
#include "sim/export/frr_config.hpp"

#include <algorithm>
#include <sstream>

#include "models/bfd/defaults.hpp"
#include "models/ospf/defaults.hpp"
#include "sim/export/export_common.hpp"
#include "sim/export/frr_policy.hpp"

namespace confgen {
namespace {

// The per-neighbour mode, over the global helper default (bgpd/bgp_vty.c).
const char* frr_graceful_restart(bgp::GrMode mode) {
  switch (mode) {
    case bgp::GrMode::kOff: return "graceful-restart-disable";
    case bgp::GrMode::kAware: return "graceful-restart-helper";
    case bgp::GrMode::kAble: return "graceful-restart";
  }
  return "graceful-restart-helper";
}

using frr::Context;
using frr::MapOptions;
using policy::Verdict;

bool is_builtin(const std::vector<const policy::Policy*>& chain, const char* name) {
  return chain.size() == 1 && chain[0]->name == name && chain[0]->terms.empty();
}

class FrrWriter {
 public:
  FrrWriter(const run::Scenario& s, const run::ScenarioNode& n)
      : s_(s), n_(n), spec_(s.routing.find(n.name)) {}

  FrrConfig write();

 private:
  std::string statics();
  std::string interfaces();
  std::string bgp();
  std::string ospf();
  std::string bfd_profiles() const;
  std::string bfd_profile(const bfd::BfdTimers& t, const std::string& who);
  // `redistribute` lines for the protocols whose routes `chain` could take.
  std::vector<std::string> redistribute(std::span<const policy::Policy* const> chain,
                                        const std::string& route_map, const char* self,
                                        const std::string& extra);

  const run::Scenario& s_;
  const run::ScenarioNode& n_;
  const run::RoutingSpec* spec_;
  frr::RouteMapWriter maps_;
  std::vector<std::pair<std::string, bfd::BfdTimers>> bfd_profiles_;
  std::vector<std::string> daemons_;
};

std::string FrrWriter::statics() {
  std::string s;
  for (const node::StaticRoute& r : spec_->static_routes) {
    const std::string distance = r.preference ? " " + std::to_string(*r.preference) : "";
    if (r.discard()) s += "ip route " + r.prefix.to_string() + " blackhole" + distance + "\n";
    for (const net::Ipv4& via : r.via)
      s += "ip route " + r.prefix.to_string() + " " + via.to_string() + distance + "\n";
  }
  return s;
}

std::string FrrWriter::interfaces() {
  if (!spec_->ospf) return "";
  std::string s;
  for (const run::OspfInterfaceSpec& i : spec_->ospf->interfaces) {
    const run::ScenarioInterface* ifc = n_.find_interface(i.name);
    s += "interface " + i.name + "\n ip ospf area 0.0.0.0\n";
    if (!(ifc && ifc->loopback())) s += " ip ospf network point-to-point\n";
    if (i.passive || (ifc && ifc->loopback())) s += " ip ospf passive\n";
    if (i.cost) s += " ip ospf cost " + std::to_string(*i.cost) + "\n";
    if (i.hello)
      s += " ip ospf hello-interval " + std::to_string(whole_seconds(*i.hello, "OSPF hello")) + "\n";
    if (i.dead)
      s += " ip ospf dead-interval " + std::to_string(whole_seconds(*i.dead, "OSPF dead")) + "\n";
    s += "exit\n!\n";
  }
  return s;
}

std::vector<std::string> FrrWriter::redistribute(std::span<const policy::Policy* const> chain,
                                                 const std::string& route_map, const char* self,
                                                 const std::string& extra) {
  std::vector<std::string> out;
  const std::string tail = extra + (route_map.empty() ? "" : " route-map " + route_map);
  // Connected and static routes are known: redistribute them only when the
  // chain takes one of them.
  if (!exported_connected(n_, chain, Verdict::kReject).empty())
    out.push_back("redistribute connected" + tail);
  if (exports_static(*spec_, chain, Verdict::kReject)) out.push_back("redistribute static" + tail);
  if (spec_->ospf && std::string(self) != "ospf") out.push_back("redistribute ospf" + tail);
  if (spec_->bgp && std::string(self) != "bgp") out.push_back("redistribute bgp" + tail);
  return out;
}

std::string FrrWriter::bfd_profile(const bfd::BfdTimers& t, const std::string& who) {
  const bfd::BfdTimers d = bfd::default_timers(vendor::Vendor::kFrr);
  if (t.slow_tx != d.slow_tx)
    throw ExportError(who + ": bfd slow tx interval " + sim::format_duration(t.slow_tx) +
                      " cannot be configured: FRR's slow timer is fixed at 1s");
  if (t.desired_min_tx == d.desired_min_tx && t.required_min_rx == d.required_min_rx &&
      t.detect_mult == d.detect_mult && t.passive == d.passive)
    return "";
  const uint64_t tx = whole_milliseconds(t.desired_min_tx, who + ": bfd interval");
  const uint64_t rx = whole_milliseconds(t.required_min_rx, who + ": bfd interval");
  std::string name = "bfd-" + std::to_string(tx) + "ms-x" + std::to_string(t.detect_mult);
  if (rx != tx) name += "-rx" + std::to_string(rx);
  if (t.passive) name += "-passive";
  if (std::none_of(bfd_profiles_.begin(), bfd_profiles_.end(),
                   [&](const auto& p) { return p.first == name; }))
    bfd_profiles_.emplace_back(name, t);
  return name;
}

std::string FrrWriter::bfd_profiles() const {
  if (bfd_profiles_.empty()) return "";
  std::string s = "bfd\n";
  for (const auto& [name, t] : bfd_profiles_) {
    s += " profile " + name + "\n";
    s += "  detect-multiplier " + std::to_string(t.detect_mult) + "\n";
    s += "  receive-interval " + std::to_string(t.required_min_rx / sim::Duration::milliseconds(1)) + "\n";
    s += "  transmit-interval " + std::to_string(t.desired_min_tx / sim::Duration::milliseconds(1)) + "\n";
    if (t.passive) s += "  passive-mode\n";
    s += " exit\n !\n";
  }
  return s + "exit\n!\n";
}

std::string FrrWriter::bgp() {
  const run::BgpSpec& b = *spec_->bgp;
  std::string head, af;
  head += "router bgp " + std::to_string(b.as) + "\n";
  head += " bgp router-id " + router_id(n_, spec_).to_string() + "\n";

  // mhsim accepts everything from an eBGP neighbour without an import
  // policy (FRR before 7.4); FRR 8 accepts nothing from it unless
  // ebgp-requires-policy is off. Turning it off also lets an eBGP neighbour
  // without an export policy get every best path, which mhsim's FRR does
  // not send: such neighbours then get the `none` route-map out.
  bool requires_policy_off = false;
  for (const run::BgpNeighborSpec& nb : b.neighbors)
    if (nb.remote_as != nb.local_as.value_or(b.as) && nb.import_policies.empty())
      requires_policy_off = true;
  if (requires_policy_off) head += " no bgp ebgp-requires-policy\n";
  if (b.multipath && !*b.multipath) af += "  maximum-paths 1\n";

  // Other protocols' routes reach FRR's BGP table only by redistribution;
  // FRR redistributes once for all neighbours, so their export chains must
  // agree (iBGP neighbours without a chain take BGP routes only, as in FRR).
  const std::vector<const policy::Policy*>* export_chain = nullptr;
  const run::BgpNeighborSpec* export_owner = nullptr;
  for (const run::BgpNeighborSpec& nb : b.neighbors) {
    if (nb.export_policies.empty() || is_builtin(nb.export_policies, "none")) continue;
    if (export_chain && *export_chain != nb.export_policies)
      throw ExportError(n_.name + ": neighbours " + export_owner->address.to_string() + " and " +
                        nb.address.to_string() +
                        " export different policies; FRR redistributes other protocols into BGP "
                        "once for all neighbours, so they need one export policy");
    export_chain = &nb.export_policies;
    export_owner = &nb;
  }
  if (export_chain) {
    const std::string map =
        is_builtin(*export_chain, "all")
            ? ""
            : maps_.route_map(*export_chain, MapOptions{Context::kBgpExport, Verdict::kReject},
                              n_.name);
    for (const std::string& r : redistribute(*export_chain, map, "bgp", "")) af += "  " + r + "\n";
  }

  for (const run::BgpNeighborSpec& nb : b.neighbors) {
    const std::string a = nb.address.to_string();
    const std::string who = n_.name + " neighbor " + a;
    const uint32_t local_as = nb.local_as.value_or(b.as);
    const bool ebgp = nb.remote_as != local_as;
    head += " neighbor " + a + " remote-as " + std::to_string(nb.remote_as) + "\n";
    if (local_as != b.as)
      head += " neighbor " + a + " local-as " + std::to_string(local_as) + " no-prepend replace-as\n";
    if (nb.name != a) head += " neighbor " + a + " description " + nb.name + "\n";
    if (nb.passive) head += " neighbor " + a + " passive\n";
    if (nb.hold_time || nb.keepalive_time) {
      // FRR sets both at once; the one left out is FRR's own (hold 180s,
      // keepalive a third of the hold time).
      const uint64_t hold = nb.hold_time ? whole_seconds(*nb.hold_time, who + " hold time") : 180;
      const uint64_t keepalive =
          nb.keepalive_time ? whole_seconds(*nb.keepalive_time, who + " keepalive") : hold / 3;
      head += " neighbor " + a + " timers " + std::to_string(keepalive) + " " + std::to_string(hold) + "\n";
    }
    if (nb.connect_retry_time)
      head += " neighbor " + a + " timers connect " +
              std::to_string(whole_seconds(*nb.connect_retry_time, who + " connect_retry")) + "\n";
    if (nb.connect_delay && *nb.connect_delay != sim::Duration::zero())
      throw ExportError(who + ": connect_delay " + sim::format_duration(*nb.connect_delay) +
                        " cannot be configured: FRR has no connect delay (BIRD's `connect delay "
                        "time`)");
    if (nb.mrai)
      head += " neighbor " + a + " advertisement-interval " +
              std::to_string(whole_seconds(*nb.mrai, who + " mrai")) + "\n";
    if (nb.graceful_restart)
      head += " neighbor " + a + " " + frr_graceful_restart(*nb.graceful_restart) + "\n";
    if (nb.bfd) {
      const std::string profile = bfd_profile(*nb.bfd, who);
      head += " neighbor " + a + " bfd" + (profile.empty() ? "" : " profile " + profile) + "\n";
    }

    if (!nb.import_policies.empty() && !(is_builtin(nb.import_policies, "all") && requires_policy_off))
      af += "  neighbor " + a + " route-map " +
            maps_.route_map(nb.import_policies, MapOptions{Context::kBgpImport, Verdict::kAccept},
                            n_.name) +
            " in\n";
    if (!nb.export_policies.empty()) {
      af += "  neighbor " + a + " route-map " +
            maps_.route_map(nb.export_policies, MapOptions{Context::kBgpExport, Verdict::kReject},
                            n_.name) +
            " out\n";
    } else if (ebgp && requires_policy_off) {
      const policy::Policy* none = &s_.routing.policies.at("none");
      af += "  neighbor " + a + " route-map " +
            maps_.route_map(std::span(&none, 1), MapOptions{Context::kBgpExport, Verdict::kReject},
                            n_.name) +
            " out\n";
    }
  }
  std::string s = head + " !\n address-family ipv4 unicast\n" + af + " exit-address-family\nexit\n!\n";
  return s;
}

std::string FrrWriter::ospf() {
  const run::OspfSpec& o = *spec_->ospf;
  std::string s = "router ospf\n ospf router-id " + router_id(n_, spec_).to_string() + "\n";
  if (!o.export_policies.empty()) {
    const std::string map =
        is_builtin(o.export_policies, "all")
            ? ""
            : maps_.route_map(o.export_policies,
                              MapOptions{Context::kOspfRedistribute, Verdict::kReject}, n_.name);
    const std::string type = o.external_type == ospf::ExternalType::kType1 ? " metric-type 1" : "";
    if (!is_builtin(o.export_policies, "none"))
      for (const std::string& r : redistribute(o.export_policies, map, "ospf", type))
        s += " " + r + "\n";
  }
  if (o.default_originate) {
    const ospf::DefaultOriginate& d = *o.default_originate;
    s += " default-information originate" + std::string(d.always ? " always" : "") + " metric " +
         std::to_string(d.metric) +
         (d.type == ospf::ExternalType::kType1 ? " metric-type 1" : "") + "\n";
  }
  if (o.spf.delay || o.spf.holddown || o.spf.max_holddown) {
    const ospf::SpfThrottleConfig d = ospf::default_timers(vendor::Vendor::kFrr).spf;
    auto ms = [&](const std::optional<sim::Duration>& v, sim::Duration def, const char* what) {
      return std::to_string(whole_milliseconds(v.value_or(def), std::string("OSPF spf ") + what));
    };
    s += " timers throttle spf " + ms(o.spf.delay, d.delay, "delay") + " " +
         ms(o.spf.holddown, d.hold, "holddown") + " " +
         ms(o.spf.max_holddown, d.max_hold, "max_holddown") + "\n";
  }
  if (o.reference_bandwidth_bps) {
    if (*o.reference_bandwidth_bps % 1'000'000 != 0)
      throw ExportError(n_.name + ": OSPF reference_bandwidth must be whole Mb/s for FRR's "
                        "`auto-cost reference-bandwidth`");
    s += " auto-cost reference-bandwidth " + std::to_string(*o.reference_bandwidth_bps / 1'000'000) + "\n";
  }
  if (o.preference)
    s += " distance ospf intra-area " + std::to_string(*o.preference) + " inter-area " +
         std::to_string(*o.preference) + "\n";
  if (o.external_preference)
    s += " distance ospf external " + std::to_string(*o.external_preference) + "\n";
  return s + "exit\n!\n";
}

FrrConfig FrrWriter::write() {
  for (const run::ScenarioInterface& ifc : n_.interfaces) check_linux_interface_name(n_, ifc.name);
  std::string statics_block, interfaces_block, bgp_block, ospf_block;
  if (spec_) {
    statics_block = statics();
    interfaces_block = interfaces();
    bgp_block = spec_->bgp ? bgp() : "";
    ospf_block = spec_->ospf ? ospf() : "";
  }
  FrrConfig c;
  if (!statics_block.empty()) c.daemons.push_back("staticd");
  if (!bgp_block.empty()) c.daemons.push_back("bgpd");
  if (!ospf_block.empty()) c.daemons.push_back("ospfd");
  if (!bfd_profiles_.empty() ||
      (spec_ && spec_->bgp &&
       std::any_of(spec_->bgp->neighbors.begin(), spec_->bgp->neighbors.end(),
                   [](const run::BgpNeighborSpec& nb) { return nb.bfd.has_value(); })))
    c.daemons.push_back("bfdd");

  std::ostringstream out;
  out << "frr version 8.4.4\nfrr defaults traditional\nhostname " << n_.name
      << "\nservice integrated-vtysh-config\n!\n";
  if (!statics_block.empty()) out << statics_block << "!\n";
  // Prefix lists and route-maps before the protocols that name them: bgpd
  // resolves a neighbour's `route-map NAME in` when it is configured, and a
  // route-map defined later is only picked up by the route-map delay timer
  // (5 s), so routes received meanwhile are denied. Measured on FRR 8.4.4:
  // the host's first UPDATE was "DENIED due to: route-map", and the route
  // came only with the route refresh the timer sent (docs/validation.md).
  const std::string lists = maps_.prefix_lists();
  if (!lists.empty()) out << lists << "!\n";
  out << maps_.route_maps() << interfaces_block << bgp_block << ospf_block;
  out << bfd_profiles() << "end\n";
  c.frr_conf = out.str();
  return c;
}

}  // namespace

FrrConfig frr_config(const run::Scenario& scenario, const run::ScenarioNode& node) {
  if (node.vendor != vendor::Vendor::kFrr)
    throw ExportError("node " + node.name + " is vendor " + std::string(vendor::name(node.vendor)) +
                      ": FRR configs are written for frr nodes");
  return FrrWriter(scenario, node).write();
}

std::string frr_config_text(const FrrConfig& config) {
  std::string s = "! frr.conf from mhsim. /etc/frr/daemons: zebra always runs; enable";
  if (config.daemons.empty()) s += " nothing else";
  for (const std::string& d : config.daemons) s += " " + d + "=yes";
  s += ".\n! Check: vtysh --dryrun -f FILE\n";
  return s + config.frr_conf;
}

}  // namespace confgen
