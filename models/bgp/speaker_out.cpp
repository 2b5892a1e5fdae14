// Sending: export policy, the eBGP attribute rules, Adj-RIB-Out and the
// MinRouteAdvertisementIntervalTimer (RFC 4271 §9.2).
#include <algorithm>
#include <iterator>
#include <map>
#include <vector>

#include "models/bgp/speaker.hpp"
#include "models/bgp/speaker_neighbor.hpp"

namespace bgp {

void Speaker::mark_pending(const net::Prefix& prefix) {
  for (auto& n : neighbors_) {
    if (n->session.state() != State::kEstablished) continue;
    n->pending.insert(prefix);
    schedule_send(*n);
  }
}

void Speaker::schedule_send(Neighbor& n) {
  // The send timer runs after the events already queued for this instant,
  // so a burst of changes (a session loss withdrawing many prefixes) leaves
  // in as few UPDATEs as the attributes allow. Whether the MRAI holds them
  // back is decided when it fires.
  if (!n.send_timer.running()) n.send_timer.start(sim::Duration::zero());
}

void Speaker::schedule_first_send(Neighbor& n) {
  const Pacing& p = config_.pacing;
  switch (p.first_update) {
    case FirstUpdate::kAtOnce:
      return schedule_send(n);
    case FirstUpdate::kCoalesce:
      // Changes made meanwhile wait for this timer too: the subgroup has
      // not announced anything yet.
      return n.send_timer.start(p.coalesce_time(neighbors_.size()));
    case FirstUpdate::kNextWakeup:
      n.awaiting_wakeup = true;
      return n.send_timer.start(p.wakeup_max);
  }
}

void Speaker::wake() {
  for (auto& n : neighbors_) n->session.wake();
  for (auto& n : neighbors_) {
    if (!n->awaiting_wakeup) continue;
    n->awaiting_wakeup = false;
    n->send_timer.start(sim::Duration::zero());
  }
}

void Speaker::resend_all(Neighbor& n) {
  // Forget what the peer has, so that every route goes again.
  n.adj_rib_out.clear();
  if (table_)
    for (const net::Prefix& prefix : table_->prefixes()) n.pending.insert(prefix);
  else
    for (const auto& [prefix, paths] : loc_rib_) n.pending.insert(prefix);
  schedule_send(n);
}

std::optional<PathAttributes> Speaker::exported(const Neighbor& n,
                                                const net::Prefix& prefix) const {
  std::optional<Path> from_table;
  const Path* best_ptr = nullptr;
  if (table_) {
    from_table = table_->active(prefix);
    if (!from_table) return std::nullopt;
    best_ptr = &*from_table;
  } else {
    auto it = loc_rib_.find(prefix);
    if (it == loc_rib_.end()) return std::nullopt;
    best_ptr = &it->second.front();
  }
  const Path& best = *best_ptr;
  const Session& s = n.session;
  // Not back to the neighbour the best path came from (BIRD and FRR do not
  // export a route to its source), and no iBGP route to an iBGP peer
  // (RFC 4271 §9.2.1; no route reflection).
  if (best.neighbor == static_cast<int>(n.index)) return std::nullopt;
  if (best.kind == PeerKind::kIbgp && !s.ebgp()) return std::nullopt;

  PolicyRoute route{prefix, best.attrs, best.preference, false};
  if (s.ebgp()) {
    route.attrs.local_pref.reset();  // §5.1.5: not sent to external peers
    // §5.1.4: a MED received from a neighbouring AS is not passed on to
    // other ASes; a locally set one may be (export policy can set it).
    if (best.kind != PeerKind::kLocal) route.attrs.med.reset();
  } else if (!route.attrs.local_pref) {
    route.attrs.local_pref = config_.decision.default_local_pref;  // §5.1.5: MUST be sent
  }
  if (n.export_filter && !n.export_filter(route)) return std::nullopt;

  const net::Ipv4 self = s.config().local_address;
  if (s.ebgp()) {
    // §5.1.2: prepend our AS; §5.1.3: our own address as NEXT_HOP (next-hop
    // self is what every daemon does on a single-hop eBGP session).
    route.attrs.as_path.insert(route.attrs.as_path.begin(), config_.local_as);
    route.attrs.next_hop = self;
  } else if (route.next_hop_self || best.kind == PeerKind::kLocal ||
             route.attrs.next_hop.value == 0) {
    route.attrs.next_hop = self;
  }
  return route.attrs;
}

void Speaker::flush(Neighbor& n) {
  if (n.session.state() != State::kEstablished) {
    n.pending.clear();
    return;
  }
  const BgpTimers& t = n.session.config().timers;
  const sim::Duration mrai = n.session.ebgp() ? t.mrai_ebgp : t.mrai_ibgp;
  const bool mrai_running = n.mrai_timer.running();
  const bool hold_withdrawals = mrai_running && t.mrai_applies_to_withdrawals;

  std::vector<net::Prefix> withdrawn;
  std::map<net::Prefix, PathAttributes> announce;
  for (auto it = n.pending.begin(); it != n.pending.end();) {
    const net::Prefix& prefix = *it;
    const std::optional<PathAttributes> want = exported(n, prefix);
    auto out = n.adj_rib_out.find(prefix);
    const bool has = out != n.adj_rib_out.end();
    if (!want) {
      if (!has) {
        it = n.pending.erase(it);
      } else if (hold_withdrawals) {
        ++it;
      } else {
        withdrawn.push_back(prefix);
        n.adj_rib_out.erase(out);
        it = n.pending.erase(it);
      }
      continue;
    }
    if (has && out->second == *want) {
      it = n.pending.erase(it);
    } else if (mrai_running) {
      ++it;  // sent, batched with later changes, when the MRAI timer expires
    } else {
      announce[prefix] = *want;
      n.adj_rib_out[prefix] = *want;
      it = n.pending.erase(it);
    }
  }
  const bool sending = !withdrawn.empty() || !announce.empty();
  if (sending) send_batch(n, std::move(withdrawn), announce);
  // RFC 4724 §4.1: End-of-RIB once the initial update is out.
  if (n.end_of_rib_due && n.pending.empty()) {
    n.end_of_rib_due = false;
    n.session.send_update(std::make_unique<Update>());
  }
  if (!sending) return;
  // §9.2.1.1: the next advertisement to this peer waits at least the MRAI.
  if (mrai > sim::Duration::zero() && (!announce.empty() || t.mrai_applies_to_withdrawals) &&
      !mrai_running)
    n.mrai_timer.start(n.session.jittered(mrai, TimerKind::kMrai));
}

void Speaker::send_batch(Neighbor& n, std::vector<net::Prefix> withdrawn,
                         const std::map<net::Prefix, PathAttributes>& announce) {
  // One UPDATE per distinct attribute set, withdrawals riding in the first;
  // a message that would pass 4096 bytes (RFC 4271 §4) is split.
  std::vector<std::pair<PathAttributes, std::vector<net::Prefix>>> groups;
  for (const auto& [prefix, attrs] : announce) {
    // An init-capture: clang before 16 cannot capture a structured binding.
    auto g = std::find_if(groups.begin(), groups.end(),
                          [&a = attrs](const auto& entry) { return entry.first == a; });
    if (g == groups.end()) {
      groups.emplace_back(attrs, std::vector<net::Prefix>{});
      g = std::prev(groups.end());
    }
    g->second.push_back(prefix);
  }

  auto update = std::make_unique<Update>();
  auto ship = [&] {
    if (update->withdrawn.empty() && update->nlri.empty()) return;
    ++n.updates_sent;
    n.session.send_update(std::move(update));
    update = std::make_unique<Update>();
  };
  for (const auto& prefix : withdrawn) {
    if (update->wire_bytes() + prefix_wire_bytes(prefix) > kMaxMessageBytes) ship();
    update->withdrawn.push_back(prefix);
  }
  for (auto& [attrs, prefixes] : groups) {
    if (!update->nlri.empty() || update->wire_bytes() + attrs.wire_bytes() > kMaxMessageBytes)
      ship();
    update->attributes = attrs;
    for (const auto& prefix : prefixes) {
      if (update->wire_bytes() + prefix_wire_bytes(prefix) > kMaxMessageBytes) {
        ship();
        update->attributes = attrs;
      }
      update->nlri.push_back(prefix);
    }
  }
  ship();
}

}  // namespace bgp
