// Keeps a node's FIB in step with its RIB, one install delay behind.
//
// FibSync listens to the RIB. For every change it works out the next-hop set
// that reaches the forwarding table (the active route's next hops; with BIRD's
// `merge paths` also those of its equal-cost companions; cut to max_paths)
// and queues the update to be applied at now + install_delay. Updates are
// applied strictly in the order they were made, as a kernel or a PFE works
// through its queue; install_interval spaces them to model a throughput.
// Each applied change is recorded (last_change(), listeners) so convergence
// reports can say when a node's FIB stopped changing.
//
// When a route has more next hops than may be installed, a set that is still
// valid is kept (no gratuitous FIB churn); otherwise the survivors are chosen
// by a hash of (prefix, path_salt). Junos picks its single next hop "at
// random"; a hash gives the same spread over prefixes and a reproducible run.
//
// FibSync owns the FIB's contents: do not set() routes into the same Fib by
// hand. Declare the Fib before the FibSync so it outlives it.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <vector>

#include "models/rib/fib.hpp"
#include "models/rib/fib_options.hpp"
#include "models/rib/rib.hpp"
#include "sim/engine/simulator.hpp"

namespace policy {
struct Policy;
}

namespace rib {

class FibSync {
 public:
  // Called after each applied FIB change.
  using ChangeListener = std::function<void(const net::Prefix&, sim::Time)>;

  // Queues the RIB's current active routes too, so it can be created late.
  FibSync(sim::Simulator& sim, Rib& rib, Fib& fib, FibOptions options);
  ~FibSync();
  FibSync(const FibSync&) = delete;
  FibSync& operator=(const FibSync&) = delete;

  const FibOptions& options() const { return options_; }
  // Like a commit: every prefix is re-evaluated and whatever changes is
  // queued with the new delay; queued updates keep their time and order.
  void set_options(const FibOptions& options);
  // Junos `routing-options forwarding-table export`: routes the policy chain
  // marks with load-balance get up to load_balance_max_paths next hops. The
  // policies must outlive the FibSync; empty turns it off. Re-evaluates every prefix.
  void set_forwarding_policies(std::vector<const policy::Policy*> chain);
  void set_forwarding_policy(const policy::Policy* p) {
    set_forwarding_policies(p ? std::vector<const policy::Policy*>{p} : std::vector<const policy::Policy*>{});
  }
  // Recomputes every prefix's next-hop set and queues those that differ.
  void resync();
  // The forwarding plane is gone (the node crashed): the FIB is emptied now,
  // not after the install delay, and queued updates are dropped. Each removed
  // prefix counts as an applied change. Routes still in the RIB come back only
  // with resync() (or their next change).
  void clear();

  void add_change_listener(ChangeListener listener);
  // When the FIB last changed (Time::zero() if never) and how often.
  sim::Time last_change() const { return last_change_; }
  uint64_t changes_applied() const { return changes_applied_; }
  size_t pending() const { return queue_.size(); }

  // The next hops this FIB would install for the RIB's current state of a
  // prefix (empty if it has no route). Pure; for tests and show output.
  std::vector<NextHop> select_next_hops(const net::Prefix& prefix) const;

 private:
  struct Pending {
    sim::Time due;
    net::Prefix prefix;
    Fib::GroupId group;  // holds a reference; kNoGroup removes the prefix
  };

  void on_rib_change(const RibChange& change);
  void enqueue(const net::Prefix& prefix, Fib::GroupId group);
  void apply_due();
  uint32_t path_limit(const Route& active) const;

  sim::Simulator& sim_;
  Rib& rib_;
  Fib& fib_;
  FibOptions options_;
  std::vector<const policy::Policy*> forwarding_policies_;
  Rib::ListenerId listener_id_;
  std::deque<Pending> queue_;
  // The group each prefix will have once the queue drains. Holds no reference
  // of its own: the newest queued update or the FIB entry holds one.
  std::map<net::Prefix, Fib::GroupId> intended_;
  sim::Time last_due_;
  bool any_scheduled_ = false;
  sim::EventId event_;
  std::vector<ChangeListener> listeners_;
  sim::Time last_change_;
  uint64_t changes_applied_ = 0;
};

}  // namespace rib
