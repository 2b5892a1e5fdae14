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
        send_timer(sim, [this] { speaker->flush(*this); }) {}

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

  // RFC 4271 §9.2.1.1 MinRouteAdvertisementIntervalTimer, one per neighbour
  // as the daemons keep it (the RFC allows per destination).
  sim::Timer mrai_timer;
  // Fires at the end of the current instant so that changes made together
  // are sent together.
  sim::Timer send_timer;
};

}  // namespace bgp
