// The data-plane part of building a World: ECMP per node, traffic sources.
#include "models/node/ecmp.hpp"
#include "sim/engine/random.hpp"
#include "sim/run/world.hpp"

namespace run {
namespace {

// A node's hash seed: the scenario's `fib.ecmp.seed` as given (so that two
// nodes given the same seed polarise, as identical boxes do), else one drawn
// from the run seed and the node's name (as Linux draws its multipath hash
// key at boot): nodes differ, and another --seed gives another spread.
node::EcmpConfig ecmp_config(const net::Node& n, const RoutingSpec* spec, uint64_t run_seed) {
  node::EcmpConfig c;
  c.mode = node::default_ecmp_mode(n.vendor);
  c.salt = node::mix64(run_seed ^ sim::hash_name("ecmp:" + n.name));
  if (spec && spec->fib.ecmp_mode) c.mode = *spec->fib.ecmp_mode;
  if (spec && spec->fib.ecmp_seed) c.salt = *spec->fib.ecmp_seed;
  return c;
}

}  // namespace

void World::setup_dataplane() {
  for (const net::Node& n : network_.nodes())
    routers_[n.id]->forwarder().set_ecmp(ecmp_config(n, scenario_.routing.find(n.name), seed_));

  traffic_ = std::make_unique<traffic::Traffic>(network_, seed_);
  for (const TrafficSpec& t : scenario_.traffic) {
    for (size_t i = 0; i < t.from.size(); ++i) {
      traffic::SourceConfig c;
      c.name = t.source_name(i);
      c.node = network_.find_node(t.from[i].node);
      c.src = t.from[i].address;
      c.dst = t.to;
      c.dst_port = t.dst_port;
      c.pattern = t.pattern;
      c.packet_bytes = t.packet_bytes;
      c.flows = t.flows;
      if (t.rate_bps)
        traffic::set_rate(c, *t.rate_bps);
      else
        traffic::set_interval(c, *t.interval);
      c.start = sim::Time::zero() + t.start;
      if (t.stop) c.stop = sim::Time::zero() + *t.stop;
      traffic_->add_source(std::move(c), *routers_[network_.find_node(t.from[i].node)]);
    }
  }
}

std::string World::check_accounting() const {
  std::string problems = network_.check_accounting();
  const std::string flows = traffic_->check_accounting();
  if (!flows.empty()) problems += (problems.empty() ? "" : "; ") + flows;
  return problems;
}

}  // namespace run
