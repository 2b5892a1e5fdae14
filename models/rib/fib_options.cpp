#include "models/rib/fib_options.hpp"

namespace rib {

using sim::Duration;
using vendor::Vendor;

FibOptions fib_defaults(Vendor v) {
  FibOptions o;
  switch (v) {
    case Vendor::kJunos:
      // ASSUMPTION 20 ms: rpd queues the change for the kernel (KRT queue),
      // the kernel hands it to the PFE, the PFE programs the ASIC. Juniper
      // publishes throughput (PTX Express5 ~38k prefixes/s) but no per-update
      // latency; "tens of ms" is the usual order for one route.
      o.install_delay = Duration::milliseconds(20);
      // One next hop (chosen at random) unless a load-balance policy is
      // exported to the forwarding table; then up to maximum-ecmp (16).
      o.max_paths = 1;
      o.load_balance_max_paths = kJunosMaxEcmp;
      break;
    case Vendor::kBird:
      // ASSUMPTION 200 us: BIRD exports to the kernel protocol as soon as the
      // best route changes (scan time is only the periodic resync) and netlink
      // installs synchronously; the rest is BIRD's event loop.
      o.install_delay = Duration::microseconds(200);
      // `merge paths` is off by default; when on, its limit defaults to 16.
      // OSPF's own ECMP limit is 16 as well.
      o.max_paths = 16;
      o.load_balance_max_paths = 16;
      o.merge_paths = false;
      break;
    case Vendor::kFrr:
      // 10 ms: zebra queues every route from a daemon on its RIB work queue,
      // whose first run is held ZEBRA_RIB_PROCESS_HOLD_TIME (10 ms,
      // zebra/zebra_router.h; `zebra work-queue`); then the dplane thread and
      // netlink take well under a millisecond. Measured on FRR 8.4.4: 10.0 to
      // 10.4 ms from bgpd's "Tx route add" to the kernel (docs/validation.md).
      o.install_delay = Duration::milliseconds(10);
      // MULTIPATH_NUM of a default build (configure.ac).
      o.max_paths = 16;
      o.load_balance_max_paths = 16;
      break;
    case Vendor::kEos:
      // ASSUMPTION 10 ms: Rib agent -> FIB agent -> hardware programming.
      o.install_delay = Duration::milliseconds(10);
      // ASSUMPTION: all paths the RIB holds, up to a platform ECMP width of 128.
      o.max_paths = 128;
      o.load_balance_max_paths = 128;
      break;
    case Vendor::kLinux:
      // ASSUMPTION 100 us: `ip route` / netlink RTM_NEWROUTE is handled
      // synchronously by the kernel (fib_table_insert).
      o.install_delay = Duration::microseconds(100);
      // ASSUMPTION: the kernel has no small fixed limit on IPv4 multipath
      // next hops; 64 keeps groups bounded and is overridable.
      o.max_paths = 64;
      o.load_balance_max_paths = 64;
      break;
  }
  return o;
}

}  // namespace rib
