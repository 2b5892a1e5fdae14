// rtnetlink(7), netlink(7); RTM_NEWLINK with ifi_index 0 and IFLA_IFNAME
// looks the interface up by name (net/core/rtnetlink.c, rtnl_setlink).
#include "sim/emulate/netlink.hpp"

#include <fcntl.h>
#include <linux/netlink.h>
#include <linux/nexthop.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <sched.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "sim/emulate/process.hpp"

namespace emulate {
namespace {

// Enters a namespace for the life of the object, then goes back.
class EnterNamespace {
 public:
  explicit EnterNamespace(const std::string& netns) {
    home_ = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
    const std::string path = "/run/netns/" + netns;
    const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (home_ < 0 || fd < 0 || setns(fd, CLONE_NEWNET) != 0) {
      const std::string why = std::strerror(errno);
      if (fd >= 0) close(fd);
      if (home_ >= 0) close(home_);
      throw EmulateError("cannot enter network namespace " + netns + ": " + why);
    }
    close(fd);
  }
  ~EnterNamespace() {
    // Going home cannot fail for a process that could leave it.
    if (setns(home_, CLONE_NEWNET) != 0) std::perror("mhsim: setns back");
    close(home_);
  }
  EnterNamespace(const EnterNamespace&) = delete;
  EnterNamespace& operator=(const EnterNamespace&) = delete;

 private:
  int home_ = -1;
};

void add_attr(std::vector<char>& msg, uint16_t type, const void* data, size_t len) {
  const size_t at = NLMSG_ALIGN(msg.size());
  msg.resize(at + RTA_ALIGN(RTA_LENGTH(len)));
  auto* rta = reinterpret_cast<rtattr*>(msg.data() + at);
  rta->rta_type = type;
  rta->rta_len = static_cast<uint16_t>(RTA_LENGTH(len));
  std::memcpy(RTA_DATA(rta), data, len);
}

}  // namespace

NetlinkSocket::NetlinkSocket(const std::string& netns, bool monitor) {
  EnterNamespace in(netns);
  fd_ = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
  if (fd_ < 0) throw EmulateError("netlink socket in " + netns + ": " + std::strerror(errno));
  // Bursts of route changes (a table dump, an SPF run) must not overflow.
  const int buf = 8 << 20;
  setsockopt(fd_, SOL_SOCKET, SO_RCVBUFFORCE, &buf, sizeof buf);
  sockaddr_nl addr{};
  addr.nl_family = AF_NETLINK;
  if (bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0)
    throw EmulateError("netlink bind in " + netns + ": " + std::strerror(errno));
  if (monitor) {
    // Links and addresses too: the kernel drops routes through an interface
    // that goes down without a route notification of its own.
    for (unsigned group : {unsigned{RTNLGRP_IPV4_ROUTE}, unsigned{RTNLGRP_NEXTHOP},
                           unsigned{RTNLGRP_LINK}, unsigned{RTNLGRP_IPV4_IFADDR}})
      if (setsockopt(fd_, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &group, sizeof group) != 0)
        throw EmulateError("netlink membership in " + netns + ": " + std::strerror(errno));
    const int flags = fcntl(fd_, F_GETFL);
    fcntl(fd_, F_SETFL, flags | O_NONBLOCK);
  }
}

NetlinkSocket::~NetlinkSocket() {
  if (fd_ >= 0) close(fd_);
}

void NetlinkSocket::set_link_up(const std::string& ifname, bool up) {
  std::vector<char> msg(NLMSG_LENGTH(sizeof(ifinfomsg)));
  auto* h = reinterpret_cast<nlmsghdr*>(msg.data());
  h->nlmsg_type = RTM_NEWLINK;
  h->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
  h->nlmsg_seq = ++seq_;
  auto* ifi = reinterpret_cast<ifinfomsg*>(NLMSG_DATA(h));
  ifi->ifi_family = AF_UNSPEC;
  ifi->ifi_index = 0;
  ifi->ifi_change = IFF_UP;
  ifi->ifi_flags = up ? IFF_UP : 0;
  add_attr(msg, IFLA_IFNAME, ifname.c_str(), ifname.size() + 1);
  h = reinterpret_cast<nlmsghdr*>(msg.data());
  h->nlmsg_len = static_cast<uint32_t>(msg.size());
  if (send(fd_, msg.data(), msg.size(), 0) < 0)
    throw EmulateError("netlink send: " + std::string(std::strerror(errno)));
  char buf[4096];
  for (;;) {
    const ssize_t n = recv(fd_, buf, sizeof buf, 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw EmulateError("netlink recv: " + std::string(std::strerror(errno)));
    }
    ssize_t left = n;
    for (auto* r = reinterpret_cast<nlmsghdr*>(buf); NLMSG_OK(r, static_cast<unsigned>(left));
         r = NLMSG_NEXT(r, left)) {
      if (r->nlmsg_seq != seq_ || r->nlmsg_type != NLMSG_ERROR) continue;
      const int err = -reinterpret_cast<nlmsgerr*>(NLMSG_DATA(r))->error;
      if (err != 0)
        throw EmulateError("setting " + ifname + (up ? " up" : " down") + ": " + std::strerror(err));
      return;
    }
  }
}

void NetlinkSocket::dump(uint16_t type, uint8_t family,
                         const std::function<void(const nlmsghdr*)>& each) {
  // The request carries the family in the message's own header (nhmsg for
  // nexthops, rtmsg for routes: both start with it), of exactly that size:
  // the kernel reads any bytes after it as attributes.
  const size_t header = type == RTM_GETNEXTHOP ? sizeof(nhmsg) : sizeof(rtmsg);
  std::vector<char> msg(NLMSG_LENGTH(header));
  auto* h = reinterpret_cast<nlmsghdr*>(msg.data());
  h->nlmsg_len = static_cast<uint32_t>(msg.size());
  h->nlmsg_type = type;
  h->nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
  h->nlmsg_seq = ++seq_;
  reinterpret_cast<rtmsg*>(NLMSG_DATA(h))->rtm_family = family;
  if (send(fd_, msg.data(), msg.size(), 0) < 0)
    throw EmulateError("netlink dump request: " + std::string(std::strerror(errno)));
  std::vector<char> buf(1 << 16);
  for (;;) {
    const ssize_t n = recv(fd_, buf.data(), buf.size(), 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw EmulateError("netlink dump: " + std::string(std::strerror(errno)));
    }
    ssize_t left = n;
    for (auto* r = reinterpret_cast<nlmsghdr*>(buf.data()); NLMSG_OK(r, static_cast<unsigned>(left));
         r = NLMSG_NEXT(r, left)) {
      if (r->nlmsg_seq != seq_) continue;
      if (r->nlmsg_type == NLMSG_DONE) return;
      if (r->nlmsg_type == NLMSG_ERROR) {
        const int err = -reinterpret_cast<nlmsgerr*>(NLMSG_DATA(r))->error;
        if (err == 0) return;
        throw EmulateError("netlink dump: " + std::string(std::strerror(err)));
      }
      each(r);
    }
  }
}

}  // namespace emulate
