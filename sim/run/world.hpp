// One simulation instance built from a scenario: the simulator, the network
// and every model on it. `run`, `show` and the tests all build a World and
// advance it; nothing here is global, so many Worlds can live in one process.
#pragma once

#include <cstdint>
#include <memory>

#include "models/net/network.hpp"
#include "sim/engine/simulator.hpp"
#include "sim/run/scenario.hpp"

namespace run {

class World {
 public:
  // Builds the network and schedules the scenario's events. `seed` overrides the scenario's.
  World(const Scenario& scenario, uint64_t seed);

  sim::Simulator& simulator() { return sim_; }
  net::Network& network() { return network_; }
  const net::Network& network() const { return network_; }
  const Scenario& scenario() const { return scenario_; }
  uint64_t seed() const { return seed_; }

 private:
  const Scenario& scenario_;
  uint64_t seed_;
  sim::Simulator sim_;
  net::Network network_;
};

}  // namespace run
