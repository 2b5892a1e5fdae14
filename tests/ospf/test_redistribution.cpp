// Redistribution knobs: external type 1, policy metrics, default-route
// origination, external preference.
//
//   R1 (10.0.0.1, ASBR)  ge-0/0/0 10.1.1.0/31 ---- 10.1.1.1/31 ge-0/0/0  R2 (10.0.0.2)
#include "tests/ospf/catch_print.hpp"
#include "tests/ospf/ospf_net.hpp"

using namespace ospf_test;

namespace {

struct Pair {
  OspfNet net;
  // `then { metric 7; accept; }` for 192.168.0.0/16 and longer.
  policy::Policy export_metric{
      "EXPORT",
      {policy::Term{"", policy::Match::route_filter(policy::PrefixMatch::orlonger(prefix("192.168.0.0/16"))),
                    {policy::Action::set_metric(7)}, policy::Verdict::kAccept}},
      policy::Verdict::kReject};

  explicit Pair(ospf::DefaultOriginate dflt) {
    net.add("R1", vendor::Vendor::kJunos, "10.0.0.1");
    net.add("R2", vendor::Vendor::kJunos, "10.0.0.2");
    net.connect("R1", "ge-0/0/0", "10.1.1.0/31", "R2", "ge-0/0/0", "10.1.1.1/31");
    net["R1"].config.export_policies = {&export_metric};
    net["R1"].config.export_type = ospf::ExternalType::kType1;
    net["R1"].config.default_originate = dflt;
    net["R2"].config.external_preference = 120;
    net.start();
  }
};

}  // namespace

TEST_CASE("type 1 externals add the path cost to the policy metric", "[ospf]") {
  Pair p(ospf::DefaultOriginate{10, ospf::ExternalType::kType1, true});
  p.net.inject("R1", "192.168.1.0/24");
  p.net.run_to(Duration::seconds(60));
  const rib::Route* r = p.net.rib("R2").active(prefix("192.168.1.0/24"));
  REQUIRE(r);
  CHECK(r->protocol == rib::Protocol::kOspfExternal1);
  CHECK(r->metric == 1 + 7);  // cost to R1 plus the `metric 7` action
  CHECK(p.net.rib("R2").vendor_preference(*r) == 120);  // external-preference 120

  // default_originate `always`: 0/0 without any default route on R1.
  const rib::Route* d = p.net.rib("R2").active(prefix("0.0.0.0/0"));
  REQUIRE(d);
  CHECK(d->protocol == rib::Protocol::kOspfExternal1);
  CHECK(d->metric == 1 + 10);
  CHECK(d->next_hops == std::vector<rib::NextHop>{{ip("10.1.1.0"), p.net.interface("R2", "ge-0/0/0")}});
}

TEST_CASE("a conditional default route follows R1's own default", "[ospf]") {
  Pair p(ospf::DefaultOriginate{1, ospf::ExternalType::kType2, false});
  p.net.run_to(Duration::seconds(60));
  CHECK(p.net.rib("R2").active(prefix("0.0.0.0/0")) == nullptr);
  p.net.inject("R1", "0.0.0.0/0");
  p.net.run_to(Duration::seconds(65));
  const rib::Route* d = p.net.rib("R2").active(prefix("0.0.0.0/0"));
  REQUIRE(d);
  CHECK(d->protocol == rib::Protocol::kOspfExternal2);
  CHECK(d->metric == 1);
  p.net.withdraw("R1", "0.0.0.0/0");
  p.net.run_to(Duration::seconds(70));
  CHECK(p.net.rib("R2").active(prefix("0.0.0.0/0")) == nullptr);
  CHECK(p.net.ospf("R1").counters().lsa_flushed == 1);
}

TEST_CASE("nothing is exported without a policy, and OSPF routes are never re-exported", "[ospf]") {
  OspfNet net;
  net.add("R1", vendor::Vendor::kJunos, "10.0.0.1");
  net.add("R2", vendor::Vendor::kJunos, "10.0.0.2");
  net.connect("R1", "ge-0/0/0", "10.1.1.0/31", "R2", "ge-0/0/0", "10.1.1.1/31");
  policy::Policy accept_all{"ALL", {}, policy::Verdict::kAccept};
  net["R2"].config.export_policies = {&accept_all};  // R2 would export anything non-OSPF
  net.start();
  net.inject("R1", "192.168.1.0/24");  // R1 has no export policy: Junos exports nothing
  net.run_to(Duration::seconds(60));
  CHECK(net.rib("R2").active(prefix("192.168.1.0/24")) == nullptr);
  // R2 exports its connected and direct routes (accept-all), but not R1's loopback, an OSPF route.
  for (const ospf::DatabaseEntry& e : net.ospf("R1").database())
    if (e.key.type == ospf::LsaType::kAsExternal) CHECK(e.key.id != ip("10.0.0.1"));
  CHECK(net.rib("R1").active(prefix("10.0.0.2/32"))->protocol == rib::Protocol::kOspfInternal);
}
