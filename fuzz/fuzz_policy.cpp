// libFuzzer target: the policy language as scenarios write it (the
// prefix_lists, policies and routing sections), on a fixed three-router
// topology, then every policy and every chain evaluated on a spread of routes.
//
// The input is the YAML that follows the fixed part (kTopology below); the
// seeds in fuzz/corpus/policy are written that way. Besides not crashing:
// bad input ends in a ScenarioError; evaluation returns a verdict and grows
// an AS path by no more than the policy's prepends allow.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz/fuzz_check.hpp"
#include "models/policy/policy.hpp"
#include "sim/run/scenario.hpp"

namespace {

const char* const kTopology =
    "duration: 10s\n"
    "topology:\n"
    "  nodes:\n"
    "    r1: { kind: router, vendor: junos }\n"
    "    r2: { kind: router, vendor: bird }\n"
    "    r3: { kind: router, vendor: frr }\n"
    "  links:\n"
    "    - endpoints: [\"r1:ge-0/0/0\", \"r2:eth0\"]\n"
    "    - endpoints: [\"r1:ge-0/0/1\", \"r3:eth0\"]\n"
    "addresses:\n"
    "  r1: { ge-0/0/0: 10.0.0.1/30, ge-0/0/1: 10.0.0.5/30, lo0: 10.255.0.1/32 }\n"
    "  r2: { eth0: 10.0.0.2/30, lo: 10.255.0.2/32 }\n"
    "  r3: { eth0: 10.0.0.6/30, lo: 10.255.0.3/32 }\n";

std::vector<policy::RouteAttributes> sample_routes() {
  std::vector<policy::RouteAttributes> out;
  for (const char* p :
       {"0.0.0.0/0", "10.0.0.0/8", "10.0.0.0/30", "192.168.100.1/32", "172.16.5.0/24"})
    for (int proto = 0; proto < rib::kProtocolCount; ++proto)
      for (const char* nb : {"10.0.0.2", "10.0.0.6", "1.2.3.4"}) {
        policy::RouteAttributes r;
        r.prefix = *net::parse_prefix(p).value;
        r.protocol = static_cast<rib::Protocol>(proto);
        r.neighbour = *net::parse_ipv4(nb).value;
        r.as_path = {65001, 65002};
        out.push_back(r);
      }
  return out;
}

// The most ASes the policy's actions can add to a path in one evaluation.
size_t max_prepended(const policy::Policy& p) {
  size_t n = 0;
  for (const policy::Term& t : p.terms)
    for (const policy::Action& a : t.then)
      if (a.kind == policy::ActionKind::kPrependAsPath) n += a.count;
  return n;
}

void check_verdict(policy::Verdict v, const std::string& who) {
  fuzz::require(
      v == policy::Verdict::kAccept || v == policy::Verdict::kReject || v == policy::Verdict::kNext,
      who + " returned no verdict");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text =
      std::string(kTopology) + std::string(reinterpret_cast<const char*>(data), size);
  run::ScenarioLoad loaded;
  try {
    loaded = run::load_scenario_from_string(text, "policy.yaml");
  } catch (const run::ScenarioError&) {
    return 0;
  }
  static const std::vector<policy::RouteAttributes> routes = sample_routes();
  const run::RoutingConfig& rc = loaded.scenario.routing;
  for (const auto& [name, p] : rc.policies) {
    const size_t limit = max_prepended(p);
    for (policy::RouteAttributes r : routes) {
      const size_t before = r.as_path.size();
      check_verdict(policy::evaluate(p, r), "policy '" + name + "'");
      fuzz::require(r.as_path.size() <= before + limit,
                    "policy '" + name + "' prepended more than its actions say");
    }
  }
  for (const run::RoutingSpec& spec : rc.nodes) {
    if (!spec.bgp) continue;
    for (const run::BgpNeighborSpec& nb : spec.bgp->neighbors)
      for (const auto* chain : {&nb.import_policies, &nb.export_policies})
        for (policy::RouteAttributes r : routes)
          policy::evaluate_chain(*chain, r, policy::Verdict::kAccept);
  }
  return 0;
}
