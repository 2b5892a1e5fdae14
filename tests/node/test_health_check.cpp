// The host's health checker: the service address leaves the loopback after
// `fall` failed checks and comes back after `rise` good ones, and BGP follows.
//
//   pc (BIRD, AS65000)  eth0 10.10.1.2/30 ---- ge-0/0/9 10.10.1.1/30  S-SW-1 (Junos, AS65001, passive)
//   lo 192.168.100.1/32 + health check          imports 192.168.100.1/32 (preference 90)
//
// Timing (health_check.hpp): checks every `interval` while the service
// answers; a check of a dead service fails `timeout` after it began and the
// next one starts `interval` after that.
#include <catch2/catch.hpp>

#include <sstream>

#include "models/node/health_check.hpp"
#include "tests/node/lab_pair.hpp"

using sim::Duration;
using sim::Time;
using test::ip;
using test::prefix;

namespace {

Time at(Duration d) { return Time::zero() + d; }

bool has_route(const node::Router& r, const char* p) { return r.rib().active(prefix(p)) != nullptr; }

// The first check at or after `t` while every check succeeds (checks at 0, I, 2I, ...).
Duration first_check_from(Duration t, Duration interval) {
  const int64_t k = (t.ps() + interval.ps() - 1) / interval.ps();
  return interval * k;
}

// Checks every 3 s with a 1 s timeout; 3 failures take the address, 2
// successes give it back.
node::HealthCheckConfig every_3s_fall_3_rise_2() {
  node::HealthCheckConfig c;
  c.interval = Duration::seconds(3);
  c.timeout = Duration::seconds(1);
  c.fall = 3;
  c.rise = 2;
  return c;
}

struct Checked {
  test::LabPair lab;
  std::ostringstream trace;
  std::unique_ptr<node::HealthCheck> check;

  explicit Checked(node::HealthCheckConfig c) {
    c.address = ip("192.168.100.1");
    c.interface = lab.network.find_interface(lab.pc, "lo");
    lab.sim.trace().attach(&trace);
    check = std::make_unique<node::HealthCheck>(*lab.pc_router, c, "anycast");
    check->start();  // at time zero, with the routers and BGP
  }
};

}  // namespace

TEST_CASE("a failed service loses its address after fall checks and regains it after rise checks",
          "[node][health]") {
  const node::HealthCheckConfig c = every_3s_fall_3_rise_2();
  Checked t(c);
  node::Router& pc = *t.lab.pc_router;
  const Duration service_down = Duration::milliseconds(10'500);
  const Duration service_up = Duration::seconds(30);
  t.lab.sim.schedule_at(at(service_down), [&] { pc.set_service_up(ip("192.168.100.1"), false); });
  t.lab.sim.schedule_at(at(service_up), [&] { pc.set_service_up(ip("192.168.100.1"), true); });

  // Failures: the first check after the failure, then one every T + I.
  const Duration first_failing = first_check_from(service_down, c.interval);           // 12 s
  const Duration removed = first_failing + c.timeout * c.fall + c.interval * (c.fall - 1);  // 21 s
  // Successes: checks keep the T + I rhythm until one starts after the recovery.
  Duration first_good = removed + c.interval;
  while (first_good < service_up) first_good = first_good + c.timeout + c.interval;  // 32 s
  const Duration added = first_good + c.interval * (c.rise - 1);                     // 35 s
  REQUIRE(removed == Duration::seconds(21));
  REQUIRE(added == Duration::seconds(35));

  t.lab.sim.run_until(at(removed) - Duration::nanoseconds(1));
  CHECK(t.check->state() == node::HealthCheck::State::kUp);
  CHECK(t.check->consecutive_failures() == c.fall - 1);
  CHECK(has_route(pc, "192.168.100.1/32"));
  CHECK(has_route(*t.lab.sw_router, "192.168.100.1/32"));

  t.lab.sim.run_until(at(removed));
  CHECK(t.check->state() == node::HealthCheck::State::kDown);
  CHECK(t.check->last_down() == at(removed));
  CHECK_FALSE(has_route(pc, "192.168.100.1/32"));
  CHECK_FALSE(pc.is_local_address(ip("192.168.100.1")));
  CHECK(t.trace.str().find("pc health anycast: 192.168.100.1 down after 3 failed checks, address removed from lo") !=
        std::string::npos);
  // BGP withdraws it from the switch.
  t.lab.run_to(removed + Duration::seconds(1));
  CHECK_FALSE(has_route(*t.lab.sw_router, "192.168.100.1/32"));

  t.lab.sim.run_until(at(added) - Duration::nanoseconds(1));
  CHECK(t.check->state() == node::HealthCheck::State::kDown);
  CHECK(t.check->consecutive_successes() == c.rise - 1);
  CHECK_FALSE(has_route(pc, "192.168.100.1/32"));

  t.lab.sim.run_until(at(added));
  CHECK(t.check->state() == node::HealthCheck::State::kUp);
  CHECK(t.check->last_up() == at(added));
  CHECK(has_route(pc, "192.168.100.1/32"));
  CHECK(t.trace.str().find("pc health anycast: 192.168.100.1 up after 2 successful checks, address added to lo") !=
        std::string::npos);
  t.lab.run_to(added + Duration::seconds(5));
  CHECK(has_route(*t.lab.sw_router, "192.168.100.1/32"));
}

TEST_CASE("with anycast-healthchecker's defaults the address goes fall x timeout + (fall - 1) x interval after the first failed check",
          "[node][health]") {
  const node::HealthCheckConfig d = node::health_check_defaults();
  CHECK(d.interval == Duration::seconds(10));
  CHECK(d.timeout == Duration::seconds(2));
  CHECK(d.rise == 2);
  CHECK(d.fall == 2);
  Checked t(d);
  const Duration service_down = Duration::seconds(25);
  t.lab.sim.schedule_at(at(service_down),
                        [&] { t.lab.pc_router->set_service_up(ip("192.168.100.1"), false); });
  const Duration removed = first_check_from(service_down, d.interval) + d.timeout * 2 + d.interval;  // 44 s
  t.lab.run_to(Duration::seconds(60));
  CHECK(t.check->last_down() == at(removed));
  CHECK(removed == Duration::seconds(44));
}

TEST_CASE("a service flapping faster than fall never loses its address", "[node][health]") {
  const node::HealthCheckConfig c = every_3s_fall_3_rise_2();
  Checked t(c);
  node::Router& pc = *t.lab.pc_router;
  // Down for one check (12 s, failing at 13 s), up again for the next (16 s).
  t.lab.sim.schedule_at(at(Duration::milliseconds(10'500)), [&] { pc.set_service_up(ip("192.168.100.1"), false); });
  t.lab.sim.schedule_at(at(Duration::seconds(14)), [&] { pc.set_service_up(ip("192.168.100.1"), true); });
  t.lab.run_to(Duration::seconds(60));
  CHECK(t.check->state() == node::HealthCheck::State::kUp);
  CHECK(t.check->last_down() == Time::zero());
  CHECK(has_route(pc, "192.168.100.1/32"));
}

TEST_CASE("a health check refuses zero rise, fall or interval", "[node][health]") {
  node::HealthCheckConfig c = node::health_check_defaults();
  CHECK(node::validate(c).empty());
  c.rise = 0;
  CHECK(node::validate(c) == "rise must be at least 1");
  c = node::health_check_defaults();
  c.interval = Duration::zero();
  CHECK(node::validate(c) == "interval must be above zero");
  test::LabPair lab;
  c.interface = lab.network.find_interface(lab.pc, "lo");
  CHECK_THROWS_AS(node::HealthCheck(*lab.pc_router, c), std::invalid_argument);
}
