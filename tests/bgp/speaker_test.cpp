// The speaker: Adj-RIB-In, Loc-RIB, policies, advertisement and MRAI.
//
//   host (AS 65000) 10.10.1.2 --- 10.10.1.1 S-SW-1 (AS 65001, passive)
//   originates 192.168.100.1/32           originates 0.0.0.0/0
#include "models/bgp/speaker.hpp"

#include <catch2/catch.hpp>

#include "tests/bgp/pair.hpp"

using namespace bgp_test;
using bgp::State;
using vendor::Vendor;

namespace {

const net::Prefix kService = prefix("192.168.100.1/32");
const net::Prefix kDefault = prefix("0.0.0.0/0");

bgp::SpeakerConfig speaker_config(const char* node, uint32_t as, const char* id, Vendor v) {
  return bgp::SpeakerConfig{node, as, ip(id), bgp::default_decision(v), 1, {}};
}

// Best-path changes seen by one speaker.
struct Seen {
  sim::Time when;
  net::Prefix prefix;
  size_t paths;
};

struct Lab {
  sim::Simulator sim;
  bgp::Speaker host{sim, speaker_config("host", 65000, "192.168.100.1", Vendor::kBird)};
  bgp::Speaker sw{sim, speaker_config("S-SW-1", 65001, "10.255.0.1", Vendor::kJunos)};
  LoopbackWire wire{sim, ms(1)};
  std::vector<Seen> host_seen, sw_seen;

  // Junos EXPORT-BGP-SERVERS: the default route only, next-hop self.
  static bool export_default(bgp::PolicyRoute& r) {
    r.next_hop_self = true;
    return r.prefix == kDefault;
  }

  explicit Lab(bgp::Filter sw_export = export_default,
               bgp::BgpTimers host_timers = bgp::default_timers(Vendor::kBird),
               bgp::BgpTimers sw_timers = bgp::default_timers(Vendor::kJunos)) {
    // BIRD `filter service_address`: export only the service /32.
    host.add_neighbor(
        {host_config(host_timers), {}, [](bgp::PolicyRoute& r) { return r.prefix == kService; }});
    // Junos IMPORT-BGP-SERVERS: the service address only, preference 90.
    sw.add_neighbor({switch_config(sw_timers),
                     [](bgp::PolicyRoute& r) {
                       if (r.prefix != kService) return false;
                       r.preference = 90;
                       return true;
                     },
                     std::move(sw_export)});
    wire.attach(host.session(0), sw.session(0));
    host.on_best_path_change([this](const net::Prefix& p, const std::vector<bgp::Path>& best) {
      host_seen.push_back({sim.now(), p, best.size()});
    });
    sw.on_best_path_change([this](const net::Prefix& p, const std::vector<bgp::Path>& best) {
      sw_seen.push_back({sim.now(), p, best.size()});
    });
    host.originate(kService, bgp::PathAttributes{});
    host.originate(prefix("10.10.1.0/30"), bgp::PathAttributes{});  // direct, filtered out
    sw.originate(kDefault, bgp::PathAttributes{});
  }
  void run_until(sim::Duration d) { sim.run_until(at(d)); }
};

}  // namespace

TEST_CASE("speaker: the lab's routes cross the eBGP session with policies applied", "[bgp]") {
  Lab lab;
  lab.host.start();
  lab.sw.start();
  lab.run_until(s(10));
  REQUIRE(lab.host.session(0).state() == State::kEstablished);

  const auto* svc = lab.sw.best_paths(kService);
  REQUIRE(svc != nullptr);
  REQUIRE(svc->size() == 1);
  const bgp::Path& p = svc->front();
  CHECK(p.attrs.as_path == std::vector<uint32_t>{65000});
  CHECK(p.attrs.next_hop == ip("10.10.1.2"));
  CHECK(p.attrs.as_path_string() == "65000 I");
  CHECK(p.preference == 90);
  CHECK(p.kind == bgp::PeerKind::kEbgp);
  CHECK(p.peer_router_id == ip("192.168.100.1"));
  CHECK(lab.sw.received_count(0) == 1);  // the /30 never left the host
  CHECK(lab.sw.best_paths(prefix("10.10.1.0/30")) == nullptr);

  const auto* def = lab.host.best_paths(kDefault);
  REQUIRE(def != nullptr);
  CHECK(def->front().attrs.as_path == std::vector<uint32_t>{65001});
  CHECK(def->front().attrs.next_hop == ip("10.10.1.1"));
  CHECK_FALSE(def->front().attrs.local_pref.has_value());
  // The switch does not send the host's /32 back to it.
  CHECK(lab.sw.adj_rib_out(0).size() == 1);
  CHECK(lab.sw.adj_rib_out(0).count(kDefault) == 1);
  CHECK(lab.host.adj_rib_out(0).size() == 1);
}

TEST_CASE("speaker: withdrawals, and withdrawal on session loss", "[bgp]") {
  Lab lab;
  lab.host.start();
  lab.sw.start();
  lab.run_until(s(10));
  REQUIRE(lab.sw.best_paths(kService) != nullptr);

  // The health checker pulls the address: the switch loses the route one
  // propagation delay later.
  lab.host.withdraw_origin(kService);
  lab.run_until(s(11));
  CHECK(lab.sw.best_paths(kService) == nullptr);
  REQUIRE_FALSE(lab.sw_seen.empty());
  CHECK(lab.sw_seen.back().paths == 0);
  CHECK(lab.sw_seen.back().when == at(s(10) + ms(1)));

  lab.host.originate(kService, bgp::PathAttributes{});
  lab.run_until(s(100));
  REQUIRE(lab.sw.best_paths(kService) != nullptr);

  // Gray failure: the switch notices at hold expiry (90 s) and withdraws.
  lab.wire.set_silent(true);
  lab.run_until(s(300));
  CHECK(lab.sw.best_paths(kService) == nullptr);
  CHECK(lab.host.best_paths(kDefault) == nullptr);
  CHECK(lab.sw.adj_rib_in(0).empty());
  const auto& last = lab.sw_seen.back();
  CHECK(last.paths == 0);
  CHECK(last.when == lab.sw.session(0).last_state_change());
}

TEST_CASE("speaker: the host's two defaults form a multipath set", "[bgp]") {
  sim::Simulator sim;
  auto decision = bgp::default_decision(Vendor::kBird);
  decision.max_paths = 16;  // the lab's kernel protocol has `merge paths on`
  bgp::Speaker host(sim, {"host", 65000, ip("192.168.100.1"), decision, 1, {}});
  bgp::Speaker sw1(sim, speaker_config("S-SW-1", 65001, "10.255.0.1", Vendor::kJunos));
  bgp::Speaker sw2(sim, speaker_config("S-SW-2", 65001, "10.255.0.2", Vendor::kJunos));
  auto second = [](bgp::SessionConfig c, const char* local, const char* peer) {
    c.local_address = ip(local);
    c.peer_address = ip(peer);
    return c;
  };
  const auto bird = bgp::default_timers(Vendor::kBird);
  const auto junos = bgp::default_timers(Vendor::kJunos);
  host.add_neighbor({host_config(bird), {}, {}});
  host.add_neighbor({second(host_config(bird), "10.10.2.2", "10.10.2.1"), {}, {}});
  sw1.add_neighbor({switch_config(junos), {}, {}});
  sw2.add_neighbor({second(switch_config(junos), "10.10.2.1", "10.10.2.2"), {}, {}});
  LoopbackWire w1(sim, ms(1)), w2(sim, ms(1));
  w1.attach(host.session(0), sw1.session(0));
  w2.attach(host.session(1), sw2.session(0));
  sw1.originate(kDefault, {});
  sw2.originate(kDefault, {});
  for (auto* sp : {&host, &sw1, &sw2}) sp->start();
  sim.run_until(at(s(10)));

  const auto* def = host.best_paths(kDefault);
  REQUIRE(def != nullptr);
  REQUIRE(def->size() == 2);
  CHECK(def->at(0).attrs.next_hop == ip("10.10.1.1"));  // lower router id first
  CHECK(def->at(1).attrs.next_hop == ip("10.10.2.1"));

  host.session(0).ManualStop();
  sim.run_until(at(s(11)));
  def = host.best_paths(kDefault);
  REQUIRE(def != nullptr);
  CHECK(def->size() == 1);
  CHECK(def->front().attrs.next_hop == ip("10.10.2.1"));
}

TEST_CASE("speaker: changes during the MRAI are batched into one UPDATE", "[bgp]") {
  auto rfc = no_jitter(bgp::rfc4271_timers());  // eBGP MRAI 30 s
  const bool withdrawals_wait = GENERATE(true, false);
  rfc.mrai_applies_to_withdrawals = withdrawals_wait;
  sim::Simulator sim;
  bgp::Speaker a(sim, {"A", 65000, ip("10.0.0.1"), {}, 1, {}});
  bgp::Speaker b(sim, {"B", 65001, ip("10.0.0.2"), {}, 1, {}});
  a.add_neighbor({host_config(rfc), {}, {}});
  b.add_neighbor({switch_config(rfc), {}, {}});
  LoopbackWire w(sim, ms(1));
  w.attach(a.session(0), b.session(0));
  std::vector<Seen> seen;
  b.on_best_path_change([&](const net::Prefix& p, const std::vector<bgp::Path>& best) {
    seen.push_back({sim.now(), p, best.size()});
  });
  a.start();
  b.start();
  sim.run_until(at(s(50)));
  REQUIRE(a.session(0).state() == State::kEstablished);

  const auto p1 = prefix("203.0.113.1/32"), p2 = prefix("203.0.113.2/32"),
             p3 = prefix("203.0.113.3/32"), p4 = prefix("203.0.113.4/32");
  sim.run_until(at(s(100)));
  a.originate(p1, {});  // goes at once; starts the MRAI (until 130 s)
  sim.run_until(at(s(101)));
  a.originate(p2, {});
  sim.run_until(at(s(102)));
  a.originate(p3, {});
  sim.run_until(at(s(129)));
  CHECK(b.best_paths(p1) != nullptr);
  CHECK(b.best_paths(p2) == nullptr);  // still held back
  sim.run_until(at(s(131)));
  REQUIRE(seen.size() == 3);
  CHECK(seen[0].when == at(s(100) + ms(1)));
  CHECK(seen[1].when == at(s(130) + ms(1)));
  CHECK(seen[2].when == at(s(130) + ms(1)));
  CHECK(a.updates_sent(0) == 2);  // p2 and p3 shared one UPDATE

  // The MRAI runs again until 160 s: a withdrawal waits for it, or not.
  a.originate(p4, {});
  sim.run_until(at(s(132)));
  a.withdraw_origin(p1);
  sim.run_until(at(s(161)));
  REQUIRE(b.best_paths(p1) == nullptr);
  REQUIRE(b.best_paths(p4) != nullptr);
  sim::Time withdrawn_at;
  for (const auto& e : seen)
    if (e.prefix == p1 && e.paths == 0) withdrawn_at = e.when;
  CHECK(withdrawn_at == (withdrawals_wait ? at(s(160) + ms(1)) : at(s(132) + ms(1))));
}

TEST_CASE("speaker: paths containing our own AS are rejected", "[bgp]") {
  // A misbehaving switch export that leaves the host's AS in the path.
  Lab lab([](bgp::PolicyRoute& r) {
    r.attrs.as_path.push_back(65000);
    return r.prefix == kDefault;
  });
  lab.host.start();
  lab.sw.start();
  lab.run_until(s(10));
  REQUIRE(lab.host.session(0).state() == State::kEstablished);
  CHECK(lab.host.received_count(0) == 1);
  CHECK(lab.host.adj_rib_in(0).empty());
  CHECK(lab.host.best_paths(kDefault) == nullptr);
}

TEST_CASE("speaker: an unresolvable NEXT_HOP keeps a path out until the IGP resolves it", "[bgp]") {
  Lab lab;
  bool resolvable = false;
  lab.host.set_igp_cost([&](net::Ipv4) -> std::optional<uint32_t> {
    if (!resolvable) return std::nullopt;
    return 10;
  });
  lab.host.start();
  lab.sw.start();
  lab.run_until(s(10));
  CHECK(lab.host.adj_rib_in(0).size() == 1);
  CHECK(lab.host.best_paths(kDefault) == nullptr);
  resolvable = true;
  lab.host.igp_changed();
  REQUIRE(lab.host.best_paths(kDefault) != nullptr);
  CHECK(lab.host.best_paths(kDefault)->front().igp_cost == 10);
}
