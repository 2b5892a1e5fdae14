#include "models/rib/fib_sync.hpp"

#include <algorithm>

#include "models/policy/policy.hpp"

namespace rib {
namespace {

// splitmix64's finaliser: a cheap, well-mixed hash of a 64-bit word.
uint64_t mix(uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

bool contains(const std::vector<NextHop>& sorted, const NextHop& nh) {
  return std::binary_search(sorted.begin(), sorted.end(), nh);
}

}  // namespace

FibSync::FibSync(sim::Simulator& sim, Rib& rib, Fib& fib, FibOptions options)
    : sim_(sim), rib_(rib), fib_(fib), options_(options) {
  listener_id_ = rib_.add_listener([this](const RibChange& c) { on_rib_change(c); });
  resync();
}

void FibSync::resync() {
  rib_.for_each_active([this](const Route& r) {
    on_rib_change(RibChange{r.prefix, RibEvent::kChanged, &r, true});
  });
}

void FibSync::set_options(const FibOptions& options) {
  options_ = options;
  resync();
}

void FibSync::set_forwarding_policies(std::vector<const policy::Policy*> chain) {
  forwarding_policies_ = std::move(chain);
  resync();
}

FibSync::~FibSync() {
  rib_.remove_listener(listener_id_);
  sim_.cancel(event_);
  for (const Pending& p : queue_)
    if (p.group != Fib::kNoGroup) fib_.release(p.group);
}

void FibSync::clear() {
  sim_.cancel(event_);
  for (const Pending& p : queue_)
    if (p.group != Fib::kNoGroup) fib_.release(p.group);
  queue_.clear();
  intended_.clear();
  any_scheduled_ = false;
  const sim::Time now = sim_.now();
  for (const auto& [prefix, group] : fib_.entries()) {
    fib_.remove(prefix);
    last_change_ = now;
    ++changes_applied_;
    for (auto& listener : listeners_) listener(prefix, now);
  }
}

void FibSync::add_change_listener(ChangeListener listener) {
  listeners_.push_back(std::move(listener));
}

uint32_t FibSync::path_limit(const Route& active) const {
  uint32_t limit = options_.max_paths;
  if (!forwarding_policies_.empty()) {
    policy::RouteAttributes attrs;
    attrs.prefix = active.prefix;
    attrs.protocol = active.protocol;
    attrs.ibgp = active.ibgp;
    attrs.preference = rib_.vendor_preference(active);
    attrs.metric = active.metric;
    if (!active.next_hops.empty()) attrs.next_hop = active.next_hops.front().via;
    // Only the marking matters: a forwarding-table export policy never
    // removes a route from the FIB.
    policy::evaluate_chain(forwarding_policies_, attrs, policy::Verdict::kAccept);
    if (attrs.load_balance) limit = options_.load_balance_max_paths;
  }
  return std::max<uint32_t>(limit, 1);
}

std::vector<NextHop> FibSync::select_next_hops(const net::Prefix& prefix) const {
  const Route* active = rib_.active(prefix);
  if (active == nullptr) return {};
  std::vector<NextHop> all;
  if (options_.merge_paths) {
    for (const Route& r : rib_.equal_cost_routes(prefix))
      all.insert(all.end(), r.next_hops.begin(), r.next_hops.end());
    normalise_next_hops(all);
  } else {
    all = active->next_hops;
  }
  const size_t limit = path_limit(*active);
  if (all.size() <= limit) return all;

  // Keep what is installed (or about to be) where it is still valid ...
  std::vector<NextHop> chosen;
  if (auto it = intended_.find(prefix); it != intended_.end() && it->second != Fib::kNoGroup)
    for (const NextHop& nh : fib_.next_hops(it->second))
      if (chosen.size() < limit && contains(all, nh)) chosen.push_back(nh);
  // ... and fill up from a per-prefix pseudo-random starting point.
  const uint64_t h = mix((uint64_t{prefix.addr.value} << 8 | prefix.len) ^ mix(options_.path_salt));
  const size_t start = static_cast<size_t>(h % all.size());
  for (size_t i = 0; i < all.size() && chosen.size() < limit; ++i) {
    const NextHop& nh = all[(start + i) % all.size()];
    if (std::find(chosen.begin(), chosen.end(), nh) == chosen.end()) chosen.push_back(nh);
  }
  normalise_next_hops(chosen);
  return chosen;
}

void FibSync::on_rib_change(const RibChange& change) {
  if (change.event == RibEvent::kRemoved) {
    if (intended_.erase(change.prefix) > 0) enqueue(change.prefix, Fib::kNoGroup);
    return;
  }
  const Fib::GroupId group = fib_.acquire(select_next_hops(change.prefix));
  auto [it, inserted] = intended_.try_emplace(change.prefix, group);
  if (!inserted) {
    if (it->second == group) {
      fib_.release(group);  // nothing changes for the forwarding table
      return;
    }
    it->second = group;
  }
  enqueue(change.prefix, group);
}

void FibSync::enqueue(const net::Prefix& prefix, Fib::GroupId group) {
  sim::Time due = sim_.now() + options_.install_delay;
  // Never overtake an earlier update, even if the delay was lowered since.
  if (any_scheduled_) due = std::max(due, last_due_ + options_.install_interval);
  last_due_ = due;
  any_scheduled_ = true;
  queue_.push_back(Pending{due, prefix, group});
  if (!sim_.pending(event_)) event_ = sim_.schedule_at(queue_.front().due, [this] { apply_due(); });
}

void FibSync::apply_due() {
  const sim::Time now = sim_.now();
  while (!queue_.empty() && queue_.front().due <= now) {
    const Pending p = queue_.front();
    queue_.pop_front();
    fib_.assign(p.prefix, p.group);
    last_change_ = now;
    ++changes_applied_;
    for (auto& listener : listeners_) listener(p.prefix, now);
  }
  if (!queue_.empty() && !sim_.pending(event_))
    event_ = sim_.schedule_at(queue_.front().due, [this] { apply_due(); });
}

}  // namespace rib
