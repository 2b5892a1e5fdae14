#include "sim/emulate/timeline.hpp"

#include <algorithm>

namespace emulate {

RunFigures figures(const Timeline& t) {
  RunFigures f;
  const double first_event = t.event_at.empty() ? t.end : t.event_at.front();
  bool all = true;
  for (const NodeTimeline& n : t.nodes) {
    std::optional<double> first;
    if (!n.owns_destination) {
      for (const NodeTimeline::RouteChange& c : n.route_changes)
        if (c.has_route) {
          first = std::max(0.0, c.at);  // static routes come before the start
          break;
        }
      if (!first || *first > first_event) all = false;
      if (first && (!f.bring_up || *first > *f.bring_up)) f.bring_up = first;
    }
    f.first_route.push_back(first);
  }
  if (!all) f.bring_up.reset();

  for (size_t e = 0; e < t.event_at.size(); ++e) {
    if (t.window_of[e] != e) continue;
    const double start = t.event_at[e];
    double end = t.end;
    for (size_t k = e + 1; k < t.event_at.size(); ++k)
      if (t.window_of[k] == k) {
        end = t.event_at[k];
        break;
      }
    RunFigures::Window w;
    w.event = e;
    for (const NodeTimeline& n : t.nodes) {
      std::optional<double> fib, route;
      for (double c : n.fib_changes)
        if (c >= start && c < end) fib = c - start;
      if (!n.owns_destination)
        for (const NodeTimeline::RouteChange& c : n.route_changes)
          if (c.at >= start && c.at < end) route = c.at - start;
      if (fib && (!w.network_fib || *fib > *w.network_fib)) w.network_fib = fib;
      if (route && (!w.network_route || *route > *w.network_route)) w.network_route = route;
      w.fib.push_back(fib);
      w.route.push_back(route);
    }
    f.windows.push_back(std::move(w));
  }
  return f;
}

}  // namespace emulate
