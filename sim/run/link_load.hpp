// link_load.csv: per link direction, what crossed it in each sampling interval.
//
// A sample is an event every `every` of simulated time (the scenario's
// outputs.sample_every) that reads the links' cumulative counters and writes
// the difference since the previous sample, so the file is streamed during
// the run and memory stays flat however long the run. A last, shorter
// interval covers the time after the last full one. Utilisation is the bytes
// accepted for transmission in the interval over what the link could carry
// in it; the peak per direction also goes to summary.json.
#pragma once

#include <cstdint>
#include <ostream>
#include <vector>

#include "sim/engine/time.hpp"
#include "sim/run/world.hpp"

namespace run {

class LinkLoad {
 public:
  // `out` may be null: only the peaks are kept.
  LinkLoad(World& world, sim::Duration every, std::ostream* out);
  LinkLoad(const LinkLoad&) = delete;
  LinkLoad& operator=(const LinkLoad&) = delete;

  // Schedules the samples of a run that ends at `end`.
  void start(sim::Time end);
  // Writes the interval between the last sample and `now` (call after the run).
  void finish();

  double peak_utilization(net::LinkId link, int side) const { return peak_[link * 2 + side]; }
  static const char* header() { return "time_s,link,direction,packets,bytes,utilization,drops\n"; }

 private:
  struct Totals {
    uint64_t packets = 0, bytes = 0, drops = 0;
    int64_t busy_ps = 0;
  };
  void sample();
  void write(sim::Time at, sim::Duration interval);

  World& world_;
  sim::Duration every_;
  std::ostream* out_;
  sim::Time end_;
  sim::Time last_;
  std::vector<Totals> last_totals_;  // per link direction: link * 2 + side
  std::vector<double> peak_;
};

// The cumulative drops of a link direction, all causes.
uint64_t link_drops(const net::LinkStats& s);

// A CSV field, quoted when it holds a comma, a quote or a line break.
std::string csv_field(const std::string& text);

}  // namespace run
