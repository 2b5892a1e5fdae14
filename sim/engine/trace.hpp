// The trace: one line per notable event, and a fingerprint of all of them.
//
//    "   30.000000000 S-SW-1 link ge-0/0/9 down"
//
// A record has a subject (who: a node, a link), a category (what kind: link,
// bgp, ospf, ...) and free text. Every record feeds the 64-bit fingerprint,
// filtered or not, so the fingerprint in summary.json changes exactly when the
// order or content of events changes. Lines are written only when a sink is
// attached and the record passes the filter.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
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
  void attach(std::ostream* sink) { sink_ = sink; }
  void set_filter(TraceFilter filter) { filter_ = std::move(filter); }

  void record(Time at, std::string_view subject, std::string_view category,
              std::string_view detail);

  uint64_t fingerprint() const { return fingerprint_; }
  uint64_t records() const { return records_; }

 private:
  void mix(std::string_view bytes);

  std::ostream* sink_ = nullptr;
  TraceFilter filter_;
  uint64_t fingerprint_ = 0xcbf29ce484222325ULL;
  uint64_t records_ = 0;
  std::string line_;
};

}  // namespace sim
