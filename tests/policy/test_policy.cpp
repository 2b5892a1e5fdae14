#include <catch2/catch.hpp>
#include <memory>
#include <vector>

#include "models/policy/policy.hpp"

using policy::Action;
using policy::Match;
using policy::Policy;
using policy::PrefixMatch;
using policy::RouteAttributes;
using policy::Term;
using policy::Verdict;
using rib::Protocol;

namespace {

net::Prefix prefix(const char* text) { return *net::parse_prefix(text).value; }
net::Ipv4 addr(const char* text) { return *net::parse_ipv4(text).value; }

RouteAttributes attrs(const char* p, Protocol protocol = Protocol::kBgp) {
  RouteAttributes a;
  a.prefix = prefix(p);
  a.protocol = protocol;
  return a;
}

}  // namespace

TEST_CASE("route-filter match types are prefix-length ranges", "[policy]") {
  const auto p = prefix("10.0.0.0/8");
  CHECK(PrefixMatch::exact(p).matches(prefix("10.0.0.0/8")));
  CHECK_FALSE(PrefixMatch::exact(p).matches(prefix("10.1.0.0/16")));
  CHECK(PrefixMatch::orlonger(p).matches(prefix("10.0.0.0/8")));
  CHECK(PrefixMatch::orlonger(p).matches(prefix("10.1.2.3/32")));
  CHECK_FALSE(PrefixMatch::orlonger(p).matches(prefix("11.0.0.0/8")));
  CHECK_FALSE(PrefixMatch::orlonger(p).matches(prefix("0.0.0.0/0")));
  CHECK_FALSE(PrefixMatch::longer(p).matches(prefix("10.0.0.0/8")));
  CHECK(PrefixMatch::longer(p).matches(prefix("10.0.0.0/9")));
  CHECK_FALSE(PrefixMatch::longer(prefix("10.0.0.1/32")).matches(prefix("10.0.0.1/32")));
  CHECK(PrefixMatch::upto(p, 24).matches(prefix("10.1.2.0/24")));
  CHECK_FALSE(PrefixMatch::upto(p, 24).matches(prefix("10.1.2.0/25")));
  CHECK(PrefixMatch::range(p, 16, 24).matches(prefix("10.1.0.0/16")));
  CHECK_FALSE(PrefixMatch::range(p, 16, 24).matches(prefix("10.0.0.0/8")));
  // 0.0.0.0/0 exact is only the default route.
  CHECK(PrefixMatch::exact(prefix("0.0.0.0/0")).matches(prefix("0.0.0.0/0")));
  CHECK_FALSE(PrefixMatch::exact(prefix("0.0.0.0/0")).matches(prefix("0.0.0.0/1")));
}

TEST_CASE("prefix lists match exactly, orlonger or longer", "[policy]") {
  auto list = std::make_shared<policy::PrefixList>(
      policy::PrefixList{"SERVERS", {prefix("192.168.100.0/24"), prefix("192.168.200.1/32")}});
  const policy::PrefixListMatch exact{list, policy::ListMatch::kExact};
  const policy::PrefixListMatch orlonger{list, policy::ListMatch::kOrLonger};
  const policy::PrefixListMatch longer{list, policy::ListMatch::kLonger};
  CHECK(exact.matches(prefix("192.168.200.1/32")));
  CHECK(exact.matches(prefix("192.168.100.0/24")));
  CHECK_FALSE(exact.matches(prefix("192.168.100.1/32")));
  CHECK(orlonger.matches(prefix("192.168.100.1/32")));
  CHECK(orlonger.matches(prefix("192.168.100.0/24")));
  CHECK_FALSE(longer.matches(prefix("192.168.100.0/24")));
  CHECK(longer.matches(prefix("192.168.100.1/32")));
  CHECK_FALSE(orlonger.matches(prefix("192.168.0.0/16")));
  CHECK_FALSE(policy::PrefixListMatch{}.matches(prefix("192.168.100.0/24")));
}

TEST_CASE("a term's conditions: AND across kinds, OR within one", "[policy]") {
  Match m;
  m.route_filters = {PrefixMatch::exact(prefix("10.0.0.0/8"))};
  m.prefix_lists = {policy::PrefixListMatch{
      std::make_shared<policy::PrefixList>(policy::PrefixList{"L", {prefix("172.16.0.0/12")}}),
      policy::ListMatch::kExact}};
  m.protocols = {Protocol::kBgp, Protocol::kStatic};
  m.neighbours = {addr("10.10.1.2"), addr("10.10.2.2")};

  auto a = attrs("10.0.0.0/8");
  a.neighbour = addr("10.10.2.2");
  CHECK(m.matches(a));
  a.prefix = prefix("172.16.0.0/12");  // the other prefix condition
  CHECK(m.matches(a));
  a.prefix = prefix("192.168.0.0/16");
  CHECK_FALSE(m.matches(a));
  a.prefix = prefix("10.0.0.0/8");
  a.protocol = Protocol::kOspfExternal2;
  CHECK_FALSE(m.matches(a));
  a.protocol = Protocol::kStatic;
  a.neighbour = addr("10.10.3.2");
  CHECK_FALSE(m.matches(a));

  CHECK(Match{}.matches(a));  // no conditions: everything
  Match ospf;
  ospf.protocols = policy::ProtocolSet::ospf();
  CHECK(ospf.matches(attrs("10.0.0.0/8", Protocol::kOspfInternal)));
  CHECK(ospf.matches(attrs("10.0.0.0/8", Protocol::kOspfExternal1)));
  CHECK_FALSE(ospf.matches(attrs("10.0.0.0/8", Protocol::kBgp)));
}

TEST_CASE("policy actions change the route attributes", "[policy]") {
  auto a = attrs("10.0.0.0/8");
  a.as_path = {65001};
  a.next_hop = addr("10.10.1.2");
  Action::set_preference(90).apply(a);
  Action::set_local_pref(200).apply(a);
  Action::set_med(50).apply(a);
  Action::set_metric(20).apply(a);
  Action::prepend(65000, 3).apply(a);
  Action::load_balance().apply(a);
  CHECK(a.preference == 90);
  CHECK(a.local_pref == 200);
  CHECK(a.med == 50u);
  CHECK(a.metric == 20);
  CHECK(a.as_path == std::vector<uint32_t>{65000, 65000, 65000, 65001});
  CHECK(a.load_balance);
  Action::next_hop_self().apply(a);
  CHECK(a.next_hop_self);
  Action::set_next_hop(addr("10.1.1.1")).apply(a);
  CHECK_FALSE(a.next_hop_self);
  CHECK(a.next_hop == addr("10.1.1.1"));
}

TEST_CASE("terms run in order, changes persist, the default decides last", "[policy]") {
  const Policy p{"P",
                 {Term{"tag-all", {}, {Action::set_local_pref(50)}, Verdict::kNext},
                  Term{"drop-10",
                       Match::route_filter(PrefixMatch::orlonger(prefix("10.0.0.0/8"))),
                       {Action::set_med(1)},
                       Verdict::kReject},
                  Term{"boost-172",
                       Match::route_filter(PrefixMatch::orlonger(prefix("172.16.0.0/12"))),
                       {Action::set_local_pref(300)},
                       Verdict::kAccept}},
                 Verdict::kAccept};
  auto a = attrs("10.1.0.0/16");
  CHECK(policy::evaluate(p, a) == Verdict::kReject);
  CHECK(a.local_pref == 50);
  CHECK(a.med == 1u);
  auto b = attrs("172.16.1.0/24");
  CHECK(policy::evaluate(p, b) == Verdict::kAccept);
  CHECK(b.local_pref == 300);
  auto c = attrs("192.0.2.0/24");
  CHECK(policy::evaluate(p, c) == Verdict::kAccept);
  CHECK(c.local_pref == 50);
  CHECK(policy::verdict_name(Verdict::kReject) == "reject");
}

TEST_CASE("a policy chain falls through to the protocol default", "[policy]") {
  const Policy undecided{
      "U", {Term{"", {}, {Action::set_metric(7)}, Verdict::kNext}}, Verdict::kNext};
  const Policy rejects{"R", {}, Verdict::kReject};
  auto a = attrs("10.0.0.0/8");
  const std::vector<const Policy*> only_undecided{&undecided};
  CHECK(policy::evaluate_chain(only_undecided, a, Verdict::kAccept));
  CHECK(a.metric == 7);
  CHECK_FALSE(policy::evaluate_chain(only_undecided, a, Verdict::kReject));
  const std::vector<const Policy*> then_reject{&undecided, &rejects};
  CHECK_FALSE(policy::evaluate_chain(then_reject, a, Verdict::kAccept));
  CHECK(policy::evaluate_chain({}, a, Verdict::kAccept));
}
