#include "models/ospf/defaults.hpp"

#include <algorithm>

namespace ospf {
namespace {

constexpr sim::Duration s(int64_t v) { return sim::Duration::seconds(v); }
constexpr sim::Duration ms(int64_t v) { return sim::Duration::milliseconds(v); }

// Junos: hello 10 ("Configuring OSPF Timers"), dead 40 (dead-interval),
// retransmit 5 s and acknowledgements delayed "by up to 2 seconds"
// (retransmit-interval); spf-options delay 200 ms, holddown 5000 ms,
// rapid-runs 3; LSAs refreshed every 50 minutes (flood-reduction topic).
// transit-delay, MinLSInterval, MinLSArrival and the first hello are not
// documented where we looked: RFC values (ASSUMPTION).
OspfTimers junos() {
  OspfTimers t = rfc2328_timers();
  t.ack_delay = s(2);
  t.ls_refresh = s(3000);
  t.spf.kind = SpfThrottleKind::kJunos;
  t.spf.delay = ms(200);
  t.spf.hold = ms(5000);
  t.spf.rapid_runs = 3;
  return t;
}

// FRR ospfd: lib/libospf.h (hello 10, dead 40, retransmit 5, transmit delay
// 1, MinLSInterval 5000 ms, MinLSArrival 1000 ms, LS refresh 1800 s, ack
// delay 1 s, SPF throttle 0 / 50 / 5000 ms); ospfd/ospf_ism.c sends the
// first hello 1 ms after the interface enters Point-to-point; ospf_lsa.c
// recalculates external routes at once when an AS-external-LSA arrives.
OspfTimers frr() {
  OspfTimers t = rfc2328_timers();
  t.first_hello_delay = ms(1);
  t.spf.kind = SpfThrottleKind::kFrr;
  t.spf.delay = ms(0);
  t.spf.hold = ms(50);
  t.spf.max_hold = ms(5000);
  t.external_recalc = ExternalRecalc::kImmediate;
  // ospf_ase.c OSPF_ASE_CALC_INTERVAL. Measured on FRR 8.4.4
  // (docs/validation.md): the service route came 1.0 s after the SPF run
  // that made its ASBR reachable.
  t.external_after_spf = s(1);
  return t;
}

// BIRD 2: proto/ospf/ospf.h (MINLSINTERVAL 5 s, MINLSARRIVAL 1 s,
// LSREFRESHTIME 1800, tick 1 s), doc/bird.sgml (hello 10, dead count 4,
// retransmit 5, transmit delay 1, tick: routing table calculation at
// periodic intervals); iface.c sends the first hello when the interface
// comes up; neighbor.c sends delayed acks every retransmit/2.
OspfTimers bird() {
  OspfTimers t = rfc2328_timers();
  t.ack_delay = t.rxmt_interval / 2;
  t.spf.kind = SpfThrottleKind::kBirdTick;
  t.spf.tick = s(1);
  return t;
}

}  // namespace

std::string_view to_string(SpfThrottleKind k) {
  switch (k) {
    case SpfThrottleKind::kFixed: return "fixed";
    case SpfThrottleKind::kJunos: return "junos";
    case SpfThrottleKind::kFrr: return "frr";
    case SpfThrottleKind::kBirdTick: return "bird-tick";
  }
  return "?";
}

OspfTimers rfc2328_timers() {
  OspfTimers t;  // the struct's defaults are RFC 2328's (Appendix B, C.3)
  t.spf.kind = SpfThrottleKind::kFixed;
  t.spf.delay = sim::Duration::zero();
  t.spf.hold = sim::Duration::zero();
  return t;
}

OspfTimers default_timers(vendor::Vendor v) {
  switch (v) {
    case vendor::Vendor::kJunos:
      return junos();
    case vendor::Vendor::kFrr:
      return frr();
    case vendor::Vendor::kBird:
    case vendor::Vendor::kLinux:
      return bird();
    case vendor::Vendor::kEos:
      // Nothing verified for EOS: RFC values and SPF on every change (ASSUMPTION).
      return rfc2328_timers();
  }
  return rfc2328_timers();
}

std::string validate(const OspfTimers& t) {
  const sim::Duration second = s(1);
  if (t.hello_interval <= sim::Duration::zero() || t.hello_interval.ps() % second.ps() != 0 ||
      t.hello_interval > s(65535))
    return "hello interval " + sim::format_duration(t.hello_interval) +
           ": must be whole seconds, 1s..65535s";
  if (t.dead_interval <= sim::Duration::zero() || t.dead_interval.ps() % second.ps() != 0)
    return "dead interval " + sim::format_duration(t.dead_interval) + ": must be whole seconds";
  if (t.rxmt_interval <= sim::Duration::zero()) return "retransmit interval must be positive";
  if (t.transmit_delay < sim::Duration::zero() || t.transmit_delay.ps() % second.ps() != 0)
    return "transmit delay " + sim::format_duration(t.transmit_delay) + ": must be whole seconds";
  if (t.ls_refresh <= sim::Duration::zero() || t.ls_refresh >= s(3600))
    return "LS refresh time must be below MaxAge (3600s)";
  if (t.min_ls_interval < sim::Duration::zero() || t.min_ls_arrival < sim::Duration::zero() ||
      t.first_hello_delay < sim::Duration::zero() || t.ack_delay < sim::Duration::zero())
    return "OSPF timers must not be negative";
  if (t.spf.kind == SpfThrottleKind::kBirdTick && t.spf.tick <= sim::Duration::zero())
    return "SPF tick must be positive";
  if (t.spf.kind == SpfThrottleKind::kJunos && t.spf.rapid_runs == 0)
    return "SPF rapid-runs must be at least 1";
  return {};
}

uint32_t default_interface_cost(vendor::Vendor v, uint64_t bandwidth_bps) {
  if (v == vendor::Vendor::kBird || v == vendor::Vendor::kLinux) return 10;  // BIRD `cost` default
  // Junos and FRR: reference bandwidth 100 Mb/s, cost = reference / bandwidth, at least 1.
  constexpr uint64_t kReference = 100'000'000;
  if (bandwidth_bps == 0) return 10;  // FRR OSPF_OUTPUT_COST_DEFAULT without a known speed
  return static_cast<uint32_t>(std::clamp<uint64_t>(kReference / bandwidth_bps, 1, 65535));
}

ExternalDefaults default_external(vendor::Vendor v) {
  ExternalDefaults d;
  switch (v) {
    case vendor::Vendor::kJunos:
      // Routes exported to OSPF keep their own metric and become type 2
      // externals unless they are type 1 routes (static route `metric ... type`).
      d.metric_from_route = true;
      break;
    case vendor::Vendor::kFrr:
    case vendor::Vendor::kEos:
      d.metric = 20;  // FRR DEFAULT_DEFAULT_METRIC, type 2; EOS assumed the same
      break;
    case vendor::Vendor::kBird:
    case vendor::Vendor::kLinux:
      d.metric = 10000;  // BIRD: ospf_metric2 = 10000 unless the filter sets one
      break;
  }
  return d;
}

}  // namespace ospf
