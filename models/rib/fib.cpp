#include "models/rib/fib.hpp"

#include <algorithm>
#include <stdexcept>

namespace rib {

Fib::GroupId Fib::acquire(std::span<const NextHop> next_hops) {
  std::vector<NextHop> key(next_hops.begin(), next_hops.end());
  normalise_next_hops(key);
  auto it = group_index_.find(key);
  if (it != group_index_.end()) {
    ++groups_[it->second].refs;
    return it->second;
  }
  GroupId id;
  if (!free_groups_.empty()) {
    id = free_groups_.back();
    free_groups_.pop_back();
  } else {
    if (groups_.size() >= kNoGroup) throw std::length_error("FIB next-hop group ids exhausted");
    id = static_cast<GroupId>(groups_.size());
    groups_.emplace_back();
  }
  groups_[id] = Group{key, 1, ++groups_created_};
  group_index_.emplace(std::move(key), id);
  return id;
}

void Fib::release(GroupId id) {
  Group& g = groups_.at(id);
  if (g.refs == 0) throw std::logic_error("FIB next-hop group released more often than acquired");
  if (--g.refs > 0) return;
  group_index_.erase(g.next_hops);
  g.next_hops.clear();
  free_groups_.push_back(id);
}

void Fib::assign(const net::Prefix& prefix, GroupId group) {
  AddrTable& table = by_length_[prefix.len];
  const uint32_t key = prefix.addr.value & prefix.mask();
  const uint32_t old = group == kNoGroup ? table.erase(key) : table.put(key, group);
  if (old == AddrTable::kMissing && group != kNoGroup) ++routes_;
  if (old != AddrTable::kMissing && group == kNoGroup) --routes_;
  if (table.size() == 0)
    lengths_ &= ~(uint64_t{1} << prefix.len);
  else
    lengths_ |= uint64_t{1} << prefix.len;
  if (old != AddrTable::kMissing) release(old);
}

void Fib::set(const net::Prefix& prefix, std::span<const NextHop> next_hops) {
  assign(prefix, acquire(next_hops));
}

Fib::GroupId Fib::exact(const net::Prefix& prefix) const {
  return by_length_[prefix.len].find(prefix.addr.value & prefix.mask());
}

std::vector<std::pair<net::Prefix, Fib::GroupId>> Fib::entries() const {
  std::vector<std::pair<net::Prefix, GroupId>> out;
  out.reserve(routes_);
  for (size_t len = 0; len < by_length_.size(); ++len)
    by_length_[len].for_each([&](uint32_t key, uint32_t group) {
      out.emplace_back(net::Prefix{net::Ipv4{key}, static_cast<uint8_t>(len)}, group);
    });
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace rib
