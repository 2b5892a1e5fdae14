#include "sim/emulate/report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ostream>

namespace emulate {
namespace {

struct Stats {
  double min = 0, median = 0, max = 0;
};

Stats stats(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  Stats s{v.front(), 0, v.back()};
  const size_t n = v.size();
  s.median = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  return s;
}

std::string fmt(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%9.3f", v);
  return buf;
}

std::string label(const Row& r) {
  if (r.figure == "bring-up") return "every node has its route";
  if (r.figure == "network fib") return "network: last FIB change";
  if (r.figure == "network route") return "network: last route change";
  if (r.figure == "first route") return "  " + r.node + ": first route";
  if (r.figure == "fib") return "  " + r.node + ": last FIB change";
  return "  " + r.node + ": last route change";
}

}  // namespace

bool within_bound(double predicted, double measured) {
  return std::abs(predicted - measured) <= std::max(0.1 * std::abs(measured), 0.050);
}

std::vector<Row> compare(const run::Scenario& s, const std::vector<Timeline>& predicted,
                         const std::vector<Timeline>& measured) {
  std::vector<RunFigures> pf, mf;
  for (const Timeline& t : predicted) pf.push_back(figures(t));
  for (const Timeline& t : measured) mf.push_back(figures(t));
  const std::vector<NodeTimeline>& nodes =
      !measured.empty() ? measured.front().nodes : predicted.front().nodes;

  std::vector<Row> rows;
  // get(f) is the figure's value in one run's figures, or nothing.
  // keep: a row even with no value on either side (an event's network rows,
  // so that every event shows up in the table).
  auto add = [&](Row r, const auto& get, bool keep = false) {
    for (const RunFigures& f : pf)
      if (const std::optional<double> v = get(f)) r.predicted.push_back(*v);
    for (const RunFigures& f : mf)
      if (const std::optional<double> v = get(f)) r.measured.push_back(*v);
    r.predicted_runs = pf.size();
    r.measured_runs = mf.size();
    if (keep || !r.predicted.empty() || !r.measured.empty()) rows.push_back(std::move(r));
  };
  add(Row{"bring-up", "", std::nullopt, {}, {}, 0, 0},
      [](const RunFigures& f) { return f.bring_up; });
  for (size_t n = 0; n < nodes.size(); ++n)
    add(Row{"first route", nodes[n].node, std::nullopt, {}, {}, 0, 0},
        [n](const RunFigures& f) { return f.first_route[n]; });

  const size_t windows = pf.empty() ? 0 : pf.front().windows.size();
  for (size_t w = 0; w < windows; ++w) {
    const size_t e = pf.front().windows[w].event;
    auto window = [w](const RunFigures& f) -> const RunFigures::Window* {
      return w < f.windows.size() ? &f.windows[w] : nullptr;
    };
    add(Row{"network fib", "", e, {}, {}, 0, 0}, [&](const RunFigures& f) {
      const auto* x = window(f);
      return x ? x->network_fib : std::nullopt;
    }, true);
    add(Row{"network route", "", e, {}, {}, 0, 0}, [&](const RunFigures& f) {
      const auto* x = window(f);
      return x ? x->network_route : std::nullopt;
    }, true);
    for (size_t n = 0; n < nodes.size(); ++n) {
      add(Row{"route", nodes[n].node, e, {}, {}, 0, 0}, [&](const RunFigures& f) {
        const auto* x = window(f);
        return x ? x->route[n] : std::nullopt;
      });
      add(Row{"fib", nodes[n].node, e, {}, {}, 0, 0}, [&](const RunFigures& f) {
        const auto* x = window(f);
        return x ? x->fib[n] : std::nullopt;
      });
    }
  }
  (void)s;
  return rows;
}

void print_rows(std::ostream& out, const run::Scenario& s, const std::vector<Row>& rows) {
  char head[256];
  std::snprintf(head, sizeof head, "%-40s %29s   %29s\n", "", "predicted (s)", "measured (s)");
  out << head;
  std::snprintf(head, sizeof head, "%-40s %9s %9s %9s   %9s %9s %9s   %s\n", "figure", "min",
                "median", "max", "min", "median", "max", "runs");
  out << head;
  std::optional<size_t> section = SIZE_MAX;
  for (const Row& r : rows) {
    if (r.event != section) {
      section = r.event;
      if (!r.event) {
        out << "bring-up, from the daemons' start:\n";
      } else {
        const run::ScenarioEvent& e = s.events[*r.event];
        out << "event at " << sim::format_duration(e.at.since_start()) << ": " << s.describe(e)
            << " (times from the event)\n";
      }
    }
    std::string line = label(r);
    line.resize(40, ' ');
    auto side = [](const std::vector<double>& v) {
      if (v.empty()) return std::string(29, ' ').replace(8, 1, "-");
      const Stats st = stats(v);
      return fmt(st.min) + " " + fmt(st.median) + " " + fmt(st.max);
    };
    line += " " + side(r.predicted) + "   " + side(r.measured) + "   " +
            std::to_string(r.predicted.size()) + "/" + std::to_string(r.predicted_runs) + " " +
            std::to_string(r.measured.size()) + "/" + std::to_string(r.measured_runs);
    if (!r.predicted.empty() && !r.measured.empty() &&
        !within_bound(stats(r.predicted).median, stats(r.measured).median))
      line += "  off";
    out << line << "\n";
  }
  out << "runs: predicted/measured runs that have the figure (a node whose route did not change\n"
         "in a window has no figure there). off: medians differ by more than max(10 %, 50 ms).\n";
}

nlohmann::ordered_json rows_json(const run::Scenario& s, const std::vector<Row>& rows) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const Row& r : rows) {
    nlohmann::ordered_json j;
    j["figure"] = r.figure;
    j["node"] = r.node;
    if (r.event) {
      j["event"] = *r.event;
      j["event_at_s"] = s.events[*r.event].at.since_start().seconds_f();
      j["event_description"] = s.describe(s.events[*r.event]);
    } else {
      j["event"] = nullptr;
    }
    j["predicted_s"] = r.predicted;
    j["measured_s"] = r.measured;
    j["predicted_runs"] = r.predicted_runs;
    j["measured_runs"] = r.measured_runs;
    out.push_back(std::move(j));
  }
  return out;
}

}  // namespace emulate
