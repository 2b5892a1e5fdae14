// The lab's eBGP session as a test fixture: the host (AS 65000, 10.10.1.2)
// and switch S-SW-1 (AS 65001, 10.10.1.1, `passive`), joined by a loopback
// wire with a 1 ms one-way delay.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "models/bgp/defaults.hpp"
#include "models/bgp/session.hpp"
#include "tests/bgp/loopback.hpp"

namespace bgp_test {

inline net::Ipv4 ip(const char* text) { return *net::parse_ipv4(text).value; }
inline net::Prefix prefix(const char* text) { return *net::parse_prefix(text).value; }
inline sim::Time at(sim::Duration d) { return sim::Time::zero() + d; }
constexpr sim::Duration s(int64_t v) { return sim::Duration::seconds(v); }
constexpr sim::Duration ms(int64_t v) { return sim::Duration::milliseconds(v); }

inline bgp::SessionConfig host_config(bgp::BgpTimers timers) {
  bgp::SessionConfig c;
  c.node = "host";
  c.local_address = ip("10.10.1.2");
  c.peer_address = ip("10.10.1.1");
  c.local_as = 65000;
  c.peer_as = 65001;
  c.router_id = ip("192.168.100.1");
  c.timers = timers;
  return c;
}

inline bgp::SessionConfig switch_config(bgp::BgpTimers timers, bool passive = true) {
  bgp::SessionConfig c;
  c.node = "S-SW-1";
  c.local_address = ip("10.10.1.1");
  c.peer_address = ip("10.10.1.2");
  c.local_as = 65001;
  c.peer_as = 65000;
  c.router_id = ip("10.255.0.1");
  c.passive = passive;
  c.timers = timers;
  return c;
}

inline bgp::BgpTimers no_jitter(bgp::BgpTimers t) {
  t.jitter = bgp::JitterPolicy::kNone;
  return t;
}

// One state change, as the FSM reported it.
struct Change {
  sim::Time when;
  bgp::State from;
  bgp::State to;
  sim::Time last_received;  // Session::last_received_at() at that moment
};

struct SessionPair {
  sim::Simulator sim;
  LoopbackWire wire{sim, ms(1)};
  std::unique_ptr<bgp::Session> host;
  std::unique_ptr<bgp::Session> sw;
  std::vector<Change> host_log;
  std::vector<Change> sw_log;

  SessionPair(bgp::BgpTimers host_timers, bgp::BgpTimers switch_timers, uint64_t seed = 1,
              bool switch_passive = true) {
    host = std::make_unique<bgp::Session>(sim, host_config(host_timers), seed);
    sw = std::make_unique<bgp::Session>(sim, switch_config(switch_timers, switch_passive), seed);
    wire.attach(*host, *sw);
    host->on_state_change([this](bgp::Session& s, bgp::State from, bgp::State to) {
      host_log.push_back({sim.now(), from, to, s.last_received_at()});
    });
    sw->on_state_change([this](bgp::Session& s, bgp::State from, bgp::State to) {
      sw_log.push_back({sim.now(), from, to, s.last_received_at()});
    });
  }

  void start() {
    host->start();
    sw->start();
  }
  void run_until(sim::Duration d) { sim.run_until(at(d)); }

  // The first change out of Established in a log, if any.
  static const Change* first_drop(const std::vector<Change>& log) {
    for (const auto& c : log)
      if (c.from == bgp::State::kEstablished) return &c;
    return nullptr;
  }
};

}  // namespace bgp_test
