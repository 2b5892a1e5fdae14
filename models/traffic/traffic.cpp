#include "models/traffic/traffic.hpp"

#include <stdexcept>

namespace traffic {

// Wide enough for packet index x interval numerator; the extension keeps -Wpedantic quiet.
__extension__ typedef unsigned __int128 u128;

std::string_view pattern_name(Pattern p) {
  switch (p) {
    case Pattern::kCbr:
      return "cbr";
    case Pattern::kPoisson:
      return "poisson";
  }
  return "?";
}

void set_rate(SourceConfig& c, uint64_t rate_bps) {
  c.interval_num = uint64_t{c.packet_bytes} * 8u * 1'000'000'000'000u;
  c.interval_den = rate_bps;
}

void set_interval(SourceConfig& c, sim::Duration interval) {
  c.interval_num = static_cast<uint64_t>(interval.ps());
  c.interval_den = 1;
}

uint64_t FlowStats::lost() const {
  uint64_t n = 0;
  for (uint64_t d : dropped) n += d;
  return n;
}

struct Traffic::Source {
  Source(Traffic& t, SourceConfig c, node::Router& r, uint32_t first)
      : owner(&t),
        config(std::move(c)),
        router(&r),
        rng(t.run_seed_, "traffic:" + config.name),
        first_flow(first) {}

  Traffic* owner;
  SourceConfig config;
  node::Router* router;
  sim::RandomStream rng;
  uint32_t first_flow;
  uint64_t packets = 0;  // sent so far
  sim::Time next;        // when the next packet goes
};

Traffic::Traffic(net::Network& network, uint64_t run_seed)
    : network_(network), run_seed_(run_seed) {
  network_.add_observer(this);
}

Traffic::~Traffic() { network_.remove_observer(this); }

void Traffic::add_source(SourceConfig config, node::Router& router) {
  if (config.flows == 0 || config.flows > kMaxFlows)
    throw std::invalid_argument("traffic source '" + config.name + "': flows must be 1 to " +
                                std::to_string(kMaxFlows));
  if (config.interval_num == 0 || config.interval_den == 0)
    throw std::invalid_argument("traffic source '" + config.name + "': no rate or interval");
  const uint32_t first = static_cast<uint32_t>(flows_.size());
  const uint32_t index = static_cast<uint32_t>(sources_.size());
  for (uint32_t f = 0; f < config.flows; ++f) {
    FlowStats s;
    s.source = index;
    s.src_port = static_cast<uint16_t>(kFirstSourcePort + f);
    flows_.push_back(s);
  }
  sources_.push_back(std::make_unique<Source>(*this, std::move(config), router, first));
}

void Traffic::start() {
  sim::Simulator& sim = network_.simulator();
  for (auto& s : sources_) {
    s->config.start = std::max(s->config.start, sim.now());  // CBR times count from here
    s->next = s->config.start;
    if (s->next >= s->config.stop) continue;
    sim.schedule_at(s->next, [src = s.get()] { src->owner->send(*src); });
  }
}

const SourceConfig& Traffic::source(size_t i) const { return sources_[i]->config; }
uint32_t Traffic::first_flow(size_t i) const { return sources_[i]->first_flow; }

void Traffic::send(Source& s) {
  const SourceConfig& c = s.config;
  const uint32_t local = static_cast<uint32_t>(s.packets % c.flows);
  FlowStats& flow = flows_[s.first_flow + local];
  net::Packet p;
  p.src = c.src;
  p.dst = c.dst;
  p.proto = net::IpProto::kUdp;
  p.src_port = flow.src_port;
  p.dst_port = c.dst_port;
  p.size_bytes = c.packet_bytes;
  p.flow = s.first_flow + local;
  p.seq = flow.sent++;
  p.created = network_.simulator().now();
  ++s.packets;
  s.router->send(network_.originate(p));

  // CBR: packet k goes at start + k * interval exactly, so there is no
  // rounding drift; Poisson: exponential gaps with the same mean.
  if (c.pattern == Pattern::kCbr) {
    const u128 offset = static_cast<u128>(s.packets) * c.interval_num / c.interval_den;
    s.next = c.start + sim::Duration::picoseconds(static_cast<int64_t>(offset));
  } else {
    const sim::Duration mean = sim::Duration::picoseconds(
        static_cast<int64_t>((c.interval_num + c.interval_den / 2) / c.interval_den));
    s.next = s.next + s.rng.exponential(mean);
  }
  if (s.next >= c.stop) return;
  network_.simulator().schedule_at(s.next, [src = &s] { src->owner->send(*src); });
}

FlowStats Traffic::source_totals(size_t i) const {
  FlowStats t;
  t.source = static_cast<uint32_t>(i);
  const uint32_t first = sources_[i]->first_flow;
  for (uint32_t f = first; f < first + sources_[i]->config.flows; ++f) {
    const FlowStats& s = flows_[f];
    t.sent += s.sent;
    t.delivered += s.delivered;
    for (size_t r = 0; r < t.dropped.size(); ++r) t.dropped[r] += s.dropped[r];
    t.reordered += s.reordered;
    t.delay_sum_s += s.delay_sum_s;
    t.delay_max = std::max(t.delay_max, s.delay_max);
  }
  return t;
}

void Traffic::on_delivered(const net::Packet& p) {
  if (p.flow >= flows_.size()) {
    ++other_.delivered;
    return;
  }
  FlowStats& f = flows_[p.flow];
  const sim::Duration delay = network_.simulator().now() - p.created;
  if (f.delivered > 0 && p.seq < f.highest_seq)
    ++f.reordered;
  else
    f.highest_seq = p.seq;
  ++f.delivered;
  f.delay_sum_s += delay.seconds_f();
  f.delay_max = std::max(f.delay_max, delay);
}

void Traffic::on_dropped(const net::Packet& p, net::DropReason reason) {
  if (p.flow >= flows_.size()) {
    ++other_.dropped[static_cast<size_t>(reason)];
    return;
  }
  ++flows_[p.flow].dropped[static_cast<size_t>(reason)];
}

std::string Traffic::check_accounting() const {
  const net::PacketCounters& data = network_.counters(false);
  uint64_t sent = 0, delivered = other_.delivered;
  auto dropped = other_.dropped;
  for (const FlowStats& f : flows_) {
    if (f.delivered + f.lost() > f.sent)
      return "a flow of traffic source '" + sources_[f.source]->config.name + "' ended " +
             std::to_string(f.delivered + f.lost()) + " packets but sent " + std::to_string(f.sent);
    sent += f.sent;
    delivered += f.delivered;
    for (size_t r = 0; r < dropped.size(); ++r) dropped[r] += f.dropped[r];
  }
  if (sent > data.sent)
    return "traffic flows sent " + std::to_string(sent) + " packets, the network counted " +
           std::to_string(data.sent);
  if (delivered != data.delivered)
    return "traffic counted " + std::to_string(delivered) +
           " data packets delivered, the network " + std::to_string(data.delivered);
  for (size_t r = 0; r < dropped.size(); ++r)
    if (dropped[r] != data.dropped[r])
      return "traffic counted " + std::to_string(dropped[r]) + " data packets dropped as " +
             std::string(net::drop_reason_name(static_cast<net::DropReason>(r))) +
             ", the network " + std::to_string(data.dropped[r]);
  return "";
}

}  // namespace traffic
