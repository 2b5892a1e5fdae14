// BGP graceful restart (RFC 4724): the capability, the per-vendor modes and
// the helper's decisions as pure functions. The state they drive lives in
// the session (capabilities sent and received, how the session ended) and
// in the speaker (stale routes, the Restart Timer, End-of-RIB).
//
// Modes, after BIRD's `graceful restart off|aware|on`:
//   off    no capability, no help: a peer's routes go when its session does.
//   aware  the capability without any address family (RFC 4724 §3: "the
//          speaker ... is capable of ... the Receiving Speaker role"): this
//          speaker helps a restarting peer but cannot restart gracefully.
//   able   the capability lists IPv4 unicast, with the F bit set in the
//          OPEN after a restart that kept the forwarding state.
// Helper rules (RFC 4724 §4.2): routes are kept as stale only when the peer
// listed IPv4 unicast in its last capability and the session ended without a
// NOTIFICATION (TCP closed or reset). A NOTIFICATION sent or received (Cease
// from `clear bgp`, Hold Timer Expired), an interface going down and BFD down
// (RFC 5882 §4.3.1 with the C bit clear, as BIRD's and FRR's software BFD
// send it) purge at once. RFC 8538 (GR for NOTIFICATION) is not modelled.
// The exception is BIRD's hold timer with a long-lived capable peer
// (long_lived_helper), measured against FRR 8.4 (docs/validation.md).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/engine/time.hpp"

namespace bgp {

struct Update;

enum class GrMode { kOff, kAware, kAble };

// Scenario words, BIRD's: "off", "aware", "on" (able).
std::optional<GrMode> parse_gr_mode(std::string_view text);
std::vector<std::string> gr_mode_names();  // in the order of GrMode
std::string_view gr_mode_name(GrMode mode);

struct GracefulRestartConfig {
  GrMode mode = GrMode::kOff;
  // Restart Time advertised in the capability (12 bits, seconds); BIRD
  // `graceful restart time`, FRR `bgp graceful-restart restart-time`,
  // Junos `restart-time`.
  sim::Duration restart_time = sim::Duration::seconds(120);
  // The helper's limit on waiting for End-of-RIB after the peer is back
  // (FRR stalepath-time, Junos stale-routes-time). Empty: wait for
  // End-of-RIB only.
  std::optional<sim::Duration> stale_routes_time;
  // Whether an `aware` capability still carries restart_time.
  bool aware_sends_restart_time = true;
  // The Long-Lived Graceful Restart Capability (RFC 9494, code 71) is sent.
  bool long_lived = false;
  // BIRD (proto/bgp/bgp.c): when both sides sent the long-lived capability,
  // an Established session lost without a NOTIFICATION is handled as the
  // peer's graceful restart, whatever address families its GR capability
  // lists: its hold timer expiring (bgp_hold_timeout, which then sends no
  // NOTIFICATION and skips the error wait) or its TCP connection closed or
  // reset (bgp_sock_err). The peer's routes are kept as stale for its
  // Restart Time.
  bool long_lived_helper = false;
};

// The Graceful Restart Capability (RFC 4724 §3, capability code 64) for the
// one address family modelled, IPv4 unicast.
struct GrCapability {
  bool restart_state = false;   // R bit: "the BGP speaker has restarted"
  uint16_t restart_time_s = 0;  // Restart Time, 12 bits
  bool ipv4_unicast = false;    // AFI 1 / SAFI 1 listed
  bool ipv4_forwarding = false; // its F bit: forwarding state preserved

  bool operator==(const GrCapability&) const = default;
  // Capability code (1) + length (1) + flags/time (2) + 4 per address family.
  uint32_t wire_bytes() const { return 2u + 2u + (ipv4_unicast ? 4u : 0u); }
};

// What this speaker puts in its OPEN; empty in mode off. `restarted`: the
// first OPEN after a restart that kept the forwarding state (R and F bits).
std::optional<GrCapability> capability_to_send(const GracefulRestartConfig& config,
                                               bool restarted);

// RFC 4724 §4.2: keep the peer's routes as stale after the session ended?
// `closed_without_notification`: the TCP connection closed or reset with no
// NOTIFICATION either way. `long_lived_restart`: BIRD's case above
// (long_lived_helper), which keeps them whatever address families the
// capability lists.
bool retains_routes(const GracefulRestartConfig& local, const std::optional<GrCapability>& peer,
                    bool closed_without_notification, bool long_lived_restart = false);

// RFC 4724 §4.2, on re-establishment: the stale routes stay until End-of-RIB
// only if the new capability lists IPv4 unicast with the F bit set.
bool keeps_stale_after_reopen(const std::optional<GrCapability>& peer);

// Whether End-of-RIB is sent: RFC 4724 §2 after the initial update when
// both sides advertised the capability (the daemons send it then).
bool sends_end_of_rib(const GracefulRestartConfig& local, const std::optional<GrCapability>& peer);

// RFC 4724 §2: End-of-RIB for IPv4 unicast is an UPDATE with no withdrawn
// routes, no path attributes and no NLRI.
bool is_end_of_rib(const Update& update);

}  // namespace bgp
