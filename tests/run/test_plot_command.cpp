// `mhsim plot`: where it finds the scripts and the interpreter, and the
// errors when something is missing. Drawing itself is tested by
// tests/plots/test_plots.py (it needs matplotlib).
#include <stdlib.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>

#include "sim/run/plot_command.hpp"
#include "tests/cli/run_command.hpp"

namespace fs = std::filesystem;

namespace {

// Sets an environment variable for one test, and puts the old value back.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    ::setenv(name, value, 1);
  }
  ~ScopedEnv() {
    if (old_)
      ::setenv(name_, old_->c_str(), 1);
    else
      ::unsetenv(name_);
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  const char* name_;
  std::optional<std::string> old_;
};

fs::path run_dir_with_summary(const std::string& name) {
  const fs::path dir = test::fresh_temp_dir(name);
  std::ofstream(dir / "summary.json") << "{}\n";
  return dir;
}

}  // namespace

TEST_CASE("plot finds the scripts in the source tree unless MHSIM_PLOTS_DIR says otherwise",
          "[plot]") {
  CHECK(run::plots_dir() == fs::path(MHSIM_SOURCE_DIR) / "plots");
  CHECK(fs::exists(run::plots_dir() / "plot_all.py"));
  const ScopedEnv env("MHSIM_PLOTS_DIR", "/opt/mhsim/plots");
  CHECK(run::plots_dir() == fs::path("/opt/mhsim/plots"));
}

TEST_CASE("plot without a summary.json is bad input naming the file", "[plot]") {
  const fs::path dir = test::fresh_temp_dir("plot-empty");
  std::ostringstream out, err;
  CHECK(run::plot_command(dir, true, out, err) == run::kExitBadInput);
  CHECK(err.str() == "mhsim: error: " + (dir / "summary.json").string() + ": no such file; is " +
                         dir.string() + " a directory written by `mhsim run`?\n");
}

TEST_CASE("plot without python3 says which package to install", "[plot]") {
  const fs::path dir = run_dir_with_summary("plot-nopython");
  const ScopedEnv env("MHSIM_PYTHON", "/nonexistent/python3");
  CHECK_FALSE(run::find_python().has_value());
  std::ostringstream out, err;
  CHECK(run::plot_command(dir, true, out, err) == run::kExitMissingPackage);
  CHECK(err.str() ==
        "mhsim: error: python3 not found at MHSIM_PYTHON=/nonexistent/python3; the plots need it: "
        "apt-get install -y python3 python3-matplotlib\n");
}

TEST_CASE("plot without the scripts says where it looked", "[plot]") {
  const fs::path dir = run_dir_with_summary("plot-noscripts");
  const fs::path nowhere = test::fresh_temp_dir("plot-noscripts-dir");
  const ScopedEnv env("MHSIM_PLOTS_DIR", nowhere.c_str());
  std::ostringstream out, err;
  CHECK(run::plot_command(dir, true, out, err) == run::kExitMissingPackage);
  CHECK(err.str() ==
        "mhsim: error: " + (nowhere / "plot_all.py").string() +
            ": no such file; set MHSIM_PLOTS_DIR to the plots/ folder of mhsim's sources\n");
}

TEST_CASE("plot passes the script's exit status on", "[plot]") {
  // A stand-in plot_all.py: what the interpreter is asked to run, and its status.
  const fs::path dir = run_dir_with_summary("plot-status");
  const fs::path scripts = test::fresh_temp_dir("plot-status-scripts");
  std::ofstream(scripts / "plot_all.py") << "import sys\nsys.exit(len(sys.argv) * 10 + 3)\n";
  const ScopedEnv env("MHSIM_PLOTS_DIR", scripts.c_str());
  REQUIRE(run::find_python().has_value());
  std::ostringstream out, err;
  CHECK(run::plot_command(dir, false, out, err) == 23);  // argv: script, DIR
  CHECK(run::plot_command(dir, true, out, err) == 33);   // argv: script, DIR, --quiet
  CHECK(err.str().empty());
}

TEST_CASE("run --plots plots into the run's directory, --out or out/NAME", "[plot]") {
  run::RunOptions o;
  o.scenario_path = std::string(MHSIM_SOURCE_DIR) + "/scenarios/seed-lab.yaml";
  CHECK(run::run_output_dir(o) == fs::path("out") / "seed-lab");
  o.out_dir = "/tmp/x";
  CHECK(run::run_output_dir(o) == fs::path("/tmp/x"));
}
