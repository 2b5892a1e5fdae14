#include "sim/run/plot_command.hpp"

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include "sim/run/scenario.hpp"

#ifndef MHSIM_PLOTS_DIR
#define MHSIM_PLOTS_DIR "plots"
#endif

extern char** environ;

namespace run {
namespace {

constexpr const char* kAptHint = "apt-get install -y python3 python3-matplotlib";

bool executable(const std::filesystem::path& p) {
  std::error_code ec;
  return std::filesystem::is_regular_file(p, ec) && ::access(p.c_str(), X_OK) == 0;
}

std::optional<std::filesystem::path> on_path(const std::string& name) {
  const char* path = std::getenv("PATH");
  if (!path) return std::nullopt;
  const std::string dirs = path;
  size_t start = 0;
  while (start <= dirs.size()) {
    const size_t end = std::min(dirs.find(':', start), dirs.size());
    const std::filesystem::path candidate =
        std::filesystem::path(end == start ? "." : dirs.substr(start, end - start)) / name;
    if (executable(candidate)) return candidate;
    start = end + 1;
  }
  return std::nullopt;
}

}  // namespace

std::filesystem::path plots_dir() {
  if (const char* env = std::getenv("MHSIM_PLOTS_DIR"); env && *env) return env;
  return MHSIM_PLOTS_DIR;
}

std::optional<std::filesystem::path> find_python() {
  if (const char* env = std::getenv("MHSIM_PYTHON"); env && *env) {
    if (executable(env)) return std::filesystem::path(env);
    return std::nullopt;  // asked for this one: do not quietly use another
  }
  if (executable("/usr/bin/python3")) return std::filesystem::path("/usr/bin/python3");
  return on_path("python3");
}

int plot_command(const std::filesystem::path& run_dir, bool quiet, std::ostream& out,
                 std::ostream& err) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(run_dir / "summary.json", ec)) {
    err << "mhsim: error: " << (run_dir / "summary.json").string() << ": no such file; is "
        << run_dir.string() << " a directory written by `mhsim run`?\n";
    return kExitBadInput;
  }
  const std::filesystem::path script = plots_dir() / "plot_all.py";
  if (!std::filesystem::is_regular_file(script, ec)) {
    err << "mhsim: error: " << script.string()
        << ": no such file; set MHSIM_PLOTS_DIR to the plots/ folder of mhsim's sources\n";
    return kExitMissingPackage;
  }
  const std::optional<std::filesystem::path> python = find_python();
  if (!python) {
    err << "mhsim: error: python3 not found"
        << (std::getenv("MHSIM_PYTHON")
                ? std::string(" at MHSIM_PYTHON=") + std::getenv("MHSIM_PYTHON")
                : std::string())
        << "; the plots need it: " << kAptHint << "\n";
    return kExitMissingPackage;
  }

  std::vector<std::string> args = {python->string(), script.string(), run_dir.string()};
  if (quiet) args.push_back("--quiet");
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  // The child writes to the same stdout/stderr: what we printed goes first.
  out.flush();
  err.flush();
  std::cout.flush();
  std::cerr.flush();
  pid_t pid = 0;
  if (const int rc = ::posix_spawn(&pid, argv[0], nullptr, nullptr, argv.data(), environ);
      rc != 0) {
    err << "mhsim: error: cannot run " << args[0] << ": " << std::strerror(rc) << "; " << kAptHint
        << "\n";
    return kExitMissingPackage;
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) {
      err << "mhsim: error: waiting for " << script.string() << ": " << std::strerror(errno)
          << "\n";
      return kExitInternal;
    }
  }
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  err << "mhsim: error: " << script.string() << " ended by signal " << WTERMSIG(status) << "\n";
  return kExitInternal;
}

std::filesystem::path run_output_dir(const RunOptions& options) {
  if (options.out_dir) return *options.out_dir;
  return std::filesystem::path("out") / load_scenario(options.scenario_path).name;
}

}  // namespace run
