// OSPFv2 link-state advertisements (RFC 2328 §12, Appendix A.4) and the
// architectural constants of Appendix B.
//
// An Lsa is immutable once built and shared (std::shared_ptr<const Lsa>)
// between the LSDB, retransmission lists and the update packets that carry
// it, as a router floods one instance unchanged. The LS age is not part of
// the Lsa: it grows with time, so the LSDB keeps it beside the instance and
// a packet carries the age it was sent with (LsaHeader::age).
//
// Only the LSA types a single-area, point-to-point model needs are built:
// Router-LSAs (type 1) and AS-external-LSAs (type 5). The checksum is not
// the Fletcher checksum of A.4.1 but a 16-bit hash of the contents: it plays
// the same role in §13.1 (telling two instances with one sequence number
// apart) without serialising the LSA.
#pragma once

#include <compare>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "models/net/ipv4.hpp"

namespace ospf {

// RFC 2328 Appendix B. Ages are in seconds, as in the LS age field.
inline constexpr uint16_t kMaxAge = 3600;
inline constexpr uint16_t kMaxAgeDiff = 900;
inline constexpr uint32_t kLsInfinity = 0xffffff;
inline constexpr int32_t kInitialSequenceNumber = -0x7fffffff;  // 0x80000001
inline constexpr int32_t kMaxSequenceNumber = 0x7fffffff;

// A.4.1: the LSA header is 20 bytes.
inline constexpr uint16_t kLsaHeaderBytes = 20;

enum class LsaType : uint8_t {
  kRouter = 1,
  kNetwork = 2,
  kSummary = 3,
  kAsbrSummary = 4,
  kAsExternal = 5,
};
std::string_view to_string(LsaType t);

// (LS type, Link State ID, Advertising Router) identifies an LSA (§12.1).
struct LsaKey {
  LsaType type = LsaType::kRouter;
  net::Ipv4 id;
  net::Ipv4 adv_router;
  constexpr auto operator<=>(const LsaKey&) const = default;
  // The same order as <=>, in two integer compares: the LSDB and every
  // per-neighbour list are maps keyed by LsaKey, looked up per LSA received.
  friend constexpr bool operator<(const LsaKey& a, const LsaKey& b) {
    const uint64_t x = (uint64_t{static_cast<uint8_t>(a.type)} << 32) | a.id.value;
    const uint64_t y = (uint64_t{static_cast<uint8_t>(b.type)} << 32) | b.id.value;
    return x != y ? x < y : a.adv_router.value < b.adv_router.value;
  }
};

// A.4.2 link types.
enum class LinkType : uint8_t { kPointToPoint = 1, kTransit = 2, kStub = 3, kVirtual = 4 };

struct RouterLink {
  LinkType type = LinkType::kStub;
  net::Ipv4 id;       // neighbour Router ID (p2p) or network number (stub)
  uint32_t data = 0;  // our interface address (p2p) or network mask (stub)
  uint16_t metric = 0;
  bool operator==(const RouterLink&) const = default;
};

struct Lsa {
  LsaKey key;
  int32_t seq = kInitialSequenceNumber;
  uint16_t checksum = 0;  // set by finalise()

  // Router-LSA (A.4.2): the E bit (AS boundary router) and the links.
  bool asbr = false;
  std::vector<RouterLink> links;

  // AS-external-LSA (A.4.5). Link State ID is the network (§12.4.4, App. E).
  uint32_t mask = 0;
  bool type2 = true;  // the E bit of the TOS-0 metric
  uint32_t metric = 0;
  net::Ipv4 forwarding;  // 0: traffic goes to the originating ASBR
  uint32_t route_tag = 0;

  // LSA length field: header plus body (A.4.2: 4 + 12 per link; A.4.5: 16).
  uint16_t length() const;
  // §13.2: "the contents have changed" ignoring the header's seq/checksum/age.
  bool same_contents(const Lsa& other) const;
  // Computes the checksum; call after the body is complete.
  void finalise();
  // The destination of an AS-external-LSA.
  net::Prefix external_prefix() const;
};

using LsaPtr = std::shared_ptr<const Lsa>;

// The fields of the 20-byte header that the protocol compares and carries
// in Database Description and Link State Acknowledgment packets.
struct LsaHeader {
  LsaKey key;
  uint16_t age = 0;
  int32_t seq = kInitialSequenceNumber;
  uint16_t checksum = 0;
  uint16_t length = kLsaHeaderBytes;
};

LsaHeader header_of(const Lsa& lsa, uint16_t age);

// RFC 2328 §13.1: > 0 when `a` is the more recent instance, < 0 when `b`
// is, 0 when they are the same instance.
int compare_instances(const LsaHeader& a, const LsaHeader& b);

// "router-lsa 10.0.0.1/10.0.0.1 seq 0x80000003"
std::string describe(const LsaKey& key, int32_t seq);
// Sequence numbers are printed as routers print them: 0x80000001.
std::string seq_hex(int32_t seq);

}  // namespace ospf
