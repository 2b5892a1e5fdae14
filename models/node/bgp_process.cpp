#include "models/node/bgp_process.hpp"

#include <algorithm>

#include "models/rib/preference.hpp"

namespace node {

// One neighbour's TCP connection, seen by its session as a SessionTransport.
struct BgpProcess::Connection final : bgp::SessionTransport {
  Connection(Router& router, bgp::Session& s, net::InterfaceId out, net::Ipv4 local,
             net::Ipv4 remote)
      : session(s),
        interface(out),
        local(local),
        tcp(router.network(), out, local, remote, kBgpPort,
            transport::TcpEndpoint::Hooks{
                [this] { return session.accepts_connection(); },
                [this] { session.Tcp_CR_Acked(); },
                [this] { session.TcpConnectionConfirmed(); },
                [this] { session.TcpConnectionFails(); },
                [this](const net::Message& m) { session.receive(static_cast<const bgp::Message&>(m)); },
            }) {}

  void open_connection() override { tcp.open(); }
  void send(std::unique_ptr<bgp::Message> msg) override {
    const uint32_t bytes = msg->wire_bytes();
    tcp.send(std::shared_ptr<const net::Message>(std::move(msg)), bytes);
  }
  void close() override { tcp.close(); }

  static constexpr uint16_t kBgpPort = 179;
  bgp::Session& session;
  net::InterfaceId interface;
  net::Ipv4 local;
  transport::TcpEndpoint tcp;
};

namespace {

// What a policy chain falls back to when it decides nothing, per vendor
// (see the header comment for sources).
policy::Verdict protocol_default(vendor::Vendor v, bool is_import, rib::Protocol route_protocol,
                                 bool ebgp_session) {
  using policy::Verdict;
  if (is_import) return v == vendor::Vendor::kBird || v == vendor::Vendor::kLinux ? Verdict::kReject
                                                                                   : Verdict::kAccept;
  switch (v) {
    case vendor::Vendor::kJunos:
    case vendor::Vendor::kEos:
      return route_protocol == rib::Protocol::kBgp ? Verdict::kAccept : Verdict::kReject;
    case vendor::Vendor::kFrr:
      return !ebgp_session && route_protocol == rib::Protocol::kBgp ? Verdict::kAccept
                                                                    : Verdict::kReject;
    case vendor::Vendor::kBird:
    case vendor::Vendor::kLinux:
      return Verdict::kReject;
  }
  return Verdict::kReject;
}

policy::RouteAttributes to_attributes(const bgp::PolicyRoute& r, rib::Protocol protocol, bool ibgp,
                                      net::Ipv4 neighbour, uint32_t preference) {
  policy::RouteAttributes a;
  a.prefix = r.prefix;
  a.protocol = protocol;
  a.ibgp = ibgp;
  a.neighbour = neighbour;
  a.preference = r.preference.value_or(preference);
  a.local_pref = r.attrs.local_pref.value_or(100);
  a.med = r.attrs.med;
  a.next_hop = r.attrs.next_hop;
  a.next_hop_self = r.next_hop_self;
  a.as_path = r.attrs.as_path;
  return a;
}

}  // namespace

BgpProcess::BgpProcess(Router& router, BgpConfig config, uint64_t run_seed)
    : router_(router),
      config_(std::move(config)),
      speaker_(router.simulator(), bgp::SpeakerConfig{router.node().name, config_.local_as,
                                                     config_.router_id, config_.decision, run_seed,
                                                     config_.pacing}),
      preserved_timer_(router.simulator(), [this] { drop_preserved(); }) {
  sim::Duration restart_time = sim::Duration::zero();
  for (size_t i = 0; i < config_.neighbors.size(); ++i) {
    const BgpNeighborConfig& nb = config_.neighbors[i];
    const std::optional<Router::Attachment> at = router_.attachment(nb.address);
    if (!at)
      throw std::logic_error("BGP neighbour " + nb.address.to_string() + " of " +
                             router_.node().name + " is not on a connected subnet");
    bgp::SessionConfig sc;
    sc.node = router_.node().name;
    sc.local_address = at->local;
    sc.peer_address = nb.address;
    sc.local_as = nb.local_as;
    sc.peer_as = nb.remote_as;
    sc.router_id = config_.router_id;
    sc.passive = nb.passive;
    sc.directly_connected = true;
    sc.timers = nb.timers;
    const bgp::GracefulRestartConfig& gr = nb.timers.graceful_restart;
    sc.restarted = config_.restarted && gr.mode == bgp::GrMode::kAble;
    if (sc.restarted) restart_time = std::max(restart_time, gr.restart_time);
    speaker_.add_neighbor(bgp::NeighborConfig{
        sc, [this, i](bgp::PolicyRoute& r) { return import(i, r); },
        [this, i](bgp::PolicyRoute& r) { return export_(i, r); }});
    auto conn = std::make_unique<Connection>(router_, speaker_.session(i), at->interface, at->local,
                                             nb.address);
    speaker_.session(i).set_transport(conn.get());
    Connection* c = conn.get();
    router_.add_control_handler(at->local, nb.address, net::IpProto::kTcp,
                                [c](const net::Packet&, const net::Message& m) {
                                  c->tcp.on_segment(static_cast<const transport::Segment&>(m));
                                });
    connections_.push_back(std::move(conn));
    std::unique_ptr<bfd::Session> b;
    if (nb.bfd) {
      b = std::make_unique<bfd::Session>(router_, bfd::SessionConfig{at->local, nb.address, *nb.bfd},
                                         run_seed);
      b->on_state_change([this, i](bfd::State from, bfd::State to, bfd::Diag) {
        // RFC 5882 §4.3: only a session that was Up going Down counts.
        if (from == bfd::State::kUp && to == bfd::State::kDown) speaker_.session(i).BfdDown();
      });
    }
    bfd_.push_back(std::move(b));
  }

  bfd_reinstalled_.assign(bfd_.size(), false);
  if (config_.bfd_reinstall_on_first_established)
    speaker_.on_session_state([this](size_t i, bgp::State, bgp::State to) {
      if (to != bgp::State::kEstablished || !bfd_[i] || bfd_reinstalled_[i]) return;
      bfd_reinstalled_[i] = true;
      bfd_[i]->admin_down();  // the old session goes, telling the peer AdminDown
      bfd_[i]->admin_up();    // the new one starts from Down
    });
  speaker_.export_from(this);
  speaker_.on_best_path_change(
      [this](const net::Prefix& p, const std::vector<bgp::Path>& best) { install_best(p, best); });
  // Single-hop eBGP: a NEXT_HOP is resolvable when it is on a connected subnet
  // (RFC 4271 §9.1.2.1), at IGP cost 0.
  speaker_.set_igp_cost([this](net::Ipv4 nh) -> std::optional<uint32_t> {
    if (router_.connected_interface(nh) == net::kNone) return std::nullopt;
    return 0u;
  });
  if (restart_time > sim::Duration::zero()) {
    // RFC 4724 §4.1: forwarding continues on what the old process installed.
    router_.rib().for_each_active([&](const rib::Route& r) {
      if (r.protocol == rib::Protocol::kBgp) preserved_.insert(r.prefix);
    });
    if (!preserved_.empty()) preserved_timer_.start(restart_time);
  }
  rib_listener_ = router_.rib().add_listener(
      [this](const rib::RibChange& change) { speaker_.table_changed(change.prefix); });
  interface_listener_ = router_.network().add_interface_listener(router_.id(), [this](net::InterfaceId ifc, bool up) {
    for (size_t i = 0; i < connections_.size(); ++i) {
      if (connections_[i]->interface != ifc) continue;
      if (up)
        speaker_.session(i).interface_up();
      else
        speaker_.session(i).interface_down();
    }
    speaker_.igp_changed();
  });
}

BgpProcess::~BgpProcess() {
  router_.rib().remove_listener(rib_listener_);
  router_.network().remove_interface_listener(router_.id(), interface_listener_);
  for (size_t i = 0; i < connections_.size(); ++i) {
    const net::Ipv4 peer = config_.neighbors[i].address;
    router_.remove_control_handler(connections_[i]->local, peer, net::IpProto::kTcp);
    if (bfd_[i]) router_.remove_control_handler(connections_[i]->local, peer, net::IpProto::kUdp);
  }
  // The daemon's routes leave the routing table with it: a daemon that stops
  // removes its kernel routes (BIRD without `persist`). On a node crash the
  // FIB is gone anyway (Router::crash).
  if (!keep_routes_) router_.rib().withdraw_source(rib::Protocol::kBgp, 0);
}

bool BgpProcess::close_for_restart() {
  for (const BgpNeighborConfig& nb : config_.neighbors)
    if (nb.timers.graceful_restart.mode == bgp::GrMode::kAble) keep_routes_ = true;
  // The kernel closes the daemon's sockets: FIN after what was queued.
  for (auto& c : connections_) c->tcp.close();
  return keep_routes_;
}

void BgpProcess::drop_preserved() {
  // The restart time passed: what the new process did not learn again goes.
  std::set<net::Prefix> left;
  left.swap(preserved_);
  for (const net::Prefix& p : left)
    if (!speaker_.best_paths(p)) router_.rib().withdraw(p, rib::Protocol::kBgp, 0);
}

void BgpProcess::clear(size_t neighbor) {
  bgp::Session& s = speaker_.session(neighbor);
  router_.simulator().trace().record(router_.simulator().now(), router_.node().name, "bgp",
                                     "neighbor " + config_.neighbors[neighbor].address.to_string() +
                                         " cleared by operator");
  s.ManualStop(bgp::CeaseSubcode::kAdministrativeReset);
  s.start();
}

void BgpProcess::set_timers(size_t neighbor, const bgp::BgpTimers& timers) {
  speaker_.session(neighbor).set_timers(timers);  // throws for an unknown neighbour
  config_.neighbors[neighbor].timers = timers;
}

void BgpProcess::start() {
  speaker_.start();
  for (auto& b : bfd_)
    if (b) b->start();
}

int BgpProcess::find_neighbor(std::string_view address_or_name) const {
  for (size_t i = 0; i < config_.neighbors.size(); ++i)
    if (config_.neighbors[i].name == address_or_name ||
        config_.neighbors[i].address.to_string() == address_or_name)
      return static_cast<int>(i);
  return -1;
}

std::optional<bgp::Path> BgpProcess::active(const net::Prefix& prefix) const {
  const rib::Route* r = router_.rib().active(prefix);
  if (!r) return std::nullopt;
  if (r->protocol == rib::Protocol::kBgp) {
    const std::vector<bgp::Path>* best = speaker_.best_paths(prefix);
    if (!best || best->empty()) return std::nullopt;
    return best->front();
  }
  // A route from another protocol, exported as if originated here (ORIGIN IGP,
  // as BIRD and Junos send redistributed routes by default).
  bgp::Path p;
  p.kind = bgp::PeerKind::kLocal;
  p.attrs.origin = bgp::Origin::kIgp;
  p.peer_router_id = config_.router_id;
  p.preference = router_.rib().vendor_preference(*r);
  return p;
}

std::vector<net::Prefix> BgpProcess::prefixes() const {
  std::vector<net::Prefix> out;
  router_.rib().for_each_active([&](const rib::Route& r) { out.push_back(r.prefix); });
  return out;
}

bool BgpProcess::import(size_t i, bgp::PolicyRoute& route) const {
  const BgpNeighborConfig& nb = config_.neighbors[i];
  const vendor::Vendor v = router_.vendor();
  const bool ibgp = nb.local_as == nb.remote_as;
  policy::RouteAttributes a = to_attributes(route, rib::Protocol::kBgp, ibgp, nb.address,
                                            rib::default_preference(v, rib::Protocol::kBgp, ibgp));
  if (!nb.import_policies.empty() &&
      !policy::evaluate_chain(nb.import_policies, a,
                              protocol_default(v, true, rib::Protocol::kBgp, !ibgp)))
    return false;
  route.preference = a.preference;
  route.attrs.local_pref = a.local_pref;
  route.attrs.med = a.med;
  route.attrs.next_hop = a.next_hop;
  route.attrs.as_path = std::move(a.as_path);
  return true;
}

bool BgpProcess::export_(size_t i, bgp::PolicyRoute& route) const {
  const BgpNeighborConfig& nb = config_.neighbors[i];
  const vendor::Vendor v = router_.vendor();
  const bool ibgp = nb.local_as == nb.remote_as;
  const rib::Route* active = router_.rib().active(route.prefix);
  const rib::Protocol protocol = active ? active->protocol : rib::Protocol::kBgp;
  policy::RouteAttributes a =
      to_attributes(route, protocol, active && active->ibgp, nb.address,
                    active ? router_.rib().vendor_preference(*active) : 0);
  const policy::Verdict fallback = protocol_default(v, false, protocol, !ibgp);
  if (nb.export_policies.empty()) {
    if (fallback != policy::Verdict::kAccept) return false;
  } else if (!policy::evaluate_chain(nb.export_policies, a, fallback)) {
    return false;
  }
  route.next_hop_self = a.next_hop_self;
  route.attrs.med = a.med;
  route.attrs.as_path = std::move(a.as_path);
  if (ibgp) route.attrs.local_pref = a.local_pref;
  return true;
}

void BgpProcess::install_best(const net::Prefix& prefix, const std::vector<bgp::Path>& best) {
  preserved_.erase(prefix);
  rib::Route r;
  r.prefix = prefix;
  r.protocol = rib::Protocol::kBgp;
  r.source = 0;
  for (const bgp::Path& p : best) {
    if (p.kind == bgp::PeerKind::kLocal) continue;  // our own routes are in the RIB already
    const net::InterfaceId out = router_.connected_interface(p.attrs.next_hop);
    if (out != net::kNone) r.next_hops.push_back(rib::NextHop{p.attrs.next_hop, out});
  }
  if (r.next_hops.empty()) {
    router_.rib().withdraw(prefix, rib::Protocol::kBgp, 0);
    return;
  }
  const bgp::Path& first = best.front();
  const vendor::Vendor v = router_.vendor();
  r.ibgp = first.kind == bgp::PeerKind::kIbgp;
  r.metric = first.attrs.med.value_or(0);
  r.preference = first.preference ? rib::to_internal(v, *first.preference)
                                  : rib::default_internal_preference(v, rib::Protocol::kBgp, r.ibgp);
  router_.rib().update(std::move(r));
}

}  // namespace node
