// OspfProcess: construction, wiring to the Router and the network, interface
// and neighbour events, inspection. The protocol's other duties live in
// origination.cpp, flooding.cpp and routing.cpp (see process.hpp).
#include "models/ospf/process.hpp"

#include <algorithm>
#include <stdexcept>

namespace ospf {

namespace {

uint16_t whole_seconds(sim::Duration d, const char* what, const std::string& where) {
  const sim::Duration second = sim::Duration::seconds(1);
  if (d <= sim::Duration::zero() || d.ps() % second.ps() != 0 || d > sim::Duration::seconds(65535))
    throw std::invalid_argument(std::string(what) + " " + sim::format_duration(d) + " on " + where +
                                ": must be whole seconds, 1s..65535s");
  return static_cast<uint16_t>(d / second);
}

}  // namespace

OspfProcess::OspfProcess(node::Router& router, OspfConfig config, uint64_t run_seed)
    : router_(router),
      sim_(router.simulator()),
      config_(std::move(config)),
      timers_(config_.timers ? *config_.timers : default_timers(router.vendor())),
      run_seed_(run_seed),
      node_name_(router.node().name),
      origination_timer_(sim_, [this] { on_origination_timer(); }),
      aging_timer_(sim_, [this] { on_aging_timer(); }),
      throttle_(timers_.spf, sim_.now()),
      spf_timer_(sim_, [this] { on_spf_timer(); }),
      external_timer_(sim_, [this] { calculate(false); }) {
  if (std::string problem = validate(timers_); !problem.empty())
    throw std::invalid_argument("OSPF on " + node_name_ + ": " + problem);
  const net::Network& network = router_.network();
  for (const OspfInterfaceConfig& ic : config_.interfaces) {
    if (ic.interface >= network.interface_count() ||
        network.interface(ic.interface).node != router_.id())
      throw std::invalid_argument("OSPF interface does not belong to " + node_name_);
    const net::Interface& ni = network.interface(ic.interface);
    const std::string where = node_name_ + ":" + ni.name;
    if (find_interface(ic.interface))
      throw std::invalid_argument("OSPF interface " + where + " configured twice");
    const bool loopback = ni.link == net::kNone;
    // RFC 2328 §12.4.1.4: a loopback is a host route of cost 0 (also Junos lo0's default).
    const uint32_t cost =
        ic.cost ? *ic.cost
                : loopback ? 0
                           : default_interface_cost(router_.vendor(),
                                                    network.link_params(ni.link).bandwidth_bps);
    const uint16_t hello = whole_seconds(ic.hello_interval.value_or(timers_.hello_interval),
                                         "hello interval", where);
    const uint16_t dead = whole_seconds(ic.dead_interval.value_or(timers_.dead_interval),
                                        "dead interval", where);
    interfaces_.push_back(std::make_unique<Interface>(*this, ic, cost, hello, dead, run_seed_));
  }
}

OspfProcess::~OspfProcess() {
  sim_.cancel(origination_event_);
  sim_.cancel(redistribution_event_);
  if (!started_) return;
  router_.rib().remove_listener(rib_listener_);
  router_.network().remove_interface_listener(router_.id(), interface_listener_);
  for (auto& ifc : interfaces_)
    if (!ifc->passive() && network().interface(ifc->id()).link != net::kNone)
      router_.remove_link_handler(ifc->id(), net::IpProto::kOspf);
  // The daemon's routes leave the routing table with it.
  for (const auto& [prefix, protocol] : installed_) router_.rib().withdraw(prefix, protocol, 0);
}

void OspfProcess::start() {
  if (started_) return;
  started_ = true;
  throttle_ = SpfThrottle(timers_.spf, now());  // BIRD's tick counts from the protocol start
  net::Network& net = network();
  for (auto& ifc : interfaces_) {
    if (ifc->passive() || net.interface(ifc->id()).link == net::kNone) continue;
    Interface* i = ifc.get();
    router_.add_link_handler(ifc->id(), net::IpProto::kOspf,
                             [i](const net::Packet& p, const net::Message& m) {
                               const net::Ipv4 source = p.src;  // before anything is sent
                               i->receive(source, static_cast<const Packet&>(m));
                             });
  }
  interface_listener_ = net.add_interface_listener(
      router_.id(), [this](net::InterfaceId ifc, bool up) { on_interface_event(ifc, up); });
  rib_listener_ = router_.rib().add_listener([this](const rib::RibChange& c) { on_rib_change(c); });
  trace("start, router-id " + router_id().to_string());
  for (auto& ifc : interfaces_) {
    const net::Interface& ni = net.interface(ifc->id());
    if (!ni.oper_up()) continue;
    if (ni.link == net::kNone) {
      ifc->LoopInd();
    } else {
      ifc->InterfaceUp();
    }
  }
  request_origination(router_lsa_key());
  // What the RIB holds already is a candidate for export, like any later change.
  router_.rib().for_each_active([this](const rib::Route& r) { dirty_prefixes_.insert(r.prefix); });
  if (config_.default_originate) dirty_prefixes_.insert(net::Prefix{});
  if (!dirty_prefixes_.empty()) {
    redistribution_event_pending_ = true;
    redistribution_event_ = sim_.schedule_in(sim::Duration::zero(), [this] { run_redistribution(); });
  }
}

void OspfProcess::trace(const std::string& detail) {
  sim_.trace().record(now(), node_name_, "ospf", detail);
}

void OspfProcess::on_interface_event(net::InterfaceId id, bool up) {
  auto it = std::find_if(interfaces_.begin(), interfaces_.end(),
                         [id](const auto& i) { return i->id() == id; });
  if (it == interfaces_.end()) return;
  Interface& ifc = **it;
  if (!up) {
    ifc.InterfaceDown();  // §9.3: neighbours on it are destroyed (KillNbr) at once
  } else if (network().interface(id).link == net::kNone) {
    ifc.LoopInd();
  } else {
    ifc.InterfaceUp();
  }
}

void OspfProcess::neighbor_state_changed(Neighbor& n, NeighborState from, NeighborState to) {
  trace("neighbor " + n.router_id().to_string() + " on " + n.interface().name() + ": " +
        std::string(to_string(from)) + " -> " + std::string(to_string(to)));
  const AdjacencyChange change{now(), n.interface().id(), n.router_id(), from, to};
  for (auto& f : adjacency_observers_) f(change);
  // §12.4 event 5: an adjacency reached or left Full.
  if (from == NeighborState::kFull || to == NeighborState::kFull)
    request_origination(router_lsa_key());
  // The adjacency no longer carries traffic; do not wait for the new Router-LSA.
  if (from == NeighborState::kFull) schedule_spf();
  if (from >= NeighborState::kExchange) maxage_sweep();
}

uint16_t OspfProcess::transmit_age(const LsdbEntry& e) const {
  const int64_t delay_s = timers_.transmit_delay / sim::Duration::seconds(1);
  return static_cast<uint16_t>(std::min<int64_t>(kMaxAge, e.age(now()) + delay_s));
}

bool OspfProcess::exchange_in_progress() const {
  for (const auto& ifc : interfaces_)
    for (const auto& n : ifc->neighbors())
      if (n->state() == NeighborState::kExchange || n->state() == NeighborState::kLoading)
        return true;
  return false;
}

std::vector<Neighbor*> OspfProcess::all_neighbors() {
  std::vector<Neighbor*> out;
  for (auto& ifc : interfaces_)
    for (auto& n : ifc->neighbors()) out.push_back(n.get());
  return out;
}

// --- inspection ---------------------------------------------------------------------

std::vector<NeighborInfo> OspfProcess::neighbors() const {
  std::vector<NeighborInfo> out;
  for (const auto& ifc : interfaces_)
    for (const auto& n : ifc->neighbors())
      if (n->state() >= NeighborState::kInit)
        out.push_back(NeighborInfo{n->router_id(), n->address(), ifc->id(), n->state(), n->since(),
                                   n->inactivity_deadline()});
  return out;
}

std::vector<DatabaseEntry> OspfProcess::database() const {
  std::vector<DatabaseEntry> out;
  for (const auto& [key, e] : lsdb_.entries())
    out.push_back(DatabaseEntry{key, e.lsa->seq, e.age(now()), e.lsa->checksum, e.lsa->length(),
                                key.adv_router == router_id()});
  return out;
}

const Interface* OspfProcess::find_interface(net::InterfaceId id) const {
  for (const auto& ifc : interfaces_)
    if (ifc->id() == id) return ifc.get();
  return nullptr;
}

sim::Time OspfProcess::spf_due() const {
  sim::Time due = sim::Time::max();
  if (spf_timer_.running()) due = spf_timer_.expires_at();
  if (external_timer_.running()) due = std::min(due, external_timer_.expires_at());
  return due;
}

}  // namespace ospf
