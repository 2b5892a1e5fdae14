#include "models/bgp/timers.hpp"

#include <algorithm>

namespace bgp {

uint16_t negotiate_hold_time(uint16_t local_s, uint16_t remote_s, bool zero_yields_to_nonzero) {
  if (zero_yields_to_nonzero) {
    // Junos hold-time reference: "if one side requests a nonzero hold time and
    // the other requests a zero hold time, the negotiation settles on the
    // nonzero value".
    if (local_s == 0) return remote_s;
    if (remote_s == 0) return local_s;
  }
  return std::min(local_s, remote_s);  // RFC 4271 §4.2
}

sim::Duration keepalive_interval(const BgpTimers& timers, uint16_t negotiated_hold_s) {
  if (negotiated_hold_s == 0) return sim::Duration::zero();
  // Integer seconds, as BIRD (packets.c bgp_rx_open) and FRR (bgp_open_receive) compute it.
  const int64_t third = negotiated_hold_s / 3;
  const int64_t configured =
      timers.keepalive_time ? *timers.keepalive_time / sim::Duration::seconds(1) : 0;
  int64_t seconds = third;
  switch (timers.keepalive_rule) {
    case KeepaliveRule::kThirdOfHold:
      if (configured > 0) seconds = configured;
      break;
    case KeepaliveRule::kMinOfConfiguredAndThird:
      if (configured > 0 && configured < third) seconds = configured;
      break;
    case KeepaliveRule::kScaledWithHold: {
      const int64_t hold_cfg = timers.hold_time / sim::Duration::seconds(1);
      if (configured > 0 && hold_cfg > 0) seconds = configured * negotiated_hold_s / hold_cfg;
      break;
    }
  }
  // RFC 4271 §4.4: KEEPALIVEs "MUST NOT be sent more frequently than one per second".
  return sim::Duration::seconds(std::max<int64_t>(seconds, 1));
}

bool is_jittered(TimerKind kind, JitterPolicy policy) {
  switch (policy) {
    case JitterPolicy::kNone:
      return false;
    case JitterPolicy::kAllTimers:
      return true;
    case JitterPolicy::kRfc4271:
      // RFC 4271 §10: MinASOriginationIntervalTimer, KeepaliveTimer,
      // MinRouteAdvertisementIntervalTimer and ConnectRetryTimer.
      return kind == TimerKind::kConnectRetry || kind == TimerKind::kConnectDelay ||
             kind == TimerKind::kKeepalive || kind == TimerKind::kMrai;
  }
  return false;
}

sim::Duration jitter(sim::Duration base, TimerKind kind, JitterPolicy policy,
                     sim::RandomStream& rng) {
  if (base <= sim::Duration::zero() || !is_jittered(kind, policy)) return base;
  // base × U[0.75, 1.0] as base − U[0, base/4], in whole picoseconds.
  return base - rng.uniform(sim::Duration::zero(), base / 4);
}

std::string validate(const BgpTimers& t) {
  const sim::Duration second = sim::Duration::seconds(1);
  if (t.hold_time.ps() % second.ps() != 0)
    return "hold time " + sim::format_duration(t.hold_time) + ": must be whole seconds";
  const int64_t hold_s = t.hold_time / second;
  if (hold_s < 0 || hold_s > 65535 || !acceptable_hold_time(static_cast<uint16_t>(hold_s)))
    return "hold time " + sim::format_duration(t.hold_time) + ": must be 0 or 3s..65535s";
  if (t.keepalive_time && *t.keepalive_time < sim::Duration::zero())
    return "keepalive time must not be negative";
  if (t.connect_retry_time <= sim::Duration::zero()) return "connect retry time must be positive";
  return {};
}

}  // namespace bgp
