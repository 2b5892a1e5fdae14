// The routing-on-the-host lab's policies, written in mhsim's policy language,
// give the lab's results (shared/seed/routing-on-the-host-lab.md).
//
//            C-SW-1            OSPF area 0, Junos
//            /    \            (forwarding-table export ECMP)
//       S-SW-1    S-SW-2       import IMPORT-BGP-SERVERS, export EXPORT-BGP-SERVERS,
//     ge-0/0/9    ge-0/0/9     OSPF export EXPORT-OSPF
//            \    /            eBGP 65001 <-> 65000
//              pc              BIRD, lo 192.168.100.1/32, export filter service_address
#include <catch2/catch.hpp>
#include <memory>
#include <vector>

#include "models/policy/policy.hpp"
#include "models/rib/preference.hpp"
#include "models/rib/rib.hpp"

using policy::Action;
using policy::Match;
using policy::Policy;
using policy::PrefixMatch;
using policy::RouteAttributes;
using policy::Term;
using policy::Verdict;
using rib::Protocol;
using vendor::Vendor;

namespace {

net::Prefix prefix(const char* text) { return *net::parse_prefix(text).value; }
net::Ipv4 addr(const char* text) { return *net::parse_ipv4(text).value; }

struct LabPolicies {
  std::shared_ptr<const policy::PrefixList> service_address = std::make_shared<policy::PrefixList>(
      policy::PrefixList{"SERVER-SERVICE-ADDRESS", {prefix("192.168.100.1/32")}});

  Policy import_bgp_servers{"IMPORT-BGP-SERVERS",
                            {Term{"SERVER-SERVICE-ADDRESS",
                                  Match::prefix_list(service_address),
                                  {Action::set_preference(90)},
                                  Verdict::kAccept}},
                            Verdict::kReject};

  Policy export_bgp_servers{"EXPORT-BGP-SERVERS",
                            {Term{"DEFAULT",
                                  Match::route_filter(PrefixMatch::exact(prefix("0.0.0.0/0"))),
                                  {Action::next_hop_self()},
                                  Verdict::kAccept}},
                            Verdict::kReject};

  Policy export_ospf{"EXPORT-OSPF",
                     {Term{"SERVERS", Match::prefix_list(service_address), {}, Verdict::kAccept}},
                     Verdict::kReject};

  Policy ecmp{
      "ECMP", {Term{"", Match{}, {Action::load_balance()}, Verdict::kNext}}, Verdict::kNext};

  // BIRD: if (net = 192.168.100.1/32) then accept; else reject;
  Policy service_address_filter{
      "service_address",
      {Term{"",
            Match::route_filter(PrefixMatch::exact(prefix("192.168.100.1/32"))),
            {},
            Verdict::kAccept}},
      Verdict::kReject};
};

// The eBGP route S-SW-1 receives from the host, before import policy.
RouteAttributes received_from_host(const char* p) {
  RouteAttributes a;
  a.prefix = prefix(p);
  a.protocol = Protocol::kBgp;
  a.neighbour = addr("10.10.1.2");
  a.preference = rib::default_preference(Vendor::kJunos, Protocol::kBgp);
  a.next_hop = addr("10.10.1.2");
  a.as_path = {65000};
  return a;
}

}  // namespace

TEST_CASE("lab: IMPORT-BGP-SERVERS accepts only the service address, at preference 90",
          "[policy]") {
  const LabPolicies lab;
  auto service = received_from_host("192.168.100.1/32");
  CHECK(policy::evaluate(lab.import_bgp_servers, service) == Verdict::kAccept);
  CHECK(service.preference == 90);

  // "i am lazy ... import whatever": anything else the host might send is dropped.
  for (const char* other : {"192.168.100.2/32", "192.168.100.0/24", "10.10.1.0/30", "0.0.0.0/0"}) {
    auto a = received_from_host(other);
    INFO(other);
    CHECK(policy::evaluate(lab.import_bgp_servers, a) == Verdict::kReject);
  }
}

TEST_CASE("lab: EXPORT-BGP-SERVERS sends the host only a default, with next-hop self", "[policy]") {
  const LabPolicies lab;
  RouteAttributes def;
  def.prefix = prefix("0.0.0.0/0");
  def.protocol = Protocol::kOspfExternal2;
  def.next_hop = addr("10.1.1.3");
  CHECK(policy::evaluate(lab.export_bgp_servers, def) == Verdict::kAccept);
  CHECK(def.next_hop_self);

  for (const char* other : {"192.168.100.1/32", "10.1.1.0/30", "0.0.0.0/1"}) {
    RouteAttributes a;
    a.prefix = prefix(other);
    INFO(other);
    CHECK(policy::evaluate(lab.export_bgp_servers, a) == Verdict::kReject);
    CHECK_FALSE(a.next_hop_self);
  }
}

TEST_CASE("lab: EXPORT-OSPF redistributes only the service address", "[policy]") {
  const LabPolicies lab;
  auto service = received_from_host("192.168.100.1/32");
  CHECK(policy::evaluate(lab.export_ospf, service) == Verdict::kAccept);
  RouteAttributes link;
  link.prefix = prefix("10.10.1.0/30");
  link.protocol = Protocol::kDirect;
  CHECK(policy::evaluate(lab.export_ospf, link) == Verdict::kReject);
}

TEST_CASE("lab: BIRD filter service_address exports the /32 and nothing else", "[policy]") {
  const LabPolicies lab;
  // `show route` on the host: the direct routes and the two BGP defaults.
  struct Case {
    const char* prefix;
    Protocol protocol;
    Verdict expected;
  };
  for (const Case& c : {Case{"192.168.100.1/32", Protocol::kDirect, Verdict::kAccept},
                        Case{"10.10.1.0/30", Protocol::kDirect, Verdict::kReject},
                        Case{"10.10.2.0/30", Protocol::kDirect, Verdict::kReject},
                        Case{"0.0.0.0/0", Protocol::kBgp, Verdict::kReject}}) {
    RouteAttributes a;
    a.prefix = prefix(c.prefix);
    a.protocol = c.protocol;
    a.preference = rib::default_preference(Vendor::kBird, c.protocol);
    INFO(c.prefix);
    CHECK(policy::evaluate(lab.service_address_filter, a) == c.expected);
  }
}

TEST_CASE("lab: the ECMP forwarding-table policy marks every route for load balancing",
          "[policy]") {
  const LabPolicies lab;
  RouteAttributes a;
  a.prefix = prefix("192.168.100.1/32");
  a.protocol = Protocol::kOspfExternal2;
  CHECK(policy::evaluate(lab.ecmp, a) == Verdict::kNext);
  CHECK(a.load_balance);
}

TEST_CASE("lab: with the import policy S-SW-1 keeps its eBGP route active and exports it to OSPF",
          "[policy][rib]") {
  const LabPolicies lab;
  rib::Rib s_sw_1(Vendor::kJunos);
  const net::Prefix service = prefix("192.168.100.1/32");

  // S-SW-2's redistributed copy arrives as an OSPF AS-external (type 2) route.
  rib::Route ospf;
  ospf.prefix = service;
  ospf.protocol = Protocol::kOspfExternal2;
  ospf.preference = rib::default_internal_preference(Vendor::kJunos, Protocol::kOspfExternal2);
  ospf.next_hops = {{addr("10.1.2.1"), 1}};
  s_sw_1.update(ospf);

  // The eBGP route from the host, through the import policy (or not).
  auto import = [&](bool with_policy) {
    auto a = received_from_host("192.168.100.1/32");
    if (with_policy) REQUIRE(policy::evaluate(lab.import_bgp_servers, a) == Verdict::kAccept);
    rib::Route bgp;
    bgp.prefix = a.prefix;
    bgp.protocol = Protocol::kBgp;
    bgp.source = 1;
    bgp.preference = rib::to_internal(Vendor::kJunos, a.preference);
    bgp.next_hops = {{a.next_hop, 9}};
    s_sw_1.update(bgp);
  };
  // Junos redistributes the *active* route: export EXPORT-OSPF sees it only if BGP won.
  auto exported_to_ospf = [&] {
    const rib::Route* best = s_sw_1.active(service);
    if (best->protocol != Protocol::kBgp) return false;
    RouteAttributes a;
    a.prefix = best->prefix;
    a.protocol = best->protocol;
    return policy::evaluate(lab.export_ospf, a) == Verdict::kAccept;
  };

  SECTION("preference 90: *[BGP/90], redistributed") {
    import(true);
    const rib::Route* best = s_sw_1.active(service);
    CHECK(best->protocol == Protocol::kBgp);
    CHECK(s_sw_1.vendor_preference(*best) == 90);
    CHECK(exported_to_ospf());
  }
  SECTION("default 170: the other switch's OSPF/150 copy wins and nothing is redistributed") {
    import(false);
    const rib::Route* best = s_sw_1.active(service);
    CHECK(best->protocol == Protocol::kOspfExternal2);
    CHECK(s_sw_1.vendor_preference(*best) == 150);
    CHECK_FALSE(exported_to_ospf());
  }
}
