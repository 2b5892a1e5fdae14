// A health-check daemon on a host: the write-up's "known issue" fixed.
//
// Routing on the host announces the service address as long as it sits on
// the loopback, whether the service behind it answers or not. A health
// checker polls the local service and, when it fails, removes the address
// from the interface, so the connected /32 leaves the RIB and BGP withdraws
// it; on recovery it adds the address back. anycast-healthchecker and
// exabgp's healthcheck (`--dynamic-ip-setup`) work this way.
//
// The loop is the daemons' (anycast-healthchecker servicecheck.py run(),
// exabgp healthcheck.py loop()): run one check, wait for its outcome (at
// most `timeout`), then sleep `interval`, then check again. The check is
// local: an answering service answers at once; a dead one is declared failed
// `timeout` after the check began. `fall` consecutive failures take the
// address away, `rise` consecutive successes bring it back. So with a
// service dying just before a check at time t, the address goes at
//   t + fall * timeout + (fall - 1) * interval
// and, once it answers again just before a check at time u, returns at
//   u + (rise - 1) * interval.
// Deterministic: no jitter (neither daemon adds any).
#pragma once

#include <cstdint>
#include <string>

#include "models/node/router.hpp"
#include "sim/engine/timer.hpp"

namespace node {

struct HealthCheckConfig {
  net::Ipv4 address;         // the service address (prefix length 32)
  net::InterfaceId interface = net::kNone;  // where it lives, usually lo
  sim::Duration interval;    // sleep between the end of one check and the next
  sim::Duration timeout;     // how long a check of a dead service takes to fail
  uint32_t rise = 0;         // consecutive successes to add the address back
  uint32_t fall = 0;         // consecutive failures to remove it
};

// anycast-healthchecker's defaults (address and interface left unset); see
// health_check.cpp and docs/vendor-defaults.md for the sources.
HealthCheckConfig health_check_defaults();

// Empty if the config is usable, else what is wrong.
std::string validate(const HealthCheckConfig& config);

class HealthCheck {
 public:
  enum class State { kUp, kDown };

  // `name` labels trace records (e.g. the service's name); may be empty.
  HealthCheck(Router& router, HealthCheckConfig config, std::string name = {});
  HealthCheck(const HealthCheck&) = delete;
  HealthCheck& operator=(const HealthCheck&) = delete;

  // The state starts as the interface says (address present: kUp) and the
  // first check runs at once.
  void start();

  // --- events ---------------------------------------------------------------------
  // The interval is over: check the service.
  void probe_due();
  // A check's outcome: at once for an answering service, after the timeout
  // for a dead one.
  void probe_result(bool success);

  State state() const { return state_; }
  const HealthCheckConfig& config() const { return config_; }
  uint32_t consecutive_successes() const { return successes_; }
  uint32_t consecutive_failures() const { return failures_; }
  uint64_t probes() const { return probes_; }
  // When the address was last removed / added by this checker (zero: never).
  sim::Time last_down() const { return last_down_; }
  sim::Time last_up() const { return last_up_; }

 private:
  void trace(const std::string& detail);
  std::string interface_name() const;

  Router& router_;
  HealthCheckConfig config_;
  std::string name_;
  State state_ = State::kUp;
  bool started_ = false;
  uint32_t successes_ = 0;
  uint32_t failures_ = 0;
  uint64_t probes_ = 0;
  sim::Time last_down_;
  sim::Time last_up_;
  sim::Timer interval_timer_;  // the sleep between checks
  sim::Timer timeout_timer_;   // a check of a dead service running out
};

std::string_view to_string(HealthCheck::State s);

}  // namespace node
