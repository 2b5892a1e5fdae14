// libFuzzer target: the scenario loader on arbitrary text, and a short run of
// every scenario it accepts.
//
// Bad input must end in a ScenarioError (a FILE:LINE:COL message), never in
// another exception, a crash, a sanitizer report or a hang. A scenario that
// loads must build, run a little and keep every invariant: the packet
// accounting and sim/run/invariants.hpp. The run is capped in events and
// simulated time so that one input costs milliseconds.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz/fuzz_check.hpp"
#include "sim/run/invariants.hpp"
#include "sim/run/resource_estimate.hpp"
#include "sim/run/scenario.hpp"
#include "sim/run/world.hpp"

namespace {

constexpr uint64_t kMaxEvents = 20'000;
constexpr sim::Duration kMaxRun = sim::Duration::seconds(30);
// The estimate's memory limit as if the machine had this much (80 % of it).
constexpr uint64_t kFuzzMemory = 640'000'000;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  run::ScenarioLoad loaded;
  try {
    loaded = run::load_scenario_from_string(text, "fuzz.yaml");
  } catch (const run::ScenarioError& e) {
    fuzz::require(std::string(e.what()).rfind("fuzz.yaml:", 0) == 0,
                  std::string("error without the file name: ") + e.what());
    return 0;
  }
  const run::Scenario& s = loaded.scenario;
  const sim::Duration run_length = std::min(s.duration, kMaxRun);
  if (!run::check_resource_limits(run::estimate_resources(s, run_length), kFuzzMemory).empty())
    return 0;  // refused up front, as `mhsim run` would

  run::World world(s, s.seed);
  sim::Simulator& sim = world.simulator();
  sim.set_event_limit(kMaxEvents);
  sim.run_until(sim::Time::zero() + run_length);
  if (const std::string broken = world.check_accounting(); !broken.empty())
    fuzz::finding("packet accounting at " + sim::format_seconds(sim.now()) + " s: " + broken);
  for (const std::string& v : run::check_invariants(world))
    fuzz::finding("invariant at " + sim::format_seconds(sim.now()) + " s: " + v);
  return 0;
}
