// What happened to each node's FIB in one run, simulated or real, and the
// convergence figures drawn from it the same way for both.
//
// Figures (docs/validation.md), as the convergence report defines them
// (sim/run/convergence.hpp): every scripted event opens a window until the
// next event (events at the same time share the first one's window); in
// it, per node,
//   fib    the last change of its FIB (any prefix);
//   route  the last change of its route to the traffic destination(s):
//          the longest match, its next hops, or its absence;
// both as offsets from the event, and the network's figure is the largest.
// Bring-up, before the first event: when each node first has a route to
// every destination, and when the last of them got there.
// A node's route figures are about the destinations it does not hold
// itself; a node holding all of them has none.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace emulate {

struct NodeTimeline {
  std::string node;
  bool owns_destination = false;  // holds every destination: no route figures
  std::vector<double> fib_changes;  // seconds from the start, ascending
  struct RouteChange {
    double at = 0;
    bool has_route = false;  // a usable route to every destination after it
  };
  std::vector<RouteChange> route_changes;  // ascending
};

struct Timeline {
  std::vector<NodeTimeline> nodes;
  std::vector<double> event_at;    // when each scripted event happened (seconds)
  std::vector<size_t> window_of;   // the event owning its window (same time)
  double end = 0;                  // the end of the run
};

struct RunFigures {
  std::vector<std::optional<double>> first_route;  // by node; owners: nullopt
  std::optional<double> bring_up;                  // every node has its route
  struct Window {
    size_t event = 0;
    std::vector<std::optional<double>> fib, route;  // by node, from the event
    std::optional<double> network_fib, network_route;
  };
  std::vector<Window> windows;  // one per window, in time order
};

RunFigures figures(const Timeline& t);

}  // namespace emulate
