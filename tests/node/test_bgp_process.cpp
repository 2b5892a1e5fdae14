// BGP wired to the packet network and the RIB: one host, one switch.
//
//   pc (BIRD, AS65000)  eth0 10.10.1.2/30 ---- ge-0/0/9 10.10.1.1/30  S-SW-1 (Junos, AS65001, passive)
//   lo 192.168.100.1/32                         static 0.0.0.0/0 discard
#include <catch2/catch.hpp>

#include "models/rib/preference.hpp"
#include "tests/node/lab_pair.hpp"

using sim::Duration;
using sim::Time;
using test::ip;
using test::prefix;
using Lab = test::LabPair;

TEST_CASE("the lab's eBGP session comes up over the link and exchanges the lab's routes", "[node][bgp]") {
  Lab lab;
  lab.run_to(Duration::seconds(30));
  REQUIRE(lab.pc_bgp->session(0).state() == bgp::State::kEstablished);
  REQUIRE(lab.sw_bgp->session(0).state() == bgp::State::kEstablished);
  // BIRD waits its connect delay (5 s, jittered) before the first connect.
  CHECK(lab.pc_bgp->session(0).established_at() > Time::zero() + Duration::milliseconds(3750));
  CHECK(lab.pc_bgp->session(0).established_at() < Time::zero() + Duration::seconds(6));
  CHECK(lab.sw_bgp->session(0).negotiated_hold_s() == 90);

  // S-SW-1: the service /32 from BGP, preference 90 (Junos convention), via the host.
  const rib::Route* service = lab.sw_router->rib().active(prefix("192.168.100.1/32"));
  REQUIRE(service);
  CHECK(service->protocol == rib::Protocol::kBgp);
  CHECK(lab.sw_router->rib().vendor_preference(*service) == 90);
  REQUIRE(service->next_hops.size() == 1);
  CHECK(service->next_hops[0].via == ip("10.10.1.2"));
  // ... and in its FIB after the install delay.
  CHECK(lab.sw_router->fib().lookup(ip("192.168.100.1")).prefix == prefix("192.168.100.1/32"));

  // pc: the default route from BGP (BIRD preference 100), next hop the switch.
  const rib::Route* dflt = lab.pc_router->rib().active(prefix("0.0.0.0/0"));
  REQUIRE(dflt);
  CHECK(dflt->protocol == rib::Protocol::kBgp);
  CHECK(lab.pc_router->rib().vendor_preference(*dflt) == 100);
  CHECK(dflt->next_hops == std::vector<rib::NextHop>{{ip("10.10.1.1"), lab.network.find_interface(lab.pc, "eth0")}});
  // Nothing else crossed: the host exports only its service address, the switch only the default.
  CHECK(lab.sw_bgp->speaker().adj_rib_in(0).size() == 1);
  CHECK(lab.pc_bgp->speaker().adj_rib_in(0).size() == 1);
}

TEST_CASE("a silent link: the switch drops the session exactly one hold time after the last KEEPALIVE",
          "[node][bgp]") {
  for (int hold_s : {9, 30, 90}) {
    Lab lab({Duration::seconds(hold_s), std::nullopt});
    lab.run_to(Duration::seconds(60));
    REQUIRE(lab.sw_bgp->session(0).state() == bgp::State::kEstablished);
    // Junos: hold negotiated down to the smaller value; no jitter on the hold timer.
    REQUIRE(lab.sw_bgp->session(0).negotiated_hold_s() == std::min(hold_s, 240));
    lab.network.set_silent(lab.link, -1, true);
    const Time last_heard = lab.sw_bgp->session(0).last_received_at();
    lab.run_to(Duration::seconds(60 + hold_s) - Duration::nanoseconds(1));
    // A KEEPALIVE heard before the failure may still be inside its hold time.
    if (last_heard + Duration::seconds(hold_s) > lab.sim.now()) {
      CHECK(lab.sw_bgp->session(0).state() == bgp::State::kEstablished);
    }
    lab.run_to(Duration::seconds(60 + 2 * hold_s));
    CAPTURE(hold_s);
    CHECK(lab.sw_bgp->session(0).state() != bgp::State::kEstablished);
    CHECK(lab.sw_bgp->session(0).last_state_change() == last_heard + Duration::seconds(hold_s));
    // The host's route is withdrawn from the switch's RIB with the session.
    CHECK(lab.sw_router->rib().active(prefix("192.168.100.1/32")) == nullptr);
  }
}

TEST_CASE("carrier loss drops both sessions at once and withdraws the routes", "[node][bgp]") {
  Lab lab;
  lab.run_to(Duration::seconds(60));
  REQUIRE(lab.sw_bgp->session(0).state() == bgp::State::kEstablished);
  lab.network.set_carrier(lab.link, false);
  lab.run_to(Duration::seconds(60) + Duration::milliseconds(1));
  CHECK(lab.sw_bgp->session(0).state() != bgp::State::kEstablished);
  CHECK(lab.pc_bgp->session(0).state() != bgp::State::kEstablished);
  CHECK(lab.sw_bgp->session(0).last_state_change() == Time::zero() + Duration::seconds(60));
  CHECK(lab.sw_router->rib().active(prefix("192.168.100.1/32")) == nullptr);
  CHECK(lab.pc_router->rib().active(prefix("0.0.0.0/0")) == nullptr);

  // Carrier back: the session comes up again and the routes return.
  lab.network.set_carrier(lab.link, true);
  lab.run_to(Duration::seconds(200));
  CHECK(lab.sw_bgp->session(0).state() == bgp::State::kEstablished);
  CHECK(lab.sw_router->rib().active(prefix("192.168.100.1/32")) != nullptr);
}
