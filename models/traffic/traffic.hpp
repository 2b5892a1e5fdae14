// Traffic sources and per-flow accounting.
//
// A source sends UDP packets from one node to one address: constant bit rate
// or Poisson, spread round-robin over N flows (distinct 5-tuples: the source
// port is first_src_port + flow index). Each source draws from its own named
// random stream ("traffic:" + name), so adding a source changes no other
// source's packet times.
//
// Traffic watches every data packet end (net::PacketObserver) and keeps per
// flow: sent, delivered, dropped by reason, reordered (arrived with a lower
// sequence number than one already delivered on the flow, RFC 4737's
// "reordered" singleton), and one-way delay. Packets that belong to no flow
// are counted apart, so the flow totals can be checked against the
// network's counters at the end of a run.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "models/net/network.hpp"
#include "models/node/router.hpp"
#include "sim/engine/random.hpp"
#include "sim/engine/time.hpp"

namespace traffic {

enum class Pattern : uint8_t { kCbr, kPoisson };
std::string_view pattern_name(Pattern p);  // "cbr", "poisson"

inline constexpr uint16_t kFirstSourcePort = 49152;  // IANA dynamic range (RFC 6335)
inline constexpr uint32_t kMaxFlows = 65536 - kFirstSourcePort;

struct SourceConfig {
  std::string name;  // unique in a run: names the random stream and report rows
  net::NodeId node = net::kNone;
  net::Ipv4 src, dst;
  uint16_t dst_port = 5201;
  Pattern pattern = Pattern::kCbr;
  // Mean time between two packets of the source (all flows together), as the
  // exact fraction interval_num / interval_den picoseconds, so that a rate
  // such as 1000 bytes at 3 Mb/s (2.666... ms) does not drift.
  uint64_t interval_num = 0;
  uint64_t interval_den = 1;
  uint32_t packet_bytes = 1000;  // on the wire, IP header included
  uint32_t flows = 1;            // at most kMaxFlows
  sim::Time start;
  sim::Time stop = sim::Time::max();  // no packet is sent at or after stop
};

// The exact interval of c.packet_bytes-sized packets at `rate_bps` (so set
// packet_bytes first), or a fixed interval.
void set_rate(SourceConfig& c, uint64_t rate_bps);
void set_interval(SourceConfig& c, sim::Duration interval);

struct FlowStats {
  uint32_t source = 0;  // index into Traffic::sources()
  uint16_t src_port = 0;
  uint64_t sent = 0;
  uint64_t delivered = 0;
  std::array<uint64_t, static_cast<size_t>(net::DropReason::kCount)> dropped{};
  uint64_t reordered = 0;
  uint64_t highest_seq = 0;  // of the packets delivered, valid when delivered > 0
  double delay_sum_s = 0.0;
  sim::Duration delay_max;

  uint64_t lost() const;
  uint64_t in_flight() const { return sent - delivered - lost(); }
  double mean_delay_s() const {
    return delivered ? delay_sum_s / static_cast<double>(delivered) : 0.0;
  }
};

class Traffic : public net::PacketObserver {
 public:
  Traffic(net::Network& network, uint64_t run_seed);
  ~Traffic() override;
  Traffic(const Traffic&) = delete;
  Traffic& operator=(const Traffic&) = delete;

  // The router of config.node sends the packets; it must outlive the Traffic.
  void add_source(SourceConfig config, node::Router& router);
  // Schedules every source's first packet. Call once, before the run.
  void start();

  struct Source;
  size_t source_count() const { return sources_.size(); }
  const SourceConfig& source(size_t i) const;
  // The flows of source i are flows()[first_flow(i) .. first_flow(i) + flows).
  uint32_t first_flow(size_t i) const;
  const std::vector<FlowStats>& flows() const { return flows_; }
  // Everything sent by source i's flows, summed.
  FlowStats source_totals(size_t i) const;

  // Flow totals against the network's data counters: every flow packet
  // that ended is counted once in both. Empty when they agree.
  std::string check_accounting() const;

  void on_delivered(const net::Packet& p) override;
  void on_dropped(const net::Packet& p, net::DropReason reason) override;

 private:
  void send(Source& s);

  net::Network& network_;
  uint64_t run_seed_;
  std::vector<std::unique_ptr<Source>> sources_;
  std::vector<FlowStats> flows_;
  // Data packets of no flow (tests, future generators), to reconcile totals.
  net::PacketCounters other_;
};

}  // namespace traffic
