#include "sim/run/runner.hpp"

#include <chrono>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>

#include "sim/engine/random.hpp"
#include "sim/run/convergence.hpp"
#include "sim/run/diagnostic.hpp"
#include "sim/run/ecmp_report.hpp"
#include "sim/run/interrupt.hpp"
#include "sim/run/invariants.hpp"
#include "sim/run/link_load.hpp"
#include "sim/run/output_dir.hpp"
#include "sim/run/report.hpp"
#include "sim/run/resource_estimate.hpp"
#include "sim/run/run_loop.hpp"
#include "sim/run/summary.hpp"
#include "sim/run/world.hpp"

namespace run {
namespace {

using Clock = std::chrono::steady_clock;

// "node=S-SW-1,proto=bgp": a record is kept when its subject is one of the
// nodes and its category one of the protocols (either list empty = any).
sim::TraceFilter parse_trace_filter(const std::string& text) {
  sim::TraceFilter f;
  std::stringstream in(text);
  std::string item;
  while (std::getline(in, item, ',')) {
    if (item.empty()) continue;
    const size_t eq = item.find('=');
    const std::string key = item.substr(0, eq);
    const std::string value = eq == std::string::npos ? "" : item.substr(eq + 1);
    if (eq == std::string::npos || value.empty())
      throw std::invalid_argument("--trace: '" + item + "' is not key=value");
    if (key == "node")
      f.subjects.push_back(value);
    else if (key == "proto" || key == "category")
      f.categories.push_back(value);
    else
      throw std::invalid_argument("--trace: unknown key '" + key + "' (use node= or proto=)");
  }
  return f;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Advances the world to `end` through `loop` (signals, invariant checks,
// --max-events), drawing a progress line when asked.
sim::StopReason advance(sim::Simulator& sim, RunLoop& loop, sim::Time end, bool progress,
                        std::ostream& err) {
  if (!progress) return loop.run_until(end);
  const auto wall_start = Clock::now();
  auto last_draw = wall_start;
  const sim::Duration step = std::max(sim::Duration::milliseconds(1), (end - sim.now()) / 200);
  sim::StopReason reason = sim::StopReason::kReachedEnd;
  while (sim.now() < end) {
    const sim::Time target = std::min(end, sim.now() + step);
    reason = loop.run_until(target);
    if (reason == sim::StopReason::kStopped || reason == sim::StopReason::kEventLimit) break;
    const auto now = Clock::now();
    if (now - last_draw > std::chrono::milliseconds(200)) {
      last_draw = now;
      const double wall = std::chrono::duration<double>(now - wall_start).count();
      err << "\r  " << sim::format_seconds(sim.now()) << " / " << sim::format_seconds(end) << " s  "
          << std::fixed << std::setprecision(0)
          << 100.0 * sim.now().since_start().seconds_f() / end.since_start().seconds_f() << "%  "
          << static_cast<uint64_t>(sim.events_executed() / std::max(wall, 1e-9)) << " events/s"
          << std::flush;
    }
  }
  err << "\r\033[K" << std::flush;
  return reason;
}

}  // namespace

int check_command(const std::string& scenario_path, std::ostream& out, std::ostream& err) {
  try {
    ScenarioLoad loaded = load_scenario_with_warnings(scenario_path);
    for (const std::string& w : loaded.warnings) err << w << "\n";
    World world(loaded.scenario, loaded.scenario.seed);
    out << scenario_path << ": ok: " << world.network().nodes().size() << " nodes, "
        << world.network().link_count() << " links, " << loaded.scenario.events.size()
        << " events, " << loaded.warnings.size() << " warnings\n";
    return kExitOk;
  } catch (const ScenarioError& e) {
    err << e.what() << "\n";
    return kExitBadInput;
  }
}

int run_command(const RunOptions& options, std::ostream& out, std::ostream& err) {
  const InterruptScope interrupts;  // SIGINT, SIGTERM: stop, write outputs, exit 128 + N
  ScenarioLoad loaded;
  sim::TraceFilter filter;
  try {
    loaded = load_scenario_with_warnings(options.scenario_path);
    filter = parse_trace_filter(options.trace_filter);
  } catch (const ScenarioError& e) {
    err << e.what() << "\n";
    return kExitBadInput;
  } catch (const std::invalid_argument& e) {
    err << "mhsim: error: " << e.what() << "\n";
    return kExitBadInput;
  }
  for (const std::string& w : loaded.warnings) err << w << "\n";
  const Scenario& scenario = loaded.scenario;
  const std::filesystem::path out_path =
      options.out_dir.value_or(std::filesystem::path("out") / scenario.name);
  if (!options.force) {
    const ResourceEstimate estimate =
        estimate_resources(scenario, options.until.value_or(scenario.duration));
    if (const std::string why = check_resource_limits(estimate, physical_memory_bytes());
        !why.empty()) {
      err << "mhsim: error: " << options.scenario_path << ": " << why
          << " (--force runs it anyway)\n";
      return kExitBadInput;
    }
  }

  try {
    OutputDir dir(out_path);
    std::ofstream trace_file(dir.file("trace.log"), std::ios::binary);
    if (!trace_file) throw std::filesystem::filesystem_error(
        "cannot write", dir.file("trace.log"), std::make_error_code(std::errc::permission_denied));

    std::ofstream load_file(dir.file("link_load.csv"), std::ios::binary);

    World world(scenario, options.seed.value_or(scenario.seed), &trace_file, filter);
    sim::Simulator& sim = world.simulator();
    sim.set_event_limit(options.max_events);

    const sim::Time end = sim::Time::zero() + options.until.value_or(scenario.duration);
    LinkLoad load(world, scenario.outputs.sample_every, &load_file);
    load.start(end);
    ConvergenceRecorder convergence(world, event_marks(scenario));
    RunLoop loop(world, LoopOptions{options.max_events,
                                    options.check_invariants || kCheckInvariantsByDefault
                                        ? std::optional(kInvariantCheckInterval)
                                        : std::nullopt});
    const auto wall_start = Clock::now();
    const sim::StopReason reason =
        advance(sim, loop, end, options.progress && !options.quiet, err);
    const double wall_s = std::chrono::duration<double>(Clock::now() - wall_start).count();
    trace_file.close();
    load.finish();
    load_file.close();
    if (!load_file) throw std::filesystem::filesystem_error(
        "cannot write", dir.file("link_load.csv"), std::make_error_code(std::errc::io_error));

    RunInfo info;
    info.scenario_path = options.scenario_path;
    info.scenario_hash = sim::hash_name(read_file(options.scenario_path));
    info.end = sim.now();
    info.stop_reason = reason;
    info.link_load = &load;
    info.trace_filter = options.trace_filter;
    const std::vector<EventConvergence> converged = convergence.finish();
    info.convergence = &converged;
    const std::vector<EcmpGroupReport> groups = ecmp_groups(world);
    write_file_atomically(dir.file("ecmp.csv"), ecmp_csv(world, groups));
    write_file_atomically(dir.file("convergence.csv"), convergence_csv(converged));
    std::ostringstream loss;
    write_loss_csv(loss, convergence.log(), info.end);
    write_file_atomically(dir.file("loss.csv"), loss.str());
    write_file_atomically(dir.file("summary.json"), make_summary(world, info).dump(2) + "\n");
    dir.commit();

    if (!options.quiet) print_report(out, world, info, wall_s, out_path, groups);
    // Outputs are written first: they are what a bug report needs.
    if (const std::string broken = world.check_accounting(); !broken.empty()) {
      err << "mhsim: internal error: packet accounting does not add up at "
          << sim::format_seconds(sim.now()) << " s: " << broken << "\n";
      return kExitInternal;
    }
    // A check during the run stopped it where it found the state broken.
    const std::vector<std::string> violations =
        loop.violations().empty() ? check_invariants(world) : loop.violations();
    if (!violations.empty()) {
      err << "mhsim: internal error: invariants broken at simulated time "
          << sim::format_seconds(sim.now()) << " s (docs/reliability.md):\n";
      for (const std::string& v : violations) err << "  " << v << "\n";
      return kExitInternal;
    }
    if (loop.interrupted()) {
      err << "mhsim: " << interrupt_signal_name(loop.interrupt_signal())
          << ": interrupted at simulated time " << sim::format_seconds(sim.now())
          << " s; outputs cover the run up to there\n";
      return kExitSignalBase + loop.interrupt_signal();
    }
    if (reason == sim::StopReason::kEventLimit) {
      err << "mhsim: stopped at --max-events " << options.max_events << " at simulated time "
          << sim::format_seconds(sim.now()) << " s; outputs cover the run up to there\n";
      return kExitEventLimit;
    }
    return kExitOk;
  } catch (const std::filesystem::filesystem_error& e) {
    err << "mhsim: error: cannot write output directory " << out_path.string() << ": "
        << e.code().message() << "\n";
    return kExitCannotWrite;
  }
}

}  // namespace run
