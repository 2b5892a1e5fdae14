// One node's routing information base: candidate routes per prefix from every
// source, and the active route chosen among them.
//
// Sources (a protocol plus a source id it chooses) put and withdraw routes;
// a route is replaced when the same (prefix, protocol, source) comes again.
// Candidates of a prefix are kept sorted by rib::better(), so the active route
// is the first one and the routes that tie with it in everything but the
// source (equal_cost(), what BIRD's kernel `merge paths` merges) follow it.
//
// Listeners hear about every change of the active route and of its
// equal-cost companions; that is what redistribution (a RIB export with a
// policy, DESIGN.md) and FIB programming (FibSync) need. Listeners must not
// call update()/withdraw() from inside the notification: schedule the work on
// the simulator instead (real daemons queue it too). Doing so throws.
//
// Pointers and spans returned here stay valid until the next update or
// withdraw of the same prefix.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <span>
#include <vector>

#include "models/rib/route.hpp"
#include "models/vendor/vendor.hpp"

namespace sim {
class Simulator;
}

namespace rib {

enum class RibEvent : uint8_t {
  kAdded,    // the prefix has an active route and had none
  kChanged,  // the active route or its equal-cost companions changed
  kRemoved,  // the prefix has no route any more
};

struct RibChange {
  net::Prefix prefix;
  RibEvent event = RibEvent::kAdded;
  const Route* active = nullptr;  // null for kRemoved
  // False when only the equal-cost companions changed and the active route is
  // the same as before (redistribution can ignore those; FibSync with merge
  // paths cannot).
  bool active_changed = true;
};

class Rib {
 public:
  using Listener = std::function<void(const RibChange&)>;
  using ListenerId = uint32_t;

  explicit Rib(vendor::Vendor v) : vendor_(v) {}
  Rib(const Rib&) = delete;
  Rib& operator=(const Rib&) = delete;

  vendor::Vendor vendor() const { return vendor_; }
  // The clock that stamps Route::since; without one every route has time zero.
  void set_clock(const sim::Simulator* clock) { clock_ = clock; }

  // Adds or replaces the route of (route.prefix, route.protocol, route.source).
  // Next hops are normalised (sorted, unique). An identical update is a no-op.
  void update(Route route);
  void withdraw(const net::Prefix& prefix, Protocol protocol, SourceId source);
  // Withdraws every route of one source (a BGP session going down). Returns
  // how many routes it removed.
  size_t withdraw_source(Protocol protocol, SourceId source);

  const Route* active(const net::Prefix& prefix) const;
  // All candidates of a prefix, best first; empty when there are none.
  std::span<const Route> candidates(const net::Prefix& prefix) const;
  // The active route and the candidates equal-cost with it, best first.
  std::span<const Route> equal_cost_routes(const net::Prefix& prefix) const;

  // Number of prefixes with an active route.
  size_t size() const { return table_.size(); }
  // Calls f(const Route& active) for every prefix, in prefix order.
  template <class F>
  void for_each_active(F&& f) const {
    for (const auto& [prefix, candidates] : table_) f(candidates.front());
  }

  // A route's preference in this node's vendor convention (for show output).
  uint32_t vendor_preference(const Route& route) const;

  ListenerId add_listener(Listener listener);
  void remove_listener(ListenerId id);

 private:
  using Candidates = std::vector<Route>;

  static size_t equal_cost_count(const Candidates& c);
  void notify(const RibChange& change);
  // Event for removing candidate `index` (already erased) from a prefix.
  void after_removal(const net::Prefix& prefix, size_t index, size_t old_equal_cost);

  vendor::Vendor vendor_;
  const sim::Simulator* clock_ = nullptr;
  std::map<net::Prefix, Candidates> table_;  // never holds an empty vector
  std::vector<std::pair<ListenerId, Listener>> listeners_;
  ListenerId next_listener_ = 0;
  bool notifying_ = false;
};

}  // namespace rib
