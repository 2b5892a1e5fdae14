// SIGINT and SIGTERM during a run: finish cleanly instead of dying.
//
// While an InterruptScope is alive the first SIGINT or SIGTERM only sets a
// flag, which the run loop (run_loop.hpp) polls between events; the run then
// stops, writes its outputs covering the simulated time so far and exits
// 128 + the signal's number (130 for SIGINT, 143 for SIGTERM, the shell's
// convention). The handler is one-shot: a second Ctrl-C ends the process at
// once, as if mhsim did not handle signals at all.
//
// Only sig_atomic_t is touched in the handler (C++20 [support.signal]).
#pragma once

namespace run {

class InterruptScope {
 public:
  InterruptScope();   // clears the flag and installs the handlers
  ~InterruptScope();  // puts the previous handlers back
  InterruptScope(const InterruptScope&) = delete;
  InterruptScope& operator=(const InterruptScope&) = delete;
};

// The signal that asked to stop (SIGINT or SIGTERM), or 0.
int interrupt_signal();
inline bool interrupt_requested() { return interrupt_signal() != 0; }
// "SIGINT", "SIGTERM".
const char* interrupt_signal_name(int signal);

}  // namespace run
