// rtnetlink sockets bound inside a network namespace: the emulation's view
// of each node's kernel routing table (route and nexthop notifications) and
// its way to flip a link's state at a precise moment.
//
// A netlink socket belongs to the namespace it was created in, whatever the
// creating thread does afterwards, so one thread can watch and steer every
// namespace: enter the namespace (setns), create the socket, go back.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

struct nlmsghdr;

namespace emulate {

class NetlinkSocket {
 public:
  // Opens a NETLINK_ROUTE socket in the namespace /run/netns/NAME. With
  // `monitor`, it joins the IPv4 route, nexthop, link and address
  // notification groups and does not block.
  NetlinkSocket(const std::string& netns, bool monitor);
  ~NetlinkSocket();
  NetlinkSocket(NetlinkSocket&& o) noexcept : fd_(o.fd_), seq_(o.seq_) { o.fd_ = -1; }
  NetlinkSocket& operator=(NetlinkSocket&&) = delete;
  NetlinkSocket(const NetlinkSocket&) = delete;
  NetlinkSocket& operator=(const NetlinkSocket&) = delete;

  int fd() const { return fd_; }

  // A dump request (NLM_F_DUMP) of `type` (RTM_GETROUTE, RTM_GETNEXTHOP) for
  // `family`; calls `each` with every message of the answer. Blocking: use
  // a socket opened without `monitor`.
  void dump(uint16_t type, uint8_t family, const std::function<void(const nlmsghdr*)>& each);

  // Sets the interface administratively up or down (RTM_NEWLINK by name)
  // and waits for the kernel's acknowledgement. Throws EmulateError.
  void set_link_up(const std::string& ifname, bool up);

 private:
  int fd_ = -1;
  uint32_t seq_ = 0;
};

}  // namespace emulate
