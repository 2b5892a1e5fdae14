// The trace: one line per notable event, and a fingerprint of all of them.
//
//    "   30.000000000 S-SW-1 link ge-0/0/9 down"
//
// A record has a subject (who: a node, a link), a category (what kind: link,
// bgp, ospf, ...) and free text. Every record feeds the 64-bit fingerprint,
// filtered or not, so the fingerprint in summary.json changes exactly when the
// order or content of events changes. Lines are written only when a sink is
// attached and the record passes the filter.
//
// Observers see every record too, filtered or not: how a report (the
// convergence report, sim/run/convergence.hpp) learns when a node first
// reacted, without the engine knowing what a node is.
#pragma once

#include <cstdint>
#include <functional>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/engine/time.hpp"

namespace sim {

// Keeps records whose subject and category are in the given lists (an empty
// list keeps all). Parsed from "subject=S-SW-1,category=bgp" by the caller.
struct TraceFilter {
  std::vector<std::string> subjects;
  std::vector<std::string> categories;
  bool keeps(std::string_view subject, std::string_view category) const;
};

class Trace {
 public:
  using Observer = std::function<void(Time at, std::string_view subject,
                                      std::string_view category, std::string_view detail)>;
  using ObserverId = uint32_t;

  void attach(std::ostream* sink) { sink_ = sink; }
  void set_filter(TraceFilter filter) { filter_ = std::move(filter); }

  // Called for every record, in the order observers were added, after the
  // record is in the fingerprint. Remove an observer before it dies; not
  // from inside a call.
  ObserverId add_observer(Observer observer);
  void remove_observer(ObserverId id);

  void record(Time at, std::string_view subject, std::string_view category,
              std::string_view detail);

  uint64_t fingerprint() const { return fingerprint_; }
  uint64_t records() const { return records_; }

 private:
  void mix(std::string_view bytes);

  std::ostream* sink_ = nullptr;
  TraceFilter filter_;
  std::vector<std::pair<ObserverId, Observer>> observers_;
  ObserverId next_observer_ = 0;
  uint64_t fingerprint_ = 0xcbf29ce484222325ULL;
  uint64_t records_ = 0;
  std::string line_;
};

}  // namespace sim
