// ecmp.csv and the ECMP lines of the report: how each node's next-hop groups
// shared the packets they carried, and how unevenly.
//
// For a group of k next hops that carried x_1..x_k packets (mean m):
//   max_mean  max(x) / m                     1 is perfect, k is all on one path
//   cv        population std deviation / m   0 is perfect
//   jain      (sum x)^2 / (k * sum x^2)      Jain's fairness index: 1 is perfect, 1/k is all on one
#pragma once

#include <string>
#include <vector>

#include "models/node/forwarding.hpp"
#include "sim/run/world.hpp"

namespace run {

struct EcmpGroupReport {
  std::string node;
  std::string prefixes;  // who used the group (see docs/output.md, ecmp.csv)
  node::EcmpGroupStats stats;
  uint64_t packets = 0;
  double max_mean = 0, cv = 0, jain = 0;
};

struct Imbalance {
  double max_mean = 0, cv = 0, jain = 0;
};
Imbalance imbalance(const std::vector<uint64_t>& counts);

// Every group that carried packets, node by node in network order.
std::vector<EcmpGroupReport> ecmp_groups(const World& world);
// The group with several next hops that carried the most packets, or null.
const EcmpGroupReport* busiest_group(const std::vector<EcmpGroupReport>& groups);

std::string ecmp_csv(const World& world, const std::vector<EcmpGroupReport>& groups);

}  // namespace run
