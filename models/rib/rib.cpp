#include "models/rib/rib.hpp"

#include <algorithm>
#include <stdexcept>

#include "models/rib/preference.hpp"
#include "sim/engine/simulator.hpp"

namespace rib {
namespace {

bool same_source(const Route& a, Protocol protocol, SourceId source) {
  return a.protocol == protocol && a.source == source;
}

}  // namespace

size_t Rib::equal_cost_count(const Candidates& c) {
  size_t n = 1;
  while (n < c.size() && equal_cost(c.front(), c[n])) ++n;
  return n;
}

void Rib::notify(const RibChange& change) {
  if (notifying_) throw std::logic_error("RIB listener changed the RIB during a notification");
  notifying_ = true;
  try {
    for (auto& [id, listener] : listeners_) listener(change);
  } catch (...) {
    notifying_ = false;
    throw;
  }
  notifying_ = false;
}

void Rib::update(Route route) {
  if (notifying_) throw std::logic_error("RIB update from inside a RIB notification");
  normalise_next_hops(route.next_hops);
  const net::Prefix prefix = route.prefix;
  Candidates& c = table_[prefix];

  const bool was_empty = c.empty();
  const size_t old_equal_cost = was_empty ? 0 : equal_cost_count(c);
  const Protocol old_front_protocol = was_empty ? Protocol::kDirect : c.front().protocol;
  const SourceId old_front_source = was_empty ? 0 : c.front().source;

  auto existing = std::find_if(c.begin(), c.end(), [&](const Route& r) {
    return same_source(r, route.protocol, route.source);
  });
  size_t old_index = c.size();
  if (existing != c.end()) {
    route.since = existing->since;  // an identical update keeps the route's age
    if (*existing == route) return;
    old_index = static_cast<size_t>(existing - c.begin());
    c.erase(existing);
  }
  route.since = clock_ ? clock_->now() : sim::Time::zero();
  auto at = std::lower_bound(c.begin(), c.end(), route, better);
  const size_t new_index = static_cast<size_t>(at - c.begin());
  c.insert(at, std::move(route));

  if (was_empty) {
    notify(RibChange{prefix, RibEvent::kAdded, &c.front(), true});
    return;
  }
  const bool front_is_other = !same_source(c.front(), old_front_protocol, old_front_source);
  // The touched route is the active one before and after: its content changed
  // (identical updates returned above).
  const bool front_rewritten = old_index == 0 && new_index == 0;
  const bool active_changed = front_is_other || front_rewritten;
  const bool companions_changed = old_index < old_equal_cost || new_index < equal_cost_count(c);
  if (active_changed || companions_changed)
    notify(RibChange{prefix, RibEvent::kChanged, &c.front(), active_changed});
}

void Rib::after_removal(const net::Prefix& prefix, size_t index, size_t old_equal_cost) {
  auto it = table_.find(prefix);
  if (it->second.empty()) {
    table_.erase(it);
    notify(RibChange{prefix, RibEvent::kRemoved, nullptr, true});
    return;
  }
  if (index < old_equal_cost)
    notify(RibChange{prefix, RibEvent::kChanged, &it->second.front(), index == 0});
}

void Rib::withdraw(const net::Prefix& prefix, Protocol protocol, SourceId source) {
  if (notifying_) throw std::logic_error("RIB withdraw from inside a RIB notification");
  auto it = table_.find(prefix);
  if (it == table_.end()) return;
  Candidates& c = it->second;
  auto victim = std::find_if(c.begin(), c.end(),
                             [&](const Route& r) { return same_source(r, protocol, source); });
  if (victim == c.end()) return;
  const size_t old_equal_cost = equal_cost_count(c);
  const size_t index = static_cast<size_t>(victim - c.begin());
  c.erase(victim);
  after_removal(prefix, index, old_equal_cost);
}

size_t Rib::withdraw_source(Protocol protocol, SourceId source) {
  if (notifying_) throw std::logic_error("RIB withdraw from inside a RIB notification");
  // Collect first: notifications may not modify the table, but erasing a map
  // node while iterating it is easier to get right this way.
  std::vector<net::Prefix> prefixes;
  for (const auto& [prefix, c] : table_)
    for (const Route& r : c)
      if (same_source(r, protocol, source)) prefixes.push_back(prefix);
  for (const net::Prefix& p : prefixes) withdraw(p, protocol, source);
  return prefixes.size();
}

const Route* Rib::active(const net::Prefix& prefix) const {
  auto it = table_.find(prefix);
  return it == table_.end() ? nullptr : &it->second.front();
}

std::span<const Route> Rib::candidates(const net::Prefix& prefix) const {
  auto it = table_.find(prefix);
  if (it == table_.end()) return {};
  return std::span<const Route>(it->second);
}

std::span<const Route> Rib::equal_cost_routes(const net::Prefix& prefix) const {
  auto it = table_.find(prefix);
  if (it == table_.end()) return {};
  return std::span<const Route>(it->second).first(equal_cost_count(it->second));
}

uint32_t Rib::vendor_preference(const Route& route) const {
  return to_vendor(vendor_, route.preference);
}

Rib::ListenerId Rib::add_listener(Listener listener) {
  listeners_.emplace_back(next_listener_, std::move(listener));
  return next_listener_++;
}

void Rib::remove_listener(ListenerId id) {
  std::erase_if(listeners_, [id](const auto& entry) { return entry.first == id; });
}

}  // namespace rib
