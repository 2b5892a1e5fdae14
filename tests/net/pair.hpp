// Fixtures for network tests.
//
//   Recorder: a packet receiver that records when each packet arrived, then
//             releases it.
//   Pair:     a:eth0 ---- b:eth0, 10 Gb/s, 1 us; a (Linux host, carrier
//             delay 0, with a loopback lo), b (Junos switch, carrier delay
//             10 ms); every interface event of each node recorded.
#pragma once

#include <utility>
#include <vector>

#include "models/net/network.hpp"

namespace net_test {

struct Recorder : net::PacketReceiver {
  net::Network* network = nullptr;
  std::vector<sim::Time> arrivals;
  void receive(net::InterfaceId, net::PacketId p) override {
    arrivals.push_back(network->simulator().now());
    network->deliver(p);
  }
};

struct Pair {
  sim::Simulator sim;
  net::Network network{sim, 7};
  net::NodeId a, b;
  net::InterfaceId a0, a_lo, b0;
  net::LinkId link;
  Recorder at_a, at_b;
  std::vector<std::pair<sim::Time, bool>> a_events, b_events;

  Pair() {
    a = network.add_node("a", net::NodeKind::kHost, vendor::Vendor::kLinux);
    b = network.add_node("b", net::NodeKind::kSwitch, vendor::Vendor::kJunos);
    a0 = network.add_interface(a, "eth0");
    a_lo = network.add_interface(a, "lo");
    b0 = network.add_interface(b, "eth0");
    net::LinkParams p;
    p.bandwidth_bps = 10'000'000'000;
    p.delay = sim::Duration::microseconds(1);
    link = network.connect(a0, b0, p);
    network.node(a).carrier_delay = sim::Duration::zero();
    network.node(b).carrier_delay = sim::Duration::milliseconds(10);
    at_a.network = at_b.network = &network;
    network.set_receiver(a, &at_a);
    network.set_receiver(b, &at_b);
    network.add_interface_listener(
        a, [this](net::InterfaceId, bool up) { a_events.emplace_back(sim.now(), up); });
    network.add_interface_listener(
        b, [this](net::InterfaceId, bool up) { b_events.emplace_back(sim.now(), up); });
  }
  void send(net::InterfaceId out) {
    net::Packet p;
    p.size_bytes = 1500;
    network.transmit(out, network.originate(p));
  }
  uint64_t dropped(net::DropReason r) const {
    return network.counters(false).dropped[static_cast<size_t>(r)];
  }
  static sim::Time at(sim::Duration d) { return sim::Time::zero() + d; }
};

}  // namespace net_test
