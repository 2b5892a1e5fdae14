// The routing daemons of an emulation run, each node's in its namespace,
// with the configs export-config writes (sim/export), in a run directory of
// their own: DIR/NODE/ holds the config, the control sockets, pid files and
// logs.
//
//   bird:  ip netns exec NS bird -f -c DIR/NODE/bird.conf -s DIR/NODE/bird.ctl
//                               -P DIR/NODE/bird.pid
//   frr:   ip netns exec NS /usr/lib/frr/zebra -f DIR/NODE/empty.conf
//                               -i DIR/NODE/zebra.pid -z DIR/NODE/zserv.api
//                               --vty_socket DIR/NODE -P 0 --log file:DIR/NODE/zebra.log
//          (then staticd, bgpd, ospfd, bfdd alike, pointed at zebra with -z),
//          and the config applied with
//          ip netns exec NS vtysh --vty_socket DIR/NODE -f DIR/NODE/frr.conf
//          as Debian's frrinit.sh applies frr.conf with `vtysh -b`.
// FRR 8.4 (Debian 12) daemons take -z/--vty_socket/-i for their paths, so
// each node's FRR is separate without systemd, watchfrr or /etc/frr; they
// run as user frr (privs_init refuses root without the frrvty group), so
// DIR/NODE is handed to frr. -P 0 opens no TCP vty port.
//
// Every daemon runs in the foreground (`bird -f`, FRR without -d): the pid
// mhsim spawned is the daemon's own, and it is stopped by that pid.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "sim/emulate/netns.hpp"
#include "sim/run/scenario.hpp"

namespace emulate {

// What the emulation needs on this machine; empty when all is there, else
// one line per missing piece (for the smoke test's skip reason too).
std::vector<std::string> missing_tools(const run::Scenario& scenario);

class Daemons {
 public:
  // `debug`: the daemons log protocol detail (BIRD `debug protocols all`,
  // FRR's BGP, OSPF and zebra debugs), with microsecond timestamps.
  Daemons(const run::Scenario& scenario, const Lab& lab, std::filesystem::path dir,
          bool debug = false);
  ~Daemons();  // stop_all()
  Daemons(const Daemons&) = delete;
  Daemons& operator=(const Daemons&) = delete;

  // Writes every node's config (export-config's text) under dir/NODE/.
  void write_configs();
  // Starts FRR's daemons without routing config and waits for their vty
  // sockets: what is left for start() is only what the routing needs.
  void prepare();
  // Starts BIRD and applies FRR's configs, every node at once: the moment
  // the scenario's time zero stands for. Returns when every FRR config is
  // in, calling `idle` (which must not block long) while it waits.
  void start(const std::function<void()>& idle);
  // The scenario's clear-bgp: an operator's hard reset of one neighbour's
  // session (name or address), or of all of the node's when empty. BIRD:
  // `birdc restart PROTOCOL`; FRR: `clear bgp ADDRESS`. Both send a Cease
  // (Administrative Reset) and start the session again.
  void clear_bgp(size_t node, const std::string& neighbor);
  // Throws EmulateError naming the daemon (and its log) if one has died.
  void check_alive() const;
  // SIGTERM to every daemon (by pid), SIGKILL after a grace time. Never throws.
  void stop_all() noexcept;

  const std::filesystem::path& dir() const { return dir_; }

 private:
  struct Proc {
    std::string node, name;
    pid_t pid = -1;
    std::filesystem::path log;
  };
  std::filesystem::path node_dir(size_t node) const;
  void start_frr_daemon(size_t node, const std::string& daemon);

  const run::Scenario& s_;
  const Lab& lab_;
  std::filesystem::path dir_;
  bool debug_;
  std::vector<Proc> procs_;
  std::vector<std::vector<std::string>> frr_daemons_;  // by node: staticd, bgpd, ...
};

}  // namespace emulate
