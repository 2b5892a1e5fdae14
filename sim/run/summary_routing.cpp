// The routing part of summary.json: RIB, FIB, BGP sessions and OSPF adjacencies at the
// end of the run.
#include "models/rib/preference.hpp"
#include "sim/run/summary.hpp"

namespace run {
namespace {

using Json = nlohmann::ordered_json;

Json next_hops_json(const net::Network& network, std::span<const rib::NextHop> hops) {
  Json out = Json::array();
  for (const rib::NextHop& h : hops) {
    Json j;
    j["via"] = h.via.value == 0 ? Json(nullptr) : Json(h.via.to_string());
    j["interface"] = h.interface == net::kNone ? Json(nullptr) : Json(network.interface(h.interface).name);
    out.push_back(std::move(j));
  }
  return out;
}

}  // namespace

Json routes_json(const World& world) {
  Json out = Json::object();
  const net::Network& network = world.network();
  for (const net::Node& node : network.nodes()) {
    const rib::Rib& r = world.router(node.id).rib();
    Json routes = Json::array();
    r.for_each_active([&](const rib::Route& active) {
      bool first = true;
      for (const rib::Route& route : r.candidates(active.prefix)) {
        routes.push_back(Json{{"prefix", route.prefix.to_string()},
                              {"protocol", rib::protocol_name(route.protocol)},
                              {"preference", r.vendor_preference(route)},
                              {"metric", route.metric},
                              {"active", first},
                              {"next_hops", next_hops_json(network, route.next_hops)}});
        first = false;
      }
    });
    out[node.name] = std::move(routes);
  }
  return out;
}

Json fib_json(const World& world) {
  Json out = Json::object();
  const net::Network& network = world.network();
  for (const net::Node& node : network.nodes()) {
    const rib::Fib& fib = world.router(node.id).fib();
    Json entries = Json::array();
    for (const auto& [prefix, group] : fib.entries())
      entries.push_back(Json{{"prefix", prefix.to_string()},
                             {"next_hops", next_hops_json(network, fib.next_hops(group))}});
    out[node.name] = std::move(entries);
  }
  return out;
}

Json bgp_sessions_json(const World& world) {
  Json out = Json::array();
  for (const net::Node& node : world.network().nodes()) {
    const node::BgpProcess* bgp = world.bgp(node.id);
    if (!bgp) continue;
    for (size_t i = 0; i < bgp->neighbor_count(); ++i) {
      const node::BgpNeighborConfig& nb = bgp->neighbor(i);
      const bgp::Session& s = bgp->session(i);
      const bool ever_up = s.state() == bgp::State::kEstablished || s.flap_count() > 0;
      out.push_back(Json{{"node", node.name},
                         {"neighbor", nb.address.to_string()},
                         {"name", nb.name},
                         {"local_as", nb.local_as},
                         {"remote_as", nb.remote_as},
                         {"state", bgp::to_string(s.state())},
                         {"established_at_s", ever_up ? Json(seconds(s.established_at())) : Json(nullptr)},
                         {"flaps", s.flap_count()},
                         {"hold_time_s", s.negotiated_hold_s()},
                         {"messages_in", s.messages_in()},
                         {"messages_out", s.messages_out()},
                         {"prefixes_received", bgp->speaker().received_count(i)},
                         {"prefixes_accepted", bgp->speaker().adj_rib_in(i).size()}});
    }
  }
  return out;
}

Json ospf_adjacencies_json(const World& world) {
  Json out = Json::array();
  const net::Network& network = world.network();
  for (const net::Node& node : network.nodes())
    for (const OspfAdjacency& a : world.ospf_adjacencies().of(node.id))
      out.push_back(Json{{"node", node.name},
                         {"neighbor", a.neighbor.to_string()},
                         {"interface", network.interface(a.interface).name},
                         {"state", ospf::to_string(a.state)},
                         {"full_at_s", a.full_at ? Json(seconds(*a.full_at)) : Json(nullptr)}});
  return out;
}

}  // namespace run
