// Forwarding speed: packet-hops per second of wall time on a leaf-spine
// (bench/leaf_spine_workload.hpp), built in code with static routes.
//
//   mhsim_forwarding_bench [--ms N] [--reps N] [--gbps R] [--mode
//   per-packet-random|per-flow|l3|per-packet-rr]
//
// A packet-hop is one packet handed to one link (a link transmission), the
// unit bench/ns3/leaf_spine.cc counts too. Only the run is timed, not the
// building; each repetition builds a fresh network; the median is reported.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "bench/leaf_spine_workload.hpp"
#include "models/node/router.hpp"
#include "models/rib/fib_options.hpp"
#include "models/traffic/traffic.hpp"

namespace {

using bench::kHostsPerLeaf;
using bench::kLeaves;
using bench::kSpines;

net::Ipv4 ip(uint32_t a, uint32_t b, uint32_t c, uint32_t d) {
  return net::Ipv4{(a << 24) | (b << 16) | (c << 8) | d};
}
net::InterfaceAddress addr31(net::Ipv4 a) { return net::InterfaceAddress{a, 31}; }

// Addressing: host (l, h) sits on 10.(l+1).h.0/31 (leaf .0, host .1); spine
// s and leaf l meet on 172.16.s.(2l)/31 (spine even, leaf odd).
struct Fabric {
  sim::Simulator sim;
  net::Network network{sim, 1};
  std::vector<std::unique_ptr<node::Router>> routers;
  std::unique_ptr<traffic::Traffic> traffic;
  std::vector<net::NodeId> spines, leaves, hosts;  // hosts by l * kHostsPerLeaf + h

  Fabric(node::EcmpMode mode, uint64_t host_bps, sim::Duration traffic_time) {
    net::LinkParams p;
    p.bandwidth_bps = bench::kLinkBps;
    p.delay = sim::Duration::nanoseconds(bench::kLinkDelayNs);
    for (int s = 0; s < kSpines; ++s)
      spines.push_back(network.add_node("spine" + std::to_string(s), net::NodeKind::kSwitch,
                                        vendor::Vendor::kLinux));
    for (int l = 0; l < kLeaves; ++l)
      leaves.push_back(network.add_node("leaf" + std::to_string(l), net::NodeKind::kSwitch,
                                        vendor::Vendor::kLinux));
    for (int l = 0; l < kLeaves; ++l)
      for (int h = 0; h < kHostsPerLeaf; ++h)
        hosts.push_back(network.add_node("h" + std::to_string(l) + "-" + std::to_string(h),
                                         net::NodeKind::kHost, vendor::Vendor::kLinux));
    auto connect = [&](net::NodeId a, net::Ipv4 aa, net::NodeId b, net::Ipv4 ba) {
      const net::InterfaceId ia =
          network.add_interface(a, "eth" + std::to_string(network.node(a).interfaces.size()));
      const net::InterfaceId ib =
          network.add_interface(b, "eth" + std::to_string(network.node(b).interfaces.size()));
      network.add_address(ia, addr31(aa));
      network.add_address(ib, addr31(ba));
      network.connect(ia, ib, p);
    };
    for (int s = 0; s < kSpines; ++s)
      for (int l = 0; l < kLeaves; ++l)
        connect(spines[s], ip(172, 16, s, 2 * l), leaves[l], ip(172, 16, s, 2 * l + 1));
    for (int l = 0; l < kLeaves; ++l)
      for (int h = 0; h < kHostsPerLeaf; ++h)
        connect(leaves[l], ip(10, l + 1, h, 0), hosts[l * kHostsPerLeaf + h], ip(10, l + 1, h, 1));

    routers.resize(network.nodes().size());
    for (const net::Node& n : network.nodes()) {
      rib::FibOptions o = rib::fib_defaults(n.vendor);
      o.install_delay = sim::Duration::zero();
      routers[n.id] = std::make_unique<node::Router>(network, n.id, o);
      routers[n.id]->forwarder().set_ecmp(node::EcmpConfig{mode, node::mix64(n.id)});
    }
    // The same tables global routing gives ns-3: one route per remote host
    // subnet, over all spines at a leaf, to the one leaf at a spine.
    for (int l = 0; l < kLeaves; ++l)
      for (int h = 0; h < kHostsPerLeaf; ++h) {
        const net::Prefix subnet{ip(10, l + 1, h, 0), 31};
        for (int s = 0; s < kSpines; ++s)
          routers[spines[s]]->add_static_route(
              node::StaticRoute{subnet, {ip(172, 16, s, 2 * l + 1)}, {}});
        for (int m = 0; m < kLeaves; ++m) {
          if (m == l) continue;
          node::StaticRoute r{subnet, {}, {}};
          for (int s = 0; s < kSpines; ++s) r.via.push_back(ip(172, 16, s, 2 * m));
          routers[leaves[m]]->add_static_route(r);
        }
        routers[hosts[l * kHostsPerLeaf + h]]->add_static_route(
            node::StaticRoute{net::Prefix{net::Ipv4{0}, 0}, {ip(10, l + 1, h, 0)}, {}});
      }

    traffic = std::make_unique<traffic::Traffic>(network, 1);
    for (const bench::Pair& pr : bench::traffic_pairs()) {
      traffic::SourceConfig c;
      c.name = "h" + std::to_string(pr.src_leaf) + "-" + std::to_string(pr.src_host);
      c.node = hosts[pr.src_leaf * kHostsPerLeaf + pr.src_host];
      c.src = ip(10, pr.src_leaf + 1, pr.src_host, 1);
      c.dst = ip(10, pr.dst_leaf + 1, pr.dst_host, 1);
      c.packet_bytes = bench::kPacketBytes;
      traffic::set_rate(c, host_bps);
      c.start = sim::Time::zero() + sim::Duration::nanoseconds(bench::kStartNs);
      c.stop = c.start + traffic_time;
      traffic->add_source(c, *routers[c.node]);
    }
    for (auto& r : routers) r->start();
    traffic->start();
  }

  uint64_t hops() const {
    uint64_t n = 0;
    for (net::LinkId l = 0; l < network.link_count(); ++l)
      n += network.link_stats(l, 0).packets + network.link_stats(l, 1).packets;
    return n;
  }
};

struct Result {
  double wall_s;
  uint64_t hops, events, delivered, dropped;
};

Result run_once(node::EcmpMode mode, uint64_t host_bps, sim::Duration traffic_time) {
  Fabric f(mode, host_bps, traffic_time);
  // Until the last packet has arrived: a few microseconds after the last send.
  const sim::Time end = sim::Time::zero() + sim::Duration::nanoseconds(bench::kStartNs) +
                        traffic_time + sim::Duration::microseconds(100);
  const auto t0 = std::chrono::steady_clock::now();
  f.sim.run_until(end);
  const auto t1 = std::chrono::steady_clock::now();
  const net::PacketCounters& c = f.network.counters(false);
  if (const std::string broken = f.network.check_accounting() + f.traffic->check_accounting();
      !broken.empty()) {
    std::fprintf(stderr, "accounting broken: %s\n", broken.c_str());
    std::exit(70);
  }
  return Result{std::chrono::duration<double>(t1 - t0).count(), f.hops(), f.sim.events_executed(),
                c.delivered, c.dropped_total()};
}

}  // namespace

int main(int argc, char** argv) {
  int64_t ms = 50;
  int reps = 5;
  double gbps = 1.0;
  node::EcmpMode mode = node::EcmpMode::kPerPacketRandom;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string key = argv[i], value = argv[i + 1];
    if (key == "--ms")
      ms = std::atoll(value.c_str());
    else if (key == "--reps")
      reps = std::atoi(value.c_str());
    else if (key == "--gbps")
      gbps = std::atof(value.c_str());
    else if (key == "--mode" && node::parse_ecmp_mode(value))
      mode = *node::parse_ecmp_mode(value);
    else {
      std::fprintf(stderr, "usage: %s [--ms N] [--reps N] [--gbps R] [--mode MODE]\n", argv[0]);
      return 2;
    }
  }
  const uint64_t host_bps = static_cast<uint64_t>(gbps * 1e9);
  std::printf(
      "mhsim leaf-spine %d spines x %d leaves x %d hosts, 10 Gb/s links, %d hosts CBR %.3g Gb/s "
      "to a host on another leaf, %s ECMP, %lld ms of traffic\n",
      kSpines, kLeaves, kHostsPerLeaf, bench::kHosts, gbps,
      std::string(node::ecmp_mode_name(mode)).c_str(), static_cast<long long>(ms));
  std::vector<double> rates;
  for (int r = 0; r < reps; ++r) {
    const Result res = run_once(mode, host_bps, sim::Duration::milliseconds(ms));
    rates.push_back(static_cast<double>(res.hops) / res.wall_s);
    std::printf(
        "  rep %d: %llu packet-hops, %llu events in %.3f s wall: %.2f M packet-hops/s "
        "(delivered %llu, dropped %llu)\n",
        r + 1, static_cast<unsigned long long>(res.hops),
        static_cast<unsigned long long>(res.events), res.wall_s, rates.back() / 1e6,
        static_cast<unsigned long long>(res.delivered),
        static_cast<unsigned long long>(res.dropped));
  }
  std::sort(rates.begin(), rates.end());
  std::printf("median: %.2f M packet-hops/s\n", rates[rates.size() / 2] / 1e6);
  return 0;
}
