// BGP-4 messages (RFC 4271 §4) as the simulator carries them.
//
// Messages are plain structs, not byte strings: the model never parses wire
// bytes. Each one knows its size on the wire (wire_bytes()) so that the
// packet carrying it has a realistic size and serialisation delay. Sizes
// assume a session that negotiated 4-octet AS numbers (RFC 6793), which every
// daemon modelled here does by default; with it AS_PATH entries are 4 bytes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "models/bgp/graceful_restart.hpp"
#include "models/net/ipv4.hpp"
#include "models/net/packet.hpp"

namespace bgp {

// RFC 4271 §4.1: Marker (16) + Length (2) + Type (1).
inline constexpr uint32_t kHeaderBytes = 19;
// RFC 4271 §4: "The maximum message size is 4096 octets" (no RFC 8654).
inline constexpr uint32_t kMaxMessageBytes = 4096;
// RFC 4271 §4.2 and §9.2: the 2-octet "My Autonomous System" field carries
// AS_TRANS (RFC 6793) when the real AS does not fit.
inline constexpr uint32_t kAsTrans = 23456;

enum class MessageType : uint8_t {
  kOpen = 1, kUpdate = 2, kNotification = 3, kKeepalive = 4, kRouteRefresh = 5
};

struct Message : net::Message {
  virtual MessageType type() const = 0;
  virtual uint32_t wire_bytes() const = 0;
};

// RFC 4271 §4.2. Capabilities (RFC 5492) travel in one Optional Parameter of
// type 2, as BIRD and Junos send them.
struct Open final : Message {
  uint8_t version = 4;
  uint32_t my_as = 0;  // the real AS; the 2-octet field carries AS_TRANS if needed
  uint16_t hold_time_s = 0;
  net::Ipv4 bgp_identifier;
  bool cap_multiprotocol_ipv4 = true;  // RFC 4760, AFI 1 / SAFI 1
  bool cap_route_refresh = true;       // RFC 2918
  bool cap_four_octet_as = true;       // RFC 6793
  std::optional<GrCapability> cap_graceful_restart;  // RFC 4724; empty: not sent
  bool cap_long_lived_gr = false;                    // RFC 9494, IPv4 unicast

  MessageType type() const override { return MessageType::kOpen; }
  uint32_t wire_bytes() const override;
};

// RFC 4271 §4.3 / §5.1.1 ORIGIN values; lower is preferred (§9.1.2.2 c).
enum class Origin : uint8_t { kIgp = 0, kEgp = 1, kIncomplete = 2 };

// The path attributes this model carries (RFC 4271 §5.1). AS_PATH is one
// AS_SEQUENCE, leftmost = the AS that sent the route last.
struct PathAttributes {
  Origin origin = Origin::kIgp;
  std::vector<uint32_t> as_path;
  net::Ipv4 next_hop;
  std::optional<uint32_t> med;         // MULTI_EXIT_DISC
  std::optional<uint32_t> local_pref;  // LOCAL_PREF (iBGP only on the wire, §5.1.5)

  bool operator==(const PathAttributes&) const = default;
  bool contains_as(uint32_t as) const;
  // Path Attributes field bytes (flags + type + length + value per attribute).
  uint32_t wire_bytes() const;
  // "65001 65000 I" as routers print it.
  std::string as_path_string() const;
};

// RFC 4271 §4.3. `attributes` is absent for a pure withdrawal.
struct Update final : Message {
  std::vector<net::Prefix> withdrawn;
  std::optional<PathAttributes> attributes;
  std::vector<net::Prefix> nlri;

  MessageType type() const override { return MessageType::kUpdate; }
  uint32_t wire_bytes() const override;
};

// RFC 4271 §4.4: a header and nothing else.
struct Keepalive final : Message {
  MessageType type() const override { return MessageType::kKeepalive; }
  uint32_t wire_bytes() const override { return kHeaderBytes; }
};

// RFC 2918: asks the peer to send its Adj-RIB-Out for IPv4 unicast again.
struct RouteRefresh final : Message {
  MessageType type() const override { return MessageType::kRouteRefresh; }
  uint32_t wire_bytes() const override { return kHeaderBytes + 4; }  // AFI, reserved, SAFI
};

// RFC 4271 §4.5 error codes.
enum class ErrorCode : uint8_t {
  kMessageHeaderError = 1,
  kOpenMessageError = 2,
  kUpdateMessageError = 3,
  kHoldTimerExpired = 4,
  kFiniteStateMachineError = 5,
  kCease = 6,
};

// RFC 4271 §6.2 OPEN Message Error subcodes (5 is deprecated).
enum class OpenErrorSubcode : uint8_t {
  kUnsupportedVersionNumber = 1,
  kBadPeerAs = 2,
  kBadBgpIdentifier = 3,
  kUnsupportedOptionalParameter = 4,
  kUnacceptableHoldTime = 6,
};

// RFC 4486 Cease subcodes the model sends.
enum class CeaseSubcode : uint8_t {
  kUnspecified = 0,
  kAdministrativeShutdown = 2,
  kAdministrativeReset = 4,  // an operator's `clear bgp neighbor`
};

struct Notification final : Message {
  ErrorCode code = ErrorCode::kCease;
  uint8_t subcode = 0;
  uint32_t data_bytes = 0;  // the Data field's length; its content is not modelled

  MessageType type() const override { return MessageType::kNotification; }
  uint32_t wire_bytes() const override { return kHeaderBytes + 2 + data_bytes; }
};

// Bytes of one prefix in the Withdrawn Routes or NLRI field (RFC 4271 §4.3).
constexpr uint32_t prefix_wire_bytes(const net::Prefix& p) { return 1u + (p.len + 7u) / 8u; }

std::string_view to_string(MessageType t);
std::string_view to_string(Origin o);
// "Hold Timer Expired", "OPEN Message Error / Unacceptable Hold Time", ...
std::string describe(ErrorCode code, uint8_t subcode);

}  // namespace bgp
