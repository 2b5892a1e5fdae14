// Why every notification triggers a fresh dump of the namespace's table
// instead of being applied as a delta: the kernel removes IPv4 routes whose
// interface goes down without an RTM_DELROUTE (fib_sync_down_dev), and
// removes nexthop objects on that device likewise, so only a dump says what
// the FIB holds afterwards. The tables are small (a lab's few dozen routes).
#include "sim/emulate/measure.hpp"

#include <arpa/inet.h>
#include <linux/nexthop.h>
#include <linux/rtnetlink.h>
#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <compare>
#include <cstring>
#include <tuple>

#include "sim/emulate/process.hpp"

namespace emulate {
namespace {

struct RouteKey {
  uint32_t addr = 0;  // host order
  uint8_t len = 0;
  uint32_t priority = 0;
  auto operator<=>(const RouteKey&) const = default;
};

// A route as the kernel forwards with it: its type, and its live next hops
// (gateway in host order, output interface), sorted.
struct RouteValue {
  uint8_t type = RTN_UNICAST;
  std::vector<std::pair<uint32_t, int>> next_hops;
  auto operator<=>(const RouteValue&) const = default;
};

using Table = std::map<RouteKey, RouteValue>;

struct NexthopObject {
  uint32_t gateway = 0;
  int oif = 0;
  bool blackhole = false;
  bool dead = false;
  std::vector<uint32_t> group;
};

uint32_t be32(const void* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return ntohl(v);
}

// The answer for one destination: the route the kernel would use, or none.
using Answer = std::optional<std::pair<RouteKey, RouteValue>>;

Answer lookup(const Table& table, net::Ipv4 dst) {
  Answer best;
  for (const auto& [k, v] : table) {
    const net::Prefix p{net::Ipv4{k.addr}, k.len};
    if (!p.contains(dst)) continue;
    if (!best || k.len > best->first.len ||
        (k.len == best->first.len && k.priority < best->first.priority))
      best = std::make_pair(k, v);
  }
  return best;
}

bool usable(const Answer& a) {
  return a && a->second.type == RTN_UNICAST && !a->second.next_hops.empty();
}

}  // namespace

struct RouteWatcher::NodeState {
  explicit NodeState(const std::string& ns) : dump_socket(ns, false) {}
  NetlinkSocket dump_socket;
  Table table;
  std::vector<Answer> answers;
  std::vector<Clock::time_point> fib_changes;
  std::vector<std::pair<Clock::time_point, bool>> route_changes;
};

RouteWatcher::RouteWatcher(const std::vector<std::string>& netns,
                           std::vector<std::vector<net::Ipv4>> destinations)
    : destinations_(std::move(destinations)) {
  for (size_t i = 0; i < netns.size(); ++i) {
    sockets_.emplace_back(netns[i], true);
    nodes_.push_back(std::make_unique<NodeState>(netns[i]));
    nodes_.back()->answers.resize(destinations_[i].size());
  }
  for (size_t i = 0; i < nodes_.size(); ++i) read(i, Clock::now());
}

RouteWatcher::~RouteWatcher() = default;

void RouteWatcher::read(size_t node, Clock::time_point at) {
  NodeState& st = *nodes_[node];
  std::map<uint32_t, NexthopObject> objects;
  st.dump_socket.dump(RTM_GETNEXTHOP, AF_UNSPEC, [&](const nlmsghdr* h) {
    if (h->nlmsg_type != RTM_NEWNEXTHOP) return;
    const auto* nh = reinterpret_cast<const nhmsg*>(NLMSG_DATA(h));
    NexthopObject o;
    o.dead = (nh->nh_flags & RTNH_F_DEAD) != 0;
    uint32_t id = 0;
    int len = static_cast<int>(h->nlmsg_len - NLMSG_LENGTH(sizeof(nhmsg)));
    for (auto* a = reinterpret_cast<const rtattr*>(reinterpret_cast<const char*>(nh) +
                                                   NLMSG_ALIGN(sizeof(nhmsg)));
         RTA_OK(a, len); a = RTA_NEXT(a, len)) {
      switch (a->rta_type) {
        case NHA_ID: std::memcpy(&id, RTA_DATA(a), 4); break;
        case NHA_OIF: std::memcpy(&o.oif, RTA_DATA(a), 4); break;
        case NHA_GATEWAY:
          if (RTA_PAYLOAD(a) == 4) o.gateway = be32(RTA_DATA(a));
          break;
        case NHA_BLACKHOLE: o.blackhole = true; break;
        case NHA_GROUP: {
          const auto* g = reinterpret_cast<const nexthop_grp*>(RTA_DATA(a));
          for (size_t k = 0; k < RTA_PAYLOAD(a) / sizeof(nexthop_grp); ++k) o.group.push_back(g[k].id);
          break;
        }
        default: break;
      }
    }
    objects[id] = std::move(o);
  });

  Table table;
  st.dump_socket.dump(RTM_GETROUTE, AF_INET, [&](const nlmsghdr* h) {
    if (h->nlmsg_type != RTM_NEWROUTE) return;
    const auto* rt = reinterpret_cast<const rtmsg*>(NLMSG_DATA(h));
    uint32_t table_id = rt->rtm_table;
    RouteKey key;
    key.len = rt->rtm_dst_len;
    RouteValue value;
    value.type = rt->rtm_type;
    uint32_t gateway = 0, nh_id = 0;
    int oif = 0;
    bool multipath = false;
    int len = static_cast<int>(RTM_PAYLOAD(h));
    for (auto* a = RTM_RTA(rt); RTA_OK(a, len); a = RTA_NEXT(a, len)) {
      switch (a->rta_type) {
        case RTA_TABLE: std::memcpy(&table_id, RTA_DATA(a), 4); break;
        case RTA_DST: key.addr = be32(RTA_DATA(a)); break;
        case RTA_PRIORITY: std::memcpy(&key.priority, RTA_DATA(a), 4); break;
        case RTA_GATEWAY: gateway = be32(RTA_DATA(a)); break;
        case RTA_OIF: std::memcpy(&oif, RTA_DATA(a), 4); break;
        case RTA_NH_ID: std::memcpy(&nh_id, RTA_DATA(a), 4); break;
        case RTA_MULTIPATH: {
          multipath = true;
          int left = static_cast<int>(RTA_PAYLOAD(a));
          for (auto* nh = reinterpret_cast<const rtnexthop*>(RTA_DATA(a)); RTNH_OK(nh, left);
               left -= NLMSG_ALIGN(nh->rtnh_len), nh = RTNH_NEXT(nh)) {
            uint32_t gw = 0;
            int alen = static_cast<int>(nh->rtnh_len - sizeof(rtnexthop));
            for (auto* x = reinterpret_cast<const rtattr*>(RTNH_DATA(nh)); RTA_OK(x, alen);
                 x = RTA_NEXT(x, alen))
              if (x->rta_type == RTA_GATEWAY) gw = be32(RTA_DATA(x));
            if (!(nh->rtnh_flags & RTNH_F_DEAD)) value.next_hops.emplace_back(gw, nh->rtnh_ifindex);
          }
          break;
        }
        default: break;
      }
    }
    if (table_id != RT_TABLE_MAIN) return;
    if (value.type == RTN_UNICAST && nh_id != 0) {
      // zebra's nexthop objects: a group of singletons, or one singleton.
      const auto it = objects.find(nh_id);
      if (it != objects.end()) {
        std::vector<uint32_t> ids = it->second.group.empty() ? std::vector<uint32_t>{nh_id}
                                                             : it->second.group;
        for (uint32_t id : ids) {
          const auto m = objects.find(id);
          if (m == objects.end() || m->second.dead) continue;
          if (m->second.blackhole) value.type = RTN_BLACKHOLE;
          else value.next_hops.emplace_back(m->second.gateway, m->second.oif);
        }
      }
    } else if (value.type == RTN_UNICAST && !multipath && !(rt->rtm_flags & RTNH_F_DEAD)) {
      value.next_hops.emplace_back(gateway, oif);
    }
    std::sort(value.next_hops.begin(), value.next_hops.end());
    table[key] = std::move(value);
  });

  if (table != st.table) {
    st.fib_changes.push_back(at);
    st.table = std::move(table);
  }
  const std::vector<net::Ipv4>& dests = destinations_[node];
  bool changed = false, all = !dests.empty();
  for (size_t d = 0; d < dests.size(); ++d) {
    Answer a = lookup(st.table, dests[d]);
    all = all && usable(a);
    if (a != st.answers[d]) {
      st.answers[d] = std::move(a);
      changed = true;
    }
  }
  if (changed) st.route_changes.emplace_back(at, all);
}

void RouteWatcher::poll_once(int timeout_ms) {
  std::vector<pollfd> fds;
  for (const NetlinkSocket& s : sockets_) fds.push_back(pollfd{s.fd(), POLLIN, 0});
  const int n = poll(fds.data(), fds.size(), timeout_ms);
  if (n < 0 && errno != EINTR) throw EmulateError("poll: " + std::string(std::strerror(errno)));
  if (n <= 0) return;
  const auto at = Clock::now();
  std::vector<char> buf(1 << 16);
  for (size_t i = 0; i < fds.size(); ++i) {
    if (!(fds[i].revents & (POLLIN | POLLERR))) continue;
    // Drain; an overrun (ENOBUFS) loses messages, which the dump makes good.
    for (;;) {
      const ssize_t r = recv(fds[i].fd, buf.data(), buf.size(), MSG_DONTWAIT);
      if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) break;
      if (r < 0 && errno != EINTR && errno != ENOBUFS) break;
    }
    read(i, at);
  }
}

bool RouteWatcher::run_until(Clock::time_point until, const std::function<bool()>& stop) {
  for (;;) {
    if (stop && stop()) return true;
    const auto now = Clock::now();
    if (now >= until) return false;
    const auto wait = std::min<Clock::duration>(until - now, std::chrono::milliseconds(10));
    poll_once(static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(wait).count()) + 1);
  }
}

NodeTimeline RouteWatcher::timeline(size_t node) const {
  const NodeState& st = *nodes_[node];
  auto seconds = [&](Clock::time_point t) {
    return std::chrono::duration<double>(t - origin_).count();
  };
  NodeTimeline t;
  for (Clock::time_point c : st.fib_changes) t.fib_changes.push_back(seconds(c));
  for (const auto& [at, ok] : st.route_changes) t.route_changes.push_back({seconds(at), ok});
  return t;
}


}  // namespace emulate
