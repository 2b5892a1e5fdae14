// Advancing a World with the run's safety nets: --max-events, SIGINT and
// SIGTERM (interrupt.hpp), and invariant checks during the run
// (invariants.hpp).
//
// The simulator runs in slices: at most kPollEvents events (about 10 ms of
// work) between two looks at the interrupt flag, and, when invariants are
// checked during the run, up to each multiple of the check interval, where
// the checks look at the state every event of that instant has left. Slicing
// adds no event and changes no order, so outputs are byte-identical with and
// without checks.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/engine/simulator.hpp"
#include "sim/engine/time.hpp"

namespace run {

class World;

struct LoopOptions {
  uint64_t max_events = 0;                   // the user's --max-events; 0: no limit
  std::optional<sim::Duration> check_every;  // invariants during the run; unset: none
};

// Invariants are checked during runs in builds without NDEBUG (Debug, the
// ASan build CI runs) and with `mhsim run --check-invariants`, every
// simulated second.
inline constexpr sim::Duration kInvariantCheckInterval = sim::Duration::seconds(1);
#ifdef NDEBUG
inline constexpr bool kCheckInvariantsByDefault = false;
#else
inline constexpr bool kCheckInvariantsByDefault = true;
#endif

class RunLoop {
 public:
  static constexpr uint64_t kPollEvents = 1 << 16;

  RunLoop(World& world, LoopOptions options);

  // Like Simulator::run_until(end). Returns kStopped early when a signal
  // asked to stop (interrupted()) or an invariant broke (violations()), and
  // kEventLimit at max_events.
  sim::StopReason run_until(sim::Time end);

  bool interrupted() const { return interrupt_signal_ != 0; }
  int interrupt_signal() const { return interrupt_signal_; }
  // What a check during the run found (empty if nothing), and when.
  const std::vector<std::string>& violations() const { return violations_; }
  sim::Time violation_time() const { return violation_time_; }
  uint64_t checks_run() const { return checks_run_; }

 private:
  World& world_;
  LoopOptions options_;
  sim::Time next_check_;
  int interrupt_signal_ = 0;
  std::vector<std::string> violations_;
  sim::Time violation_time_;
  uint64_t checks_run_ = 0;
};

}  // namespace run
