// The OSPF part of the seed lab (seed/routing-on-the-host-lab.md): two
// access switches redistribute the host's service /32 (learnt over BGP,
// preference 90) with `export EXPORT-OSPF`; the core sees it twice.
//
//              C-SW-1 (Junos, 10.0.0.3)
//     ge-0/0/0 10.1.1.0/31     ge-0/0/1 10.1.1.3/31
//            |                         |
//     ge-0/0/0 10.1.1.1/31     ge-0/0/0 10.1.1.2/31
//   S-SW-1 (Junos, 10.0.0.1)   S-SW-2 (Junos, 10.0.0.2)
//   BGP 192.168.100.1/32       BGP 192.168.100.1/32
//
//   root@C-SW-1> show route 192.168.100.1
//   192.168.100.1/32   *[OSPF/150] 00:58:45, metric 0, tag 0
//                          to 10.1.1.1 via ge-0/0/0.0
//                       >  to 10.1.1.2 via ge-0/0/1.0
#include "tests/ospf/catch_print.hpp"

#include "tests/ospf/ospf_net.hpp"

using namespace ospf_test;

namespace {

struct Lab {
  OspfNet net;
  std::unique_ptr<policy::Policy> export_ospf = export_policy({"192.168.100.1/32"});
  net::LinkId s1_link, s2_link;

  Lab() {
    net.add("C-SW-1", vendor::Vendor::kJunos, "10.0.0.3");
    net.add("S-SW-1", vendor::Vendor::kJunos, "10.0.0.1");
    net.add("S-SW-2", vendor::Vendor::kJunos, "10.0.0.2");
    s1_link = net.connect("S-SW-1", "ge-0/0/0", "10.1.1.1/31", "C-SW-1", "ge-0/0/0", "10.1.1.0/31");
    s2_link = net.connect("S-SW-2", "ge-0/0/0", "10.1.1.2/31", "C-SW-1", "ge-0/0/1", "10.1.1.3/31");
    for (const char* s : {"S-SW-1", "S-SW-2"}) net[s].config.export_policies = {export_ospf.get()};
    net.start();
    for (const char* s : {"S-SW-1", "S-SW-2"}) {
      net.inject(s, "192.168.100.1/32");
      net.inject(s, "10.99.0.0/16");  // also from BGP, but not in the prefix list
    }
  }

  std::vector<rib::NextHop> service_next_hops() {
    const rib::Route* r = net.rib("C-SW-1").active(prefix("192.168.100.1/32"));
    return r ? r->next_hops : std::vector<rib::NextHop>{};
  }
  rib::NextHop via_s1() { return {ip("10.1.1.1"), net.interface("C-SW-1", "ge-0/0/0")}; }
  rib::NextHop via_s2() { return {ip("10.1.1.2"), net.interface("C-SW-1", "ge-0/0/1")}; }
};

}  // namespace

TEST_CASE("the lab core learns the service address as an E2 route through both switches", "[ospf]") {
  Lab lab;
  lab.net.run_to(Duration::seconds(60));
  const rib::Route* r = lab.net.rib("C-SW-1").active(prefix("192.168.100.1/32"));
  REQUIRE(r);
  CHECK(r->protocol == rib::Protocol::kOspfExternal2);
  CHECK(r->metric == 0);  // Junos: the BGP route's metric (no MED), type 2
  CHECK(lab.net.rib("C-SW-1").vendor_preference(*r) == 150);
  CHECK(r->next_hops == std::vector<rib::NextHop>{lab.via_s1(), lab.via_s2()});
  // Only the prefix list's address was exported.
  CHECK(lab.net.rib("C-SW-1").active(prefix("10.99.0.0/16")) == nullptr);

  // The switches keep their BGP route (preference 90 beats OSPF external 150).
  const rib::Route* s1 = lab.net.rib("S-SW-1").active(prefix("192.168.100.1/32"));
  REQUIRE(s1);
  CHECK(s1->protocol == rib::Protocol::kBgp);
  // ... and hold the other switch's copy as a candidate behind it.
  CHECK(lab.net.rib("S-SW-1").candidates(prefix("192.168.100.1/32")).size() == 2);

  // show ospf database on C-SW-1: three Router-LSAs, two AS-external-LSAs.
  const std::vector<ospf::DatabaseEntry> db = lab.net.ospf("C-SW-1").database();
  CHECK(db.size() == 5);
  CHECK(std::count_if(db.begin(), db.end(), [](const ospf::DatabaseEntry& e) {
          return e.key.type == ospf::LsaType::kAsExternal;
        }) == 2);
  // show ospf route: the external with both ASBRs.
  const auto& routes = lab.net.ospf("C-SW-1").routes();
  auto ext = std::find_if(routes.begin(), routes.end(), [](const ospf::OspfRoute& x) {
    return x.prefix == prefix("192.168.100.1/32");
  });
  REQUIRE(ext != routes.end());
  CHECK(ext->advertising_routers == std::vector<net::Ipv4>{ip("10.0.0.1"), ip("10.0.0.2")});
  CHECK(ext->tag == 0);
}

TEST_CASE("withdrawing the route on one switch leaves the core one next hop after the SPF delay",
          "[ospf]") {
  Lab lab;
  const Time t = Time::zero() + Duration::milliseconds(61500);
  lab.net.run_to(t);
  REQUIRE(lab.service_next_hops().size() == 2);
  lab.net.withdraw("S-SW-1", "192.168.100.1/32");
  // S-SW-1 flushes its AS-external-LSA at once (premature aging: no
  // MinLSInterval). The LSU (20 + 24 + 4 + 36 bytes) reaches C-SW-1 after
  // 672 ns + 5 us; Junos runs SPF 200 ms later (no SPF in the last 5 s).
  const Time arrival = t + wire_time(84) + OspfNet::kLinkDelay;
  const Time spf = arrival + Duration::milliseconds(200);
  lab.net.run_to(arrival);
  const ospf::LsdbEntry* flushed = lab.net.ospf("C-SW-1").lsdb().find(
      {ospf::LsaType::kAsExternal, ip("192.168.100.1"), ip("10.0.0.1")});
  REQUIRE(flushed);
  CHECK(flushed->max_age(arrival));
  CHECK(lab.net.ospf("C-SW-1").spf_due() == spf);
  lab.net.run_to(spf - Duration::nanoseconds(1));
  CHECK(lab.service_next_hops().size() == 2);
  lab.net.run_to(spf);
  CHECK(lab.service_next_hops() == std::vector<rib::NextHop>{lab.via_s2()});
  CHECK(lab.net.ospf("C-SW-1").spf_runs().back().at == spf);

  // S-SW-1 now uses S-SW-2's external (through C-SW-1): nothing to export.
  lab.net.run_to(t + Duration::seconds(10));
  const rib::Route* s1 = lab.net.rib("S-SW-1").active(prefix("192.168.100.1/32"));
  REQUIRE(s1);
  CHECK(s1->protocol == rib::Protocol::kOspfExternal2);
  // Once acknowledged everywhere, the flushed LSA leaves every database.
  CHECK(lab.net.ospf("C-SW-1").database().size() == 4);
  CHECK(lab.net.ospf("S-SW-1").database().size() == 4);

  // The route comes back: a new instance (MinLSInterval long past), ECMP again.
  lab.net.inject("S-SW-1", "192.168.100.1/32");
  lab.net.run_to(t + Duration::seconds(11));
  CHECK(lab.service_next_hops().size() == 2);
}
