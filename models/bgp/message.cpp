#include "models/bgp/message.hpp"

#include <algorithm>

namespace bgp {
namespace {

// Attribute Flags + Attribute Type Code + Attribute Length (RFC 4271 §4.3);
// the Length is 2 octets when the Extended Length bit is needed (> 255).
constexpr uint32_t attribute_bytes(uint32_t value_bytes) {
  return 2u + (value_bytes > 255 ? 2u : 1u) + value_bytes;
}

// An AS_SEQUENCE segment holds at most 255 ASes (segment length is 1 octet).
uint32_t as_path_value_bytes(size_t as_count) {
  uint32_t bytes = 0;
  while (as_count > 0) {
    const size_t in_segment = std::min<size_t>(as_count, 255);
    bytes += 2u + 4u * static_cast<uint32_t>(in_segment);  // type + length + 4-octet ASes
    as_count -= in_segment;
  }
  return bytes;
}

}  // namespace

uint32_t Open::wire_bytes() const {
  // RFC 4271 §4.2: Version 1, My AS 2, Hold Time 2, BGP Identifier 4,
  // Opt Parm Len 1 after the header = 29 bytes without parameters.
  uint32_t caps = 0;
  if (cap_multiprotocol_ipv4) caps += 2 + 4;  // code, length, AFI(2) res(1) SAFI(1)
  if (cap_route_refresh) caps += 2;
  if (cap_four_octet_as) caps += 2 + 4;
  if (cap_graceful_restart) caps += cap_graceful_restart->wire_bytes();
  if (cap_long_lived_gr) caps += 2 + 7;  // AFI(2) SAFI(1) flags(1) stale time(3)
  const uint32_t params = caps > 0 ? 2 + caps : 0;  // parameter type + length
  return kHeaderBytes + 10 + params;
}

bool PathAttributes::contains_as(uint32_t as) const {
  return std::find(as_path.begin(), as_path.end(), as) != as_path.end();
}

uint32_t PathAttributes::wire_bytes() const {
  uint32_t bytes = attribute_bytes(1);                            // ORIGIN
  bytes += attribute_bytes(as_path_value_bytes(as_path.size()));  // AS_PATH
  bytes += attribute_bytes(4);                                    // NEXT_HOP
  if (med) bytes += attribute_bytes(4);
  if (local_pref) bytes += attribute_bytes(4);
  return bytes;
}

std::string PathAttributes::as_path_string() const {
  std::string out;
  for (uint32_t as : as_path) {
    out += std::to_string(as);
    out += ' ';
  }
  out += origin == Origin::kIgp ? "I" : origin == Origin::kEgp ? "E" : "?";
  return out;
}

uint32_t Update::wire_bytes() const {
  // RFC 4271 §4.3: Withdrawn Routes Length (2) + Total Path Attribute Length (2).
  uint32_t bytes = kHeaderBytes + 4;
  for (const auto& p : withdrawn) bytes += prefix_wire_bytes(p);
  if (attributes) bytes += attributes->wire_bytes();
  for (const auto& p : nlri) bytes += prefix_wire_bytes(p);
  return bytes;
}

std::string_view to_string(MessageType t) {
  switch (t) {
    case MessageType::kOpen:
      return "OPEN";
    case MessageType::kUpdate:
      return "UPDATE";
    case MessageType::kNotification:
      return "NOTIFICATION";
    case MessageType::kKeepalive:
      return "KEEPALIVE";
    case MessageType::kRouteRefresh:
      return "ROUTE-REFRESH";
  }
  return "?";
}

std::string_view to_string(Origin o) {
  switch (o) {
    case Origin::kIgp:
      return "IGP";
    case Origin::kEgp:
      return "EGP";
    case Origin::kIncomplete:
      return "Incomplete";
  }
  return "?";
}

std::string describe(ErrorCode code, uint8_t subcode) {
  switch (code) {
    case ErrorCode::kMessageHeaderError:
      return "Message Header Error";
    case ErrorCode::kHoldTimerExpired:
      return "Hold Timer Expired";
    case ErrorCode::kUpdateMessageError:
      return "UPDATE Message Error";
    case ErrorCode::kFiniteStateMachineError:
      return "Finite State Machine Error";
    case ErrorCode::kCease:
      if (subcode == static_cast<uint8_t>(CeaseSubcode::kAdministrativeShutdown))
        return "Cease / Administrative Shutdown";
      if (subcode == static_cast<uint8_t>(CeaseSubcode::kAdministrativeReset))
        return "Cease / Administrative Reset";
      return "Cease";
    case ErrorCode::kOpenMessageError:
      break;
  }
  switch (static_cast<OpenErrorSubcode>(subcode)) {
    case OpenErrorSubcode::kUnsupportedVersionNumber:
      return "OPEN Message Error / Unsupported Version Number";
    case OpenErrorSubcode::kBadPeerAs:
      return "OPEN Message Error / Bad Peer AS";
    case OpenErrorSubcode::kBadBgpIdentifier:
      return "OPEN Message Error / Bad BGP Identifier";
    case OpenErrorSubcode::kUnsupportedOptionalParameter:
      return "OPEN Message Error / Unsupported Optional Parameter";
    case OpenErrorSubcode::kUnacceptableHoldTime:
      return "OPEN Message Error / Unacceptable Hold Time";
  }
  return "OPEN Message Error";
}

}  // namespace bgp
