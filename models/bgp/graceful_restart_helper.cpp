// The helper side of BGP graceful restart (RFC 4724 §4.2) in the speaker:
// a restarting peer's routes kept as stale, the Restart Timer, End-of-RIB
// and the purge of what the peer did not send again. Stale routes stay in
// the Adj-RIB-In unchanged, so the Loc-RIB, the RIB and the FIB keep them
// too (the point of graceful restart: forwarding continues).
#include "models/bgp/speaker.hpp"
#include "models/bgp/speaker_neighbor.hpp"

namespace bgp {
namespace {

std::string seconds_text(sim::Duration d) { return sim::format_duration(d); }

}  // namespace

bool Speaker::keep_as_stale(Neighbor& n) {
  const Session& s = n.session;
  const GracefulRestartConfig& gr = s.config().timers.graceful_restart;
  n.stale_timer.stop();
  if (!retains_routes(gr, s.peer_graceful_restart(), s.closed_without_notification(),
                      s.lost_as_long_lived_restart())) {
    n.restart_timer.stop();
    n.stale.clear();
    return false;
  }
  for (const auto& [prefix, path] : n.adj_rib_in) n.stale.insert(prefix);
  const sim::Duration restart = sim::Duration::seconds(s.peer_graceful_restart()->restart_time_s);
  n.restart_timer.start(restart);
  sim_.trace().record(sim_.now(), config_.node, "bgp",
                      "neighbor " + s.config().peer_address.to_string() + " graceful restart: " +
                          std::to_string(n.stale.size()) + " routes kept as stale for up to " +
                          seconds_text(restart));
  if (n.stale.empty()) n.restart_timer.stop();
  return true;
}

void Speaker::graceful_restart_established(Neighbor& n) {
  const Session& s = n.session;
  const GracefulRestartConfig& gr = s.config().timers.graceful_restart;
  n.end_of_rib_due = sends_end_of_rib(gr, s.peer_graceful_restart());
  if (n.stale.empty()) return;
  n.restart_timer.stop();
  // §4.2: without the F bit for IPv4 unicast the peer kept no forwarding
  // state, and the stale routes go at once.
  if (!keeps_stale_after_reopen(s.peer_graceful_restart()))
    return purge_stale(n, "peer kept no forwarding state");
  if (gr.stale_routes_time) n.stale_timer.start(*gr.stale_routes_time);
}

void Speaker::end_of_rib_received(Neighbor& n) {
  if (!n.stale.empty()) purge_stale(n, "End-of-RIB");
}

void Speaker::purge_stale(Neighbor& n, const char* why) {
  n.restart_timer.stop();
  n.stale_timer.stop();
  std::set<net::Prefix> stale;
  stale.swap(n.stale);
  size_t purged = 0;
  for (const net::Prefix& prefix : stale) {
    if (n.adj_rib_in.erase(prefix) == 0) continue;
    ++purged;
    recompute(prefix);
  }
  sim_.trace().record(sim_.now(), config_.node, "bgp",
                      "neighbor " + n.session.config().peer_address.to_string() +
                          " graceful restart over (" + why + "): " + std::to_string(purged) +
                          " stale routes removed");
}

}  // namespace bgp
