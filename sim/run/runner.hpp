// `mhsim run` and `mhsim check`: load, simulate, report, write outputs.
#pragma once

#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>

#include "sim/engine/time.hpp"

namespace run {

// Exit statuses, documented in the README.
inline constexpr int kExitOk = 0;
inline constexpr int kExitBadInput = 2;      // scenario or command-line error
inline constexpr int kExitCannotWrite = 3;   // output directory not writable
inline constexpr int kExitEventLimit = 4;    // --max-events reached; outputs still written
inline constexpr int kExitInternal = 70;     // an invariant broke: a bug in mhsim
// Interrupted by signal N (interrupt.hpp): 128 + N, 130 for SIGINT, 143 for SIGTERM.
inline constexpr int kExitSignalBase = 128;

struct RunOptions {
  std::string scenario_path;
  std::optional<std::filesystem::path> out_dir;  // default out/<scenario name>
  std::optional<uint64_t> seed;
  std::optional<sim::Duration> until;
  std::string trace_filter;  // "node=S-SW-1,proto=bgp"
  uint64_t max_events = 0;   // 0: no limit
  bool quiet = false;
  bool progress = false;  // a \r progress line on stderr
  bool force = false;     // run even what the resource estimate refuses
  // Invariants (invariants.hpp) every simulated second during the run too,
  // as builds without NDEBUG always do; they are checked at the end anyway.
  bool check_invariants = false;
};

int run_command(const RunOptions& options, std::ostream& out, std::ostream& err);
int check_command(const std::string& scenario_path, std::ostream& out, std::ostream& err);

}  // namespace run
