#include "models/ospf/spf.hpp"

#include <algorithm>
#include <bit>
#include <limits>
#include <queue>
#include <tuple>
#include <unordered_map>

namespace ospf {

std::string_view to_string(PathType t) {
  switch (t) {
    case PathType::kIntraArea: return "intra-area";
    case PathType::kExternal1: return "external-1";
    case PathType::kExternal2: return "external-2";
  }
  return "?";
}

namespace {

constexpr uint32_t kUnreached = std::numeric_limits<uint32_t>::max();

void merge(std::vector<NextHop>& into, const std::vector<NextHop>& from) {
  into.insert(into.end(), from.begin(), from.end());
  std::sort(into.begin(), into.end());
  into.erase(std::unique(into.begin(), into.end()), into.end());
}

net::Prefix stub_prefix(const RouterLink& l) {
  return net::Prefix{net::Ipv4{l.id.value & l.data}, static_cast<uint8_t>(std::popcount(l.data))};
}

bool links_back(const Lsa& w, net::Ipv4 v) {
  return std::any_of(w.links.begin(), w.links.end(), [v](const RouterLink& l) {
    return l.type == LinkType::kPointToPoint && l.id == v;
  });
}

struct Vertex {
  uint32_t dist = kUnreached;
  bool in_tree = false;
  const Lsa* lsa = nullptr;
  std::vector<NextHop> next_hops;
};

class Calculation {
 public:
  explicit Calculation(const SpfInput& in) : in_(in) {}

  SpfResult run() {
    SpfResult out;
    index_router_lsas();
    const Lsa* root_lsa = router_lsa(in_.root);
    if (!root_lsa) return out;
    shortest_path_tree(root_lsa);
    for (const auto& [id, v] : vertices_)
      if (v.in_tree) out.routers[id] = RouterEntry{v.dist, v.lsa->asbr, v.next_hops};
    std::map<net::Prefix, OspfRoute> table;
    stub_networks(table);
    external_routes(out, table);
    for (auto& [prefix, route] : table) out.routes.push_back(std::move(route));
    return out;
  }

 private:
  // One pass over the database instead of a lookup per link relaxed.
  void index_router_lsas() {
    for (const auto& [key, e] : in_.lsdb->entries()) {
      if (key.type != LsaType::kRouter) break;  // the map is ordered by type: routers first
      // §16.1: MaxAge LSAs are not used.
      if (key.id == key.adv_router && !e.max_age(in_.now)) router_lsas_[key.id.value] = e.lsa.get();
    }
  }

  const Lsa* router_lsa(net::Ipv4 id) const {
    auto it = router_lsas_.find(id.value);
    return it == router_lsas_.end() ? nullptr : it->second;
  }

  bool connected(const net::Prefix& p) const {
    return std::find(in_.connected.begin(), in_.connected.end(), p) != in_.connected.end();
  }

  // §16.1 (1)-(5) for router vertices joined by point-to-point links.
  void shortest_path_tree(const Lsa* root_lsa) {
    using Item = std::pair<uint32_t, net::Ipv4>;  // (distance, Router ID): ties pop by Router ID
    std::priority_queue<Item, std::vector<Item>, std::greater<>> candidates;
    Vertex& root = vertices_[in_.root];
    root.dist = 0;
    root.lsa = root_lsa;
    candidates.emplace(0, in_.root);
    while (!candidates.empty()) {
      const auto [dist, id] = candidates.top();
      candidates.pop();
      Vertex& v = vertices_[id];
      if (v.in_tree || dist != v.dist) continue;  // a stale heap entry
      v.in_tree = true;
      for (const RouterLink& link : v.lsa->links) {
        if (link.type != LinkType::kPointToPoint) continue;
        const Lsa* w_lsa = router_lsa(link.id);
        // §16.1 (2)(b): use the link only if W's LSA links back to V.
        if (!w_lsa || !links_back(*w_lsa, id)) continue;
        std::vector<NextHop> hops = id == in_.root ? first_hop(link) : v.next_hops;
        if (hops.empty()) continue;
        Vertex& w = vertices_[link.id];
        if (w.in_tree) continue;
        const uint32_t d = dist + link.metric;
        if (d < w.dist) {
          w.dist = d;
          w.lsa = w_lsa;
          w.next_hops = std::move(hops);
          candidates.emplace(d, link.id);
        } else if (d == w.dist) {
          merge(w.next_hops, hops);  // §16.1 (2)(d): an equal-cost path adds next hops
        }
      }
    }
  }

  // §16.1.1: W adjacent to the root over a point-to-point link: the next
  // hop is the neighbour's address on the interface the link describes.
  std::vector<NextHop> first_hop(const RouterLink& link) const {
    for (const RootLink& a : in_.adjacencies)
      if (a.local_address.value == link.data && a.neighbor_id == link.id)
        return {NextHop{a.interface, a.neighbor_address}};
    return {};
  }

  // §16.1 second stage: stub networks of every router in the tree.
  void stub_networks(std::map<net::Prefix, OspfRoute>& table) const {
    for (const auto& [id, v] : vertices_) {
      if (!v.in_tree || id == in_.root) continue;  // the root's own networks are connected
      for (const RouterLink& link : v.lsa->links) {
        if (link.type != LinkType::kStub) continue;
        const net::Prefix p = stub_prefix(link);
        if (connected(p)) continue;
        const uint32_t cost = v.dist + link.metric;
        auto [it, inserted] = table.try_emplace(p);
        OspfRoute& r = it->second;
        if (inserted || cost < r.cost) {
          r = OspfRoute{p, PathType::kIntraArea, cost, 0, 0, {}, v.next_hops};
        } else if (cost == r.cost) {
          merge(r.next_hops, v.next_hops);
        }
      }
    }
  }

  // §16.4 (1)-(6).
  void external_routes(const SpfResult& out, std::map<net::Prefix, OspfRoute>& table) const {
    std::map<net::Prefix, OspfRoute> externals;
    for (const auto& [key, entry] : in_.lsdb->entries()) {
      if (key.type != LsaType::kAsExternal) continue;
      const Lsa& lsa = *entry.lsa;
      if (entry.max_age(in_.now) || lsa.metric >= kLsInfinity) continue;  // (1)
      if (key.adv_router == in_.root) continue;                           // (2)
      const net::Prefix p = lsa.external_prefix();
      if (table.count(p) || connected(p)) continue;  // intra-area paths win (§16.4 (6))
      auto asbr = out.routers.find(key.adv_router);
      if (asbr == out.routers.end() || !asbr->second.asbr) continue;  // (3)
      uint32_t to_asbr = asbr->second.cost;
      std::vector<NextHop> hops = asbr->second.next_hops;
      if (lsa.forwarding != net::Ipv4{}) {
        // (3): traffic goes to the forwarding address, over an intra-area route.
        const OspfRoute* via = longest_match(table, lsa.forwarding);
        if (!via) continue;
        to_asbr = via->cost;
        hops = via->next_hops;
      }
      OspfRoute cand;
      cand.prefix = p;
      cand.type = lsa.type2 ? PathType::kExternal2 : PathType::kExternal1;
      cand.cost = lsa.type2 ? to_asbr : to_asbr + lsa.metric;
      cand.type2_cost = lsa.type2 ? lsa.metric : 0;
      cand.tag = lsa.route_tag;
      cand.advertising_routers = {key.adv_router};
      cand.next_hops = std::move(hops);
      auto [it, inserted] = externals.try_emplace(p, cand);
      if (inserted) continue;
      OspfRoute& best = it->second;
      // (6): type 1 before type 2; type 2 by metric, then by cost to the ASBR.
      auto rank = [](const OspfRoute& r) {
        return std::tuple(r.type == PathType::kExternal2, r.type2_cost, r.cost);
      };
      if (rank(cand) < rank(best)) {
        best = std::move(cand);
      } else if (rank(cand) == rank(best)) {
        merge(best.next_hops, cand.next_hops);
        best.advertising_routers.push_back(key.adv_router);
        std::sort(best.advertising_routers.begin(), best.advertising_routers.end());
      }
    }
    for (auto& [p, r] : externals) table.emplace(p, std::move(r));
  }

  static const OspfRoute* longest_match(const std::map<net::Prefix, OspfRoute>& table,
                                        net::Ipv4 a) {
    const OspfRoute* best = nullptr;
    for (const auto& [p, r] : table)
      if (p.contains(a) && (!best || p.len > best->prefix.len)) best = &r;
    return best;
  }

  const SpfInput& in_;
  std::unordered_map<uint32_t, const Lsa*> router_lsas_;
  std::map<net::Ipv4, Vertex> vertices_;
};

}  // namespace

SpfResult calculate_routes(const SpfInput& input) { return Calculation(input).run(); }

}  // namespace ospf
