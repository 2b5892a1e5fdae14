#include "models/node/health_check.hpp"

#include <algorithm>
#include <stdexcept>

namespace node {

HealthCheckConfig health_check_defaults() {
  // anycast-healthchecker (unixsurfer/anycast_healthchecker, 0.9.x,
  // __init__.py DEFAULT_OPTIONS): check_interval 10, check_timeout 2,
  // check_rise 2, check_fail 2, interface lo. It is the daemon made for
  // BIRD on the host, the write-up's setup. (Its README lists
  // check_interval 2; the code says 10.) For comparison, exabgp's
  // healthcheck: --interval 5, --fast-interval 1, --timeout 5, --rise 3,
  // --fall 3; keepalived vrrp_script: interval 1 s.
  HealthCheckConfig c;
  c.interval = sim::Duration::seconds(10);
  c.timeout = sim::Duration::seconds(2);
  c.rise = 2;
  c.fall = 2;
  return c;
}

std::string validate(const HealthCheckConfig& c) {
  if (c.interval <= sim::Duration::zero()) return "interval must be above zero";
  if (c.timeout <= sim::Duration::zero()) return "timeout must be above zero";
  if (c.rise == 0) return "rise must be at least 1";
  if (c.fall == 0) return "fall must be at least 1";
  return "";
}

std::string_view to_string(HealthCheck::State s) {
  switch (s) {
    case HealthCheck::State::kUp: return "up";
    case HealthCheck::State::kDown: return "down";
  }
  return "?";
}

HealthCheck::HealthCheck(Router& router, HealthCheckConfig config, std::string name)
    : router_(router),
      config_(config),
      name_(std::move(name)),
      interval_timer_(router.simulator(), [this] { probe_due(); }),
      timeout_timer_(router.simulator(), [this] { probe_result(false); }) {
  if (std::string problem = validate(config_); !problem.empty())
    throw std::invalid_argument("health check on " + router_.node().name + ": " + problem);
  const net::Network& network = router_.network();
  if (config_.interface >= network.interface_count() ||
      network.interface(config_.interface).node != router_.id())
    throw std::invalid_argument("health check interface is not on " + router_.node().name);
}

void HealthCheck::start() {
  if (started_) return;
  started_ = true;
  const auto& addresses = router_.network().interface(config_.interface).addresses;
  const bool present = std::any_of(addresses.begin(), addresses.end(),
                                   [this](const net::InterfaceAddress& a) { return a.addr == config_.address; });
  state_ = present ? State::kUp : State::kDown;
  probe_due();
}

void HealthCheck::probe_due() {
  ++probes_;
  // A local check: an answering service answers at once; a dead one hangs
  // until the daemon's timeout kills the check.
  if (router_.service_up(config_.address))
    probe_result(true);
  else
    timeout_timer_.start(config_.timeout);
}

void HealthCheck::probe_result(bool success) {
  const sim::Time now = router_.simulator().now();
  if (success) {
    failures_ = 0;
    ++successes_;
    if (state_ == State::kDown && successes_ >= config_.rise) {
      state_ = State::kUp;
      last_up_ = now;
      router_.add_address(config_.interface, net::InterfaceAddress{config_.address, 32});
      trace(config_.address.to_string() + " up after " + std::to_string(successes_) +
            " successful checks, address added to " + interface_name());
    }
  } else {
    successes_ = 0;
    ++failures_;
    if (state_ == State::kUp && failures_ >= config_.fall) {
      state_ = State::kDown;
      last_down_ = now;
      router_.remove_address(config_.interface, config_.address);
      trace(config_.address.to_string() + " down after " + std::to_string(failures_) +
            " failed checks, address removed from " + interface_name());
    }
  }
  // Both daemons sleep the interval after a check has finished.
  interval_timer_.start(config_.interval);
}

std::string HealthCheck::interface_name() const {
  return router_.network().interface(config_.interface).name;
}

void HealthCheck::trace(const std::string& detail) {
  sim::Simulator& sim = router_.simulator();
  sim.trace().record(sim.now(), router_.node().name, "health",
                     name_.empty() ? detail : name_ + ": " + detail);
}

}  // namespace node
