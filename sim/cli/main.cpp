// The `mhsim` program: argument parsing only; the work lives in sim/run.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <iostream>

#include "sim/engine/parse.hpp"
#include "sim/emulate/emulate_command.hpp"
#include "sim/export/export_command.hpp"
#include "sim/run/explain.hpp"
#include "sim/run/plot_command.hpp"
#include "sim/run/runner.hpp"
#include "sim/run/show.hpp"
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
  CLI::App* run_cmd = app.add_subcommand("run", "simulate a scenario, print a report, write DIR/summary.json, trace.log, link_load.csv and ecmp.csv");
  run_cmd->add_option("FILE", opts.scenario_path, "scenario file (YAML)")->required();
  run_cmd->add_option("--out,-o", out_text, "output directory (default: out/<scenario name>)");
  run_cmd->add_option("--seed", opts.seed, "random seed (overrides the scenario's seed)");
  run_cmd->add_option("--until", until_text, "simulate up to TIME instead of the scenario's duration (e.g. 90s, 250ms, 1m)");
  run_cmd->add_option("--trace", opts.trace_filter, "write only these trace records: node=NAME,proto=bgp (keys repeat)");
  run_cmd->add_option("--max-events", opts.max_events, "stop after this many events (0: no limit)");
  run_cmd->add_flag("--force", opts.force, "run even when the up-front estimate (memory, traffic packets, link_load.csv rows) says the scenario is too big");
  run_cmd->add_flag("--check-invariants", opts.check_invariants, "check the routing invariants every simulated second, not only at the end (always on in debug builds); see docs/reliability.md");
  run_cmd->add_flag("--quiet,-q", opts.quiet, "print nothing but errors");
  bool run_plots = false;
  run_cmd->add_flag("--plots", run_plots, "after the run, draw its plots into DIR/plots/ (as `mhsim plot DIR`)");
  std::string progress = "auto";
  run_cmd->add_option("--progress", progress, "progress line on stderr: auto (when a terminal), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}));

  std::string plot_dir;
  bool plot_quiet = false;
  CLI::App* plot_cmd = app.add_subcommand(
      "plot", "draw a run's plots (PNG and SVG) into DIR/plots/: link load, convergence, ECMP, loss, topology, timeline");
  plot_cmd->add_option("DIR", plot_dir, "directory written by `mhsim run`")->required();
  plot_cmd->add_flag("--quiet,-q", plot_quiet, "print nothing but errors");
  plot_cmd->footer("Needs python3-matplotlib (apt-get install -y python3-matplotlib); see docs/output.md#plots.");

  std::string explain_dir;
  CLI::App* explain_cmd = app.add_subcommand(
      "explain", "tell a run's events as a story in plain sentences, from DIR/summary.json and DIR/trace.log");
  explain_cmd->add_option("DIR", explain_dir, "directory written by `mhsim run`")->required();

  std::string export_file, export_node;
  CLI::App* export_cmd = app.add_subcommand(
      "export-config", "print the BIRD (bird.conf) or FRR (frr.conf) config mhsim simulates for a node");
  export_cmd->add_option("FILE", export_file, "scenario file (YAML)")->required();
  export_cmd->add_option("--node,-n", export_node, "the node (vendor bird, linux or frr)")->required();

  emulate::EmulateOptions emulate_opts;
  std::string emulate_json;
  CLI::App* emulate_cmd = app.add_subcommand(
      "emulate", "run a scenario on real BIRD and FRR in network namespaces (root) and print predicted vs measured convergence");
  emulate_cmd->add_option("FILE", emulate_opts.scenario_path, "scenario file (YAML); nodes of vendor bird, linux or frr")->required();
  emulate_cmd->add_option("--repeat,-r", emulate_opts.repeat, "runs on the real daemons (and simulated runs, seeds SEED..SEED+N-1)")->check(CLI::Range(1u, 1000u));
  emulate_cmd->add_flag("--keep", emulate_opts.keep, "keep the run directory (configs, daemon logs) and print its path");
  emulate_cmd->add_flag("--debug-daemons", emulate_opts.debug_daemons, "the daemons log protocol detail with microsecond timestamps (BIRD debug all; FRR bgp, ospf, zebra and bfd debugs); implies --keep");
  emulate_cmd->add_flag("--predict-only", emulate_opts.predict_only, "print the simulated side only (no root, no daemons): to set a changed model beside figures measured earlier with --json");
  emulate_cmd->add_option("--json", emulate_json, "also write the figures, every run's value, to this JSON file");
  emulate_cmd->add_option("--seed", emulate_opts.seed, "first seed of the predictions (default: the scenario's)");
  emulate_cmd->footer("Needs root, ip netns, bird2, frr and nftables (apt-get install -y bird2 frr nftables). See docs/validation.md.");

  std::string check_file;
  CLI::App* check_cmd = app.add_subcommand("check", "validate a scenario without running it");
  check_cmd->add_option("FILE", check_file, "scenario file (YAML)")->required();

  run::ShowOptions show_opts;
  std::string show_at_text, show_arg;
  CLI::App* show_cmd = app.add_subcommand(
      "show", "print a node's routing state at a simulated time, as its own CLI would");
  show_cmd->footer(
      "Views (WHAT) and the router command each one prints:\n"
      "  route [PREFIX|ADDRESS|default]  Junos `show route`, BIRD `show route [for A]`, FRR `show ip route`\n"
      "  bgp-summary                     Junos `show bgp summary`, BIRD `show protocols`, FRR `show ip bgp summary`\n"
      "  bgp-received NEIGHBOR           Junos `show route receive-protocol bgp N`, BIRD `show route protocol N`,\n"
      "                                  FRR `show ip bgp neighbors N routes` (NEIGHBOR: address or name)\n"
      "  forwarding [PREFIX|ADDRESS]     Junos `show route forwarding-table [destination D] table default`;\n"
      "                                  BIRD and FRR hosts: Linux `ip route show`\n"
      "  protocols                       BIRD `show protocols`, Junos `show bgp neighbor`, FRR `show ip bgp neighbors`\n"
      "  ospf-neighbors                  Junos `show ospf neighbor`, BIRD `show ospf neighbors`, FRR `show ip ospf neighbor`\n"
      "  ospf-database                   Junos `show ospf database`, BIRD `show ospf lsadb`, FRR `show ip ospf database`\n"
      "  ospf-route                      Junos `show ospf route`, BIRD `show route protocol ospf1`, FRR `show ip ospf route`\n"
      "The style defaults to the node's vendor: junos -> junos, bird and linux -> bird, frr and eos -> frr.\n"
      "Example: mhsim show scenarios/seed-lab.yaml --at 30s --node S-SW-1 route 192.168.100.1\n"
      "See docs/show.md.");
  show_cmd->add_option("FILE", show_opts.scenario_path, "scenario file (YAML)")->required();
  show_cmd->add_option("WHAT", show_opts.view, "route, bgp-summary, bgp-received, forwarding, protocols, ospf-neighbors, ospf-database or ospf-route")->required();
  show_cmd->add_option("ARG", show_arg, "prefix, address or `default` (route, forwarding); neighbour (bgp-received)");
  show_cmd->add_option("--node,-n", show_opts.node, "the node to look at (its name in the scenario)")->required();
  show_cmd->add_option("--at", show_at_text, "simulated time to stop and look (default: the scenario's duration), e.g. 30s");
  show_cmd->add_option("--style", show_opts.style, "output style: junos, bird or frr (default: the node's vendor)")
      ->check(CLI::IsMember({"junos", "bird", "frr"}));
  show_cmd->add_option("--seed", show_opts.seed, "random seed (overrides the scenario's seed)");
  show_cmd->add_flag("--prompt", show_opts.prompt, "start with the prompt and the equivalent router command");

  try {
    app.parse(argc, argv);
    if (*show_cmd) {
      if (!show_at_text.empty()) show_opts.at = duration_arg(show_at_text, "--at");
      if (!show_arg.empty()) show_opts.arg = show_arg;
    }
    if (*run_cmd) {
      if (!until_text.empty()) opts.until = duration_arg(until_text, "--until");
      if (!out_text.empty()) opts.out_dir = out_text;
    }
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);
    return rc == 0 ? 0 : run::kExitBadInput;
  }

  opts.progress = progress == "always" || (progress == "auto" && ::isatty(STDERR_FILENO) &&
                                           !std::getenv("CI"));
  try {
    if (*check_cmd) return run::check_command(check_file, std::cout, std::cerr);
    if (*export_cmd) return confgen::export_config_command(export_file, export_node, std::cout, std::cerr);
    if (*emulate_cmd) {
      if (!emulate_json.empty()) emulate_opts.json_path = emulate_json;
      return emulate::emulate_command(emulate_opts, std::cout, std::cerr);
    }
    if (*plot_cmd) return run::plot_command(plot_dir, plot_quiet, std::cout, std::cerr);
    if (*explain_cmd) return run::explain_command(explain_dir, std::cout, std::cerr);
    if (*run_cmd && run_plots) {
      const int rc = run::run_command(opts, std::cout, std::cerr);
      if (rc != run::kExitOk && rc != run::kExitEventLimit) return rc;  // no outputs to draw
      const int plotted = run::plot_command(run::run_output_dir(opts), opts.quiet, std::cout, std::cerr);
      return plotted != run::kExitOk ? plotted : rc;
    }
    if (*show_cmd) return run::show_command(show_opts, std::cout, std::cerr);
    return run::run_command(opts, std::cout, std::cerr);
  } catch (const std::exception& e) {
    // Bad input is caught and reported long before this; anything that gets
    // here is a bug, and gets a message instead of an abort.
    std::cerr << "mhsim: internal error: " << e.what() << "\n";
    return run::kExitInternal;
  }
}
