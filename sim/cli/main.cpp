// The `mhsim` program: argument parsing only; the work lives in sim/run.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <iostream>

#include "sim/engine/parse.hpp"
#include "sim/run/runner.hpp"
#include "sim/run/version.hpp"

namespace {

// Durations on the command line take the same units as scenario files.
sim::Duration duration_arg(const std::string& text, const std::string& option) {
  auto d = sim::parse_duration(text);
  if (!d) throw CLI::ValidationError(option, d.error);
  return *d.value;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "mhsim: packet-level simulator for routing on the host (eBGP from servers,\n"
      "OSPF in the fabric, ECMP). Predicts convergence and load before you deploy."};
  app.set_version_flag("--version", std::string("mhsim ") + run::kVersion + " (" + run::kGitSha + ")");
  app.require_subcommand(1);

  run::RunOptions opts;
  std::string until_text, out_text;
  CLI::App* run_cmd = app.add_subcommand("run", "simulate a scenario, print a report, write DIR/summary.json and DIR/trace.log");
  run_cmd->add_option("FILE", opts.scenario_path, "scenario file (YAML)")->required();
  run_cmd->add_option("--out,-o", out_text, "output directory (default: out/<scenario name>)");
  run_cmd->add_option("--seed", opts.seed, "random seed (overrides the scenario's seed)");
  run_cmd->add_option("--until", until_text, "simulate up to TIME instead of the scenario's duration (e.g. 90s, 250ms, 1m)");
  run_cmd->add_option("--trace", opts.trace_filter, "write only these trace records: node=NAME,proto=bgp (keys repeat)");
  run_cmd->add_option("--max-events", opts.max_events, "stop after this many events (0: no limit)");
  run_cmd->add_flag("--quiet,-q", opts.quiet, "print nothing but errors");
  std::string progress = "auto";
  run_cmd->add_option("--progress", progress, "progress line on stderr: auto (when a terminal), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}));

  std::string check_file;
  CLI::App* check_cmd = app.add_subcommand("check", "validate a scenario without running it");
  check_cmd->add_option("FILE", check_file, "scenario file (YAML)")->required();

  try {
    app.parse(argc, argv);
    if (*run_cmd) {
      if (!until_text.empty()) opts.until = duration_arg(until_text, "--until");
      if (!out_text.empty()) opts.out_dir = out_text;
    }
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);
    return rc == 0 ? 0 : run::kExitBadInput;
  }

  if (*check_cmd) return run::check_command(check_file, std::cout, std::cerr);
  opts.progress = progress == "always" || (progress == "auto" && ::isatty(STDERR_FILENO) &&
                                           !std::getenv("CI"));
  return run::run_command(opts, std::cout, std::cerr);
}
