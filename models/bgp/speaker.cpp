// Receiving and deciding: Adj-RIB-In, the decision process per prefix and
// the Loc-RIB (RFC 4271 §9.1). Sending is in speaker_out.cpp.
#include "models/bgp/speaker.hpp"

#include "models/bgp/speaker_neighbor.hpp"

namespace bgp {

Speaker::Speaker(sim::Simulator& sim, SpeakerConfig config)
    : sim_(sim),
      config_(std::move(config)),
      decision_timer_(sim, [this] { run_decision_queue(); }),
      refresh_timer_(sim, [this] { request_refresh_from_all(); }) {}

Speaker::~Speaker() = default;

size_t Speaker::add_neighbor(NeighborConfig config) {
  const size_t index = neighbors_.size();
  auto n = std::make_unique<Neighbor>(sim_, std::move(config), config_.run_seed, this, index);
  Neighbor* raw = n.get();
  n->session.on_state_change(
      [this, raw](Session&, State from, State to) { handle_state_change(*raw, from, to); });
  n->session.on_update([this, raw](Session&, const Update& u) { handle_update(*raw, u); });
  if (config_.pacing.first_update == FirstUpdate::kNextWakeup) {
    n->session.on_activity([this] { wake(); });
    n->session.set_hold_expiry_wakeup_max(config_.pacing.wakeup_max);
  }
  n->session.on_route_refresh([this, raw](Session&) { resend_all(*raw); });
  neighbors_.push_back(std::move(n));
  return index;
}

Session& Speaker::session(size_t neighbor) { return neighbors_.at(neighbor)->session; }
const Session& Speaker::session(size_t neighbor) const { return neighbors_.at(neighbor)->session; }

void Speaker::start() {
  for (auto& n : neighbors_) n->session.start();
  if (config_.pacing.route_refresh_after_start > sim::Duration::zero())
    refresh_timer_.start(config_.pacing.route_refresh_after_start);
}

void Speaker::request_refresh_from_all() {
  for (auto& n : neighbors_) n->session.send_route_refresh();
}

void Speaker::originate(const net::Prefix& prefix, PathAttributes attrs) {
  originated_[prefix] = std::move(attrs);
  recompute(prefix);
}

void Speaker::withdraw_origin(const net::Prefix& prefix) {
  if (originated_.erase(prefix) > 0) recompute(prefix);
}

void Speaker::igp_changed() {
  std::set<net::Prefix> all;
  for (const auto& [p, paths] : loc_rib_) all.insert(p);
  for (const auto& n : neighbors_)
    for (const auto& [p, path] : n->adj_rib_in) all.insert(p);
  for (const auto& p : all) recompute(p);
}

const std::vector<Path>* Speaker::best_paths(const net::Prefix& prefix) const {
  auto it = loc_rib_.find(prefix);
  return it == loc_rib_.end() ? nullptr : &it->second;
}

const std::map<net::Prefix, Path>& Speaker::adj_rib_in(size_t neighbor) const {
  return neighbors_.at(neighbor)->adj_rib_in;
}

size_t Speaker::received_count(size_t neighbor) const {
  return neighbors_.at(neighbor)->received.size();
}

const std::map<net::Prefix, PathAttributes>& Speaker::adj_rib_out(size_t neighbor) const {
  return neighbors_.at(neighbor)->adj_rib_out;
}

size_t Speaker::stale_count(size_t neighbor) const { return neighbors_.at(neighbor)->stale.size(); }

bool Speaker::is_stale(size_t neighbor, const net::Prefix& prefix) const {
  return neighbors_.at(neighbor)->stale.count(prefix) > 0;
}

uint64_t Speaker::updates_sent(size_t neighbor) const {
  return neighbors_.at(neighbor)->updates_sent;
}

void Speaker::handle_state_change(Neighbor& n, State from, State to) {
  if (on_session_state_) on_session_state_(n.index, from, to);
  if (to == State::kEstablished) {
    // BIRD: a session back while the peer's graceful restart runs finds its
    // protocol still up and sends at once; only a protocol that (re)starts
    // waits for the loop to wake. Measured on BIRD 2.0.12 after a long-lived
    // restart: the switch had pc's route 60 to 80 ms after Established, the
    // switch's own 50 ms hold included, in 5 of 5 runs (docs/validation.md).
    const bool peer_was_restarting = n.restart_timer.running();
    graceful_restart_established(n);
    // A new session starts from an empty Adj-RIB-Out: send the whole table.
    if (table_)
      for (const net::Prefix& prefix : table_->prefixes()) n.pending.insert(prefix);
    else
      for (const auto& [prefix, paths] : loc_rib_) n.pending.insert(prefix);
    if (peer_was_restarting && config_.pacing.first_update == FirstUpdate::kNextWakeup)
      schedule_send(n);
    else
      schedule_first_send(n);
    return;
  }
  if (from != State::kEstablished) return;
  // Session lost (RFC 4271 §9.1, §8.2.2): its routes leave the Adj-RIB-In and
  // every prefix they were for is decided again and re-advertised.
  n.adj_rib_out.clear();
  n.pending.clear();
  n.mrai_timer.stop();
  n.send_timer.stop();
  n.received.clear();
  n.end_of_rib_due = false;
  n.awaiting_wakeup = false;
  if (keep_as_stale(n)) return;  // RFC 4724 §4.2: kept, marked stale
  std::map<net::Prefix, Path> lost;
  lost.swap(n.adj_rib_in);
  for (const auto& [prefix, path] : lost) recompute(prefix, config_.pacing.clear_hold);
}

void Speaker::handle_update(Neighbor& n, const Update& update) {
  const Session& s = n.session;
  if (is_end_of_rib(update)) return end_of_rib_received(n);
  for (const auto& prefix : update.withdrawn) {
    n.stale.erase(prefix);
    n.received.erase(prefix);
    if (n.adj_rib_in.erase(prefix) > 0) recompute(prefix);
  }
  if (!update.attributes) return;
  for (const auto& prefix : update.nlri) {
    n.stale.erase(prefix);  // refreshed (RFC 4724 §4.2)
    n.received.insert(prefix);
    PolicyRoute route{prefix, *update.attributes, std::nullopt, false};
    // RFC 4271 §5.1.5: LOCAL_PREF from an external peer is ignored.
    if (s.ebgp()) route.attrs.local_pref.reset();
    // §9.1.2: a path with our own AS in it is a loop and is not used.
    bool accepted = !route.attrs.contains_as(config_.local_as);
    if (accepted && n.import_filter) accepted = n.import_filter(route);
    const bool had = n.adj_rib_in.count(prefix) > 0;
    if (accepted) {
      Path path;
      path.attrs = std::move(route.attrs);
      path.kind = s.ebgp() ? PeerKind::kEbgp : PeerKind::kIbgp;
      path.neighbor = static_cast<int>(n.index);
      path.peer_address = s.config().peer_address;
      path.peer_router_id = s.peer_router_id();
      path.preference = route.preference;
      n.adj_rib_in[prefix] = std::move(path);
    } else {
      n.adj_rib_in.erase(prefix);
    }
    if (accepted || had) recompute(prefix);
  }
}

void Speaker::recompute(const net::Prefix& prefix, sim::Duration extra) {
  const sim::Duration hold = config_.pacing.decision_hold + extra;
  if (hold == sim::Duration::zero()) return decide(prefix);
  // FRR's work queues: the first item arms the queue's hold timer, later
  // ones ride along with that run.
  decision_queue_.insert(prefix);
  if (!decision_timer_.running()) decision_timer_.start(hold);
}

void Speaker::run_decision_queue() {
  std::set<net::Prefix> due;
  due.swap(decision_queue_);
  for (const net::Prefix& prefix : due) decide(prefix);
}

void Speaker::decide(const net::Prefix& prefix) {
  // Gather the feasible paths: originated, and learned ones whose NEXT_HOP
  // the IGP can resolve (§9.1.2.1).
  std::vector<Path> paths;
  if (auto it = originated_.find(prefix); it != originated_.end()) {
    Path local;
    local.attrs = it->second;
    local.kind = PeerKind::kLocal;
    local.peer_router_id = config_.router_id;
    paths.push_back(std::move(local));
  }
  for (const auto& n : neighbors_) {
    auto it = n->adj_rib_in.find(prefix);
    if (it == n->adj_rib_in.end()) continue;
    Path p = it->second;
    const std::optional<uint32_t> cost =
        igp_cost_ ? igp_cost_(p.attrs.next_hop) : std::optional<uint32_t>(0);
    if (!cost) continue;
    p.igp_cost = *cost;
    paths.push_back(std::move(p));
  }
  std::vector<Candidate> cands;
  cands.reserve(paths.size());
  for (const auto& p : paths)
    cands.push_back(Candidate{&p.attrs, p.kind, p.peer_router_id, p.peer_address, p.igp_cost});
  const Selection sel = select_paths(cands, config_.decision);
  std::vector<Path> best;
  for (size_t i : sel.paths) best.push_back(paths[i]);

  auto it = loc_rib_.find(prefix);
  if (it == loc_rib_.end() ? best.empty() : it->second == best) return;
  if (best.empty())
    loc_rib_.erase(prefix);
  else
    loc_rib_[prefix] = best;
  if (on_best_change_) on_best_change_(prefix, best);
  mark_pending(prefix);
}

}  // namespace bgp
