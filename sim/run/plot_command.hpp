// `mhsim plot DIR` and `mhsim run FILE --plots`: draw a run directory's
// plots by running plots/plot_all.py (PNG and SVG into DIR/plots/).
//
// The drawing is Python + matplotlib because that is what Debian packages
// (python3-matplotlib); mhsim only finds the scripts and the interpreter and
// passes the script's exit status on. The scripts are found in
// $MHSIM_PLOTS_DIR, else in the source tree's plots/ (fixed when mhsim is
// built); the interpreter is $MHSIM_PYTHON, else Debian's /usr/bin/python3
// (a pyenv python3 first on PATH cannot see Debian's matplotlib), else
// python3 on PATH.
#pragma once

#include <filesystem>
#include <iosfwd>
#include <optional>

#include "sim/run/runner.hpp"

namespace run {

// plot_all.py's status when matplotlib is missing, and mhsim's when python3
// or the scripts are: a package to install (same value as kExitCannotWrite).
inline constexpr int kExitMissingPackage = 3;

std::filesystem::path plots_dir();
std::optional<std::filesystem::path> find_python();

// Runs plot_all.py on run_dir; its output goes straight to this process's
// stdout and stderr. Returns plot_all.py's exit status (0, 2 bad input,
// 3 matplotlib missing), 2 when run_dir has no summary.json, 3 when python3
// or plot_all.py is missing.
int plot_command(const std::filesystem::path& run_dir, bool quiet, std::ostream& out,
                 std::ostream& err);

// The directory `mhsim run` writes for these options: --out, else
// out/<scenario name> (the scenario is read again for its name).
std::filesystem::path run_output_dir(const RunOptions& options);

}  // namespace run
