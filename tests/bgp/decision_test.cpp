// The decision process (RFC 4271 §9.1.2.2), one tie-breaker per test: two
// (or three) candidates equal in everything but the step under test.
#include "models/bgp/decision.hpp"

#include <catch2/catch.hpp>

#include "tests/bgp/pair.hpp"

using namespace bgp_test;
using bgp::Candidate;
using bgp::PeerKind;
using bgp::Step;

namespace {

bgp::PathAttributes attrs(std::vector<uint32_t> path) {
  bgp::PathAttributes a;
  a.as_path = std::move(path);
  a.next_hop = ip("10.10.1.1");
  return a;
}

Candidate cand(const bgp::PathAttributes& a, const char* router_id, const char* peer,
               PeerKind kind = PeerKind::kEbgp, uint32_t igp = 0) {
  return Candidate{&a, kind, ip(router_id), ip(peer), igp};
}

bgp::Selection pick(const std::vector<Candidate>& cs, bgp::DecisionConfig cfg = {}) {
  return bgp::select_paths(cs, cfg);
}

}  // namespace

TEST_CASE("decision: no candidates, one candidate", "[bgp]") {
  CHECK(pick({}).paths.empty());
  const auto a = attrs({65001});
  const auto sel = pick({cand(a, "1.1.1.1", "10.0.0.1")});
  REQUIRE(sel.paths == std::vector<size_t>{0});
  CHECK(sel.decided_by == Step::kOnlyPath);
}

TEST_CASE("decision: highest LOCAL_PREF wins, eBGP paths get the default", "[bgp]") {
  auto low = attrs({65001});
  low.local_pref = 90;                             // below the default 100 an eBGP path gets
  const auto ebgp = attrs({65001, 65002, 65003});  // longer path, but no LOCAL_PREF
  const auto sel =
      pick({cand(low, "1.1.1.1", "10.0.0.1", PeerKind::kIbgp), cand(ebgp, "2.2.2.2", "10.0.0.2")});
  CHECK(sel.paths == std::vector<size_t>{1});
  CHECK(sel.decided_by == Step::kLocalPref);
}

TEST_CASE("decision: locally originated beats learned at equal LOCAL_PREF", "[bgp]") {
  const auto local = attrs({});
  const auto learned = attrs({65001});
  const auto sel = pick(
      {cand(learned, "1.1.1.1", "10.0.0.1"), cand(local, "9.9.9.9", "0.0.0.0", PeerKind::kLocal)});
  CHECK(sel.paths == std::vector<size_t>{1});
  CHECK(sel.decided_by == Step::kLocallyOriginated);
}

TEST_CASE("decision: shortest AS_PATH wins", "[bgp]") {
  const auto longer = attrs({65001, 65005});
  const auto shorter = attrs({65002});
  const auto sel =
      pick({cand(longer, "1.1.1.1", "10.0.0.1"), cand(shorter, "2.2.2.2", "10.0.0.2")});
  CHECK(sel.paths == std::vector<size_t>{1});
  CHECK(sel.decided_by == Step::kAsPathLength);
}

TEST_CASE("decision: lowest ORIGIN wins (IGP < EGP < INCOMPLETE)", "[bgp]") {
  auto incomplete = attrs({65001});
  incomplete.origin = bgp::Origin::kIncomplete;
  auto egp = attrs({65001});
  egp.origin = bgp::Origin::kEgp;
  const auto igp = attrs({65001});
  const auto sel = pick({cand(incomplete, "1.1.1.1", "10.0.0.1"), cand(egp, "2.2.2.2", "10.0.0.2"),
                         cand(igp, "3.3.3.3", "10.0.0.3")});
  CHECK(sel.paths == std::vector<size_t>{2});
  CHECK(sel.decided_by == Step::kOrigin);
}

TEST_CASE("decision: lowest MED wins among paths from the same neighbouring AS", "[bgp]") {
  auto high = attrs({65001});
  high.med = 50;
  auto low = attrs({65001});
  low.med = 10;
  const auto sel = pick({cand(high, "1.1.1.1", "10.0.0.1"), cand(low, "2.2.2.2", "10.0.0.2")});
  CHECK(sel.paths == std::vector<size_t>{1});
  CHECK(sel.decided_by == Step::kMed);
}

TEST_CASE("decision: MED is not compared across neighbouring ASes unless asked", "[bgp]") {
  auto high = attrs({65001});
  high.med = 50;
  auto low = attrs({65002});
  low.med = 10;
  // Different neighbouring AS: MED ignored, router id decides (1.1.1.1 < 2.2.2.2).
  const std::vector<Candidate> cs{cand(high, "1.1.1.1", "10.0.0.1"),
                                  cand(low, "2.2.2.2", "10.0.0.2")};
  auto sel = pick(cs);
  CHECK(sel.paths == std::vector<size_t>{0});
  CHECK(sel.decided_by == Step::kRouterId);
  bgp::DecisionConfig always;
  always.always_compare_med = true;
  sel = pick(cs, always);
  CHECK(sel.paths == std::vector<size_t>{1});
  CHECK(sel.decided_by == Step::kMed);
}

TEST_CASE("decision: a missing MED counts as the lowest", "[bgp]") {
  auto with = attrs({65001});
  with.med = 1;
  const auto without = attrs({65001});
  const auto sel = pick({cand(with, "1.1.1.1", "10.0.0.1"), cand(without, "2.2.2.2", "10.0.0.2")});
  CHECK(sel.paths == std::vector<size_t>{1});
}

TEST_CASE("decision: eBGP beats iBGP", "[bgp]") {
  const auto a = attrs({65001});
  const auto sel = pick({cand(a, "1.1.1.1", "10.0.0.1", PeerKind::kIbgp),
                         cand(a, "2.2.2.2", "10.0.0.2", PeerKind::kEbgp)});
  CHECK(sel.paths == std::vector<size_t>{1});
  CHECK(sel.decided_by == Step::kEbgpOverIbgp);
}

TEST_CASE("decision: lowest IGP cost to the NEXT_HOP wins", "[bgp]") {
  const auto a = attrs({65001});
  const auto sel = pick({cand(a, "1.1.1.1", "10.0.0.1", PeerKind::kIbgp, 20),
                         cand(a, "2.2.2.2", "10.0.0.2", PeerKind::kIbgp, 10)});
  CHECK(sel.paths == std::vector<size_t>{1});
  CHECK(sel.decided_by == Step::kIgpCost);
}

TEST_CASE("decision: paths equal through IGP cost form the multipath set", "[bgp]") {
  // The host's two defaults, one from each switch (both AS 65001).
  const auto a = attrs({65001});
  const auto b = attrs({65001});
  const auto worse = attrs({65001, 65009});
  const std::vector<Candidate> cs{cand(b, "10.255.0.2", "10.10.2.1"),
                                  cand(worse, "10.255.0.3", "10.10.3.1"),
                                  cand(a, "10.255.0.1", "10.10.1.1")};
  bgp::DecisionConfig cfg;
  CHECK(pick(cs, cfg).paths == std::vector<size_t>{2});  // max_paths 1: best only
  cfg.max_paths = 16;
  const auto sel = pick(cs, cfg);
  CHECK(sel.paths == std::vector<size_t>{2, 0});  // best first (lower router id)
  cfg.max_paths = 2;
  CHECK(pick(cs, cfg).paths.size() == 2);
}

TEST_CASE("decision: multipath AS rules", "[bgp]") {
  const auto via1 = attrs({65001, 65100});
  const auto via2 = attrs({65002, 65100});
  const auto via1b = attrs({65001, 65200});
  const std::vector<Candidate> cs{cand(via1, "1.1.1.1", "10.0.0.1"),
                                  cand(via2, "2.2.2.2", "10.0.0.2"),
                                  cand(via1b, "3.3.3.3", "10.0.0.3")};
  bgp::DecisionConfig cfg;
  cfg.max_paths = 8;
  cfg.multipath_as = bgp::MultipathAsRule::kAny;
  CHECK(pick(cs, cfg).paths == std::vector<size_t>{0, 1, 2});
  cfg.multipath_as = bgp::MultipathAsRule::kSameNeighborAs;  // Junos without multiple-as
  CHECK(pick(cs, cfg).paths == std::vector<size_t>{0, 2});
  cfg.multipath_as = bgp::MultipathAsRule::kIdenticalAsPath;  // FRR without multipath-relax
  CHECK(pick(cs, cfg).paths == std::vector<size_t>{0});
}

TEST_CASE("decision: lowest router id breaks the tie", "[bgp]") {
  const auto a = attrs({65001});
  const auto sel = pick({cand(a, "10.255.0.2", "10.10.1.1"), cand(a, "10.255.0.1", "10.10.2.1")});
  CHECK(sel.paths == std::vector<size_t>{1});
  CHECK(sel.decided_by == Step::kRouterId);
}

TEST_CASE("decision: lowest peer address breaks the last tie", "[bgp]") {
  const auto a = attrs({65001});
  // Two sessions to the same router (same BGP Identifier).
  const auto sel = pick({cand(a, "10.255.0.1", "10.10.2.1"), cand(a, "10.255.0.1", "10.10.1.1")});
  CHECK(sel.paths == std::vector<size_t>{1});
  CHECK(sel.decided_by == Step::kPeerAddress);
}

TEST_CASE("decision: the MED rule is applied to the set, not pairwise", "[bgp]") {
  // Classic non-transitive case: A (AS1, MED 10), B (AS1, MED 5), C (AS2).
  // A is removed by B; B and C then go to router id.
  auto a = attrs({1});
  a.med = 10;
  auto b = attrs({1});
  b.med = 5;
  const auto c = attrs({2});
  const std::vector<Candidate> cs{cand(a, "1.1.1.1", "10.0.0.1"), cand(b, "3.3.3.3", "10.0.0.3"),
                                  cand(c, "2.2.2.2", "10.0.0.2")};
  std::vector<Candidate> reversed(cs.rbegin(), cs.rend());
  CHECK(pick(cs).paths == std::vector<size_t>{2});
  CHECK(pick(reversed).paths == std::vector<size_t>{0});  // same path (C), whatever the order
}
