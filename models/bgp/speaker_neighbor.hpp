// Per-neighbour state of a Speaker (internal to speaker*.cpp).
#pragma once

#include <set>

#include "models/bgp/speaker.hpp"

namespace bgp {

struct Speaker::Neighbor {
  Neighbor(sim::Simulator& sim, NeighborConfig config, uint64_t run_seed, Speaker* owner,
           size_t idx)
      : session(sim, std::move(config.session), run_seed),
        import_filter(std::move(config.import_filter)),
        export_filter(std::move(config.export_filter)),
        index(idx),
        speaker(owner),
        mrai_timer(sim, [this] { speaker->flush(*this); }),
        send_timer(sim, [this] { speaker->flush(*this); }),
        restart_timer(sim, [this] { speaker->purge_stale(*this, "restart timer expired"); }),
        stale_timer(sim, [this] { speaker->purge_stale(*this, "stale routes time expired"); }) {}

  Session session;
  Filter import_filter;
  Filter export_filter;
  size_t index;
  Speaker* speaker;

  std::map<net::Prefix, Path> adj_rib_in;             // accepted routes
  std::set<net::Prefix> received;                     // announced by the peer, accepted or not
  std::map<net::Prefix, PathAttributes> adj_rib_out;  // what the peer has from us
  std::set<net::Prefix> pending;                      // decided but not yet sent
  uint64_t updates_sent = 0;

  // RFC 4724 graceful restart, helper side: routes of the Adj-RIB-In kept
  // after the session went down, not yet refreshed by the peer.
  std::set<net::Prefix> stale;
  bool end_of_rib_due = false;  // send End-of-RIB after the initial update
  // The initial update waits for the daemon to wake (FirstUpdate::kNextWakeup).
  bool awaiting_wakeup = false;

  // RFC 4271 §9.2.1.1 MinRouteAdvertisementIntervalTimer, one per neighbour
  // as the daemons keep it (the RFC allows per destination).
  sim::Timer mrai_timer;
  // Fires at the end of the current instant so that changes made together
  // are sent together.
  sim::Timer send_timer;
  // RFC 4724 §4.2 Restart Timer (the peer's Restart Time), and the wait for
  // End-of-RIB once the peer is back (FRR stalepath-time, Junos stale-routes-time).
  sim::Timer restart_timer;
  sim::Timer stale_timer;
};

}  // namespace bgp
