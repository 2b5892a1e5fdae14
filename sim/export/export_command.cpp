#include "sim/export/export_command.hpp"

#include <ostream>

#include "sim/export/bird_config.hpp"
#include "sim/export/export_common.hpp"
#include "sim/export/frr_config.hpp"
#include "sim/run/runner.hpp"
#include "sim/run/scenario.hpp"

namespace confgen {

int export_config_command(const std::string& scenario_path, const std::string& node_name,
                          std::ostream& out, std::ostream& err) {
  run::Scenario scenario;
  try {
    scenario = run::load_scenario(scenario_path);
  } catch (const run::ScenarioError& e) {
    err << e.what() << "\n";
    return run::kExitBadInput;
  }
  const run::ScenarioNode* node = scenario.find_node(node_name);
  if (!node) {
    std::vector<std::string> names;
    for (const run::ScenarioNode& n : scenario.nodes) names.push_back(n.name);
    err << "mhsim: error: " << scenario_path << ": no node '" << node_name << "'"
        << run::did_you_mean_suffix(node_name, names) << "; nodes: " << run::join_list(names)
        << "\n";
    return run::kExitBadInput;
  }
  try {
    switch (node->vendor) {
      case vendor::Vendor::kBird:
      case vendor::Vendor::kLinux:
        out << bird_config(scenario, *node);
        return run::kExitOk;
      case vendor::Vendor::kFrr:
        out << frr_config_text(frr_config(scenario, *node));
        return run::kExitOk;
      case vendor::Vendor::kJunos:
      case vendor::Vendor::kEos:
        break;
    }
    err << "mhsim: error: node " << node->name << " is vendor " << vendor::name(node->vendor)
        << ": export-config writes BIRD and FRR configs only\n";
    return run::kExitBadInput;
  } catch (const ExportError& e) {
    err << "mhsim: error: " << scenario_path << ": " << e.what() << "\n";
    return run::kExitBadInput;
  }
}

}  // namespace confgen
