#include "sim/emulate/daemons.hpp"

#include <pwd.h>
#include <signal.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <thread>

#include "sim/emulate/process.hpp"
#include "sim/export/bird_config.hpp"
#include "sim/export/bird_policy.hpp"
#include "sim/export/frr_config.hpp"

namespace emulate {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

const char* kFrrDir = "/usr/lib/frr";

// What --debug-daemons adds to frr.conf: enough to follow a session, its
// routes into zebra and the kernel, and OSPF adjacencies and flooding, all
// daemons into one file with microseconds (`log timestamp precision` does
// not reach the --log target given on the command line).
std::string frr_debug(const fs::path& node_dir) {
  return "log file " + (node_dir / "debug.log").string() + " debugging\n" +
    "log timestamp precision 6\n"
    "debug bgp neighbor-events\n"
    "debug bgp updates\n"
    "debug bgp zebra\n"
    "debug bgp nht\n"
    "debug zebra rib\n"
    "debug zebra kernel\n"
    "debug zebra dplane\n"
    "debug ospf nsm\n"
    "debug ospf ism\n"
    "debug ospf lsa\n"
    "debug ospf event\n"
    "debug ospf zebra\n"
    "debug ospf packet ls-update\n"
    "debug ospf packet ls-ack\n"
    "debug ospf packet dd\n"
    "debug ospf packet ls-request\n"
    "debug bfd peer\n"
    "debug bfd zebra\n";
}

bool runs_bird(const run::Scenario& s, const run::ScenarioNode& n) {
  return (n.vendor == vendor::Vendor::kBird || n.vendor == vendor::Vendor::kLinux) &&
         !Lab::daemonless(s, n);
}

void write_file(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  if (!out) throw EmulateError("cannot write " + path.string());
}

// The last lines of a log, for an error message.
std::string tail(const fs::path& log, size_t lines) {
  std::ifstream in(log);
  std::vector<std::string> all;
  for (std::string l; std::getline(in, l);) all.push_back(l);
  std::string s;
  for (size_t i = all.size() > lines ? all.size() - lines : 0; i < all.size(); ++i)
    s += "\n    " + all[i];
  return s;
}

void wait_for_file(const fs::path& path, const std::string& what, const fs::path& log) {
  const auto deadline = Clock::now() + std::chrono::seconds(10);
  while (!fs::exists(path)) {
    if (Clock::now() > deadline)
      throw EmulateError(what + " did not create " + path.string() + " within 10 s; its log " +
                         log.string() + ":" + tail(log, 5));
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

}  // namespace

std::vector<std::string> missing_tools(const run::Scenario& s) {
  std::vector<std::string> missing;
  if (geteuid() != 0) missing.push_back("root: network namespaces need root (run as root or with sudo)");
  if (!program_exists("ip")) missing.push_back("ip (iproute2)");
  bool bird = false, frr = false, nft = false;
  for (const run::ScenarioNode& n : s.nodes) {
    bird = bird || runs_bird(s, n);
    frr = frr || n.vendor == vendor::Vendor::kFrr;
  }
  for (const run::ScenarioEvent& e : s.events)
    nft = nft || e.action == run::EventAction::kSilent || e.action == run::EventAction::kLoss ||
          e.action == run::EventAction::kRestore;
  if (bird && !program_exists("bird")) missing.push_back("bird (apt-get install bird2)");
  for (const run::ScenarioEvent& e : s.events)
    if (e.action == run::EventAction::kClearBgp && runs_bird(s, s.nodes[e.node]) &&
        !program_exists("birdc")) {
      missing.push_back("birdc (apt-get install bird2)");
      break;
    }
  if (frr) {
    for (const char* d : {"zebra", "staticd", "bgpd", "ospfd", "bfdd"})
      if (!program_exists(std::string(kFrrDir) + "/" + d))
        missing.push_back(std::string(kFrrDir) + "/" + d + " (apt-get install frr)");
    if (!program_exists("vtysh")) missing.push_back("vtysh (apt-get install frr)");
    if (!getpwnam("frr")) missing.push_back("user frr (apt-get install frr creates it)");
  }
  if (nft && !program_exists("nft")) missing.push_back("nft (apt-get install nftables)");
  return missing;
}

Daemons::Daemons(const run::Scenario& scenario, const Lab& lab, fs::path dir, bool debug)
    : s_(scenario), lab_(lab), dir_(std::move(dir)), debug_(debug),
      frr_daemons_(scenario.nodes.size()) {}

Daemons::~Daemons() { stop_all(); }

fs::path Daemons::node_dir(size_t node) const { return dir_ / s_.nodes[node].name; }

void Daemons::write_configs() {
  for (size_t i = 0; i < s_.nodes.size(); ++i) {
    const run::ScenarioNode& n = s_.nodes[i];
    const fs::path d = node_dir(i);
    fs::create_directories(d);
    if (runs_bird(s_, n)) {
      // A log file beside the config, with session states and events in it;
      // nothing else differs from export-config.
      write_file(d / "bird.conf", "log \"" + (d / "bird.log").string() + "\" all;\n" +
                                      "timeformat log \"%F %T.%6f\";\n" +
                                      (debug_ ? "debug protocols all;\n"
                                              : "debug protocols { states, events };\n") +
                                      confgen::bird_config(s_, n));
    } else if (n.vendor == vendor::Vendor::kFrr) {
      const confgen::FrrConfig c = confgen::frr_config(s_, n);
      write_file(d / "frr.conf", debug_ ? frr_debug(d) + c.frr_conf : c.frr_conf);
      write_file(d / "empty.conf", "");
      frr_daemons_[i] = c.daemons;
      const passwd* frr = getpwnam("frr");
      if (!frr) throw EmulateError("there is no user frr: apt-get install frr");
      for (const fs::path& p : {d, d / "frr.conf", d / "empty.conf"})
        if (chown(p.c_str(), frr->pw_uid, frr->pw_gid) != 0)
          throw EmulateError("cannot hand " + p.string() + " to user frr");
    }
  }
}

void Daemons::start_frr_daemon(size_t node, const std::string& daemon) {
  const fs::path d = node_dir(node);
  const fs::path log = d / (daemon + ".log");
  std::vector<std::string> argv = {"ip", "netns", "exec", lab_.netns(node),
                                   std::string(kFrrDir) + "/" + daemon,
                                   "-f", (d / "empty.conf").string(),
                                   "-i", (d / (daemon + ".pid")).string(),
                                   "-z", (d / "zserv.api").string(),
                                   "--vty_socket", d.string(),
                                   "-P", "0",
                                   "--log", "file:" + log.string()};
  if (debug_) argv.insert(argv.end(), {"--log-level", "debug"});
  const pid_t pid = spawn(argv, d / (daemon + ".out"));
  procs_.push_back(Proc{s_.nodes[node].name, daemon, pid, log});
  wait_for_file(d / (daemon + ".vty"), s_.nodes[node].name + " " + daemon, log);
}

void Daemons::prepare() {
  for (size_t i = 0; i < s_.nodes.size(); ++i) {
    if (s_.nodes[i].vendor != vendor::Vendor::kFrr) continue;
    start_frr_daemon(i, "zebra");
    wait_for_file(node_dir(i) / "zserv.api", s_.nodes[i].name + " zebra", node_dir(i) / "zebra.log");
    for (const std::string& d : frr_daemons_[i]) start_frr_daemon(i, d);
  }
}

void Daemons::start(const std::function<void()>& idle) {
  struct Pending {
    size_t node;
    pid_t pid;
    fs::path log;
  };
  std::vector<Pending> vtysh;
  for (size_t i = 0; i < s_.nodes.size(); ++i) {
    const run::ScenarioNode& n = s_.nodes[i];
    const fs::path d = node_dir(i);
    if (runs_bird(s_, n)) {
      const pid_t pid = spawn({"ip", "netns", "exec", lab_.netns(i), "bird", "-f", "-c",
                               (d / "bird.conf").string(), "-s", (d / "bird.ctl").string(), "-P",
                               (d / "bird.pid").string()},
                              d / "bird.out");
      procs_.push_back(Proc{n.name, "bird", pid, d / "bird.out"});
    } else if (n.vendor == vendor::Vendor::kFrr) {
      const pid_t pid = spawn({"ip", "netns", "exec", lab_.netns(i), "vtysh", "--vty_socket",
                               d.string(), "-f", (d / "frr.conf").string()},
                              d / "vtysh.out");
      vtysh.push_back(Pending{i, pid, d / "vtysh.out"});
    }
  }
  for (const Pending& p : vtysh) {
    int status = 0;
    while (!exited(p.pid, &status)) idle();
    if (status != 0)
      throw EmulateError(s_.nodes[p.node].name + ": vtysh could not apply frr.conf (exit " +
                         std::to_string(status) + "):" + tail(p.log, 8));
  }
}

void Daemons::clear_bgp(size_t node, const std::string& neighbor) {
  const run::ScenarioNode& n = s_.nodes[node];
  const run::RoutingSpec* spec = s_.routing.find(n.name);
  if (!spec || !spec->bgp) throw EmulateError(n.name + " runs no BGP to clear");
  const fs::path d = node_dir(node);
  for (const run::BgpNeighborSpec& nb : spec->bgp->neighbors) {
    if (!neighbor.empty() && neighbor != nb.name && neighbor != nb.address.to_string()) continue;
    std::vector<std::string> argv;
    if (n.vendor == vendor::Vendor::kFrr)
      argv = {"ip", "netns", "exec", lab_.netns(node), "vtysh", "--vty_socket", d.string(),
              "-c", "clear bgp " + nb.address.to_string()};
    else
      argv = {"birdc", "-s", (d / "bird.ctl").string(), "restart", confgen::bird::symbol(nb.name)};
    const CommandResult r = run_command(argv);
    if (r.status != 0)
      throw EmulateError(n.name + ": clear-bgp of " + nb.name + " failed (exit " +
                         std::to_string(r.status) + "): " + r.output);
  }
}

void Daemons::check_alive() const {
  for (const Proc& p : procs_) {
    if (kill(p.pid, 0) == 0) {
      // Still there unless it is a zombie: reap-free check via /proc.
      std::ifstream stat("/proc/" + std::to_string(p.pid) + "/stat");
      std::string all;
      std::getline(stat, all);
      const size_t close = all.rfind(')');
      if (close == std::string::npos || close + 2 >= all.size() || all[close + 2] != 'Z') continue;
    }
    throw EmulateError(p.node + ": " + p.name + " (pid " + std::to_string(p.pid) +
                       ") has stopped; its log " + p.log.string() + ":" + tail(p.log, 8));
  }
}

void Daemons::stop_all() noexcept {
  // Everything at once (SIGTERM lets BIRD and zebra take their routes out),
  // then whatever is left is killed.
  for (const Proc& p : procs_)
    if (p.pid > 0) kill(p.pid, SIGTERM);
  const auto deadline = Clock::now() + std::chrono::seconds(3);
  for (Proc& p : procs_) {
    while (p.pid > 0 && !exited(p.pid) && Clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    if (p.pid > 0 && !exited(p.pid)) stop_process(p.pid, 0);
    p.pid = -1;
  }
  procs_.clear();
}

}  // namespace emulate
