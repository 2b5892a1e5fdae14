// RFC 4724 graceful restart between the lab's host (BIRD) and S-SW-1 (Junos,
// helper by default), over a 1 ms loopback wire.
#include "models/bgp/graceful_restart.hpp"

#include <catch2/catch.hpp>

#include "models/bgp/speaker.hpp"
#include "tests/bgp/pair.hpp"

using namespace bgp_test;
using vendor::Vendor;

namespace {

const net::Prefix kService = prefix("192.168.100.1/32");

bgp::SpeakerConfig speaker_config(const char* node, uint32_t as, const char* id, Vendor v) {
  return bgp::SpeakerConfig{node, as, ip(id), bgp::default_decision(v), 1, {}};
}

bgp::BgpTimers host_timers(bgp::GrMode mode, sim::Duration restart_time) {
  bgp::BgpTimers t = no_jitter(bgp::default_timers(Vendor::kBird));
  t.graceful_restart.mode = mode;
  t.graceful_restart.restart_time = restart_time;
  return t;
}

struct Lab {
  sim::Simulator sim;
  bgp::Speaker host{sim, speaker_config("host", 65000, "192.168.100.1", Vendor::kBird)};
  bgp::Speaker sw{sim, speaker_config("S-SW-1", 65001, "10.255.0.1", Vendor::kJunos)};
  LoopbackWire wire{sim, ms(1)};
  std::vector<std::pair<sim::Time, size_t>> sw_seen;  // (when, paths) for the service

  explicit Lab(bgp::BgpTimers host_t,
               bgp::BgpTimers sw_t = no_jitter(bgp::default_timers(Vendor::kJunos))) {
    host.add_neighbor({host_config(host_t), {}, [](bgp::PolicyRoute& r) { return r.prefix == kService; }});
    sw.add_neighbor({switch_config(sw_t), {}, [](bgp::PolicyRoute&) { return false; }});
    wire.attach(host.session(0), sw.session(0));
    sw.on_best_path_change([this](const net::Prefix& p, const std::vector<bgp::Path>& best) {
      if (p == kService) sw_seen.emplace_back(sim.now(), best.size());
    });
    host.originate(kService, bgp::PathAttributes{});
    host.start();
    sw.start();
    run_until(s(10));
  }
  void run_until(sim::Duration d) { sim.run_until(at(d)); }
  // The host's daemon goes away: its TCP connection closes with no NOTIFICATION.
  void host_tcp_lost() { host.session(0).TcpConnectionFails(); }
};

}  // namespace

TEST_CASE("graceful restart: capability per vendor default and its size in the OPEN", "[bgp][gr]") {
  const auto bird = bgp::capability_to_send(bgp::default_timers(Vendor::kBird).graceful_restart, false);
  REQUIRE(bird);
  CHECK(*bird == bgp::GrCapability{false, 120, false, false});  // aware: no AFI, time 120
  const auto junos = bgp::capability_to_send(bgp::default_timers(Vendor::kJunos).graceful_restart, false);
  REQUIRE(junos);
  CHECK(junos->restart_time_s == 120);
  CHECK_FALSE(junos->ipv4_unicast);
  CHECK(bgp::default_timers(Vendor::kJunos).graceful_restart.stale_routes_time == s(300));
  CHECK(bgp::default_timers(Vendor::kFrr).graceful_restart.stale_routes_time == s(360));
  CHECK_FALSE(bgp::capability_to_send(bgp::default_timers(Vendor::kEos).graceful_restart, false));

  const auto able = bgp::capability_to_send(host_timers(bgp::GrMode::kAble, s(90)).graceful_restart, true);
  REQUIRE(able);
  CHECK(*able == bgp::GrCapability{true, 90, true, true});

  bgp::Open open;
  const uint32_t without = open.wire_bytes();
  open.cap_graceful_restart = bird;
  CHECK(open.wire_bytes() == without + 4);  // code, length, flags + restart time
  open.cap_graceful_restart = able;
  CHECK(open.wire_bytes() == without + 8);  // plus AFI 2, SAFI 1, AFI flags 1
}

TEST_CASE("graceful restart: stale route kept until End-of-RIB, then purged if not refreshed",
          "[bgp][gr]") {
  Lab lab(host_timers(bgp::GrMode::kAble, s(120)));
  REQUIRE(lab.sw.best_paths(kService) != nullptr);
  lab.host_tcp_lost();
  lab.host.session(0).set_restarted();
  lab.host.withdraw_origin(kService);  // the restarted host will not announce it again
  lab.run_until(s(10) + ms(2));
  // The FIN arrived 1 ms later: the route stays, stale.
  CHECK(lab.sw.session(0).state() != bgp::State::kEstablished);
  CHECK(lab.sw.is_stale(0, kService));
  CHECK(lab.sw.best_paths(kService) != nullptr);
  lab.run_until(s(60));
  REQUIRE(lab.host.session(0).state() == bgp::State::kEstablished);
  // The host's End-of-RIB leaves with its (empty) initial update when it
  // reaches Established and arrives 1 ms later: the purge happens then.
  CHECK(lab.sw.best_paths(kService) == nullptr);
  CHECK(lab.sw.stale_count(0) == 0);
  REQUIRE_FALSE(lab.sw_seen.empty());
  CHECK(lab.sw_seen.back().second == 0);
  CHECK(lab.sw_seen.back().first == lab.host.session(0).established_at() + ms(1));
}

TEST_CASE("graceful restart: a refreshed route is not stale and survives End-of-RIB", "[bgp][gr]") {
  Lab lab(host_timers(bgp::GrMode::kAble, s(120)));
  const size_t changes = lab.sw_seen.size();
  lab.host_tcp_lost();
  lab.host.session(0).set_restarted();
  lab.run_until(s(60));
  REQUIRE(lab.host.session(0).state() == bgp::State::kEstablished);
  CHECK(lab.sw.best_paths(kService) != nullptr);
  CHECK(lab.sw.stale_count(0) == 0);
  CHECK(lab.sw_seen.size() == changes);  // the route never changed at the switch
}

TEST_CASE("graceful restart: stale routes go when the peer's restart time expires", "[bgp][gr]") {
  const sim::Duration restart_time = s(45);
  Lab lab(host_timers(bgp::GrMode::kAble, restart_time));
  lab.host_tcp_lost();
  lab.run_until(s(10) + ms(2));
  lab.wire.set_silent(true);  // the host never gets back
  const sim::Time fin_arrived = at(s(10) + ms(1));
  lab.run_until((fin_arrived + restart_time).since_start() - sim::Duration::nanoseconds(1));
  CHECK(lab.sw.best_paths(kService) != nullptr);
  CHECK(lab.sw.is_stale(0, kService));
  lab.run_until(s(200));
  CHECK(lab.sw.best_paths(kService) == nullptr);
  REQUIRE_FALSE(lab.sw_seen.empty());
  CHECK(lab.sw_seen.back().first == fin_arrived + restart_time);
}

TEST_CASE("graceful restart: a NOTIFICATION purges at once", "[bgp][gr]") {
  Lab lab(host_timers(bgp::GrMode::kAble, s(120)));
  lab.host.session(0).ManualStop(bgp::CeaseSubcode::kAdministrativeReset);  // clear bgp
  lab.run_until(s(10) + ms(2));
  CHECK(lab.sw.best_paths(kService) == nullptr);
  CHECK(lab.sw.stale_count(0) == 0);
  CHECK(lab.sw_seen.back().first == at(s(10) + ms(1)));
}

TEST_CASE("graceful restart: a peer only aware of it (BIRD default) is not helped", "[bgp][gr]") {
  Lab lab(no_jitter(bgp::default_timers(Vendor::kBird)));
  lab.host_tcp_lost();
  lab.run_until(s(10) + ms(2));
  CHECK(lab.sw.best_paths(kService) == nullptr);
  CHECK(lab.sw_seen.back().first == at(s(10) + ms(1)));
}

TEST_CASE("BIRD takes a hold timer expiry toward FRR as FRR restarting", "[bgp][gr]") {
  // Both send the long-lived capability, so BIRD's bgp_hold_timeout() runs
  // its graceful restart: no NOTIFICATION, FRR's routes kept as stale for
  // FRR's Restart Time (120 s), and no error wait before reconnecting.
  sim::Simulator sim;
  bgp::Speaker host{sim, speaker_config("host", 65000, "192.168.100.1", Vendor::kBird)};
  bgp::Speaker sw{sim, speaker_config("S-SW-1", 65001, "10.255.0.1", Vendor::kFrr)};
  LoopbackWire wire{sim, ms(1)};
  bgp::BgpTimers frr = no_jitter(bgp::default_timers(Vendor::kFrr));
  frr.start_hold = s(0);
  host.add_neighbor({host_config(no_jitter(bgp::default_timers(Vendor::kBird))), {}, {}});
  sw.add_neighbor({switch_config(frr), {}, {}});
  wire.attach(host.session(0), sw.session(0));
  const net::Prefix kDefault = prefix("0.0.0.0/0");
  sw.originate(kDefault, {});
  host.start();
  sw.start();
  sim.run_until(at(s(30)));
  REQUIRE(host.session(0).state() == bgp::State::kEstablished);
  REQUIRE(host.session(0).peer_long_lived_gr());
  REQUIRE(host.best_paths(kDefault));

  wire.set_silent(true);
  const bgp::Session& h = host.session(0);
  const sim::Time expiry = h.last_received_at() + s(180);  // hold 180 s, the smaller
  sim.run_until(expiry + s(1));
  CHECK(h.state() != bgp::State::kEstablished);
  CHECK(h.last_error() == "hold timer expired, peer taken as restarting");
  CHECK(host.is_stale(0, kDefault));
  CHECK(host.best_paths(kDefault) != nullptr);  // still forwarding on it
  // No error wait: the reconnect comes after the connect delay only.
  CHECK(h.state() != bgp::State::kIdle);
  sim.run_until(expiry + s(120) - ms(1));
  CHECK(host.best_paths(kDefault) != nullptr);
  sim.run_until(expiry + s(120));
  CHECK(host.best_paths(kDefault) == nullptr);  // FRR's Restart Time is over
}
