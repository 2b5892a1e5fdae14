// OspfProcess: the LSAs this router originates (RFC 2328 §12.4), their
// pacing (MinLSInterval), refresh (LSRefreshTime), premature aging (§14.1),
// and redistribution of RIB routes into AS-external-LSAs (§12.4.4).
//
// Origination is by request: whatever may change an LSA's contents asks for
// the LSA to be rebuilt. Requests made at one instant are handled together
// in one event a moment later (zero delay), so a batch of changes (every
// interface coming up at start) makes one new instance, not one per change.
// A rebuilt LSA identical to the installed instance is not originated; one
// wanted within MinLSInterval of the previous origination waits for it. An
// LSA no longer wanted is flushed at once: premature aging is not an
// origination, so MinLSInterval does not hold it back (FRR and BIRD flush
// immediately too).
#include <algorithm>

#include "models/ospf/process.hpp"
#include "models/rib/preference.hpp"

namespace ospf {

void OspfProcess::request_origination(const LsaKey& key) {
  if (!started_) return;
  pending_originations_.insert(key);
  if (origination_event_pending_) return;
  origination_event_pending_ = true;
  origination_event_ = sim_.schedule_in(sim::Duration::zero(), [this] { run_originations(); });
}

void OspfProcess::run_originations() {
  origination_event_pending_ = false;
  std::set<LsaKey> keys;
  keys.swap(pending_originations_);
  for (const LsaKey& key : keys) originate_or_defer(key);
}

void OspfProcess::originate_or_defer(const LsaKey& key) {
  std::optional<Lsa> body = build(key);
  const LsdbEntry* current = lsdb_.find(key);
  const bool live = current && !current->max_age(now());
  if (!body) {
    deferred_.erase(key);
    if (live) flush(key);
    return;
  }
  if (live && current->lsa->same_contents(*body)) {
    deferred_.erase(key);
    return;
  }
  if (deferred_.count(key)) return;  // already waiting for MinLSInterval
  // §12.4: "no LSA can be originated more than once every MinLSInterval".
  auto last = last_originated_.find(key);
  if (last != last_originated_.end() && now() < last->second + timers_.min_ls_interval) {
    const sim::Time at = last->second + timers_.min_ls_interval;
    deferred_[key] = at;
    if (!origination_timer_.running() || at < origination_timer_.expires_at())
      origination_timer_.start(at - now());
    return;
  }
  originate(std::move(*body), false);
}

void OspfProcess::on_origination_timer() {
  std::vector<LsaKey> due;
  sim::Time next = sim::Time::max();
  for (const auto& [key, at] : deferred_) {
    if (at <= now()) {
      due.push_back(key);
    } else {
      next = std::min(next, at);
    }
  }
  for (const LsaKey& key : due) {
    deferred_.erase(key);
    originate_or_defer(key);
  }
  if (next != sim::Time::max()) origination_timer_.start(next - now());
}

void OspfProcess::originate(Lsa body, bool refresh) {
  const LsaKey key = body.key;
  const LsdbEntry* current = lsdb_.find(key);
  // §12.1.6: the next sequence number; InitialSequenceNumber for a new LSA.
  // (Wrapping at MaxSequenceNumber takes 2^31 originations: not modelled.)
  int32_t seq = kInitialSequenceNumber;
  if (current) {
    seq = current->lsa->seq + 1;
  } else if (auto it = last_seq_.find(key); it != last_seq_.end()) {
    seq = it->second + 1;
  }
  body.seq = seq;
  body.finalise();
  const LsdbEntry entry{std::make_shared<const Lsa>(std::move(body)), 0, now(), false};
  last_originated_[key] = now();
  ++(refresh ? counters_.lsa_refreshed : counters_.lsa_originated);
  trace(std::string(refresh ? "refresh " : "originate ") + describe(key, seq));
  remove_from_retransmission_lists(key);
  install(entry);
  flood(entry, nullptr);
}

// §14.1: set the age to MaxAge and flood; it leaves every database once acknowledged.
void OspfProcess::flush(const LsaKey& key) {
  const LsdbEntry* current = lsdb_.find(key);
  if (!current) return;
  const LsdbEntry entry{current->lsa, kMaxAge, now(), false};
  ++counters_.lsa_flushed;
  trace("flush " + describe(key, current->lsa->seq));
  remove_from_retransmission_lists(key);
  install(entry);
  flood(entry, nullptr);
  // §14: with no adjacent neighbour to acknowledge it, nothing else would
  // remove it (an isolated router kept it until its next refresh).
  maxage_sweep();
}

std::optional<Lsa> OspfProcess::build(const LsaKey& key) const {
  if (key.adv_router != router_id()) return std::nullopt;
  if (key == router_lsa_key()) return build_router_lsa();
  if (key.type != LsaType::kAsExternal) return std::nullopt;
  auto p = prefix_of_lsid_.find(key.id);
  if (p == prefix_of_lsid_.end()) return std::nullopt;
  auto spec = exported_.find(p->second);
  if (spec == exported_.end()) return std::nullopt;
  Lsa lsa;
  lsa.key = key;
  lsa.mask = net::Prefix::mask_of(p->second.len);
  lsa.type2 = spec->second.type2;
  lsa.metric = spec->second.metric;
  lsa.route_tag = spec->second.tag;  // forwarding address 0.0.0.0: traffic comes to us
  return lsa;
}

bool OspfProcess::is_asbr() const {
  // ASBR status by configuration, as FRR does when redistribution is set up:
  // the E bit does not flap with each exported route.
  return !config_.export_policies.empty() || config_.default_originate.has_value();
}

// §12.4.1 for the interface kinds modelled here.
Lsa OspfProcess::build_router_lsa() const {
  Lsa lsa;
  lsa.key = router_lsa_key();
  lsa.asbr = is_asbr();
  for (const auto& ifc : interfaces_) {
    const uint16_t metric = static_cast<uint16_t>(std::min<uint32_t>(ifc->cost(), 0xffff));
    switch (ifc->state()) {
      case InterfaceState::kDown:
        break;
      case InterfaceState::kLoopback:
        // §12.4.1.4: a host route to each interface address (Junos lo0: cost 0).
        for (const net::InterfaceAddress& a : ifc->addresses())
          if ((a.addr.value >> 24) != 127)
            lsa.links.push_back(RouterLink{LinkType::kStub, a.addr, 0xffffffffu, metric});
        break;
      case InterfaceState::kPointToPoint:
        // §12.4.1.1: a point-to-point link per Full neighbour, Link Data our address...
        if (!ifc->passive())
          for (const auto& n : ifc->neighbors())
            if (n->state() == NeighborState::kFull)
              lsa.links.push_back(RouterLink{LinkType::kPointToPoint, n->router_id(),
                                             ifc->address().addr.value, metric});
        // ... and the link's subnet as a stub network ("option 2"); a passive
        // interface is only that stub.
        for (const net::InterfaceAddress& a : ifc->addresses())
          if ((a.addr.value >> 24) != 127)
            lsa.links.push_back(
                RouterLink{LinkType::kStub, a.subnet().addr, net::Prefix::mask_of(a.len), metric});
        break;
    }
  }
  return lsa;
}

// §12.4 / §14: refresh our LSAs at LSRefreshTime; others reaching MaxAge
// (their originator stopped refreshing them) are flooded and removed.
void OspfProcess::on_aging_timer() {
  const sim::Time t = now();
  std::vector<LsaKey> refresh, expired;
  sim::Time next = sim::Time::max();
  for (const auto& [key, e] : lsdb_.entries()) {
    // Skip only the LSAs already being flushed: one that has just aged to
    // MaxAge is at MaxAge now too, and is the one this timer is for.
    if (maxage_.count(key)) continue;
    const sim::Time due = key.adv_router == router_id() ? e.installed_at + timers_.ls_refresh
                                                        : e.time_at_age(kMaxAge);
    if (due <= t) {
      (key.adv_router == router_id() ? refresh : expired).push_back(key);
    } else {
      next = std::min(next, due);
    }
  }
  for (const LsaKey& key : refresh) originate(Lsa(*lsdb_.find(key)->lsa), true);
  for (const LsaKey& key : expired) {
    const LsdbEntry e = *lsdb_.find(key);
    trace("maxage " + describe(key, e.lsa->seq));
    maxage_.insert(key);
    flood(e, nullptr);
    lsdb_changed(key.type);
  }
  if (next != sim::Time::max() && (!aging_timer_.running() || next < aging_timer_.expires_at()))
    aging_timer_.start(next - t);
  maxage_sweep();
}

void OspfProcess::arm_aging_timer(const LsdbEntry& e) {
  if (e.max_age(now())) return;
  const sim::Time due = e.lsa->key.adv_router == router_id() ? e.installed_at + timers_.ls_refresh
                                                             : e.time_at_age(kMaxAge);
  if (!aging_timer_.running() || due < aging_timer_.expires_at()) aging_timer_.start(due - now());
}

// §13.4: a neighbour holds a newer instance of one of our LSAs (from before a
// restart, say). Make ours win with a higher sequence number, or flush it.
void OspfProcess::self_originated_received(const LsaKey& key, int32_t seq) {
  last_seq_[key] = std::max(last_seq_.count(key) ? last_seq_[key] : seq, seq);
  request_origination(key);
}

// --- redistribution ---------------------------------------------------------------

void OspfProcess::on_rib_change(const rib::RibChange& change) {
  // Called from inside the RIB's notification: only note the prefix.
  dirty_prefixes_.insert(change.prefix);
  if (redistribution_event_pending_) return;
  redistribution_event_pending_ = true;
  redistribution_event_ = sim_.schedule_in(sim::Duration::zero(), [this] { run_redistribution(); });
}

void OspfProcess::run_redistribution() {
  redistribution_event_pending_ = false;
  std::set<net::Prefix> dirty;
  dirty.swap(dirty_prefixes_);
  for (const net::Prefix& p : dirty) {
    const std::optional<ExternalSpec> spec = export_spec(p);
    auto it = exported_.find(p);
    if (spec) {
      if (it != exported_.end() && it->second == *spec) continue;
      exported_[p] = *spec;
    } else {
      if (it == exported_.end()) continue;
      exported_.erase(it);
    }
    request_origination(LsaKey{LsaType::kAsExternal, external_lsid(p), router_id()});
  }
}

std::optional<OspfProcess::ExternalSpec> OspfProcess::export_spec(const net::Prefix& p) const {
  const rib::Rib& rib = router_.rib();
  const rib::Route* active = rib.active(p);
  const bool non_ospf = active && !policy::ProtocolSet::ospf().contains(active->protocol);
  if (p == net::Prefix{} && config_.default_originate) {
    const DefaultOriginate& d = *config_.default_originate;
    if (!d.always && !non_ospf) return std::nullopt;
    return ExternalSpec{std::min(d.metric, kLsInfinity), d.type == ExternalType::kType2, 0};
  }
  // Only active routes of other protocols; nothing without an export policy.
  if (!non_ospf || config_.export_policies.empty()) return std::nullopt;
  const ExternalDefaults defaults = default_external(router_.vendor());
  policy::RouteAttributes a;
  a.prefix = p;
  a.protocol = active->protocol;
  a.ibgp = active->ibgp;
  a.preference = rib.vendor_preference(*active);
  a.metric = defaults.metric_from_route ? active->metric : defaults.metric;  // a `metric` action overrides
  if (!policy::evaluate_chain(config_.export_policies, a, policy::Verdict::kReject))
    return std::nullopt;
  return ExternalSpec{std::min(a.metric, kLsInfinity), config_.export_type == ExternalType::kType2, 0};
}

// §12.4.4 and Appendix E: the Link State ID is the network address; a second
// prefix with the same address gets its host bits set instead.
net::Ipv4 OspfProcess::external_lsid(const net::Prefix& p) {
  if (auto it = lsid_of_.find(p); it != lsid_of_.end()) return it->second;
  net::Ipv4 id = p.addr;
  if (prefix_of_lsid_.count(id)) id = net::Ipv4{p.addr.value | ~p.mask()};
  lsid_of_[p] = id;
  prefix_of_lsid_[id] = p;
  return id;
}

}  // namespace ospf
