// One node's forwarding table: longest-prefix match onto shared next-hop groups.
//
// Lookup is the forwarding hot path: one flat hash table per prefix length
// (AddrTable) and a 33-bit mask of the lengths in use; a lookup probes the
// used lengths from longest to shortest and stops at the first hit. A switch
// FIB holds few distinct lengths (/32 loopbacks and services, /30 or /31
// links, /0), so that is a handful of probes, with no allocation.
//
// Next-hop groups are shared and refcounted like Junos unilists and Linux
// nexthop groups: every prefix with the same next-hop set points at the same
// group id, and a group is freed (its id reused) when its last user goes.
// Holders of a reference are prefixes and pending installs (FibSync).
// A group with no next hops is a discard route.
//
// The table changes at once; *when* it changes (install delay) is FibSync's job.
#pragma once

#include <array>
#include <bit>
#include <cstdint>
#include <limits>
#include <map>
#include <span>
#include <utility>
#include <vector>

#include "models/net/ipv4.hpp"
#include "models/rib/addr_table.hpp"
#include "models/rib/route.hpp"

namespace rib {

class Fib {
 public:
  using GroupId = uint32_t;
  static constexpr GroupId kNoGroup = std::numeric_limits<uint32_t>::max();

  struct Group {
    std::vector<NextHop> next_hops;  // sorted, unique
    uint32_t refs = 0;
    // Distinct for every group ever created in this FIB, so that per-group
    // statistics can tell a reused id from the group that had it before.
    uint64_t generation = 0;
  };
  struct Match {
    net::Prefix prefix;
    GroupId group = kNoGroup;  // kNoGroup: no route
    bool found() const { return group != kNoGroup; }
  };

  Fib() = default;
  Fib(const Fib&) = delete;
  Fib& operator=(const Fib&) = delete;

  // --- forwarding (hot path, allocation-free) ---------------------------------
  Match lookup(net::Ipv4 dst) const {
    uint64_t lengths = lengths_;
    while (lengths != 0) {
      const int len = 63 - std::countl_zero(lengths);
      lengths &= ~(uint64_t{1} << len);
      const uint32_t key = dst.value & net::Prefix::mask_of(static_cast<uint8_t>(len));
      const uint32_t g = by_length_[static_cast<size_t>(len)].find(key);
      if (g != AddrTable::kMissing)
        return Match{net::Prefix{net::Ipv4{key}, static_cast<uint8_t>(len)}, g};
    }
    return Match{};
  }
  const Group& group(GroupId id) const { return groups_[id]; }
  std::span<const NextHop> next_hops(GroupId id) const { return groups_[id].next_hops; }
  uint64_t generation(GroupId id) const { return groups_[id].generation; }

  // --- programming --------------------------------------------------------------
  // Finds or creates the group for this next-hop set and takes a reference.
  GroupId acquire(std::span<const NextHop> next_hops);
  void release(GroupId id);
  // Points `prefix` at `group`, taking over one reference the caller holds,
  // and releases the group the prefix used before. kNoGroup removes the prefix.
  void assign(const net::Prefix& prefix, GroupId group);
  // Conveniences: acquire + assign, and assign(kNoGroup).
  void set(const net::Prefix& prefix, std::span<const NextHop> next_hops);
  void remove(const net::Prefix& prefix) { assign(prefix, kNoGroup); }

  // --- inspection -----------------------------------------------------------------
  GroupId exact(const net::Prefix& prefix) const;
  size_t route_count() const { return routes_; }
  size_t group_count() const { return group_index_.size(); }
  // Ids below this have been handed out (some may be free now).
  size_t group_slots() const { return groups_.size(); }
  // Every (prefix, group), in prefix order (for `show route forwarding-table`).
  std::vector<std::pair<net::Prefix, GroupId>> entries() const;

 private:
  std::array<AddrTable, 33> by_length_;
  uint64_t lengths_ = 0;  // bit n set: some /n prefix is present
  size_t routes_ = 0;
  std::vector<Group> groups_;
  std::vector<GroupId> free_groups_;
  uint64_t groups_created_ = 0;
  std::map<std::vector<NextHop>, GroupId> group_index_;
};

}  // namespace rib
