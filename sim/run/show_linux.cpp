// `ip route show`: the forwarding view of a BIRD or FRR host, i.e. what the
// routing daemon's kernel protocol left in Linux's main table, in iproute2's
// layout (trailing space included: `default proto bird metric 32 `).
//
// Connected subnets belong to the kernel (`proto kernel scope link src A`);
// /32 addresses on a loopback live in the kernel's local table, which `ip
// route show` does not list, so they are left out. Routes a daemon installed
// carry its mark: BIRD's kernel protocol installs every route as `proto bird`
// with its default `metric 32`; FRR's zebra uses the protocol (`proto bgp`)
// and the administrative distance as the metric.
#include "sim/run/show_styles.hpp"

namespace run::show {
namespace {

std::string proto(const ShowNode& n, const net::Prefix& p, ShowStyle daemon) {
  if (daemon != ShowStyle::kFrr) return " proto bird metric 32";
  const rib::Route* r = n.router.rib().active(p);
  if (r == nullptr) return " proto zebra";
  const char* name = r->protocol == rib::Protocol::kBgp      ? "bgp"
                     : r->protocol == rib::Protocol::kStatic ? "static"
                     : r->protocol == rib::Protocol::kKernel ? "kernel"
                                                             : "ospf";
  return format(" proto %s metric %u", name, n.router.rib().vendor_preference(*r));
}

// The node's address on the interface inside `p` (the `src` of a connected route).
std::string source_address(const ShowNode& n, net::InterfaceId ifc, const net::Prefix& p) {
  for (const net::InterfaceAddress& a : n.network.interface(ifc).addresses)
    if (a.subnet() == p) return a.addr.to_string();
  return "";
}

}  // namespace

std::string linux_ip_route(const ShowNode& n, const std::optional<Target>& t, ShowStyle daemon) {
  const rib::Fib& fib = n.router.fib();
  std::string out;
  for (const auto& [p, g] : fib.entries()) {
    // `ip route show PREFIX` selects that prefix; an address selects every
    // route holding it, as `ip route show match ADDR` does.
    if (t && (t->address ? !p.contains(t->prefix) : p != t->prefix)) continue;
    const auto hops = fib.next_hops(g);
    const std::string dest = p.len == 0    ? "default"
                             : p.len == 32 ? p.addr.to_string()
                                           : p.to_string();
    if (hops.empty()) {
      out += "blackhole " + dest + proto(n, p, daemon) + " \n";
      continue;
    }
    const auto name = [&](const rib::NextHop& nh) {
      return interface_name(n, nh.interface, ShowStyle::kBird);
    };
    if (hops.size() == 1 && hops.front().via.value == 0) {
      if (n.network.interface(hops.front().interface).link == net::kNone && p.len == 32) continue;
      out += dest + " dev " + name(hops.front()) + " proto kernel scope link src " +
             source_address(n, hops.front().interface, p) + " \n";
      continue;
    }
    if (hops.size() == 1) {
      out += dest + " via " + hops.front().via.to_string() + " dev " + name(hops.front()) +
             proto(n, p, daemon) + " \n";
      continue;
    }
    out += dest + proto(n, p, daemon) + " \n";
    for (const rib::NextHop& nh : hops)
      out += nh.via.value == 0
                 ? "\tnexthop dev " + name(nh) + " weight 1 \n"
                 : "\tnexthop via " + nh.via.to_string() + " dev " + name(nh) + " weight 1 \n";
  }
  return out;
}

}  // namespace run::show
