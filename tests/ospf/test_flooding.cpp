// Flooding, LSA pacing and SPF scheduling between two routers.
//
//   R1 (10.0.0.1, exports 192.168.0.0/16 orlonger)  ge-0/0/0 ---- ge-0/0/0  R2 (10.0.0.2)
//
// An update carrying one AS-external-LSA (20 + 24 + 4 + 36 bytes) arrives
// 672 ns + 5 us after it is sent. Events are placed between Hellos (sent at
// whole multiples of 10 s) so no Hello shares the wire with them.
#include "tests/ospf/catch_print.hpp"

#include <algorithm>
#include <optional>

#include "tests/ospf/ospf_net.hpp"

using namespace ospf_test;

namespace {

const Duration kUpdate = wire_time(84) + OspfNet::kLinkDelay;

struct Pair {
  OspfNet net;
  net::LinkId link;
  policy::Policy export_all{
      "EXPORT",
      {policy::Term{"", policy::Match::route_filter(policy::PrefixMatch::orlonger(prefix("192.168.0.0/16"))),
                    {}, policy::Verdict::kAccept}},
      policy::Verdict::kReject};

  // `tune` adjusts the timers of R1 and R2 before the start.
  explicit Pair(vendor::Vendor r2_vendor = vendor::Vendor::kJunos,
                std::function<void(ospf::OspfTimers&, ospf::OspfTimers&)> tune = {}) {
    net.add("R1", vendor::Vendor::kJunos, "10.0.0.1");
    net.add("R2", r2_vendor, "10.0.0.2");
    link = net.connect("R1", "ge-0/0/0", "10.1.1.0/31", "R2", "ge-0/0/0", "10.1.1.1/31");
    net["R1"].config.export_policies = {&export_all};
    ospf::OspfTimers t1 = ospf::default_timers(vendor::Vendor::kJunos);
    ospf::OspfTimers t2 = ospf::default_timers(r2_vendor);
    if (tune) tune(t1, t2);
    net["R1"].config.timers = t1;
    net["R2"].config.timers = t2;
    net.start();
  }

  const ospf::LsdbEntry* r2_external(const char* p) {
    return net.ospf("R2").lsdb().find({ospf::LsaType::kAsExternal, ip(p), ip("10.0.0.1")});
  }
  std::vector<Time> r2_spf_times_since(Time t) {
    std::vector<Time> out;
    for (const ospf::SpfRun& r : net.ospf("R2").spf_runs())
      if (r.at >= t && r.full) out.push_back(r.at);
    return out;
  }
};

Time at(int64_t ms) { return Time::zero() + Duration::milliseconds(ms); }

}  // namespace

TEST_CASE("a lost update is retransmitted after RxmtInterval", "[ospf]") {
  Pair p;
  const Time t = at(60500);
  p.net.run_to(t);
  // (R2 discarded R1's Full Router-LSA at bring-up by MinLSArrival: one retransmission already.)
  const uint64_t before = p.net.ospf("R1").counters().lsa_retransmitted;
  p.net.network.set_loss(p.link, 0, 1.0);  // R1 -> R2 loses everything
  p.net.inject("R1", "192.168.1.0/24");
  p.net.run_to(t + Duration::milliseconds(100));
  p.net.network.set_loss(p.link, 0, 0.0);
  // Retransmitted 5 s (Junos retransmit-interval) after the first copy was sent.
  const Time arrival = t + Duration::seconds(5) + kUpdate;
  p.net.run_to(arrival - Duration::nanoseconds(1));
  CHECK(p.r2_external("192.168.1.0") == nullptr);
  p.net.run_to(arrival);
  REQUIRE(p.r2_external("192.168.1.0"));
  CHECK(p.net.ospf("R1").counters().lsa_retransmitted == before + 1);
  // R2 acknowledges (Junos delays acks by up to 2 s); R1 stops retransmitting.
  p.net.run_to(t + Duration::seconds(30));
  CHECK(p.net.ospf("R1").counters().lsa_retransmitted == before + 1);
  CHECK(p.net.rib("R2").active(prefix("192.168.1.0/24")));
}

TEST_CASE("MinLSArrival: a second instance within 1 s is discarded and arrives by retransmission",
          "[ospf]") {
  // R1 may originate as often as it likes (MinLSInterval 0); R2 keeps the
  // RFC's MinLSArrival of 1 s.
  Pair p(vendor::Vendor::kJunos, [](ospf::OspfTimers& r1, ospf::OspfTimers&) {
    r1.min_ls_interval = Duration::zero();
  });
  const Time t = at(60500);
  p.net.run_to(t);
  const uint64_t before = p.net.ospf("R2").counters().lsa_discarded_min_arrival;
  p.net.inject("R1", "192.168.1.0/24", 0);
  p.net.run_to(t + Duration::milliseconds(100));
  const int32_t first = p.r2_external("192.168.1.0")->lsa->seq;
  p.net.inject("R1", "192.168.1.0/24", 5);  // new metric: a new instance at t + 100 ms
  p.net.run_to(t + Duration::milliseconds(200));
  CHECK(p.net.ospf("R2").counters().lsa_discarded_min_arrival == before + 1);
  CHECK(p.r2_external("192.168.1.0")->lsa->seq == first);
  // R1 retransmits the unacknowledged instance 5 s after sending it.
  const Time arrival = t + Duration::milliseconds(5100) + kUpdate;
  p.net.run_to(arrival - Duration::nanoseconds(1));
  CHECK(p.r2_external("192.168.1.0")->lsa->seq == first);
  p.net.run_to(arrival);
  CHECK(p.r2_external("192.168.1.0")->lsa->seq == first + 1);
  CHECK(p.r2_external("192.168.1.0")->lsa->metric == 5);
}

TEST_CASE("MinLSInterval holds a changed LSA back until 5 s after the last origination", "[ospf]") {
  Pair p;
  const Time t = at(60500);
  p.net.run_to(t);
  p.net.inject("R1", "192.168.1.0/24", 0);
  p.net.run_to(t + Duration::milliseconds(100));
  p.net.inject("R1", "192.168.1.0/24", 7);
  p.net.run_to(t + Duration::seconds(5) - Duration::nanoseconds(1));
  CHECK(p.r2_external("192.168.1.0")->lsa->metric == 0);
  p.net.run_to(t + Duration::seconds(5) + kUpdate);
  CHECK(p.r2_external("192.168.1.0")->lsa->metric == 7);
  p.net.run_to(t + Duration::seconds(6));  // after R2's SPF delay
  CHECK(p.net.rib("R2").active(prefix("192.168.1.0/24"))->metric == 7);
}

TEST_CASE("a burst of changes runs Junos SPF at delay, delay, delay, then holddown", "[ospf]") {
  Pair p;
  const Time t = at(60500);
  p.net.run_to(t);
  // One new external route at each offset (ms); each is one LSA, so MinLSInterval is not involved.
  const std::vector<std::pair<int64_t, const char*>> changes{
      {0, "192.168.1.0/24"},   {50, "192.168.2.0/24"},  {300, "192.168.3.0/24"},
      {600, "192.168.4.0/24"}, {900, "192.168.5.0/24"}, {6000, "192.168.6.0/24"}};
  for (const auto& [offset, route] : changes) {
    p.net.run_to(t + Duration::milliseconds(offset));
    p.net.inject("R1", route);
  }
  p.net.run_to(t + Duration::seconds(30));
  const Duration d = kUpdate;  // the changes reach R2 this much later
  CHECK(p.r2_spf_times_since(t) ==
        std::vector<Time>{t + d + Duration::milliseconds(200), t + d + Duration::milliseconds(500),
                          t + d + Duration::milliseconds(800), t + d + Duration::milliseconds(5800),
                          t + d + Duration::milliseconds(10800)});
  CHECK(p.net.rib("R2").active(prefix("192.168.6.0/24")));
}

TEST_CASE("a burst of changes runs FRR SPF with an additive hold time", "[ospf]") {
  // FRR recalculates externals at once by default; throttle them here to
  // see the SPF timer (every change would be a Router-LSA change in a fabric).
  Pair p(vendor::Vendor::kFrr, [](ospf::OspfTimers&, ospf::OspfTimers& r2) {
    r2.external_recalc = ospf::ExternalRecalc::kThrottled;
  });
  const Time t = at(60500);
  p.net.run_to(t);
  const std::vector<std::pair<int64_t, const char*>> changes{
      {0, "192.168.1.0/24"},   {10, "192.168.2.0/24"},  {60, "192.168.3.0/24"},
      {160, "192.168.4.0/24"}, {310, "192.168.5.0/24"}, {1000, "192.168.6.0/24"}};
  for (const auto& [offset, route] : changes) {
    p.net.run_to(t + Duration::milliseconds(offset));
    p.net.inject("R1", route);
  }
  p.net.run_to(t + Duration::seconds(30));
  const Duration d = kUpdate;
  CHECK(p.r2_spf_times_since(t) ==
        std::vector<Time>{t + d, t + d + Duration::milliseconds(50), t + d + Duration::milliseconds(150),
                          t + d + Duration::milliseconds(300), t + d + Duration::milliseconds(500),
                          t + d + Duration::milliseconds(1000)});
}

TEST_CASE("FRR recalculates an external route as soon as its LSA arrives", "[ospf]") {
  Pair p(vendor::Vendor::kFrr);
  const Time t = at(60500);
  p.net.run_to(t);
  p.net.inject("R1", "192.168.1.0/24");
  p.net.run_to(t + kUpdate);
  const rib::Route* r = p.net.rib("R2").active(prefix("192.168.1.0/24"));
  REQUIRE(r);
  CHECK(r->metric == 0);  // Junos R1 exported it with the route's own metric
  CHECK(p.net.rib("R2").vendor_preference(*r) == 110);  // FRR distance for OSPF
  CHECK(p.net.ospf("R2").spf_runs().back().full == false);
  CHECK(p.net.ospf("R2").counters().external_recalcs >= 1);
}

TEST_CASE("self-originated LSAs are refreshed at LSRefreshTime with a new sequence number", "[ospf]") {
  Pair p;
  p.net.run_to(Duration::seconds(60));
  const ospf::LsaKey key{ospf::LsaType::kRouter, ip("10.0.0.1"), ip("10.0.0.1")};
  const ospf::LsdbEntry before = *p.net.ospf("R2").lsdb().find(key);
  // Junos refreshes every 50 minutes; R2's copy never reaches MaxAge.
  p.net.run_to(before.installed_at + Duration::seconds(3000) + Duration::seconds(1));
  const ospf::LsdbEntry after = *p.net.ospf("R2").lsdb().find(key);
  CHECK(after.lsa->seq == before.lsa->seq + 1);
  CHECK(after.lsa->same_contents(*before.lsa));
  CHECK(p.net.ospf("R1").counters().lsa_refreshed >= 1);
  p.net.run_to(Duration::seconds(2 * 3600));
  CHECK(p.net.rib("R2").active(prefix("10.0.0.1/32")));
}

TEST_CASE("with 30 percent loss both ways the databases still end up identical", "[ospf]") {
  Pair p;
  p.net.network.set_loss(p.link, -1, 0.3);
  for (int i = 1; i <= 20; ++i) {
    p.net.run_to(Time::zero() + Duration::milliseconds(1000 * i + 500));
    p.net.inject("R1", ("192.168." + std::to_string(i) + ".0/24").c_str(), static_cast<uint32_t>(i));
  }
  p.net.run_to(Duration::seconds(60));
  p.net.network.set_loss(p.link, -1, 0.0);
  p.net.run_to(Duration::seconds(200));
  REQUIRE(p.net.neighbor_state("R2", "10.0.0.1") == ospf::NeighborState::kFull);
  const auto db1 = p.net.ospf("R1").database();
  const auto db2 = p.net.ospf("R2").database();
  REQUIRE(db1.size() == 22);
  REQUIRE(db2.size() == db1.size());
  for (size_t i = 0; i < db1.size(); ++i) {
    CHECK(db1[i].key == db2[i].key);
    CHECK(db1[i].seq == db2[i].seq);
    CHECK(db1[i].checksum == db2[i].checksum);
  }
  CHECK(p.net.rib("R2").active(prefix("192.168.20.0/24"))->metric == 20);
  CHECK(p.net.ospf("R1").counters().lsa_retransmitted > 1);
}

TEST_CASE("FRR calculates external routes 1 s after the SPF run that reaches their ASBR",
          "[ospf]") {
  // ospf_ase.c: a full SPF run schedules the AS-external calculation
  // OSPF_ASE_CALC_INTERVAL (1 s) later; until then the old externals stay.
  Pair p(vendor::Vendor::kFrr);
  p.net.inject("R1", "192.168.1.0/24");
  const rib::Rib& rib = p.net.rib("R2");
  std::optional<Time> asbr, external;
  for (Time t = Time::zero(); t < at(60000) && !external; t += Duration::milliseconds(1)) {
    p.net.run_to(t);
    if (!asbr && rib.active(prefix("10.0.0.1/32"))) asbr = p.net.ospf("R2").spf_runs().back().at;
    if (rib.active(prefix("192.168.1.0/24"))) external = t;
  }
  REQUIRE(asbr);
  REQUIRE(external);
  // The external calculation runs 1 s after the full run that armed its
  // timer (the first since the last calculation; later runs ride along), so
  // within 1 s of the run that made R1 reachable; the stepping sees the
  // route at the next whole millisecond.
  const auto& runs = p.net.ospf("R2").spf_runs();
  const ospf::SpfRun& ase = runs.back();
  CHECK_FALSE(ase.full);
  CHECK(ase.at > *asbr);
  CHECK(ase.at <= *asbr + Duration::seconds(1));
  CHECK(std::any_of(runs.begin(), runs.end(), [&](const ospf::SpfRun& r) {
    return r.full && r.at == ase.at - Duration::seconds(1);
  }));
  CHECK(*external - ase.at < Duration::milliseconds(1) + Duration::nanoseconds(1));
}
