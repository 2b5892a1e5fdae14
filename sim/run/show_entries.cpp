// What the show styles share: argument parsing, prefix selection, and the
// expansion of RIB routes into the per-path entries routers list.
#include <algorithm>
#include <cstdarg>
#include <cstdio>

#include "models/rib/preference.hpp"
#include "sim/run/diagnostic.hpp"
#include "sim/run/show_styles.hpp"

namespace run::show {

std::string format(const char* fmt, ...) {
  va_list args;
  va_start(args, fmt);
  va_list again;
  va_copy(again, args);
  const int n = std::vsnprintf(nullptr, 0, fmt, args);
  va_end(args);
  std::string out(static_cast<size_t>(std::max(n, 0)), '\0');
  std::vsnprintf(out.data(), out.size() + 1, fmt, again);
  va_end(again);
  return out;
}

Target parse_target(const std::string& text) {
  Target t;
  t.text = text;
  if (text == "default") return t;  // 0.0.0.0/0
  if (text.find('/') != std::string::npos) {
    auto p = net::parse_prefix(text);
    if (!p) throw ShowError("'" + text + "' is not a prefix: " + p.error);
    t.prefix = *p.value;
    return t;
  }
  auto a = net::parse_ipv4(text);
  if (!a) throw ShowError("'" + text + "' is not an address, a prefix or `default`: " + a.error);
  t.prefix = net::Prefix{*a.value, 32};
  t.address = true;
  return t;
}

std::vector<net::Prefix> all_prefixes(const rib::Rib& rib) {
  std::vector<net::Prefix> out;
  rib.for_each_active([&](const rib::Route& r) { out.push_back(r.prefix); });
  return out;
}

std::optional<net::Prefix> longest_match(const rib::Rib& rib, const net::Prefix& p) {
  for (int len = p.len; len >= 0; --len) {
    const auto l = static_cast<uint8_t>(len);
    const net::Prefix candidate{net::Ipv4{p.addr.value & net::Prefix::mask_of(l)}, l};
    if (rib.active(candidate) != nullptr) return candidate;
  }
  return std::nullopt;
}

std::vector<net::Prefix> select_within_or_longest(const rib::Rib& rib, const Target& t) {
  std::vector<net::Prefix> out;
  rib.for_each_active([&](const rib::Route& r) {
    if (t.prefix.contains(r.prefix)) out.push_back(r.prefix);
  });
  if (out.empty())
    if (auto m = longest_match(rib, t.prefix)) out.push_back(*m);
  return out;
}

std::vector<net::Prefix> select_longest_or_exact(const rib::Rib& rib, const Target& t) {
  if (t.address) {
    if (auto m = longest_match(rib, t.prefix)) return {*m};
    return {};
  }
  if (rib.active(t.prefix) != nullptr) return {t.prefix};
  return {};
}

std::vector<PathRef> bgp_paths(const ShowNode& n, const net::Prefix& p) {
  std::vector<PathRef> out;
  if (n.bgp == nullptr) return out;
  const bgp::Speaker& speaker = n.bgp->speaker();
  const auto resolves = [&](const bgp::Path& path) {
    return n.router.connected_interface(path.attrs.next_hop) != net::kNone;
  };
  std::vector<bool> taken(n.bgp->neighbor_count(), false);
  if (const std::vector<bgp::Path>* best = speaker.best_paths(p)) {
    for (const bgp::Path& b : *best) {
      if (b.neighbor < 0) continue;  // originated here: the RIB holds it under its own protocol
      const auto i = static_cast<size_t>(b.neighbor);
      const auto& in = speaker.adj_rib_in(i);
      auto it = in.find(p);
      if (it == in.end() || taken[i] || !resolves(it->second)) continue;
      taken[i] = true;
      out.push_back(PathRef{i, &it->second});
    }
  }
  for (size_t i = 0; i < n.bgp->neighbor_count(); ++i) {
    const auto& in = speaker.adj_rib_in(i);
    auto it = in.find(p);
    if (it == in.end() || taken[i] || !resolves(it->second)) continue;
    out.push_back(PathRef{i, &it->second});
  }
  return out;
}

bool path_active(const ShowNode& n, size_t neighbor, const net::Prefix& p) {
  const rib::Route* active = n.router.rib().active(p);
  if (n.bgp == nullptr || active == nullptr || active->protocol != rib::Protocol::kBgp)
    return false;
  const std::vector<bgp::Path>* best = n.bgp->speaker().best_paths(p);
  return best != nullptr && !best->empty() && best->front().neighbor == static_cast<int>(neighbor);
}

size_t active_from(const ShowNode& n, size_t neighbor) {
  size_t count = 0;
  for (const auto& [prefix, path] : n.bgp->speaker().adj_rib_in(neighbor))
    if (path_active(n, neighbor, prefix)) ++count;
  return count;
}

size_t rejected_paths(const ShowNode& n) {
  if (n.bgp == nullptr) return 0;
  size_t count = 0;
  for (size_t i = 0; i < n.bgp->neighbor_count(); ++i) {
    const size_t received = n.bgp->speaker().received_count(i);
    const size_t accepted = n.bgp->speaker().adj_rib_in(i).size();
    count += received > accepted ? received - accepted : 0;
  }
  return count;
}

namespace {

// When a BGP path was learned. The speaker keeps no arrival time per path
// (bgp::Path has none), so this is when its session last came up: a path
// arrives with the first UPDATEs after that, which is what the lab's BIRD
// shows (`[sw_sw_1 12:42:46.002]` equals the protocol's `since`). A path
// withdrawn and announced again on a session that stayed up shows that
// earlier time. The RIB's own change time would be no better: it also moves
// when another path of the prefix comes or goes.
sim::Time path_since(const ShowNode& n, size_t neighbor) {
  return n.bgp->session(neighbor).established_at();
}

}  // namespace

std::vector<Entry> entries(const ShowNode& n, const net::Prefix& p, bool multipath_on_best) {
  std::vector<Entry> out;
  const rib::Rib& rib = n.router.rib();
  const vendor::Vendor v = n.router.vendor();
  const std::span<const rib::Route> candidates = rib.candidates(p);
  for (size_t k = 0; k < candidates.size(); ++k) {
    const rib::Route& r = candidates[k];
    const std::vector<PathRef> paths =
        r.protocol == rib::Protocol::kBgp ? bgp_paths(n, p) : std::vector<PathRef>{};
    if (paths.empty()) {
      out.push_back(
          Entry{&r, k == 0, std::nullopt, r.next_hops, rib.vendor_preference(r), r.since});
      continue;
    }
    for (size_t j = 0; j < paths.size(); ++j) {
      const bgp::Path& path = *paths[j].path;
      Entry e;
      e.route = &r;
      e.active = k == 0 && j == 0;
      e.bgp = paths[j];
      const rib::NextHop own{path.attrs.next_hop,
                             n.router.connected_interface(path.attrs.next_hop)};
      e.next_hops = j == 0 && multipath_on_best ? r.next_hops : std::vector<rib::NextHop>{own};
      const bool ibgp = path.kind == bgp::PeerKind::kIbgp;
      e.preference =
          j == 0 ? rib.vendor_preference(r)
                 : path.preference.value_or(rib::default_preference(v, rib::Protocol::kBgp, ibgp));
      e.since = path_since(n, paths[j].neighbor);
      out.push_back(std::move(e));
    }
  }
  return out;
}

std::string interface_name(const ShowNode& n, net::InterfaceId ifc, ShowStyle style) {
  if (ifc == net::kNone) return "-";
  const std::string& name = n.network.interface(ifc).name;
  // Junos routes over logical units; a scenario names the physical port.
  if (style == ShowStyle::kJunos && n.router.vendor() == vendor::Vendor::kJunos &&
      name.find('.') == std::string::npos)
    return name + ".0";
  return name;
}

std::vector<rib::NextHop> installed(const ShowNode& n, const net::Prefix& p) {
  const rib::Fib& fib = n.router.fib();
  const rib::Fib::GroupId g = fib.exact(p);
  if (g == rib::Fib::kNoGroup) return {};
  const auto hops = fib.next_hops(g);
  return {hops.begin(), hops.end()};
}

namespace {

// Every way to name a neighbour (addresses and names), and "10.10.1.1 (sw_sw_1), ...".
std::pair<std::vector<std::string>, std::string> neighbour_names(const node::BgpProcess& b) {
  std::vector<std::string> names, described;
  for (size_t k = 0; k < b.neighbor_count(); ++k) {
    const node::BgpNeighborConfig& nb = b.neighbor(k);
    const std::string address = nb.address.to_string();
    names.push_back(address);
    if (!nb.name.empty() && nb.name != address) names.push_back(nb.name);
    described.push_back(nb.name.empty() || nb.name == address ? address
                                                              : address + " (" + nb.name + ")");
  }
  return {names, described.empty() ? "none" : join_list(described)};
}

}  // namespace

size_t find_neighbor(const ShowNode& n, const std::optional<std::string>& which) {
  const std::string& node = n.router.node().name;
  if (n.bgp == nullptr) throw ShowError(node + " runs no BGP, so it has no BGP neighbours");
  const auto [names, described] = neighbour_names(*n.bgp);
  if (!which)
    throw ShowError("`bgp-received` needs a neighbour (address or name); " + node +
                    "'s neighbours: " + described);
  const int i = n.bgp->find_neighbor(*which);
  if (i >= 0) return static_cast<size_t>(i);
  throw ShowError(node + " has no BGP neighbour '" + *which + "'" +
                  did_you_mean_suffix(*which, names) + "; its neighbours: " + described);
}

}  // namespace run::show
