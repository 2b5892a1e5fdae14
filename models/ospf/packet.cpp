#include "models/ospf/packet.hpp"

#include <algorithm>

namespace ospf {

std::string_view to_string(PacketType t) {
  switch (t) {
    case PacketType::kHello: return "Hello";
    case PacketType::kDatabaseDescription: return "DD";
    case PacketType::kLinkStateRequest: return "LSR";
    case PacketType::kLinkStateUpdate: return "LSU";
    case PacketType::kLinkStateAck: return "LSAck";
  }
  return "?";
}

uint32_t LinkStateUpdate::wire_bytes() const {
  uint32_t bytes = kOspfHeaderBytes + 4;  // # LSAs
  for (const LsaCopy& c : lsas) bytes += c.lsa->length();
  return bytes;
}

uint32_t headers_per_packet(uint32_t mtu, uint32_t fixed_body_bytes) {
  const uint32_t room = mtu > kIpHeaderBytes + kOspfHeaderBytes + fixed_body_bytes
                            ? mtu - kIpHeaderBytes - kOspfHeaderBytes - fixed_body_bytes
                            : 0;
  return std::max<uint32_t>(1, room / kLsaHeaderBytes);
}

uint32_t requests_per_packet(uint32_t mtu) {
  const uint32_t room =
      mtu > kIpHeaderBytes + kOspfHeaderBytes ? mtu - kIpHeaderBytes - kOspfHeaderBytes : 0;
  return std::max<uint32_t>(1, room / 12);
}

uint32_t update_budget_bytes(uint32_t mtu) {
  return mtu > kIpHeaderBytes + kOspfHeaderBytes + 4 ? mtu - kIpHeaderBytes - kOspfHeaderBytes - 4
                                                     : 0;
}

}  // namespace ospf
