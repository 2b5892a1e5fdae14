// Predicted beside measured: one row per figure, min / median / max over the
// runs of each side, and a mark where the medians differ by more than
// max(10 %, 50 ms), issue 9's bound.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/emulate/timeline.hpp"
#include "sim/run/scenario.hpp"

namespace emulate {

struct Row {
  std::string figure;  // "bring-up", "first route", "network fib", "fib", "route", ...
  std::string node;    // empty for network-wide figures
  std::optional<size_t> event;  // index into the scenario's events; empty: bring-up
  std::vector<double> predicted, measured;  // one value per run that had it
  size_t predicted_runs = 0, measured_runs = 0;
};

std::vector<Row> compare(const run::Scenario& scenario, const std::vector<Timeline>& predicted,
                         const std::vector<Timeline>& measured);

// Issue 9's bound: |predicted - measured| <= max(10 % of measured, 50 ms).
bool within_bound(double predicted, double measured);

void print_rows(std::ostream& out, const run::Scenario& scenario, const std::vector<Row>& rows);
nlohmann::ordered_json rows_json(const run::Scenario& scenario, const std::vector<Row>& rows);

}  // namespace emulate
