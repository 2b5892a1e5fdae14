#include "sim/emulate/predict.hpp"

#include <algorithm>
#include <memory>

#include "sim/run/world.hpp"

namespace emulate {

std::vector<net::Ipv4> destinations(const run::Scenario& s) {
  std::vector<net::Ipv4> out;
  auto add = [&](net::Ipv4 a) {
    if (std::find(out.begin(), out.end(), a) == out.end()) out.push_back(a);
  };
  for (const run::TrafficSpec& t : s.traffic) add(t.to);
  if (!out.empty()) return out;
  for (const run::ScenarioNode& n : s.nodes)
    for (const run::ScenarioInterface& i : n.interfaces)
      if (i.loopback())
        for (const net::InterfaceAddress& a : i.addresses)
          if ((a.addr.value >> 24) != 127) add(a.addr);
  return out;
}

std::vector<net::Ipv4> foreign(const run::ScenarioNode& node, const std::vector<net::Ipv4>& dests) {
  std::vector<net::Ipv4> out;
  for (net::Ipv4 d : dests) {
    bool own = false;
    for (const run::ScenarioInterface& i : node.interfaces)
      for (const net::InterfaceAddress& a : i.addresses) own = own || a.addr == d;
    if (!own) out.push_back(d);
  }
  return out;
}

std::vector<size_t> windows_of(const run::Scenario& s) {
  std::vector<size_t> out;
  for (size_t i = 0; i < s.events.size(); ++i)
    out.push_back(i > 0 && s.events[i].at == s.events[i - 1].at ? out.back() : i);
  return out;
}

namespace {

// What a node's FIB answers for the destinations: per destination the
// matched prefix and next hops, empty when it has no route.
struct Answers {
  std::vector<std::pair<net::Prefix, std::vector<rib::NextHop>>> per_destination;
  bool all_usable = true;
  bool operator==(const Answers& o) const { return per_destination == o.per_destination; }
};

// Next hops through an interface that is down do not count, as on the
// measured side: the kernel flushes or marks dead the routes of a downed
// interface itself, before any daemon reacts (timeline.hpp).
Answers answers(const net::Network& net, const rib::Fib& fib, const std::vector<net::Ipv4>& dests) {
  Answers a;
  for (net::Ipv4 d : dests) {
    const rib::Fib::Match m = fib.lookup(d);
    std::vector<rib::NextHop> live;
    if (m.found())
      for (const rib::NextHop& nh : fib.next_hops(m.group))
        if (nh.interface < net.interface_count() && net.interface(nh.interface).oper_up())
          live.push_back(nh);
    if (live.empty()) {
      // No route, a discard route, or none of its next hops alive.
      a.per_destination.emplace_back(net::Prefix{}, std::vector<rib::NextHop>{});
      a.all_usable = false;
      continue;
    }
    a.per_destination.emplace_back(m.prefix, std::move(live));
  }
  return a;
}

// Shared with the FIB listeners, which cannot be removed: it must outlive
// the World, so the World is destroyed first (see predict()).
struct Recorder {
  std::vector<NodeTimeline> nodes;
  std::vector<Answers> last;
};

}  // namespace

Timeline predict(const run::Scenario& s, uint64_t seed, const std::vector<net::Ipv4>& dests) {
  auto rec = std::make_shared<Recorder>();
  {
    run::World world(s, seed);
    const net::Network& net = world.network();
    rec->nodes.resize(net.nodes().size());
    rec->last.resize(net.nodes().size());
    for (net::NodeId id = 0; id < net.nodes().size(); ++id) {
      rec->nodes[id].node = net.nodes()[id].name;
      const run::ScenarioNode* sn = s.find_node(net.nodes()[id].name);
      const std::vector<net::Ipv4> mine = sn ? foreign(*sn, dests) : dests;
      rec->nodes[id].owns_destination = mine.empty();
      node::Router& r = world.router(id);
      rec->last[id] = answers(net, r.fib(), mine);
      std::weak_ptr<Recorder> weak = rec;
      // A FIB update, or one of the node's interfaces going up or down.
      const auto changed = [weak, id, &r, &net, mine](sim::Time at) {
        const auto rc = weak.lock();
        if (!rc) return;
        const double t = at.since_start().seconds_f();
        Answers now = answers(net, r.fib(), mine);
        if (now == rc->last[id]) return;
        rc->nodes[id].route_changes.push_back({t, now.all_usable});
        rc->last[id] = std::move(now);
      };
      r.fib_sync().add_change_listener([weak, id, changed](const net::Prefix&, sim::Time at) {
        if (const auto rc = weak.lock()) rc->nodes[id].fib_changes.push_back(at.since_start().seconds_f());
        changed(at);
      });
      world.network().add_interface_listener(id, [&world, changed](net::InterfaceId, bool) {
        changed(world.simulator().now());
      });
    }
    world.simulator().run_until(sim::Time::zero() + s.duration);
  }
  Timeline t;
  t.nodes = std::move(rec->nodes);
  for (const run::ScenarioEvent& e : s.events) t.event_at.push_back(e.at.since_start().seconds_f());
  t.window_of = windows_of(s);
  t.end = s.duration.seconds_f();
  return t;
}

}  // namespace emulate
