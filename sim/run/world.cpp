#include "sim/run/world.hpp"

namespace run {

World::World(const Scenario& scenario, uint64_t seed)
    : scenario_(scenario), seed_(seed), network_(sim_, seed) {
  build_network(scenario_, network_);
  schedule_events(scenario_, network_, sim_);
}

}  // namespace run
