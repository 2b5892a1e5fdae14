// OSPFv2 packets (RFC 2328 Appendix A.3) as the simulator carries them.
//
// Packets are plain structs, not byte strings; each knows its size on the
// wire (OSPF header included, IP header not) so the net::Packet carrying it
// serialises for the right time. All packets on point-to-point interfaces go
// to AllSPFRouters (224.0.0.5) with IP protocol 89 and TTL 1 (§8.1, A.1).
#pragma once

#include <cstdint>
#include <vector>

#include "models/net/packet.hpp"
#include "models/ospf/lsa.hpp"

namespace ospf {

inline constexpr uint32_t kIpHeaderBytes = 20;    // no IP options
inline constexpr uint32_t kOspfHeaderBytes = 24;  // A.3.1, null authentication
inline constexpr net::Ipv4 kAllSpfRouters{0xe0000005};  // 224.0.0.5

// A.2: the E bit (AS-external-LSAs are flooded here: not a stub area).
inline constexpr uint8_t kOptionE = 0x02;

enum class PacketType : uint8_t {
  kHello = 1,
  kDatabaseDescription = 2,
  kLinkStateRequest = 3,
  kLinkStateUpdate = 4,
  kLinkStateAck = 5,
};
std::string_view to_string(PacketType t);

struct Packet : net::Message {
  net::Ipv4 router_id;  // A.3.1 header: the sender
  // Area ID is always 0.0.0.0 (backbone only); authentication is null.
  virtual PacketType type() const = 0;
  // OSPF header and body, without the IP header.
  virtual uint32_t wire_bytes() const = 0;
};

// A.3.2. Intervals are whole seconds on the wire.
struct Hello final : Packet {
  uint32_t network_mask = 0;
  uint16_t hello_interval_s = 10;
  uint8_t options = kOptionE;
  uint8_t priority = 1;
  uint32_t dead_interval_s = 40;
  net::Ipv4 designated_router;  // always 0.0.0.0 on point-to-point
  net::Ipv4 backup_designated_router;
  std::vector<net::Ipv4> neighbors;  // Router IDs heard from in the last dead interval

  PacketType type() const override { return PacketType::kHello; }
  uint32_t wire_bytes() const override {
    return kOspfHeaderBytes + 20 + 4 * static_cast<uint32_t>(neighbors.size());
  }
};

// A.3.3.
struct DatabaseDescription final : Packet {
  uint16_t interface_mtu = 1500;
  uint8_t options = kOptionE;
  bool init = false;    // I bit
  bool more = false;    // M bit
  bool master = false;  // MS bit
  uint32_t dd_seq = 0;
  std::vector<LsaHeader> headers;

  PacketType type() const override { return PacketType::kDatabaseDescription; }
  uint32_t wire_bytes() const override {
    return kOspfHeaderBytes + 8 + kLsaHeaderBytes * static_cast<uint32_t>(headers.size());
  }
};

// A.3.4: 12 bytes per requested LSA (LS type, Link State ID, Advertising Router).
struct LinkStateRequest final : Packet {
  std::vector<LsaKey> requests;

  PacketType type() const override { return PacketType::kLinkStateRequest; }
  uint32_t wire_bytes() const override {
    return kOspfHeaderBytes + 12 * static_cast<uint32_t>(requests.size());
  }
};

// One LSA in an update, with the age it is sent with (§13.3: the age grows
// by InfTransDelay on the way out).
struct LsaCopy {
  LsaPtr lsa;
  uint16_t age = 0;
  LsaHeader header() const { return header_of(*lsa, age); }
};

// A.3.5.
struct LinkStateUpdate final : Packet {
  std::vector<LsaCopy> lsas;

  PacketType type() const override { return PacketType::kLinkStateUpdate; }
  uint32_t wire_bytes() const override;
};

// A.3.6.
struct LinkStateAck final : Packet {
  std::vector<LsaHeader> headers;

  PacketType type() const override { return PacketType::kLinkStateAck; }
  uint32_t wire_bytes() const override {
    return kOspfHeaderBytes + kLsaHeaderBytes * static_cast<uint32_t>(headers.size());
  }
};

// How many LSA headers (DD, LSAck), requests (LSR) or update bytes fit in
// one packet on an interface of this MTU, so large databases split over
// several packets as they do on the wire.
uint32_t headers_per_packet(uint32_t mtu, uint32_t fixed_body_bytes);
uint32_t requests_per_packet(uint32_t mtu);
uint32_t update_budget_bytes(uint32_t mtu);

}  // namespace ospf
