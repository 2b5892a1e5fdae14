// What mhsim predicts for a scenario, in the form the emulation measures:
// the scenario is simulated in-process (a run::World, as `mhsim run` does)
// and every node's FIB changes are recorded from rib::FibSync's change
// listeners, the same hook the convergence report uses; the route to each
// destination is looked up in the node's FIB after each change.
#pragma once

#include <cstdint>
#include <vector>

#include "models/net/ipv4.hpp"
#include "sim/emulate/timeline.hpp"
#include "sim/run/scenario.hpp"

namespace emulate {

// The traffic destinations of the scenario, else every loopback address
// outside 127/8: what "a node has its route" is about.
std::vector<net::Ipv4> destinations(const run::Scenario& scenario);

// The destinations a node's routes are about: those it does not hold itself.
std::vector<net::Ipv4> foreign(const run::ScenarioNode& node, const std::vector<net::Ipv4>& dests);

// Which event owns the window each event falls in (events at one time share).
std::vector<size_t> windows_of(const run::Scenario& scenario);

// One simulated run with `seed`, recorded over the scenario's duration.
Timeline predict(const run::Scenario& scenario, uint64_t seed,
                 const std::vector<net::Ipv4>& destinations);

}  // namespace emulate
