// `mhsim explain DIR`: a run told as a story a student can follow.
//
// Reads DIR/summary.json (its `convergence` key: the scripted events and
// what each cost) and DIR/trace.log, and tells, per event, in time order and
// plain sentences: what the event did, how each node noticed it (interface
// down, a BGP hold timer, BFD), what the protocols did about it (sessions
// dropped, LSAs flushed, SPF runs), when each forwarding table changed for
// the last time, and when traffic was whole again at what loss:
//
//   At 60.000 s the link pc:eth0--S-SW-1:ge-0/0/9 loses carrier: its cable
//   is pulled. pc and S-SW-1 see their interfaces go down (eth0 and
//   ge-0/0/9). ... At 60.200 s (+200 ms) C-SW-1 and S-SW-2 run SPF. ...
//   Traffic is whole again from 60.219 s (+219 ms); 127 packets were lost
//   (119 ttl_expired and 8 link_down).
//
// A story before the first event tells the start-up the same way. Records
// at the same moment that say the same thing of several nodes become one
// sentence; bookkeeping records (passing session states, retransmissions,
// MinLSArrival discards) are counted, not told; a story stops after
// `max_sentences` with "... and N more protocol events (see trace.log)".
// The closing sentences (convergence, loss) are always told.
#pragma once

#include <cstddef>
#include <filesystem>
#include <iosfwd>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

namespace run {

// A run directory that cannot be explained: "DIR/summary.json: ..." etc.
struct ExplainError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct TraceRecord {
  double at_s = 0;
  std::string subject;  // a node, or a link "a:ifa--b:ifb"
  std::string category;
  std::string detail;
};

// Parses trace.log ("   60.000000000 S-SW-1 link ge-0/0/9 down" per line);
// `path` names the file in errors ("PATH:LINE: error: not a trace line").
std::vector<TraceRecord> parse_trace(std::istream& in, const std::string& path);

struct Story {
  std::string title;  // "Event 0 at 60.000 s: down pc:eth0--S-SW-1:ge-0/0/9"
  std::vector<std::string> sentences;
};

struct ExplainOptions {
  size_t max_sentences = 20;  // per story, before the closing sentences
};

// The start-up story, then one per scripted event in summary["convergence"].
std::vector<Story> explain_run(const nlohmann::json& summary, const std::vector<TraceRecord>& trace,
                               const ExplainOptions& options = {});

// Prints the stories of DIR; 0, or 2 when DIR has no readable summary.json
// or trace.log (the message names the file).
int explain_command(const std::filesystem::path& dir, std::ostream& out, std::ostream& err);

}  // namespace run
