// Watching every node's kernel routing table while the daemons converge.
//
// One rtnetlink socket per namespace receives each IPv4 route and nexthop
// change of the main table as the kernel makes it (what `ip monitor route`
// prints), stamped with CLOCK_MONOTONIC when read: the poll loop reads as
// soon as a message is queued, so a stamp is late by microseconds, not by a
// polling interval. From them the watcher keeps, per node:
//   - every change of the main table (routes or the nexthop objects FRR's
//     zebra points routes at): the FIB changes the convergence report counts;
//   - the route each destination resolves to (longest prefix, then lowest
//     metric, with its next hops resolved through nexthop objects), and each
//     time that answer changed.
// Both go into a Timeline (timeline.hpp), the form the prediction takes too.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "models/net/ipv4.hpp"
#include "sim/emulate/netlink.hpp"
#include "sim/emulate/timeline.hpp"

namespace emulate {

class RouteWatcher {
 public:
  using Clock = std::chrono::steady_clock;

  // Opens the sockets: call before anything is configured in the namespaces,
  // so that every route is seen from its creation. `destinations[i]`: the
  // addresses node i's routes are watched for (those it does not hold).
  RouteWatcher(const std::vector<std::string>& netns,
               std::vector<std::vector<net::Ipv4>> destinations);
  ~RouteWatcher();
  RouteWatcher(const RouteWatcher&) = delete;
  RouteWatcher& operator=(const RouteWatcher&) = delete;

  // Times in the timeline are counted from here (the daemons' start).
  void set_origin(Clock::time_point t0) { origin_ = t0; }
  // Reads and applies notifications until `until`; returns early (true)
  // when `stop()` says so, checked after each batch and every 10 ms.
  bool run_until(Clock::time_point until, const std::function<bool()>& stop);
  // Waits up to `timeout_ms` for notifications and applies what came: call
  // it often while busy elsewhere, or changes get the stamp of a late read.
  void poll_once(int timeout_ms);

  // Per node: the changes seen so far, in seconds from the origin (earlier
  // ones negative).
  NodeTimeline timeline(size_t node) const;

 private:
  struct NodeState;
  void read(size_t node, Clock::time_point at);

  std::vector<NetlinkSocket> sockets_;
  std::vector<std::unique_ptr<NodeState>> nodes_;
  std::vector<std::vector<net::Ipv4>> destinations_;  // by node
  Clock::time_point origin_ = Clock::now();
};

}  // namespace emulate
