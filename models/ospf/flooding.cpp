// OspfProcess: the flooding procedure (RFC 2328 §13), acknowledgements
// (§13.5, §13.7), the database (§13.2) and MaxAge removal (§14).
#include <algorithm>

#include "models/ospf/process.hpp"

namespace ospf {

// §13 steps (1)-(8) for each LSA of an update from `from`.
void OspfProcess::receive_update(Neighbor& from, const LinkStateUpdate& lsu) {
  if (from.state() < NeighborState::kExchange) return;  // §13: dropped below Exchange
  const sim::Time t = now();
  for (const LsaCopy& copy : lsu.lsas) {
    ++counters_.lsa_received;
    const LsaHeader h = copy.header();
    const LsaKey& key = h.key;
    if (key.type != LsaType::kRouter && key.type != LsaType::kAsExternal) continue;  // (2)
    const LsdbEntry* db = lsdb_.find(key);
    // (4): a MaxAge LSA we do not hold, with no exchange under way: ack it, drop it.
    if (h.age >= kMaxAge && !db && !exchange_in_progress()) {
      from.send_direct_ack(h);
      continue;
    }
    const int cmp = db ? compare_instances(h, db->header(t)) : 1;
    if (cmp > 0) {
      // (5a): a new instance within MinLSArrival of the last one installed
      // from flooding is discarded unacknowledged; the sender retransmits it.
      if (db && db->from_flooding && t - db->installed_at < timers_.min_ls_arrival) {
        ++counters_.lsa_discarded_min_arrival;
        trace("discard " + describe(key, h.seq) + " from " + from.router_id().to_string() +
              ": MinLSArrival");
        continue;
      }
      const LsdbEntry entry{copy.lsa, std::min(h.age, kMaxAge), t, true};
      remove_from_retransmission_lists(key);  // (5c), before (5b) lists the new instance
      flood(entry, &from);                    // (5b)
      install(entry);                         // (5d)
      // (5e) §13.5: not flooded back out the receiving interface (point-to-point):
      // a delayed acknowledgement.
      from.queue_delayed_ack(h);
      if (key.adv_router == router_id()) self_originated_received(key, h.seq);  // (5f)
      continue;
    }
    // (6): the neighbour sends what we asked for, but not newer than ours.
    if (from.requested(key)) {
      from.BadLSReq();
      return;
    }
    if (cmp == 0) {
      // (7): a duplicate. If we were waiting for its ack it is an implied
      // ack (§13.5: no ack then); otherwise acknowledge it directly.
      ++counters_.lsa_duplicates;
      if (from.on_retransmission_list(key)) {
        from.remove_from_retransmission(key);
      } else {
        from.send_direct_ack(h);
      }
      continue;
    }
    // (8): our copy is more recent: send it back (not put on a retransmission list).
    if (db->max_age(t) && db->lsa->seq == kMaxSequenceNumber) continue;
    from.interface().send_update({LsaCopy{db->lsa, transmit_age(*db)}});
  }
  from.requests_progressed();
  maxage_sweep();
}

void OspfProcess::receive_ack(Neighbor& from, const LinkStateAck& ack) {
  if (from.state() < NeighborState::kExchange) return;  // §13.7
  for (const LsaHeader& h : ack.headers) from.acknowledge(h);
  maxage_sweep();
}

// §13.3: put the instance on the retransmission list of every adjacent
// neighbour that needs it and send it out of their interfaces.
void OspfProcess::flood(const LsdbEntry& entry, Neighbor* from) {
  const LsaHeader h = entry.header(now());
  for (auto& ifc : interfaces_) {
    if (!ifc->active()) continue;
    bool listed = false;
    for (auto& n : ifc->neighbors()) {
      if (n->state() < NeighborState::kExchange) continue;  // (1a)
      if (n->state() != NeighborState::kFull) {
        // (1b): an adjacency still loading may have asked for this LSA.
        if (const LsaHeader* req = n->requested(h.key)) {
          const int c = compare_instances(h, *req);
          if (c < 0) continue;
          n->remove_request(h.key);
          if (n.get() != from) n->requests_progressed();
          if (c == 0) continue;
        }
      }
      if (n.get() == from) continue;  // (1c)
      n->add_to_retransmission(entry);  // (1d)
      listed = true;
    }
    // (2)-(5): on a point-to-point interface the only neighbour is the
    // sender when the LSA came in here, so it was not listed and nothing goes out.
    if (!listed) continue;
    ifc->send_update({LsaCopy{entry.lsa, transmit_age(entry)}});
  }
}

// §13.2: install, and recalculate routes if the contents changed.
void OspfProcess::install(LsdbEntry entry) {
  const LsaKey key = entry.lsa->key;
  const sim::Time t = now();
  const LsdbEntry* old = lsdb_.find(key);
  const bool is_max = entry.max_age(t);
  const bool changed = !old || old->max_age(t) != is_max || !old->lsa->same_contents(*entry.lsa);
  lsdb_.install(std::move(entry));
  if (is_max) {
    maxage_.insert(key);
  } else {
    maxage_.erase(key);
    arm_aging_timer(*lsdb_.find(key));
  }
  // Our own AS-external-LSAs never yield routes here: no recalculation for them.
  const bool own_external = key.type == LsaType::kAsExternal && key.adv_router == router_id();
  if (changed && !own_external) lsdb_changed(key.type);
}

void OspfProcess::remove_from_retransmission_lists(const LsaKey& key) {
  for (auto& ifc : interfaces_)
    for (auto& n : ifc->neighbors())
      if (!n->retransmission_empty()) n->remove_from_retransmission(key);
}

// §10.3 NegotiationDone: the database for the summary list; MaxAge LSAs
// are put on the neighbour's retransmission list instead.
std::vector<LsaHeader> OspfProcess::exchange_summary(Neighbor& n) {
  std::vector<LsaHeader> out;
  const sim::Time t = now();
  for (const auto& [key, e] : lsdb_.entries()) {
    if (e.max_age(t)) {
      n.add_to_retransmission(e);
    } else {
      out.push_back(e.header(t));
    }
  }
  return out;
}

// §14: a MaxAge LSA leaves the database once it is on no retransmission list
// and no neighbour is in Exchange or Loading.
void OspfProcess::maxage_sweep() {
  if (maxage_.empty() || exchange_in_progress()) return;
  std::vector<LsaKey> removable;
  const std::vector<Neighbor*> neighbors = all_neighbors();
  for (const LsaKey& key : maxage_) {
    const bool listed = std::any_of(neighbors.begin(), neighbors.end(),
                                    [&key](Neighbor* n) { return n->on_retransmission_list(key); });
    if (!listed) removable.push_back(key);
  }
  for (const LsaKey& key : removable) {
    if (const LsdbEntry* e = lsdb_.find(key)) {
      if (key.adv_router == router_id()) last_seq_[key] = e->lsa->seq;
      trace("remove " + describe(key, e->lsa->seq));
    }
    lsdb_.erase(key);
    maxage_.erase(key);
  }
}

}  // namespace ospf
