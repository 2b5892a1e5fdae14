// The checks and resolution behind the `traffic` and `outputs` sections of a
// scenario (scenario_traffic.cpp). `traffic` names nodes and uses their
// addresses, so it is read after the topology and addresses. Internal to sim/run.
#pragma once

#include "sim/run/scenario.hpp"
#include "sim/run/yaml_reader.hpp"

namespace run::detail {

void read_traffic(YamlReader& r, Scenario& s, const Item& v);
void read_outputs(YamlReader& r, Scenario& s, const Item& v);

}  // namespace run::detail
