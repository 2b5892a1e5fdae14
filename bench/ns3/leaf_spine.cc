// The forwarding benchmark's leaf-spine (bench/leaf_spine_workload.hpp) in
// ns-3: point-to-point links, Ipv4GlobalRouting with RandomEcmpRouting=true
// (a uniform random pick among equal-cost routes per packet), UdpClient CBR
// sources and UdpServer sinks. One repetition per process (ns-3 keeps global
// state across runs); bench/README.md runs it several times.
//
//   ns3_leaf_spine [--ms=N] [--gbps=R] [--qdisc=1]
//
// mhsim queues drop-tail in the interface, so by default the traffic-control
// layer's queue disc (ns-3's default FqCoDel) is removed and packets wait in
// the device's DropTail queue; --qdisc=1 keeps ns-3's default.
//
// Counts packet-hops as mhsim does: one per packet handed to a link
// (PointToPointNetDevice PhyTxBegin). Only Simulator::Run() is timed.
#include <chrono>
#include <cstdio>
#include <string>

#include "bench/leaf_spine_workload.hpp"
#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/traffic-control-module.h"

using namespace ns3;

namespace {

uint64_t g_hops = 0;
void on_tx(Ptr<const Packet>) { ++g_hops; }

std::string dotted(int a, int b, int c, int d) {
  return std::to_string(a) + "." + std::to_string(b) + "." + std::to_string(c) + "." +
         std::to_string(d);
}

}  // namespace

int main(int argc, char** argv) {
  uint32_t ms = 50;
  double gbps = 1.0;
  CommandLine cmd;
  cmd.AddValue("ms", "milliseconds of traffic", ms);
  cmd.AddValue("gbps", "rate of each host's CBR stream, Gb/s", gbps);
  bool qdisc = false;
  cmd.AddValue("qdisc", "keep ns-3's default queue disc (FqCoDel) on every device", qdisc);
  cmd.Parse(argc, argv);

  Config::SetDefault("ns3::Ipv4GlobalRouting::RandomEcmpRouting", BooleanValue(true));

  NodeContainer spines, leaves, hosts;
  spines.Create(bench::kSpines);
  leaves.Create(bench::kLeaves);
  hosts.Create(bench::kHosts);
  InternetStackHelper stack;
  stack.Install(spines);
  stack.Install(leaves);
  stack.Install(hosts);

  PointToPointHelper p2p;
  p2p.SetDeviceAttribute("DataRate", DataRateValue(DataRate(bench::kLinkBps)));
  p2p.SetChannelAttribute("Delay", TimeValue(NanoSeconds(bench::kLinkDelayNs)));
  Ipv4AddressHelper addresses;
  // Spine s and leaf l on 172.16.s.(4l)/30; host (l, h) on 10.(l+1).h.0/30, leaf .1, host .2.
  for (int s = 0; s < bench::kSpines; ++s)
    for (int l = 0; l < bench::kLeaves; ++l) {
      NetDeviceContainer d = p2p.Install(spines.Get(s), leaves.Get(l));
      addresses.SetBase(dotted(172, 16, s, 4 * l).c_str(), "255.255.255.252");
      addresses.Assign(d);  // installs the default queue disc
      if (!qdisc) TrafficControlHelper().Uninstall(d);
    }
  for (int l = 0; l < bench::kLeaves; ++l)
    for (int h = 0; h < bench::kHostsPerLeaf; ++h) {
      NetDeviceContainer d = p2p.Install(leaves.Get(l), hosts.Get(l * bench::kHostsPerLeaf + h));
      addresses.SetBase(dotted(10, l + 1, h, 0).c_str(), "255.255.255.252");
      addresses.Assign(d);
      if (!qdisc) TrafficControlHelper().Uninstall(d);
    }
  Ipv4GlobalRoutingHelper::PopulateRoutingTables();

  const uint16_t port = 9;
  UdpServerHelper server(port);
  ApplicationContainer sinks = server.Install(hosts);
  sinks.Start(Seconds(0));
  const Time start = NanoSeconds(bench::kStartNs);
  const Time traffic = MilliSeconds(ms);
  // 1000-byte IP packets: 972 bytes of UDP payload (SeqTs header included) + 8 + 20.
  const uint32_t payload = bench::kPacketBytes - 28;
  const Time interval =
      PicoSeconds(static_cast<int64_t>(bench::kPacketBytes * 8 * 1e12 / (gbps * 1e9)));
  for (const bench::Pair& pr : bench::traffic_pairs()) {
    UdpClientHelper client(Ipv4Address(dotted(10, pr.dst_leaf + 1, pr.dst_host, 2).c_str()), port);
    client.SetAttribute("MaxPackets", UintegerValue(0xFFFFFFFFu));
    client.SetAttribute("Interval", TimeValue(interval));
    client.SetAttribute("PacketSize", UintegerValue(payload));
    ApplicationContainer app =
        client.Install(hosts.Get(pr.src_leaf * bench::kHostsPerLeaf + pr.src_host));
    app.Start(start);
    app.Stop(start + traffic);
  }
  Config::ConnectWithoutContext("/NodeList/*/DeviceList/*/$ns3::PointToPointNetDevice/PhyTxBegin",
                                MakeCallback(&on_tx));

  Simulator::Stop(start + traffic + MicroSeconds(100));
  const auto t0 = std::chrono::steady_clock::now();
  Simulator::Run();
  const auto t1 = std::chrono::steady_clock::now();
  const double wall = std::chrono::duration<double>(t1 - t0).count();
  uint64_t received = 0;
  for (uint32_t i = 0; i < sinks.GetN(); ++i)
    received += DynamicCast<UdpServer>(sinks.Get(i))->GetReceived();
  std::printf(
      "ns-3 %s leaf-spine, RandomEcmpRouting, %s, %u ms of traffic at %.3g Gb/s per host: "
      "%llu packet-hops in %.3f s wall: %.2f M packet-hops/s (received %llu)\n",
      "3.37", qdisc ? "FqCoDel queue disc" : "DropTail device queues", ms, gbps,
      static_cast<unsigned long long>(g_hops), wall, static_cast<double>(g_hops) / wall / 1e6,
      static_cast<unsigned long long>(received));
  Simulator::Destroy();
  return 0;
}
