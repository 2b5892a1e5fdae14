#include "sim/emulate/emulate_command.hpp"

#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <ostream>

#include "sim/emulate/daemons.hpp"
#include "sim/emulate/measure.hpp"
#include "sim/emulate/netns.hpp"
#include "sim/emulate/predict.hpp"
#include "sim/emulate/process.hpp"
#include "sim/emulate/report.hpp"
#include "sim/export/bird_config.hpp"
#include "sim/export/export_common.hpp"
#include "sim/export/frr_config.hpp"
#include "sim/run/interrupt.hpp"
#include "sim/run/output_dir.hpp"
#include "sim/run/runner.hpp"

namespace emulate {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// A SIGINT or SIGTERM arrived: unwind (destructors stop the daemons and
// delete the namespaces), then exit 128 + N.
struct Interrupted {
  int signal;
};

// Why the scenario cannot be emulated, or empty.
std::string refusal(const run::Scenario& s) {
  for (const run::ScenarioNode& n : s.nodes)
    if (n.vendor == vendor::Vendor::kJunos || n.vendor == vendor::Vendor::kEos)
      return "node " + n.name + " is vendor " + std::string(vendor::name(n.vendor)) +
             ": mhsim emulate runs BIRD (bird, linux) and FRR (frr) only; "
             "scenarios/seed-lab-frr.yaml is the seed lab with FRR switches";
  for (const run::ScenarioEvent& e : s.events) {
    switch (e.action) {
      case run::EventAction::kDown:
      case run::EventAction::kUp:
      case run::EventAction::kSilent:
      case run::EventAction::kLoss:
      case run::EventAction::kRestore:
      case run::EventAction::kPortDown:
      case run::EventAction::kPortUp:
      case run::EventAction::kAddressAdd:
      case run::EventAction::kAddressRemove:
      case run::EventAction::kClearBgp:
        continue;
      default:
        return "event at " + sim::format_duration(e.at.since_start()) + " (" + s.describe(e) +
               ") cannot be played on the real daemons yet; emulate plays down, up, silent, "
               "loss, restore, port-down, port-up, address-add, address-remove and clear-bgp";
    }
  }
  for (const run::ScenarioNode& n : s.nodes) {
    if (n.vendor == vendor::Vendor::kFrr) confgen::frr_config(s, n);
    else if (!Lab::daemonless(s, n)) confgen::bird_config(s, n);
    else
      for (const run::ScenarioInterface& i : n.interfaces)
        confgen::check_linux_interface_name(n, i.name);
  }
  return "";
}

void check_interrupt() {
  if (const int sig = run::interrupt_signal()) {
    // Cleanup must finish: a second Ctrl-C would end mhsim with the
    // namespaces still there.
    signal(SIGINT, SIG_IGN);
    signal(SIGTERM, SIG_IGN);
    throw Interrupted{sig};
  }
}

void apply(Lab& lab, Daemons& daemons, const run::Scenario& s, const run::ScenarioEvent& e) {
  switch (e.action) {
    case run::EventAction::kDown: lab.set_link_up(e.link, false); break;
    case run::EventAction::kUp: lab.set_link_up(e.link, true); break;
    case run::EventAction::kSilent: lab.set_drop(e.link, e.side, 1.0); break;
    case run::EventAction::kLoss: lab.set_drop(e.link, e.side, e.probability); break;
    case run::EventAction::kRestore: lab.restore(e.link); break;
    case run::EventAction::kPortDown: lab.set_port_up(e.link, e.side, false); break;
    case run::EventAction::kPortUp: lab.set_port_up(e.link, e.side, true); break;
    case run::EventAction::kAddressAdd:
    case run::EventAction::kAddressRemove:
      lab.set_address(e.node, e.interface, e.address, e.action == run::EventAction::kAddressAdd);
      break;
    case run::EventAction::kClearBgp: daemons.clear_bgp(e.node, e.neighbor); break;
    default: throw EmulateError("event " + s.describe(e) + " cannot be played");
  }
}

// One run on the real daemons, start to the scenario's end.
Timeline emulate_once(const run::Scenario& s, const std::vector<net::Ipv4>& dests,
                      const fs::path& dir, bool debug_daemons, std::ostream& err) {
  Lab lab(s, "mhsim-" + std::to_string(getpid()) + "-");
  lab.create_namespaces();
  std::vector<std::string> names;
  for (size_t i = 0; i < lab.node_count(); ++i) names.push_back(lab.netns(i));
  std::vector<std::vector<net::Ipv4>> per_node;
  for (const run::ScenarioNode& n : s.nodes) per_node.push_back(foreign(n, dests));
  RouteWatcher watcher(names, per_node);
  lab.wire();
  Daemons daemons(s, lab, dir, debug_daemons);
  daemons.write_configs();
  daemons.prepare();
  watcher.poll_once(0);  // what wire() and FRR's start did, stamped now (before t0)

  auto last_check = Clock::now();
  const auto stop = [&] {
    check_interrupt();
    if (Clock::now() - last_check > std::chrono::milliseconds(500)) {
      daemons.check_alive();
      last_check = Clock::now();
    }
    return false;
  };
  const auto t0 = Clock::now();
  watcher.set_origin(t0);
  daemons.start([&] { watcher.poll_once(2); });
  auto at = [&](sim::Time t) {
    return t0 + std::chrono::duration_cast<Clock::duration>(
                    std::chrono::nanoseconds(t.since_start().ns()));
  };
  Timeline t;
  for (const run::ScenarioEvent& e : s.events) {
    if (e.at.since_start() > s.duration) break;
    watcher.run_until(at(e.at), stop);
    const auto begun = Clock::now();
    apply(lab, daemons, s, e);
    // The event counts from when its change is complete: an nftables rule
    // set through `ip netns exec nft` takes milliseconds, a netlink change
    // microseconds.
    const auto done = Clock::now();
    t.event_at.push_back(std::chrono::duration<double>(done - t0).count());
    err << "  " << sim::format_duration(e.at.since_start()) << ": " << s.describe(e) << " ("
        << std::chrono::duration_cast<std::chrono::microseconds>(done - begun).count() / 1000.0
        << " ms)\n";
  }
  watcher.run_until(at(sim::Time::zero() + s.duration), stop);
  daemons.check_alive();
  t.end = std::chrono::duration<double>(Clock::now() - t0).count();
  for (size_t i = 0; i < lab.node_count(); ++i) {
    NodeTimeline n = watcher.timeline(i);
    n.node = s.nodes[i].name;
    n.owns_destination = per_node[i].empty();
    t.nodes.push_back(std::move(n));
  }
  t.window_of = windows_of(s);
  t.window_of.resize(t.event_at.size());
  return t;
}

std::string daemon_versions() {
  std::string s;
  CommandResult bird = run_command({"bird", "--version"});
  if (bird.status == 0 || !bird.output.empty()) {
    std::string v = bird.output.substr(0, bird.output.find('\n'));
    s += v;
  }
  CommandResult frr = run_command({"/usr/lib/frr/zebra", "--version"});  // "zebra version 8.4.4"
  if (frr.status == 0) {
    const size_t at = frr.output.find("version ");
    if (at != std::string::npos) {
      const std::string v = frr.output.substr(at + 8, frr.output.find_first_of(" \n", at + 8) - at - 8);
      s += (s.empty() ? "" : ", ") + std::string("FRR ") + v;
    }
  }
  return s;
}

// The figures as JSON, written atomically (temp file and rename).
bool write_json(const std::string& path, const EmulateOptions& o, const run::Scenario& s,
                const std::vector<net::Ipv4>& dests, uint64_t first_seed, size_t runs,
                const std::vector<Row>& rows, std::ostream& err) {
  nlohmann::ordered_json j;
  j["scenario"] = o.scenario_path;
  j["daemons"] = o.predict_only ? std::string("none (--predict-only)") : daemon_versions();
  j["runs"] = runs;
  j["first_seed"] = first_seed;
  j["destinations"] = nlohmann::ordered_json::array();
  for (net::Ipv4 d : dests) j["destinations"].push_back(d.to_string());
  j["rows"] = rows_json(s, rows);
  try {
    run::write_file_atomically(path, j.dump(2) + "\n");
  } catch (const std::exception& e) {
    err << "mhsim: error: cannot write " << path << ": " << e.what() << "\n";
    return false;
  }
  return true;
}

// --predict-only: the simulated side alone, no root or daemons needed; for
// comparing a changed model with figures measured earlier (--json).
int predict_only(const EmulateOptions& o, const run::Scenario& s, std::ostream& out,
                 std::ostream& err) {
  const std::vector<net::Ipv4> dests = destinations(s);
  const uint64_t first_seed = o.seed.value_or(s.seed);
  std::vector<Timeline> predicted;
  for (unsigned r = 0; r < o.repeat; ++r) predicted.push_back(predict(s, first_seed + r, dests));
  out << "mhsim emulate --predict-only " << o.scenario_path << ": " << predicted.size()
      << " simulated run(s), seeds " << first_seed << ".." << first_seed + o.repeat - 1 << "\n\n";
  const std::vector<Row> rows = compare(s, predicted, {});
  print_rows(out, s, rows);
  if (o.json_path && !write_json(*o.json_path, o, s, dests, first_seed, 0, rows, err))
    return run::kExitCannotWrite;
  return run::kExitOk;
}

}  // namespace

int emulate_command(const EmulateOptions& o, std::ostream& out, std::ostream& err) {
  run::ScenarioLoad loaded;
  try {
    loaded = run::load_scenario_with_warnings(o.scenario_path);
  } catch (const run::ScenarioError& e) {
    err << e.what() << "\n";
    return run::kExitBadInput;
  }
  for (const std::string& w : loaded.warnings) err << w << "\n";
  const run::Scenario& s = loaded.scenario;
  if (o.predict_only) return predict_only(o, s, out, err);
  if (geteuid() != 0) {
    err << "mhsim: error: emulate needs root: it creates network namespaces and starts routing "
           "daemons (run it as root, e.g. with sudo)\n";
    return run::kExitBadInput;
  }
  try {
    if (const std::string why = refusal(s); !why.empty()) {
      err << "mhsim: error: " << o.scenario_path << ": " << why << "\n";
      return run::kExitBadInput;
    }
  } catch (const confgen::ExportError& e) {
    err << "mhsim: error: " << o.scenario_path << ": " << e.what() << "\n";
    return run::kExitBadInput;
  }
  if (const std::vector<std::string> missing = missing_tools(s); !missing.empty()) {
    err << "mhsim: error: emulate needs what is missing here:\n";
    for (const std::string& m : missing) err << "  " << m << "\n";
    return run::kExitBadInput;
  }
  if (o.repeat < 1) {
    err << "mhsim: error: --repeat must be at least 1\n";
    return run::kExitBadInput;
  }
  for (const std::string& gone : sweep_stale_namespaces())
    err << "mhsim: removed namespace " << gone << ", left behind by an mhsim that was killed\n";

  const std::vector<net::Ipv4> dests = destinations(s);
  const uint64_t first_seed = o.seed.value_or(s.seed);
  std::vector<Timeline> predicted, measured;
  for (unsigned r = 0; r < o.repeat; ++r) predicted.push_back(predict(s, first_seed + r, dests));

  char dir_template[] = "/tmp/mhsim-emulate-XXXXXX";
  if (!mkdtemp(dir_template)) {
    err << "mhsim: error: cannot create a run directory in /tmp\n";
    return kExitEmulationFailed;
  }
  const fs::path dir = dir_template;
  // The daemons run as user frr and must reach their run directories.
  fs::permissions(dir, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                           fs::perms::others_read | fs::perms::others_exec);
  bool keep = o.keep || o.debug_daemons;
  int status = run::kExitOk;
  {
    const run::InterruptScope interrupts;
    try {
      for (unsigned r = 0; r < o.repeat; ++r) {
        err << "mhsim emulate: run " << (r + 1) << "/" << o.repeat << " ("
            << sim::format_duration(s.duration) << ")\n";
        measured.push_back(emulate_once(s, dests, dir / ("run-" + std::to_string(r + 1)), o.debug_daemons, err));
      }
    } catch (const Interrupted& i) {
      err << "mhsim: interrupted by " << run::interrupt_signal_name(i.signal)
          << ": daemons stopped, namespaces deleted\n";
      status = 128 + i.signal;
    } catch (const std::exception& e) {
      if (const int sig = run::interrupt_signal()) {
        err << "mhsim: interrupted by " << run::interrupt_signal_name(sig)
            << ": daemons stopped, namespaces deleted\n";
        status = 128 + sig;
      } else {
        err << "mhsim: error: emulation failed: " << e.what() << "\n"
            << "mhsim: configs and logs kept in " << dir.string() << "\n";
        status = kExitEmulationFailed;
        keep = true;
      }
    }
  }
  if (status != run::kExitOk && measured.empty()) {
    if (!keep) fs::remove_all(dir);
    return status;
  }

  out << "mhsim emulate " << o.scenario_path << ": " << measured.size() << " run(s) on "
      << daemon_versions() << " (measured) beside " << predicted.size()
      << " simulated run(s), seeds " << first_seed << ".." << first_seed + o.repeat - 1
      << " (predicted)\n";
  out << "destination";
  for (net::Ipv4 d : dests) out << " " << d.to_string();
  out << "\n\n";
  const std::vector<Row> rows = compare(s, predicted, measured);
  print_rows(out, s, rows);
  if (keep) out << "configs and logs: " << dir.string() << "\n";
  else fs::remove_all(dir);

  if (o.json_path && !write_json(*o.json_path, o, s, dests, first_seed, measured.size(), rows, err))
    return run::kExitCannotWrite;
  return status;
}

}  // namespace emulate
