// Running programs for the emulation: `ip`, `nft`, `vtysh`, and the routing
// daemons. Every program gets its arguments as a vector and is started with
// posix_spawnp: no shell ever sees a scenario's names.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace emulate {

// Something the emulation needed failed: the message says what and why.
class EmulateError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct CommandResult {
  int status = -1;     // exit status, or 128 + signal
  std::string output;  // stdout and stderr together
};

// "ip -n mhsim-1-pc link set eth0 up", for messages.
std::string command_line(const std::vector<std::string>& argv);

// Runs argv[0] (looked up in PATH) and waits for it, stdin from `input`.
CommandResult run_command(const std::vector<std::string>& argv, const std::string& input = "");
// Throws EmulateError with the command line and its output unless it exits 0.
void run_checked(const std::vector<std::string>& argv, const std::string& input = "");

// Starts argv in the background in a process group of its own (a Ctrl-C at
// the terminal reaches mhsim, which stops it in order), stdin from
// /dev/null, stdout and stderr appended to `log`. Returns its pid.
pid_t spawn(const std::vector<std::string>& argv, const std::filesystem::path& log);

// Whether the process has exited (reaping it); false while it runs.
bool exited(pid_t pid, int* status = nullptr);
// SIGTERM, then SIGKILL if it has not exited after `grace_ms`; reaps it.
void stop_process(pid_t pid, int grace_ms);

// Whether `program` is an executable file: an absolute path, or found in PATH.
bool program_exists(const std::string& program);

}  // namespace emulate
