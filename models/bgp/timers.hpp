// BGP timers: the values a session runs with, hold-time negotiation and the
// one jitter helper.
//
// RFC 4271 §10 lists the timers and suggested values; each daemon departs
// from them in its own way (BIRD jitters every timer including the hold
// timer, FRR jitters none, Junos lets a zero hold time lose to a non-zero
// one). Those differences are flags here, filled per vendor by
// default_timers() in defaults.hpp; sources are in docs/vendor-defaults.md.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "models/bgp/graceful_restart.hpp"
#include "sim/engine/random.hpp"
#include "sim/engine/time.hpp"

namespace bgp {

// Which timer is being set, for the jitter policy.
enum class TimerKind {
  kConnectRetry,  // RFC 4271 ConnectRetryTimer
  kConnectDelay,  // BIRD's delay before the first connect (a ConnectRetryTimer in Active)
  kHold,          // HoldTimer with the negotiated value
  kOpenSentHold,  // HoldTimer with the "large value" of §8.2.2 (BIRD: startup hold time)
  kKeepalive,     // KeepaliveTimer
  kMrai,          // MinRouteAdvertisementIntervalTimer
  kIdleHold,      // delay in Idle before the automatic restart (RFC 4271 §8.1.1 IdleHoldTimer)
};

enum class JitterPolicy {
  kNone,       // no jitter at all (FRR)
  kRfc4271,    // ConnectRetry, Keepalive, MRAI (and MinASOrigination) per RFC 4271 §10
  kAllTimers,  // every timer, the hold timer included (BIRD's bgp_start_timer)
};

// How the keepalive interval follows from the negotiated hold time.
enum class KeepaliveRule {
  kThirdOfHold,              // negotiated hold / 3 (RFC 4271 §10 suggestion, Junos, BIRD default)
  kMinOfConfiguredAndThird,  // min(configured keepalive, negotiated hold / 3) (FRR)
  kScaledWithHold,  // configured × negotiated / configured hold (BIRD with `keepalive time`)
};

struct BgpTimers {
  sim::Duration hold_time = sim::Duration::seconds(90);  // proposed in our OPEN; whole seconds
  std::optional<sim::Duration> keepalive_time;  // configured value; empty = derived from hold
  KeepaliveRule keepalive_rule = KeepaliveRule::kThirdOfHold;

  sim::Duration connect_retry_time = sim::Duration::seconds(120);
  // FRR doubles the ConnectRetry time on each expiry up to this; equal to
  // connect_retry_time where there is no backoff.
  sim::Duration connect_retry_max = sim::Duration::seconds(120);
  // BIRD "connect delay time": the session waits in Active this long before
  // its first connect. Zero: connect at once (RFC ManualStart -> Connect).
  sim::Duration connect_delay = sim::Duration::zero();
  // Wait in Active after an active open failed (RST). Empty: the ConnectRetry time.
  std::optional<sim::Duration> connect_fail_wait;
  // The HoldTimer "large value" while waiting for the peer's OPEN (§8.2.2: 4 minutes suggested).
  sim::Duration open_sent_hold_time = sim::Duration::seconds(240);

  sim::Duration mrai_ebgp = sim::Duration::seconds(30);  // RFC 4271 §10
  sim::Duration mrai_ibgp = sim::Duration::seconds(5);
  // RFC 4271 §9.2.1.1 limits "advertisement and/or withdrawal"; RFC 1771 and
  // many implementations sent withdrawals at once.
  bool mrai_applies_to_withdrawals = true;

  // Delay in Idle after an error before the automatic restart, doubling on
  // consecutive errors up to idle_hold_max; errors further apart than
  // idle_hold_forget start again from idle_hold_time (zero: never doubles).
  sim::Duration idle_hold_time = sim::Duration::zero();
  sim::Duration idle_hold_max = sim::Duration::zero();
  sim::Duration idle_hold_forget = sim::Duration::zero();

  JitterPolicy jitter = JitterPolicy::kRfc4271;
  // Junos: a zero hold time loses to a non-zero one instead of min() (RFC 4271 §4.2).
  bool zero_hold_yields_to_nonzero = false;
  // Directly connected eBGP: drop the session at once on interface down
  // (FRR fast-external-failover, BIRD check link, Junos).
  bool track_link_state = false;
  // Whether dropping the session for link loss counts as an error, so that
  // the idle hold (error wait) applies before it restarts.
  bool link_loss_is_error = true;
  // Whether the session torn down for a lost interface tries to send a
  // Cease first. It cannot go out while the link is down, but the kernel
  // retransmits it with the FIN, so a peer behind a shut port reads it when
  // the port is back (BIRD bgp_neigh_notify -> bgp_stop(p, 0): a Cease).
  // FRR's fast external failover stops the peer without one (bgp_zebra.c
  // bgp_ifp_down: BGP_Stop); its FIN alone arrives ("Connection closed").
  bool link_loss_sends_cease = true;
  // Whether a connection to a session in Idle is accepted (else refused,
  // RFC 4271 §8.2.2) while it waits to restart (idle hold, or its interface
  // just back). FRR (bgp_network.c bgp_accept) accepts one for any
  // configured peer that is not shut down, and the OPEN hands it to the
  // peer; BIRD refuses during its startup delay (bgp_incoming_connection).
  bool accepts_while_idle = false;
  // RFC 4271 §8.2.2: every UPDATE sent restarts the KeepaliveTimer. BIRD
  // restarts it only when it sends a KEEPALIVE (proto/bgp/packets.c
  // bgp_fire_tx), FRR's keepalive thread sends one every keepalive interval
  // after the last (bgpd/bgp_keepalives.c): their keepalives keep the phase
  // of the session's start.
  bool update_restarts_keepalive = true;
  // RFC 4724 graceful restart: capability, helper timers (graceful_restart.hpp).
  GracefulRestartConfig graceful_restart;
  // BFD going Down while the session waits out its error wait starts that
  // wait again from the beginning (BIRD: bgp_bfd_notify() stops and
  // restarts the protocol, which applies the startup delay anew).
  bool bfd_down_restarts_idle_hold = false;
  // The session stays Idle this long after the daemon starts, refusing
  // incoming connections (FRR holds peers while it reads its configuration).
  sim::Duration start_hold = sim::Duration::zero();
};

// RFC 4271 §4.2: the Hold Time "MUST be either zero or at least three seconds".
constexpr bool acceptable_hold_time(uint16_t seconds) { return seconds == 0 || seconds >= 3; }

// The session's hold time from both OPENs, in seconds (RFC 4271 §4.2: the smaller).
uint16_t negotiate_hold_time(uint16_t local_s, uint16_t remote_s, bool zero_yields_to_nonzero);

// The interval between our KEEPALIVEs for a negotiated hold time; zero when
// the hold time is zero (no keepalives, RFC 4271 §4.4). Whole seconds, as the
// daemons compute it.
sim::Duration keepalive_interval(const BgpTimers& timers, uint16_t negotiated_hold_s);

// Whether `policy` jitters timers of `kind`.
bool is_jittered(TimerKind kind, JitterPolicy policy);

// The one jitter helper (RFC 4271 §10): `base` times a factor uniform in
// [0.75, 1.0], drawn anew each time a timer is set, when the policy jitters
// this kind of timer; `base` unchanged otherwise.
sim::Duration jitter(sim::Duration base, TimerKind kind, JitterPolicy policy,
                     sim::RandomStream& rng);

// Empty when valid, else why not ("hold time 2s: must be 0 or at least 3s").
std::string validate(const BgpTimers& timers);

}  // namespace bgp
