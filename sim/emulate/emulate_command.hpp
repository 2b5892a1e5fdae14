// `mhsim emulate FILE [--repeat N] [--keep] [--debug-daemons] [--json FILE]`: runs a scenario
// on the real daemons (BIRD for bird and linux nodes, FRR for frr nodes) in
// network namespaces, plays its events at their times, measures the
// convergence figures from the kernel's routing tables, and prints them
// beside mhsim's prediction for the same scenario, min / median / max over
// the runs (docs/validation.md).
//
// Split: netns.* (namespaces, links, link actions), netlink.* (rtnetlink
// sockets in a namespace), daemons.* (configs, starting and stopping the
// daemons), measure.* (the kernel routes over time), predict.* (the same
// from a simulated run), timeline.* (the figures from either), report.*
// (the table and the JSON), process.* (running programs), this (the runs,
// cleanup and signals).
#pragma once

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>

namespace emulate {

// The emulation could not be carried out (a command or a daemon failed);
// the message says which, and the run directory with the logs is kept.
inline constexpr int kExitEmulationFailed = 5;

struct EmulateOptions {
  std::string scenario_path;
  unsigned repeat = 1;
  bool keep = false;                      // keep the run directory (configs, logs)
  bool debug_daemons = false;             // daemons log protocol detail (implies keep)
  bool predict_only = false;              // the simulated side only: no root, no daemons
  std::optional<std::string> json_path;   // also write the figures as JSON
  std::optional<uint64_t> seed;           // first seed of the predictions
};

// Exit: 0; 2 for a bad scenario, a non-root user, a node that is not BIRD or
// FRR, an event the emulation cannot play or missing tools; 5 when the
// emulation failed; 128 + N on SIGINT/SIGTERM. Namespaces and daemons are
// gone on every path out.
int emulate_command(const EmulateOptions& options, std::ostream& out, std::ostream& err);

}  // namespace emulate
