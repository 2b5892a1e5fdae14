// `mhsim export-config FILE --node NODE`: prints the config mhsim simulated
// for one node, bird.conf for bird and linux nodes, frr.conf (with the
// /etc/frr/daemons lines it needs as comments) for frr nodes, so that a
// user deploys what was predicted.
#pragma once

#include <iosfwd>
#include <string>

namespace confgen {

// Exit statuses are run::kExit*: 0, or 2 for a scenario error, an unknown
// node, a node of another vendor, or a construct the daemon cannot express.
int export_config_command(const std::string& scenario_path, const std::string& node,
                          std::ostream& out, std::ostream& err);

}  // namespace confgen
